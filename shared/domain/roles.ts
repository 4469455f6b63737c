/**
 * The four roles of an account (issue 15 item 1). Pure data: which role may call which contract
 * method is declared per method in shared/ipc/access.ts and enforced by dispatch.
 */
export const ROLES = ['quan_tri', 'lanh_dao', 'can_bo', 'chi_xem'] as const;
export type Role = (typeof ROLES)[number];

/** The roles' names as the office says them. */
export const ROLE_LABELS: Readonly<Record<Role, string>> = {
  quan_tri: 'Quản trị',
  lanh_dao: 'Lãnh đạo',
  can_bo: 'Cán bộ',
  chi_xem: 'Chỉ xem',
};

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}
