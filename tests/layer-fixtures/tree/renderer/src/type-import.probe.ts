// expect: renderer-only-shared
// A type-only import is still a dependency on the backend.
import type { Stub } from '../../electron/backend/db/schema';

export const probe: Stub | null = null;
