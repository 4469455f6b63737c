/**
 * massOrgs.choices: what a choice cell of mass organisations receives (the entry grid's mediation
 * team column; issue 16: no list sends more than a screen plus a page — the 1,044 teams of a province
 * were 243 KB sent whole when a mediations grid opened). The cell asks for what the person typed and
 * gets at most one page, ranked exactly as its type-ahead ranked the whole list: the same labels
 * (the name, with the unit's name where the kind has another organisation of that name), the same
 * order of the list (Vietnamese order of names, then id: massOrgs.list's), the same scoring
 * (ChoiceIndex). So the first choices of any typed text are those the whole list gave, and the cell
 * reads and saves the same organisation.
 */
import type { ServiceContext } from '../context';
import type { MethodOutput, ParsedInput } from '../../../shared/ipc/contract';
import type { MassOrgChoiceDto } from '../../../shared/ipc/contracts/mass-orgs.contract';
import { orgChoiceRowsByIds, queryOrgChoiceRows, repeatedOrgNames, type OrgChoiceRow } from '../repos/mass-orgs-choices.repo';
import { findUnit } from '../repos/units.repo';
import { AppError } from '../errors';
import { compareVietnamese, foldVietnamese } from '../../../shared/lib/text';
import { ChoiceIndex, type Choice } from '../../../shared/lib/tsv';

/** A label is "name (unit)": a word holding one of these may span its parts, so SQL does not filter on it. */
const SPANS_PARTS = /[()|]/;

/** The label names the unit where the kind has another live organisation of the same name. */
function toChoice(r: OrgChoiceRow, repeated: ReadonlySet<string>): MassOrgChoiceDto {
  const label = repeated.has(r.name_folded) && r.unit_name ? `${r.name} (${r.unit_name})` : r.name;
  return { id: r.id, name: r.name, unitId: r.unit_id, unitName: r.unit_name, validTo: r.valid_to, label };
}

export async function massOrgChoices(
  ctx: ServiceContext,
  input: ParsedInput<'massOrgs.choices'>,
): Promise<MethodOutput<'massOrgs.choices'>> {
  const words = foldVietnamese(input.search)
    .split(' ')
    .filter((w) => w.length > 0 && !SPANS_PARTS.test(w));
  const near = input.nearUnitId ?? null;
  if (near !== null && !(await findUnit(ctx.db, near))) {
    throw new AppError('NOT_FOUND', 'Không tìm thấy đơn vị của bản ghi (có thể đã bị xóa).');
  }
  const rows = await queryOrgChoiceRows(ctx.db, input.kindId, words, near);
  const repeated = await repeatedOrgNames(
    ctx.db,
    input.kindId,
    rows.map((r) => r.name_folded),
  );
  rows.sort((a, b) => compareVietnamese(a.name, b.name) || a.id.localeCompare(b.id));
  const dtos = new Map<string, MassOrgChoiceDto>();
  const choices: Choice[] = rows.map((r: OrgChoiceRow) => {
    const dto = toChoice(r, repeated);
    dtos.set(r.id, dto);
    return { value: r.id, label: dto.label, keys: [r.unit_name ?? ''] };
  });
  // One more than asked tells whether more match, without ranking the rest for nothing.
  const hits = new ChoiceIndex(choices).search(input.search, input.limit + 1);
  return { rows: hits.slice(0, input.limit).map((c) => dtos.get(c.value)!), more: hits.length > input.limit };
}

/** massOrgs.choicesByIds: the same choices of given organisations, in the order asked (gone ones left out). */
export async function massOrgChoicesOf(
  ctx: ServiceContext,
  input: ParsedInput<'massOrgs.choicesByIds'>,
): Promise<MethodOutput<'massOrgs.choicesByIds'>> {
  const rows = await orgChoiceRowsByIds(ctx.db, input.ids);
  const byId = new Map<string, MassOrgChoiceDto>();
  for (const kindId of new Set(rows.map((r) => r.kind_id))) {
    const ofKind = rows.filter((r) => r.kind_id === kindId);
    const repeated = await repeatedOrgNames(
      ctx.db,
      kindId,
      ofKind.map((r) => r.name_folded),
    );
    for (const r of ofKind) byId.set(r.id, toChoice(r, repeated));
  }
  return input.ids.flatMap((id) => {
    const c = byId.get(id);
    return c ? [c] : [];
  });
}
