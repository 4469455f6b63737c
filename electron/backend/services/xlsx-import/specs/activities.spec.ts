/**
 * Excel templates, import and export of the activity records: one spec per ActivityKind, all built
 * from the kind's field list (ACTIVITY_FIELDS), so the sheet has the columns the forms and the grid
 * have, with the same labels and the same enum labels as dropdowns.
 *
 * The first column, "Mã bản ghi", is the record's id: export fills it, so an exported file updates
 * exactly the records it came from. A row without it is the same record as a stored one only when
 * every field is the same (importing the same file twice creates nothing new); a row that shares
 * the kind's content key (date, unit, content: ACTIVITY_KIND_INFO.naturalKey, text compared without
 * case or diacritics) with a stored record or another row but differs in another field is a
 * near-duplicate: a new record, written only when the officer accepts the warning that names what
 * differs. Rows pass the same rules as a save (the contract's schema, checkActivity, the unit active on
 * the record's date, the organisation and mediation team), checked before anything is written.
 *
 * The informant of a tip is not a column: it never leaves the tip's detail view.
 */
import type { ServiceContext } from '../../../context';
import type { Db } from '../../../repos/units.repo';
import { listUnits } from '../../../repos/units.repo';
import type { UnitDto } from '../../../../../shared/ipc/contract';
import type { AnySpec, CellValue, ImportFile, ImportSpec, ImportStatus, ParseResult, RowIssue, XlsxColumn } from '../../../xlsx/spec';
import { RowReader, headerMap } from '../../../xlsx/cells';
import { UnitIndex } from '../../../xlsx/unit-index';
import { AppError } from '../../../errors';
import { REGISTRY_TITLES, type ListFilter } from '../../../../../shared/domain/registries';
import {
  ACTIVITY_FIELDS,
  ACTIVITY_KIND_INFO,
  ACTIVITY_KINDS,
  activityField,
  type ActivityKind,
  type FieldSpec,
} from '../../../../../shared/domain/activities';
import { ACTIVITY_INPUTS, type ActivityInputs } from '../../../../../shared/ipc/contracts/activities.contract';
import { foldVietnamese } from '../../../../../shared/lib/text';
import { formatDateVi } from '../../../../../shared/lib/dates';
import { formatIntVi } from '../../../../../shared/lib/numbers';
import { ACTIVITY_IMPORT_TEXTS } from '../texts';
import { exportBound } from '../export-bound';
import { isUuid } from '../../../../../shared/lib/ids';
import * as repo from '../../../repos/activities.repo';
import type { RefOrganization, RefTeam, StoredActivity } from '../../../repos/activities.repo';
import { mapInTurns, sortInTurns } from '../../../jobs/jobs';
import {
  MEDIATION_TEAM_KIND_CODE,
  binLabel,
  completeRecord,
  loadRefs,
  placementOf,
  queryActivities,
  recordProblems,
  type Refs,
} from '../../../services/activities.service';

const YES = 'Có';
const NO = 'Không';
export const ID_COLUMN = 'id';
export const ID_HEADER = 'Mã bản ghi';

// ---------------------------------------------------------------------------------------------
// Columns

const EXAMPLES: Partial<Record<FieldSpec['type'], string>> = {
  date: '15/03/2026',
  year: '2026',
  int: '0',
  money: '0',
  bool: NO,
};

/** Column widths in characters by field type (a choice column is as wide as its longest label). */
const WIDTHS: Readonly<Record<FieldSpec['type'], number>> = {
  date: 16,
  year: 14,
  unit: 29,
  team: 29,
  org: 24,
  enum: 24,
  int: 16,
  money: 20,
  bool: 13,
  text: 30,
  longtext: 40,
};

function widthOf(f: FieldSpec): number {
  if (f.type !== 'enum' || !f.options) return WIDTHS[f.type];
  return Math.min(40, Math.max(14, ...Object.values(f.options).map((label) => label.length + 2)));
}

function columnOf(f: FieldSpec): XlsxColumn {
  const options = f.type === 'enum' && f.options ? Object.values(f.options) : f.type === 'bool' ? [YES, NO] : undefined;
  const notes: string[] = [];
  if (f.hint) notes.push(f.hint);
  if (f.type === 'unit')
    notes.push('Tên (ghi đúng dấu) hoặc mã đơn vị; nếu có nhiều đơn vị trùng tên, ghi kèm đơn vị cấp trên, ví dụ "Xã Gia Hòa / Thôn 1".');
  if (f.type === 'org') notes.push('Tên cơ quan, doanh nghiệp, trường học đã có trong danh mục của phần mềm.');
  if (f.type === 'team') notes.push('Tên tổ hòa giải đã có trong danh mục tổ chức quần chúng của đơn vị.');
  if (!f.required && (f.type === 'int' || f.type === 'money')) notes.push('Để trống là 0.');
  if (!f.required && f.type === 'bool') notes.push('Để trống là "Không".');
  if (f.type === 'money') notes.push('Số tiền tính bằng đồng.');
  const example = EXAMPLES[f.type];
  return {
    key: f.key,
    header: f.label,
    width: widthOf(f),
    ...(f.required ? { required: true } : {}),
    ...(options ? { options } : {}),
    ...(example !== undefined ? { example } : {}),
    ...(notes.length > 0 ? { note: notes.join(' ') } : {}),
  };
}

export function activityColumns(kind: ActivityKind): XlsxColumn[] {
  return [
    {
      key: ID_COLUMN,
      header: ID_HEADER,
      width: 38,
      note: 'Để trống khi nhập bản ghi mới. Tệp xuất từ phần mềm đã ghi sẵn mã: sửa tệp đó rồi nhập lại thì đúng bản ghi đó được cập nhật.',
    },
    ...ACTIVITY_FIELDS[kind].map(columnOf),
  ];
}

const HEADERS = new Map<ActivityKind, Record<string, string>>();

/** Column key → header, built once per kind (parseRow runs for every row of a 100.000-row file). */
function headersOf(kind: ActivityKind): Record<string, string> {
  let headers = HEADERS.get(kind);
  if (!headers) {
    headers = headerMap(activityColumns(kind));
    HEADERS.set(kind, headers);
  }
  return headers;
}

// ---------------------------------------------------------------------------------------------
// Keys

/** A stored field value as text: records hold only strings, numbers, booleans and null. */
function scalarText(v: unknown): string {
  if (typeof v === 'string') return v;
  return typeof v === 'number' || typeof v === 'boolean' ? String(v) : '';
}

/** Same content = probably the same record (a near-duplicate), for rows without a "Mã bản ghi" (text compared folded). */
export function contentKey<K extends ActivityKind>(kind: K, record: ActivityInputs[K]): string {
  const r = record as Record<string, unknown>;
  const parts = (ACTIVITY_KIND_INFO[kind].naturalKey as readonly string[]).map((key) => {
    const v = r[key];
    const type = activityField(kind, key).type;
    if (type === 'text' || type === 'longtext') return foldVietnamese(typeof v === 'string' ? v : '');
    return scalarText(v);
  });
  return [kind, ...parts].join('|');
}

/** The record fields only (no id, stamps or derived names) of a stored record. */
function recordOf<K extends ActivityKind>(kind: K, s: StoredActivity<K>): ActivityInputs[K] {
  const out: Record<string, unknown> = {};
  for (const c of repo.columnsOf(kind)) out[c.field] = (s as Record<string, unknown>)[c.field];
  return out as ActivityInputs[K];
}

function sameRecord(kind: ActivityKind, a: Readonly<Record<string, unknown>>, b: Readonly<Record<string, unknown>>): boolean {
  return repo.columnsOf(kind).every((c) => (a[c.field] ?? null) === (b[c.field] ?? null));
}

/** Every stored field as it is: equal keys = the same record (sameRecord). */
export function recordKey<K extends ActivityKind>(kind: K, record: ActivityInputs[K]): string {
  const r = record as Record<string, unknown>;
  return JSON.stringify([kind, ...repo.columnsOf(kind).map((c) => r[c.field] ?? null)]);
}

// ---------------------------------------------------------------------------------------------
// Lookup and parsing

export interface ActivityImportValue<K extends ActivityKind = ActivityKind> {
  /** The stored record this row updates, or null for a new one. */
  matchId: string | null;
  record: ActivityInputs[K];
}

interface Lookup<K extends ActivityKind> {
  refs: Refs;
  resolver: UnitIndex;
  orgsByName: Map<string, RefOrganization[]>;
  teamsByName: Map<string, RefTeam[]>;
  existing: Map<string, StoredActivity<K>>;
  /** Stored records by every field (recordKey), oldest first wins. */
  byRecord: Map<string, StoredActivity<K>>;
  /** Stored records by content key (contentKey), oldest first. */
  byContent: Map<string, StoredActivity<K>[]>;
}

function push<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

const ROWS_PER_CHECK = 256; // rows whose unit is resolved between two checkpoints (100.000 held the host 490 ms at 500k)
export const CANDIDATE_SLICE = { units: 25 }; // units whose records are read between two (200 held it 140–190 ms)
/**
 * What the file's rows can match among the stored records, read through indexes: the records the
 * "Mã bản ghi" column names, and those on the same unit and key date (or year) as a row — the only
 * ones a row can repeat or nearly repeat (recordKey and contentKey both include the unit and that
 * field). Rows whose unit or date does not read are left out: they are errors anyway.
 */
async function candidates<K extends ActivityKind>(
  db: Db,
  kind: K,
  file: ImportFile,
  resolver: UnitIndex,
): Promise<{ byId: StoredActivity<K>[]; byKey: StoredActivity<K>[] }> {
  const keyField = ACTIVITY_KIND_INFO[kind].naturalKey[0]!;
  const keyIsYear = activityField(kind, keyField).type === 'year';
  const unitField = ACTIVITY_FIELDS[kind].find((f) => f.type === 'unit')!.key;
  const headers = headersOf(kind);
  const ids: string[] = [];
  const keys = new Map<string, Set<string | number>>();
  for (const [i, cells] of file.rows.entries()) {
    if (i > 0 && i % ROWS_PER_CHECK === 0) await file.checkpoint();
    const r = new RowReader(cells, headers);
    const id = r.raw(ID_COLUMN).toLowerCase();
    if (isUuid(id)) ids.push(id);
    const unitText = r.raw(unitField);
    const unit = unitText === '' ? null : resolver.resolve(unitText, 'record');
    const key = keyIsYear ? r.int(keyField) : r.date(keyField);
    if (unit?.ok !== true || key === null) continue;
    const set = keys.get(unit.unit.id);
    if (set) set.add(key);
    else keys.set(unit.unit.id, new Set([key]));
  }
  await file.checkpoint();
  const byId = await repo.findActivitiesByIds(db, kind, ids);
  const byKey: StoredActivity<K>[] = [];
  const units = [...keys.entries()];
  for (let i = 0, n = CANDIDATE_SLICE.units; i < units.length; i += n) {
    byKey.push(...(await repo.findActivitiesByUnitKey(db, kind, new Map(units.slice(i, i + n)))));
    await file.checkpoint();
  }
  return { byId, byKey };
}

async function prepare<K extends ActivityKind>(db: Db, kind: K, file: ImportFile | undefined): Promise<Lookup<K>> {
  const refs = await loadRefs(db);
  const orgsByName = new Map<string, RefOrganization[]>();
  for (const o of refs.organizations.values()) if (!o.deleted) push(orgsByName, foldVietnamese(o.name), o);
  const teamsByName = new Map<string, RefTeam[]>();
  for (const t of refs.teams.values()) {
    if (!t.deleted && t.kindCode === MEDIATION_TEAM_KIND_CODE) push(teamsByName, foldVietnamese(t.name), t);
  }
  const resolver = new UnitIndex(await listUnits(db, true));
  // Without the file's rows, every live record is a candidate.
  const { byId, byKey } = file
    ? await candidates(db, kind, file, resolver)
    : { byId: [], byKey: await repo.listActivityRows(db, kind, { unitIds: null, from: null, to: null }) };
  const byRecord = new Map<string, StoredActivity<K>>();
  const byContent = new Map<string, StoredActivity<K>[]>();
  // Oldest first wins, so the same file always matches the same record (in turns: 240 ms at 2m).
  const oldestFirst = await sortInTurns(byKey, (a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
  for (const [i, s] of oldestFirst.entries()) {
    if (i % ROWS_PER_CHECK === ROWS_PER_CHECK - 1) await file?.checkpoint();
    const record = recordOf(kind, s);
    const key = recordKey(kind, record);
    if (!byRecord.has(key)) byRecord.set(key, s);
    push(byContent, contentKey(kind, record), s);
  }
  return {
    refs,
    resolver,
    orgsByName,
    teamsByName,
    existing: new Map([...byId, ...byKey].map((s) => [s.id, s])),
    byRecord,
    byContent,
  };
}

/** Ancestors and descendants of a unit, itself included (where its organisations and teams may sit). */
function relatedUnits(refs: Refs, unitId: string): Set<string> {
  const out = new Set<string>();
  let cur: string | null = unitId;
  while (cur !== null && !out.has(cur)) {
    out.add(cur);
    cur = refs.units.get(cur)?.parentId ?? null;
  }
  const children = new Map<string, string[]>();
  for (const u of refs.units.values()) if (u.parentId !== null) push(children, u.parentId, u.id);
  const stack = [unitId];
  while (stack.length > 0) {
    const id = stack.pop()!;
    for (const c of children.get(id) ?? []) {
      if (!out.has(c)) {
        out.add(c);
        stack.push(c);
      }
    }
  }
  return out;
}

/** A named thing (organisation, team) from a cell; several of the same name are narrowed to the unit's area. */
function pickByName<T extends { unitId: string; name: string }>(
  candidates: readonly T[] | undefined,
  unit: UnitDto | null,
  refs: Refs,
): { ok: true; value: T } | { ok: false; count: number } {
  let list = candidates ?? [];
  if (list.length > 1 && unit !== null) {
    const area = relatedUnits(refs, unit.id);
    list = list.filter((c) => area.has(c.unitId));
  }
  return list.length === 1 ? { ok: true, value: list[0]! } : { ok: false, count: list.length };
}

function parseRow<K extends ActivityKind>(
  kind: K,
  cells: Readonly<Record<string, string>>,
  lookup: Lookup<K>,
): ParseResult<ActivityImportValue<K>> {
  const headers = headersOf(kind);
  const r = new RowReader(cells, headers);
  const issue = (column: string | null, message: string) =>
    r.problem(column === null ? message : `Cột "${headers[column] ?? column}": ${message}`, column);

  let match: StoredActivity<K> | null = null;
  const idText = r.raw(ID_COLUMN);
  if (idText !== '') {
    const id = idText.toLowerCase();
    const found = isUuid(id) ? lookup.existing.get(id) : undefined;
    if (found) match = found;
    else issue(ID_COLUMN, `không có bản ghi nào mang mã "${idText}" (có thể đã bị xóa). Để trống cột này để nhập thành bản ghi mới.`);
  }

  const record: Record<string, unknown> = {};
  let unit: UnitDto | null = null;
  const fields = ACTIVITY_FIELDS[kind];
  for (const f of fields) {
    const req = f.required === true ? { required: true } : {};
    switch (f.type) {
      case 'date':
        record[f.key] = r.date(f.key, req);
        break;
      case 'year':
        record[f.key] = r.int(f.key, req);
        break;
      case 'int':
      case 'money':
        record[f.key] = r.int(f.key, { ...req, min: 0 }) ?? (f.required ? null : 0);
        break;
      case 'bool':
        record[f.key] = r.bool(f.key, req) ?? false;
        break;
      case 'enum':
        record[f.key] = r.choice(f.key, f.options ?? {}, req);
        break;
      case 'text':
      case 'longtext': {
        // Kept as typed (trimmed, NFC), as the form keeps it, so an export imports back unchanged.
        const v = r.raw(f.key).normalize('NFC');
        if (v === '' && f.required) issue(f.key, 'không được để trống.');
        record[f.key] = v === '' ? (f.key === 'issuer' ? '' : null) : v;
        break;
      }
      case 'unit':
        unit = r.unit(f.key, lookup.resolver, req);
        record[f.key] = unit?.id ?? null;
        break;
      case 'org':
      case 'team':
        record[f.key] = null;
        break;
    }
  }
  // Organisations and teams are found by name once the unit is known (to tell apart same names).
  for (const f of fields) {
    if (f.type !== 'org' && f.type !== 'team') continue;
    const text = r.raw(f.key);
    if (text === '') continue;
    const map = f.type === 'org' ? lookup.orgsByName : lookup.teamsByName;
    const picked = pickByName<RefOrganization | RefTeam>(map.get(foldVietnamese(text)), unit, lookup.refs);
    if (picked.ok) record[f.key] = picked.value.id;
    else if (picked.count === 0) {
      issue(
        f.key,
        f.type === 'org'
          ? `không tìm thấy cơ quan, doanh nghiệp, trường học "${text}" trong danh mục.`
          : `không tìm thấy tổ hòa giải "${text}"${unit ? ` ở ${unit.name}` : ''} trong danh mục tổ chức quần chúng.`,
      );
    } else issue(f.key, `có ${picked.count} nơi cùng tên "${text}"; hãy đổi tên trong danh mục cho khác nhau rồi nhập lại.`);
  }
  if (r.issues.length > 0) return { ok: false, errors: r.issues };

  // The contract's schema: lengths, ranges and the messages the form shows.
  const parsed = ACTIVITY_INPUTS[kind].safeParse(record);
  if (!parsed.success) {
    const seen = new Set<string>();
    for (const i of parsed.error.issues) {
      const key = typeof i.path[0] === 'string' ? i.path[0] : null;
      if (key !== null && seen.has(key)) continue;
      if (key !== null) seen.add(key);
      issue(key, i.message);
    }
    return { ok: false, errors: r.issues };
  }
  const value = completeRecord(kind, parsed.data as ActivityInputs[K]);
  const warnings: string[] = [];
  if (match === null) {
    match = lookup.byRecord.get(recordKey(kind, value)) ?? null;
    const near = match === null ? lookup.byContent.get(contentKey(kind, value)) : undefined;
    if (near !== undefined) warnings.push(nearStoredWarning(kind, near, value, lookup));
  }
  const previous = match === null ? null : recordOf(kind, match);
  const problems = recordProblems(kind, value, lookup.refs, previous);
  if (problems.length > 0) {
    const errors: RowIssue[] = problems.map((p) => ({ column: p.field, message: `Cột "${headers[p.field] ?? p.field}": ${p.message}` }));
    return { ok: false, errors };
  }
  const unitName = lookup.refs.units.get(value.unitId)?.name ?? '';
  return {
    ok: true,
    value: { matchId: match?.id ?? null, record: value },
    label: binLabel(kind, value, unitName),
    ...(warnings.length > 0 ? { warnings } : {}),
  };
}

// ---------------------------------------------------------------------------------------------
// Near-duplicates

/** A field's value as the officer typed it (labels, names, dd/MM/yyyy), for the near-duplicate messages. */
function shownValue(f: FieldSpec, value: unknown, refs: Refs): string {
  if (value === null || value === undefined || value === '') return '(trống)';
  switch (f.type) {
    case 'date':
      return formatDateVi(scalarText(value));
    case 'bool':
      return value === true ? YES : NO;
    case 'enum':
      return f.options?.[scalarText(value)] ?? scalarText(value);
    case 'unit':
      return refs.units.get(scalarText(value))?.name ?? scalarText(value);
    case 'org':
      return refs.organizations.get(scalarText(value))?.name ?? scalarText(value);
    case 'team':
      return refs.teams.get(scalarText(value))?.name ?? scalarText(value);
    case 'int':
    case 'money':
      return typeof value === 'number' ? formatIntVi(value) : scalarText(value);
    default:
      return `"${scalarText(value)}"`;
  }
}

/** "Lượt người: 120 / 150", one phrase per imported field that differs (a first, then b). */
export function activityDifferences<K extends ActivityKind>(kind: K, a: ActivityInputs[K], b: ActivityInputs[K], refs: Refs): string[] {
  const ra = a as Record<string, unknown>;
  const rb = b as Record<string, unknown>;
  return ACTIVITY_FIELDS[kind]
    .filter((f) => (ra[f.key] ?? null) !== (rb[f.key] ?? null))
    .map((f) => `${f.label}: ${shownValue(f, ra[f.key], refs)} / ${shownValue(f, rb[f.key], refs)}`);
}

function nearStoredWarning<K extends ActivityKind>(
  kind: K,
  near: readonly StoredActivity<K>[],
  value: ActivityInputs[K],
  lookup: Lookup<K>,
): string {
  const first = near[0]!;
  const stored = recordOf(kind, first);
  const name = binLabel(kind, stored, lookup.refs.units.get(stored.unitId)?.name ?? '');
  return ACTIVITY_IMPORT_TEXTS.nearStored(name, near.length - 1, activityDifferences(kind, stored, value, lookup.refs));
}

// ---------------------------------------------------------------------------------------------
// Classify, apply, export

/** The stored records the values name (matchId), as the transaction sees them now. */
async function liveById<K extends ActivityKind>(
  db: Db,
  kind: K,
  values: readonly ActivityImportValue<K>[],
): Promise<Map<string, StoredActivity<K>>> {
  const ids = values.flatMap((v) => (v.matchId === null ? [] : [v.matchId]));
  const stored = ids.length === 0 ? [] : await repo.findActivitiesByIds(db, kind, ids);
  return new Map(stored.map((s) => [s.id, s]));
}

async function classify<K extends ActivityKind>(db: Db, kind: K, values: readonly ActivityImportValue<K>[]): Promise<ImportStatus[]> {
  const live = await liveById(db, kind, values);
  return values.map((v) => {
    const current = v.matchId === null ? undefined : live.get(v.matchId);
    if (!current) return 'new';
    return sameRecord(kind, v.record, current) ? 'unchanged' : 'update';
  });
}

async function apply<K extends ActivityKind>(
  db: Db,
  ctx: ServiceContext,
  kind: K,
  values: readonly ActivityImportValue<K>[],
  pause: () => Promise<void> = () => Promise.resolve(),
): Promise<void> {
  // parseRow checked every row against what the transaction sees; this check only guards against
  // a spec caller that skipped it, so a bad row can never be written.
  const refs = await loadRefs(
    db,
    values.map((v) => v.record),
  );
  const live = await liveById(db, kind, values);
  const at = ctx.clock.timestamp();
  const inserts: repo.NewActivity[] = [];
  for (const [i, v] of values.entries()) {
    if ((i & 255) === 255) await pause();
    const current = v.matchId === null ? null : (live.get(v.matchId) ?? null);
    if (v.matchId !== null && current === null) {
      throw new AppError('CONFLICT', 'Một bản ghi trong tệp vừa bị xóa hoặc thay đổi; chưa ghi dữ liệu nào. Hãy xem trước và nhập lại.');
    }
    const problems = recordProblems(kind, v.record, refs, current === null ? null : recordOf(kind, current));
    if (problems.length > 0) throw new AppError(problems[0]!.code, `${problems[0]!.message} Chưa ghi dữ liệu nào.`);
    if (current === null) inserts.push({ id: ctx.newId(), record: v.record });
    else if (!sameRecord(kind, v.record, current)) {
      await repo.updateActivity(db, kind, current.id, v.record, at);
    }
  }
  if (inserts.length > 0) await repo.insertActivities(db, kind, inserts, at);
}

function cellOf(f: FieldSpec, value: unknown, ctx: { refs: Refs; resolver: UnitIndex; units: Map<string, UnitDto> }): CellValue {
  if (value === null || value === undefined) return null;
  switch (f.type) {
    case 'date':
      return formatDateVi(scalarText(value));
    case 'bool':
      return value === true ? YES : NO;
    case 'enum':
      return f.options?.[scalarText(value)] ?? scalarText(value);
    case 'unit': {
      const unit = ctx.units.get(scalarText(value));
      return unit ? ctx.resolver.label(unit) : (ctx.refs.units.get(scalarText(value))?.name ?? null);
    }
    case 'org':
      return ctx.refs.organizations.get(scalarText(value))?.name ?? null;
    case 'team':
      return ctx.refs.teams.get(scalarText(value))?.name ?? null;
    case 'int':
    case 'money':
    case 'year':
      return typeof value === 'number' ? value : Number(value);
    default:
      return typeof value === 'string' && value !== '' ? value : null;
  }
}

async function exportRows(ctx: ServiceContext, kind: ActivityKind, filter: ListFilter): Promise<Record<string, CellValue>[]> {
  // A period from the list wins; otherwise the year of the shared registry filter.
  const from = filter.from ?? (filter.year === null ? null : `${filter.year}-01-01`);
  const to = filter.to ?? (filter.year === null ? null : `${filter.year}-12-31`);
  const query = { unitId: filter.unitId, from, to, search: filter.search, category: filter.kind };
  // Refused above MAX_IMPORT_ROWS records in the scope and period (export-bound.ts).
  const rows = await queryActivities(ctx, ctx.db, kind, query, exportBound());
  const units = await listUnits(ctx.db, true);
  const c = { refs: await loadRefs(ctx.db), resolver: new UnitIndex(units), units: new Map(units.map((u) => [u.id, u])) };
  const fields = ACTIVITY_FIELDS[kind];
  return mapInTurns(rows, (row) => {
    const r = row as Record<string, unknown>;
    const out: Record<string, CellValue> = { [ID_COLUMN]: String(r['id']) };
    // Only the kind's fields: a tip's informant is not among them and never reaches a sheet.
    for (const f of fields) out[f.key] = cellOf(f, r[f.key], c);
    return out;
  });
}

function specFor<K extends ActivityKind>(kind: K): ImportSpec<ActivityImportValue<K>, Lookup<K>> {
  return {
    id: kind,
    title: REGISTRY_TITLES[kind],
    columns: activityColumns(kind),
    prepare: (ctx, file) => prepare(ctx.db, kind, file),
    parseRow: (cells, lookup) => parseRow(kind, cells, lookup),
    naturalKey: (v) => (v.matchId !== null ? `id:${v.matchId}` : recordKey(kind, v.record)),
    // A row naming its record by id updates that record: it is nobody's near-duplicate.
    similarKey: (v) => (v.matchId !== null ? null : contentKey(kind, v.record)),
    differences: (a, b, lookup) => activityDifferences(kind, a.record, b.record, lookup.refs),
    placement: (v) => placementOf(kind, v.record),
    classify: (db, values) => classify(db, kind, values),
    apply: (db, ctx, values, pause) => apply(db, ctx, kind, values, pause),
    exportRows: (ctx, filter) => exportRows(ctx, kind, filter),
  };
}

export const ACTIVITY_SPECS: Record<ActivityKind, AnySpec> = Object.fromEntries(ACTIVITY_KINDS.map((k) => [k, specFor(k)])) as Record<
  ActivityKind,
  AnySpec
>;
