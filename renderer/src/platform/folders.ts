/**
 * Choosing a folder on this computer (a USB stick for a backup copy): Electron's folder dialog
 * through the main process (shell.chooseFolder); a browser (the web host) cannot hand a folder's
 * path to the page, so there the person types or pastes it.
 */
import { CHOOSE_FOLDER_METHOD, chooseFolderOutput } from '../../../shared/ipc/shell';

export function canChooseFolder(): boolean {
  return window.bridge !== undefined;
}

/** The chosen folder, or null when the person cancelled (or there is no dialog: the web host). */
export async function chooseFolder(title: string): Promise<string | null> {
  const bridge = window.bridge;
  if (!bridge) return null;
  const result = await bridge.invoke(CHOOSE_FOLDER_METHOD, { title });
  if (!result.ok) throw new Error(result.error.message);
  return chooseFolderOutput.parse(result.value).folder;
}
