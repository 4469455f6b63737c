/**
 * The accounts e2e tests log in with. ADMIN is the Quản trị account the set-up creates (through the
 * wizard in SetupPage, through the API in support/api.ts ensureSession); the others are added by
 * tests that need a role (createAccount).
 */
import type { Role } from '../../../shared/domain/roles';

export interface Credentials {
  username: string;
  displayName: string;
  password: string;
}

export const ADMIN = { username: 'quantri', displayName: 'Trần Văn Quản', password: 'QuanTri2026!' } as const satisfies Credentials;

/** One account per role besides Quản trị, with a password that meets the rule. */
export const ROLE_ACCOUNTS = {
  lanh_dao: { username: 'lanhdao', displayName: 'Lê Thị Lãnh', password: 'LanhDao2026!' },
  can_bo: { username: 'canbo', displayName: 'Phạm Văn Cán', password: 'CanBo2026!!' },
  chi_xem: { username: 'chixem', displayName: 'Hoàng Thị Xem', password: 'ChiXem2026!' },
} as const satisfies Record<Exclude<Role, 'quan_tri'>, Credentials>;
