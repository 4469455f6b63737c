/**
 * Command-line options of the desktop app. Only one exists: `--data-dir=PATH` / `--data-dir PATH`,
 * which points the app at another data folder (tests, a second office on the same machine, a copy
 * on a USB disk). Pure, so it is tested without Electron; CLI input is validated like any other
 * crossing (architecture.md §7.3), with a Vietnamese message for the error dialog.
 */
import * as path from 'node:path';

export const DATA_DIR_FLAG = '--data-dir';

export type ParsedArgs = { ok: true; dataDir: string | null } | { ok: false; message: string };

const MISSING_VALUE = 'Tham số --data-dir cần một đường dẫn thư mục, ví dụ: --data-dir="D:\\DuLieuANTQ".';

/**
 * Reads `--data-dir` from the whole argv. The executable (and, in development, the script path)
 * come first and never look like the flag, so scanning everything works both for a packaged app
 * (`[exe, ...args]`) and for `electron main.cjs ...args`. Scanning stops at `--`, after which
 * nothing is an option. When the flag is repeated the last one wins, as in most CLIs. A relative
 * path is made absolute against `cwd`, because the app may change its own working directory.
 */
export function parseArgs(argv: readonly string[], cwd: string): ParsedArgs {
  let value: string | null = null;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === undefined || arg === '--') break;
    if (arg === DATA_DIR_FLAG) {
      const next = argv[i + 1];
      // A following option is not a path: `--data-dir --foo` is a forgotten value, not a folder.
      if (next === undefined || next.startsWith('--')) return { ok: false, message: MISSING_VALUE };
      value = next;
      i++;
    } else if (arg.startsWith(`${DATA_DIR_FLAG}=`)) {
      value = arg.slice(DATA_DIR_FLAG.length + 1);
    } else {
      continue;
    }
    if (value.trim() === '') return { ok: false, message: MISSING_VALUE };
  }
  return { ok: true, dataDir: value === null ? null : path.resolve(cwd, value) };
}
