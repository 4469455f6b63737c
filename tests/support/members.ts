/**
 * The office's whole members list, for tests that check office-wide answers (members.page, the
 * province's unknown columns) against an oracle. members.list answers one organisation (issue 16:
 * no list sends the office's 135,716 members whole), so the whole list here is every organisation's
 * list (each organisation massOrgs.list knows, asked with the same filter), in the order the
 * office-wide list had: Vietnamese order of names, then id.
 */
import type { MemberOrgRefDto } from '../../shared/ipc/contracts/mass-orgs.contract';
import { EMPTY_FILTER, type ListFilter } from '../../shared/domain/registries';
import { decodeMemberColumns, type MemberRow } from '../../shared/domain/mass-org-members-list';
import { compareVietnamese } from '../../shared/lib/text';
import type { TestBackend } from './backend';

export async function officeMembers(
  t: TestBackend,
  filter: Partial<ListFilter> = {},
): Promise<{ orgs: MemberOrgRefDto[]; rows: MemberRow[] }> {
  const orgs: MemberOrgRefDto[] = [];
  const rows: MemberRow[] = [];
  for (const o of (await t.call('massOrgs.list', { ...EMPTY_FILTER })).rows) {
    const out = await t.call('members.list', { ...EMPTY_FILTER, ...filter, massOrgId: o.id });
    orgs.push(...out.orgs);
    rows.push(...decodeMemberColumns(out));
  }
  rows.sort((a, b) => compareVietnamese(a.fullName ?? '', b.fullName ?? '') || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return { orgs, rows };
}
