// expect: handlers-call-services
import { listStub } from '../repos/stub.repo';

export const probe = listStub;
