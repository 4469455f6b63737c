// expect: shared-domain-not-ipc
import { contract } from '../ipc/contract';

export const probe = contract;
