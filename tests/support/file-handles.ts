/** Open file descriptors of the test process (tests that check a connection or a worker let go of a file). */
import fs from 'node:fs';

/** Descriptors of this process open on `file` (Linux: /proc/self/fd); null where /proc is absent. */
export function handlesOn(file: string): number | null {
  if (!fs.existsSync('/proc/self/fd')) return null;
  const real = fs.realpathSync(file);
  let n = 0;
  for (const fd of fs.readdirSync('/proc/self/fd')) {
    try {
      if (fs.readlinkSync(`/proc/self/fd/${fd}`) === real) n++;
    } catch {
      // closed while listing
    }
  }
  return n;
}
