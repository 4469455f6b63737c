/**
 * The preload: the only bridge between the sandboxed page and the main process. It exposes exactly
 * `window.bridge.invoke(method, input)` and nothing else: no raw ipcRenderer (which would let the
 * page send on any channel and listen to anything), no Node, no other channel. Which methods exist
 * and what input they take is checked in the main process (sender check) and the backend dispatch
 * (contract), never trusted from here.
 *
 * Imports: only 'electron' and shared/ipc (architecture.md §1): the Bridge type and its channel are
 * declared once in shared/ipc/bridge.ts. Bundled to CommonJS because sandboxed preloads cannot load
 * ES modules.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { BRIDGE_CHANNEL, BRIDGE_GLOBAL, type Bridge } from '../../shared/ipc/bridge';
import type { Result } from '../../shared/ipc/errors';

const bridge = {
  invoke(method: string, input: unknown): Promise<Result<unknown>> {
    // Exactly two arguments are sent, whatever the page passes, so nothing else can ride along.
    return ipcRenderer.invoke(BRIDGE_CHANNEL, method, input) as Promise<Result<unknown>>;
  },
} satisfies Bridge;

contextBridge.exposeInMainWorld(BRIDGE_GLOBAL, bridge);
