/**
 * The Electron bridge: the one object the preload exposes to the page (`window.bridge`) and the one
 * IPC channel it uses. Declared once here, so the preload (`satisfies Bridge`), the main process's
 * handler (electron/main/ipc.ts) and the renderer's transport cannot drift apart.
 */
import type { Result } from './errors';

/** The only channel between the page and the main process. */
export const BRIDGE_CHANNEL = 'bridge:invoke';

/** The name under which the preload exposes the bridge on `window`. */
export const BRIDGE_GLOBAL = 'bridge';

export interface Bridge {
  /** Calls a contract method; the main process checks the sender, the backend checks the input. */
  invoke(method: string, input: unknown): Promise<Result<unknown>>;
}
