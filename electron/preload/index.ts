/**
 * The preload: the only bridge between the sandboxed page and the main process. It exposes exactly
 * `window.bridge.invoke(method, input)` and nothing else: no raw ipcRenderer (which would let the
 * page send on any channel and listen to anything), no Node, no other channel. Which methods exist
 * and what input they take is checked in the main process (sender check) and the backend dispatch
 * (contract), never trusted from here.
 *
 * Imports: only 'electron' and types from shared/ipc (architecture.md §1). Bundled to CommonJS
 * because sandboxed preloads cannot load ES modules.
 */
import { contextBridge, ipcRenderer } from 'electron';
import type { Result } from '../../shared/ipc/errors';

/** Must equal IPC_CHANNEL in electron/main/ipc.ts (a unit test compares the two). */
const CHANNEL = 'bridge:invoke';

const bridge = {
  invoke(method: string, input: unknown): Promise<Result<unknown>> {
    // Exactly two arguments are sent, whatever the page passes, so nothing else can ride along.
    return ipcRenderer.invoke(CHANNEL, method, input) as Promise<Result<unknown>>;
  },
};

contextBridge.exposeInMainWorld('bridge', bridge);
