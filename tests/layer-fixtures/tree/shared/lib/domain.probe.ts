// expect: shared-lib-is-bottom
import { UNIT_LEVELS } from '../domain/units';

export const probe = UNIT_LEVELS;
