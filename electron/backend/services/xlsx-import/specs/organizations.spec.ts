/**
 * Excel layout of the organisations registry (RegistryId 'organizations'): one row per agency,
 * enterprise or school. A row is matched to a stored record by its tax code when it has one,
 * otherwise by its name within its unit; so importing the same file again changes nothing, and an
 * exported file imports back unchanged. Rows obey the same rules as the form (checkOrgFacts,
 * findOrgDuplicate, active unit), checked before anything is written.
 */
import type { ServiceContext } from '../../../context';
import { mapInTurns } from '../../../jobs/jobs';
import type { Db } from '../../../repos/units.repo';
import type { UnitDto } from '../../../../../shared/ipc/contract';
import type { ImportSpec, ImportStatus, ParseResult, XlsxColumn } from '../../../xlsx/spec';
import { RowReader, headerMap } from '../../../xlsx/cells';
import { UnitIndex } from '../../../xlsx/unit-index';
import { AppError } from '../../../errors';
import { REGISTRY_TITLES } from '../../../../../shared/domain/registries';
import {
  MANAGING_LEVEL_LABELS,
  ORG_CODE_HINT,
  ORG_KIND_LABELS,
  SECTOR_GROUP_LABELS,
  SUB_KIND_LABELS,
  checkOrgFacts,
  findOrgDuplicate,
  isValidOrgCode,
  type OrgKind,
  type OrgSubKind,
} from '../../../../../shared/domain/organizations';
import { foldVietnamese } from '../../../../../shared/lib/text';
import { formatDateVi } from '../../../../../shared/lib/dates';
import {
  findOrganization,
  findOrganizations,
  insertOrganization,
  listInUnit,
  queryOrganizations,
  updateOrganization,
  writableOf,
  type OrgRecord,
  type OrgWrite,
} from '../../../repos/organizations.repo';
import { listOrganizations, sameFacts } from '../../../services/organizations.service';
import { listUnits } from '../../../repos/units.repo';

const YES = 'Có';
const NO = 'Không';

const ALL_SUB_KIND_LABELS = [...new Set(Object.values(SUB_KIND_LABELS).flatMap((m) => Object.values(m)))];

export const ORG_COLUMNS = [
  { key: 'name', header: 'Tên', required: true, width: 40, example: 'Trường THPT Gia Viễn A' },
  { key: 'kind', header: 'Loại', required: true, width: 18, options: Object.values(ORG_KIND_LABELS) },
  {
    key: 'subKind',
    header: 'Phân loại',
    required: true,
    width: 32,
    options: ALL_SUB_KIND_LABELS,
    note: `Cơ quan: ${Object.values(SUB_KIND_LABELS.co_quan).join('; ')}. Doanh nghiệp (loại hình sở hữu): ${Object.values(SUB_KIND_LABELS.doanh_nghiep).join('; ')}. Cơ sở giáo dục (cấp học): ${Object.values(SUB_KIND_LABELS.co_so_giao_duc).join('; ')}.`,
  },
  {
    key: 'taxCode',
    header: 'Mã số thuế / mã số doanh nghiệp',
    width: 20,
    example: '2700123456',
    note: `${ORG_CODE_HINT} Định dạng ô là Văn bản để giữ số 0 ở đầu.`,
  },
  {
    key: 'unit',
    header: 'Đơn vị (địa bàn)',
    required: true,
    width: 30,
    example: 'Xã Gia Hòa',
    note: 'Tên hoặc mã đơn vị; nếu có nhiều đơn vị trùng tên, ghi kèm đơn vị cấp trên, ví dụ "Xã Gia Hòa / Thôn 1".',
  },
  {
    key: 'managingLevel',
    header: 'Cấp quản lý',
    required: true,
    width: 20,
    options: Object.values(MANAGING_LEVEL_LABELS),
    note: 'Cấp có thẩm quyền quản lý (Điều 10 Thông tư 124/2021/TT-BCA).',
  },
  { key: 'isArmedForces', header: 'Thuộc lực lượng vũ trang', width: 14, options: [YES, NO], note: 'Để trống là "Không".' },
  { key: 'bcaMonitored', header: 'Đơn vị nghiệp vụ Bộ Công an theo dõi', width: 16, options: [YES, NO], note: 'Để trống là "Không".' },
  { key: 'hasPartyOrg', header: 'Có tổ chức Đảng', width: 12, options: [YES, NO], note: 'Để trống là "Không".' },
  { key: 'hasSecurityForce', header: 'Có lực lượng bảo vệ', width: 12, options: [YES, NO], note: 'Để trống là "Không".' },
  { key: 'subUnitCount', header: 'Số phòng, ban, tổ, đội (khoa)', width: 14, example: '6' },
  {
    key: 'sectorGroup',
    header: 'Lĩnh vực (doanh nghiệp)',
    width: 30,
    options: Object.values(SECTOR_GROUP_LABELS),
    note: 'Chỉ ghi đối với doanh nghiệp (Điều 5 Nghị định 80/2021/NĐ-CP).',
  },
  {
    key: 'insuredEmployees',
    header: 'Lao động tham gia BHXH bình quân năm',
    width: 16,
    example: '120',
    note: 'Chỉ ghi đối với doanh nghiệp.',
  },
  {
    key: 'revenueBillion',
    header: 'Tổng doanh thu năm (tỷ đồng)',
    width: 16,
    example: '55,5',
    note: 'Chỉ ghi đối với doanh nghiệp; tối đa 3 chữ số thập phân.',
  },
  {
    key: 'capitalBillion',
    header: 'Tổng nguồn vốn năm (tỷ đồng)',
    width: 16,
    example: '21',
    note: 'Chỉ ghi đối với doanh nghiệp; tối đa 3 chữ số thập phân.',
  },
  { key: 'address', header: 'Địa chỉ', width: 36 },
  { key: 'validFrom', header: 'Hoạt động từ ngày', width: 14, example: '01/09/2010', note: 'Để trống nếu không rõ.' },
  { key: 'validTo', header: 'Kết thúc từ ngày', width: 14, note: 'Chỉ ghi khi đã ngừng hoạt động (giải thể, sáp nhập...).' },
  { key: 'endReason', header: 'Lý do kết thúc', width: 30 },
] as const satisfies readonly XlsxColumn[];

type ColumnKey = (typeof ORG_COLUMNS)[number]['key'];
const HEADERS = headerMap(ORG_COLUMNS);

export interface OrgImportValue {
  write: OrgWrite;
  /** The stored record this row updates, or null for a new one. */
  matchId: string | null;
}

export interface OrgLookup {
  resolver: UnitIndex;
  units: ReadonlyMap<string, UnitDto>;
  existing: readonly OrgRecord[];
  /** `existing` by tax code and by unit and folded name, built once per import (see OrgIndex). */
  index: OrgIndex;
}

/**
 * The stored records a row can match or collide with, found without scanning them all: a row's
 * match and its duplicate check look only at records with its tax code or with its folded name in
 * its unit (matchExisting, findOrgDuplicate). Each list keeps the order of `existing`, and
 * `candidates` returns the union in that order, so every `find` sees the same first record as a
 * scan of the whole list would (the same match, the same message). Each stored name is folded once
 * here instead of once per row of the file (8.000 × 8.000 folds at province scale).
 */
export class OrgIndex {
  private readonly byTaxCode = new Map<string, OrgRecord[]>();
  private readonly byUnitName = new Map<string, OrgRecord[]>();
  private readonly position = new Map<OrgRecord, number>();

  constructor(existing: readonly OrgRecord[]) {
    existing.forEach((e, i) => {
      this.position.set(e, i);
      if (e.taxCode !== null) push(this.byTaxCode, e.taxCode, e);
      push(this.byUnitName, OrgIndex.nameKey(e.unitId, foldVietnamese(e.name)), e);
    });
  }

  static nameKey(unitId: string, folded: string): string {
    return `${unitId}\u0000${folded}`;
  }

  /** Records with this tax code, in stored order. */
  withTaxCode(taxCode: string): readonly OrgRecord[] {
    return this.byTaxCode.get(taxCode) ?? [];
  }

  /** Records of this unit whose folded name is `folded`, in stored order. */
  named(unitId: string, folded: string): readonly OrgRecord[] {
    return this.byUnitName.get(OrgIndex.nameKey(unitId, folded)) ?? [];
  }

  /** Every record findOrgDuplicate could return for `w` (same tax code, or same folded name in its unit), in stored order. */
  candidates(w: OrgWrite, folded: string): readonly OrgRecord[] {
    const byCode = w.taxCode !== null ? this.withTaxCode(w.taxCode) : [];
    const byName = this.named(w.unitId, folded);
    if (byCode.length === 0) return byName;
    if (byName.length === 0) return byCode;
    const union = [...new Set([...byCode, ...byName])];
    return union.sort((a, b) => this.position.get(a)! - this.position.get(b)!);
  }
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function hasAtMostDecimals(n: number, decimals: number): boolean {
  const scaled = n * 10 ** decimals;
  return Math.abs(Math.round(scaled) - scaled) < 1e-6;
}

/** Finds the stored record a row describes: same tax code, else same name in the same unit. */
export function matchExisting(
  w: OrgWrite,
  index: OrgIndex,
  folded: string = foldVietnamese(w.name),
): { ok: true; match: OrgRecord | null } | { ok: false; message: string } {
  if (w.taxCode !== null) {
    const byCode = index.withTaxCode(w.taxCode)[0];
    if (byCode) return { ok: true, match: byCode };
  }
  const same = index.named(w.unitId, folded).filter((e) => e.taxCode === null);
  if (same.length <= 1) return { ok: true, match: same[0] ?? null };
  const active = same.filter((e) => e.validTo === null);
  if (active.length === 1) return { ok: true, match: active[0]! };
  const sameStart = same.filter((e) => e.validFrom === w.validFrom);
  if (sameStart.length === 1) return { ok: true, match: sameStart[0]! };
  return {
    ok: false,
    message: `Có ${same.length} bản ghi cùng tên "${w.name}" trong cùng đơn vị; hãy ghi mã số thuế hoặc ngày bắt đầu hoạt động để phân biệt.`,
  };
}

/** Field key of checkOrgFacts/duplicates → column key of the sheet (they are the same names). */
function columnOf(field: string): ColumnKey | null {
  return ORG_COLUMNS.some((c) => c.key === field) ? (field as ColumnKey) : null;
}

export function parseOrgRow(cells: Readonly<Record<string, string>>, lookup: OrgLookup): ParseResult<OrgImportValue> {
  const r = new RowReader(cells, HEADERS);
  const name = r.text('name', { required: true, max: 300 });
  const kind = r.choice<OrgKind>('kind', ORG_KIND_LABELS, { required: true });
  const subKind = kind !== null ? (r.choice('subKind', SUB_KIND_LABELS[kind], { required: true }) as OrgSubKind | null) : null;
  const rawCode = r.raw('taxCode').replace(/\s+/g, '');
  let taxCode: string | null = null;
  if (rawCode !== '') {
    if (isValidOrgCode(rawCode)) taxCode = rawCode;
    else
      r.problem(
        `Cột "${HEADERS['taxCode']}": "${rawCode}" không hợp lệ. ${ORG_CODE_HINT} Nếu ô Excel là kiểu số, số 0 ở đầu đã bị mất: hãy định dạng ô là Văn bản.`,
        'taxCode',
      );
  }
  const unit = r.unit('unit', lookup.resolver, { required: true });
  const managingLevel = r.choice('managingLevel', MANAGING_LEVEL_LABELS, { required: true });
  const flag = (key: ColumnKey) => r.bool(key) ?? false;
  const isArmedForces = flag('isArmedForces');
  const bcaMonitored = flag('bcaMonitored');
  const hasPartyOrg = flag('hasPartyOrg');
  const hasSecurityForce = flag('hasSecurityForce');
  const subUnitCount = r.int('subUnitCount', { min: 0, max: 1_000_000 });
  const sectorGroup = r.choice('sectorGroup', SECTOR_GROUP_LABELS);
  const measure = (key: ColumnKey, decimals: number) => {
    const n = r.decimal(key, { min: 0 });
    if (n !== null && !hasAtMostDecimals(n, decimals)) {
      r.problem(`Cột "${HEADERS[key]}": chỉ ghi tối đa ${decimals} chữ số thập phân.`, key);
      return null;
    }
    return n;
  };
  const insuredEmployees = measure('insuredEmployees', 2);
  const revenueBillion = measure('revenueBillion', 3);
  const capitalBillion = measure('capitalBillion', 3);
  const address = r.text('address', { max: 300 });
  const validFrom = r.date('validFrom');
  const validTo = r.date('validTo');
  const endReason = r.text('endReason', { max: 500 });

  if (name === null || kind === null || subKind === null || unit === null || managingLevel === null || r.issues.length > 0) {
    return { ok: false, errors: r.issues };
  }
  const write: OrgWrite = {
    name,
    kind,
    subKind,
    isArmedForces,
    unitId: unit.id,
    managingLevel,
    bcaMonitored,
    hasPartyOrg,
    hasSecurityForce,
    subUnitCount,
    sectorGroup,
    insuredEmployees,
    revenueBillion,
    capitalBillion,
    taxCode,
    address,
    validFrom,
    validTo,
    endReason,
  };
  for (const [field, message] of Object.entries(checkOrgFacts(write))) {
    const column = columnOf(field);
    r.problem(column ? `Cột "${HEADERS[column]}": ${message}` : message, column);
  }
  if (r.issues.length > 0) return { ok: false, errors: r.issues };

  const folded = foldVietnamese(write.name);
  const matched = matchExisting(write, lookup.index, folded);
  if (!matched.ok) return { ok: false, errors: [{ column: 'name', message: matched.message }] };
  const match = matched.match;
  // Only an active unit can receive an active organisation (as in the form); a stored record whose
  // unit has since ended can still be updated where it is.
  const placing = match === null || match.unitId !== unit.id || match.validTo !== null;
  if (write.validTo === null && unit.validTo !== null && placing) {
    r.problem(`Cột "${HEADERS['unit']}": "${unit.name}" đã kết thúc hoạt động từ ${formatDateVi(unit.validTo)}.`, 'unit');
  }
  // Only the index's candidates can be a duplicate (same tax code, or same folded name in the unit).
  const dup = findOrgDuplicate(
    { id: match?.id ?? null, ...write },
    lookup.index.candidates(write, folded),
    (id) => lookup.units.get(id)?.name ?? '',
  );
  if (dup) r.problem(dup.message, dup.field);
  if (r.issues.length > 0) return { ok: false, errors: r.issues };
  return { ok: true, value: { write, matchId: match?.id ?? null }, label: `${name} (${unit.name})` };
}

export async function prepareOrgLookup(ctx: ServiceContext): Promise<OrgLookup> {
  const units = await listUnits(ctx.db, true);
  const existing = await queryOrganizations(ctx.db, { unitId: null, year: null, words: [], kind: null, ended: null });
  return { resolver: new UnitIndex(units), units: new Map(units.map((u) => [u.id, u])), existing, index: new OrgIndex(existing) };
}

/** Rows that update a stored record share its id as key, so two rows cannot both update it. */
export function orgNaturalKey(v: OrgImportValue): string {
  if (v.matchId !== null) return `id:${v.matchId}`;
  if (v.write.taxCode !== null) return `ma:${v.write.taxCode}`;
  return `ten:${v.write.unitId}:${foldVietnamese(v.write.name)}`;
}

/** Ids per statement of classify's read (well under SQLite's 32.766 bound parameters). */
const CLASSIFY_CHUNK = 500;

export async function classifyOrgs(db: Db, values: readonly OrgImportValue[], pause?: () => Promise<void>): Promise<ImportStatus[]> {
  // The matched records as stored now, read by id in chunks (one statement per 500 rows instead of
  // one per row), with the job's checkpoint between chunks.
  const ids = [...new Set(values.flatMap((v) => (v.matchId !== null ? [v.matchId] : [])))];
  const current = new Map<string, OrgRecord>();
  for (let i = 0; i < ids.length; i += CLASSIFY_CHUNK) {
    for (const r of await findOrganizations(db, ids.slice(i, i + CLASSIFY_CHUNK))) current.set(r.id, r);
    await pause?.();
  }
  const out: ImportStatus[] = [];
  for (const v of values) {
    const stored = v.matchId !== null ? (current.get(v.matchId) ?? null) : null;
    out.push(stored === null ? 'new' : sameFacts(v.write, writableOf(stored)) ? 'unchanged' : 'update');
  }
  return out;
}

export async function applyOrgs(db: Db, ctx: ServiceContext, values: readonly OrgImportValue[]): Promise<void> {
  const at = ctx.clock.timestamp();
  for (const v of values) {
    // Last guard for what single rows cannot see: two new rows of one file with the same name in
    // the same unit (different tax codes). The whole import is then rolled back by the caller.
    const candidates = await listInUnit(db, v.write.unitId);
    const dup = findOrgDuplicate({ id: v.matchId, ...v.write }, candidates, () => 'cùng đơn vị');
    if (dup) throw new AppError('CONFLICT', `"${v.write.name}": ${dup.message} Chưa ghi dữ liệu nào.`);
    const current = v.matchId !== null ? await findOrganization(db, v.matchId) : null;
    if (current) {
      if (!sameFacts(v.write, writableOf(current))) await updateOrganization(db, current.id, v.write, at);
    } else {
      await insertOrganization(db, ctx.newId(), v.write, at);
    }
  }
}

function yesNo(b: boolean): string {
  return b ? YES : NO;
}

export const organizationsSpec: ImportSpec<OrgImportValue, OrgLookup> = {
  id: 'organizations',
  title: REGISTRY_TITLES.organizations,
  columns: ORG_COLUMNS,
  prepare: prepareOrgLookup,
  parseRow: parseOrgRow,
  naturalKey: orgNaturalKey,
  classify: (db, values, _ctx, pause) => classifyOrgs(db, values, pause),
  apply: applyOrgs,
  async exportRows(ctx, filter) {
    const units = await listUnits(ctx.db, true);
    const resolver = new UnitIndex(units);
    const byId = new Map(units.map((u) => [u.id, u]));
    const orgs = await listOrganizations(ctx, filter);
    return mapInTurns(orgs, (o) => {
      const unit = byId.get(o.unitId);
      return {
        name: o.name,
        kind: ORG_KIND_LABELS[o.kind],
        subKind: SUB_KIND_LABELS[o.kind][o.subKind] ?? o.subKind,
        taxCode: o.taxCode,
        unit: unit ? resolver.label(unit) : null,
        managingLevel: MANAGING_LEVEL_LABELS[o.managingLevel],
        isArmedForces: yesNo(o.isArmedForces),
        bcaMonitored: yesNo(o.bcaMonitored),
        hasPartyOrg: yesNo(o.hasPartyOrg),
        hasSecurityForce: yesNo(o.hasSecurityForce),
        subUnitCount: o.subUnitCount,
        sectorGroup: o.sectorGroup ? SECTOR_GROUP_LABELS[o.sectorGroup] : null,
        insuredEmployees: o.insuredEmployees,
        revenueBillion: o.revenueBillion,
        capitalBillion: o.capitalBillion,
        address: o.address,
        validFrom: o.validFrom ? formatDateVi(o.validFrom) : null,
        validTo: o.validTo ? formatDateVi(o.validTo) : null,
        endReason: o.endReason,
      };
    });
  },
};
