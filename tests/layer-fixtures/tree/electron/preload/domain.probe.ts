// expect: preload-only-contract
import { UNIT_LEVELS } from '../../shared/domain/units';

export const probe = UNIT_LEVELS;
