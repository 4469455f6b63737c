// expect: services-below-handlers
import { stubHandlers } from '../handlers/stub.handlers';

export const probe = stubHandlers;
