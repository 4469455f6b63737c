// expect: shared-no-node-builtins, shared-is-pure
import path from 'node:path';

export const probe = path.sep;
