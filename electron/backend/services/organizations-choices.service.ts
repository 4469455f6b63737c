/**
 * organizations.choices and organizations.choicesByIds: what an organisation picker receives (issue
 * 16: no list sends more than a screen plus a page). A picker asks for what the person typed, at
 * most 50 names, and for its current value by id; never the whole registry (7,8 MB at 8,000).
 */
import type { ServiceContext } from '../context';
import type { MethodOutput, ParsedInput } from '../../../shared/ipc/contract';
import type { OrgChoiceDto } from '../../../shared/ipc/contracts/organizations.contract';
import { AppError } from '../errors';
import { orgChoicesByIds, queryOrgChoices, type OrgChoiceRow } from '../repos/organizations.repo';
import { findUnit } from '../repos/units.repo';
import { foldVietnamese } from '../../../shared/lib/text';

function toChoice(r: OrgChoiceRow): OrgChoiceDto {
  return { id: r.id, name: r.name, unitId: r.unit_id, unitName: r.unit_name ?? '', validTo: r.valid_to };
}

export async function orgChoices(
  ctx: ServiceContext,
  input: ParsedInput<'organizations.choices'>,
): Promise<MethodOutput<'organizations.choices'>> {
  if (input.unitId !== null && !(await findUnit(ctx.db, input.unitId))) {
    throw new AppError('NOT_FOUND', 'Không tìm thấy đơn vị dùng để lọc (có thể đã bị xóa).');
  }
  const words = foldVietnamese(input.search)
    .split(' ')
    .filter((w) => w.length > 0);
  // One more than asked tells whether more match, without counting them.
  const rows = await queryOrgChoices(ctx.db, { unitId: input.unitId, unitOnly: input.unitOnly, words, limit: input.limit + 1 });
  return { rows: rows.slice(0, input.limit).map(toChoice), more: rows.length > input.limit };
}

export async function orgChoicesOf(
  ctx: ServiceContext,
  input: ParsedInput<'organizations.choicesByIds'>,
): Promise<MethodOutput<'organizations.choicesByIds'>> {
  const byId = new Map((await orgChoicesByIds(ctx.db, input.ids)).map((r) => [r.id, toChoice(r)]));
  // In the order asked; an id that is not (or no longer) a live organisation is left out.
  return input.ids.flatMap((id) => {
    const c = byId.get(id);
    return c ? [c] : [];
  });
}
