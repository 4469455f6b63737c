/** The shapes the auth screens share, from the contract (shared/ipc/contracts/auth.contract.ts). */
import type { AccountDto, SessionDto } from '../../../../shared/ipc/contracts/auth.contract';
import type { Role } from '../../../../shared/domain/roles';

export type AccountRow = AccountDto;
export type SessionUser = SessionDto;

/** Whose session the lock screen unlocks (the role is known only while the session was open here). */
export interface StatusUser {
  username: string;
  displayName: string;
  role?: Role | undefined;
}
