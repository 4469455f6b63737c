// expect: nothing-imports-renderer
import { model } from '../../../renderer/src/model';

export const probe = model;
