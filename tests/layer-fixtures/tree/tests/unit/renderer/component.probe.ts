// expect: renderer-tests-pure-modules
import { Stub } from '../../../renderer/src/Stub';

export const probe = Stub;
