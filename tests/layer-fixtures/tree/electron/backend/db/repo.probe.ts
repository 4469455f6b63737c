// expect: db-is-bottom
import { listStub } from '../repos/stub.repo';

export const probe = listStub;
