// expect: pass
// The preload may use the contract.
import { contract } from '../../shared/ipc/contract';

export const probe = contract;
