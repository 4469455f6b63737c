/**
 * The snapshot payload (issue 12): what an office's `.antq` file carries, encrypted, to the
 * province. Shared by the writer (services/handoff-send.service.ts) and the province's import
 * (h12-inbox), so both read the same rules:
 *
 * - which tables go and in which order (the table registry's `handoff` class, registry order);
 * - the exact columns of each table (payload-columns.ts) minus the personal columns the
 *   province's policy does not ask for (`omitted`), never a protected column;
 * - the zod schema of the whole payload and of its evaluation results;
 * - per-row validation with Vietnamese reasons: column list, value types, UUID-shaped ids, and for
 *   every table a screen saves the same contract schemas and cross-field checks the office's
 *   screens use (payload-checks.ts), then the rules between rows (payload-cross.ts);
 * - how an importer stores an omitted personal column: NULL, "not known here".
 *
 * Pure: no I/O, no clock. The format is documented in docs/snapshot-format.md ("## Payload").
 */
import { z } from 'zod';
import { TABLES, type TableSpec } from '../../../shared/domain/table-registry';
import { SUBJECT_TYPES, BOARD_CATEGORIES, WORKFLOW_STATES } from '../../../shared/domain/evaluation';
import { EVALUATED_KINDS, OVERALL_RESULTS } from '../../../shared/domain/criteria/vocabulary';
import { isUuid } from '../../../shared/lib/ids';
import { isValidIsoDate } from '../../../shared/lib/dates';
import { PAYLOAD_COLUMNS, type PayloadColumn } from './payload-columns';
import { domainCheckOf } from './payload-checks';
import { NO_CONTEXT, type CheckContext } from './payload-forms';
import { CROSS_TABLES, crossRowProblem } from './payload-cross';
import type { PersonalPolicy } from './policy';

export { PAYLOAD_COLUMNS, type PayloadColumn, type PayloadColumnType } from './payload-columns';

export const SNAPSHOT_PAYLOAD_FORMAT = 'antq-snapshot-payload';
/** Bumped whenever a table or a column of a snapshot changes (payload-columns.ts). */
export const SNAPSHOT_PAYLOAD_VERSION = 1;
/** The payload's entry name inside the `.antq` container. */
export const SNAPSHOT_PAYLOAD_ENTRY = 'payload.json.gz.age';

// ---------------------------------------------------------------------------------------------
// Tables

/** Tables a snapshot carries, in registry order (a table after every table it references). */
export const HANDOFF_TABLES: readonly TableSpec[] = TABLES.filter((t) => t.handoff !== 'never');
export const SCOPE_TABLES: readonly TableSpec[] = HANDOFF_TABLES.filter((t) => t.handoff === 'scope');
export const CATALOGUE_TABLES: readonly TableSpec[] = HANDOFF_TABLES.filter((t) => t.handoff === 'catalogue');
const HANDOFF_BY_NAME: ReadonlyMap<string, TableSpec> = new Map(HANDOFF_TABLES.map((t) => [t.name, t]));

export function handoffTable(name: string): TableSpec | undefined {
  return HANDOFF_BY_NAME.get(name);
}

/** Scope columns that point at a catalogue table: only the catalogue rows pointed at are sent. */
export const CATALOGUE_REFERENCES: readonly { table: string; column: string; catalogue: string }[] = SCOPE_TABLES.flatMap((t) =>
  (PAYLOAD_COLUMNS[t.name] ?? [])
    .filter((c) => c.ref !== null && handoffTable(c.ref)?.handoff === 'catalogue')
    .map((c) => ({ table: t.name, column: c.name, catalogue: c.ref! })),
);

/** What the preview and the messages call each table's rows. */
export const HANDOFF_TABLE_LABELS: Readonly<Record<string, string>> = {
  units: 'Đơn vị (xã, khu dân cư)',
  unit_changes: 'Nhật ký thay đổi đơn vị',
  unit_attributes: 'Thuộc tính đơn vị',
  unit_parents: 'Lịch sử trực thuộc của đơn vị',
  unit_names: 'Lịch sử tên đơn vị',
  unit_lineage: 'Sáp nhập, chia tách đơn vị',
  organizations: 'Cơ quan, doanh nghiệp, cơ sở giáo dục',
  model_types: 'Loại mô hình',
  models: 'Mô hình',
  model_sites: 'Điểm áp dụng mô hình',
  mass_org_kinds: 'Loại tổ chức quần chúng',
  mass_orgs: 'Tổ chức quần chúng',
  unit_year_stats: 'Số hộ, nhân khẩu theo năm',
  model_events: 'Diễn biến của mô hình',
  model_ratings: 'Đánh giá mô hình theo năm',
  model_recognitions: 'Công nhận mô hình',
  mass_org_ratings: 'Xếp loại tổ chức quần chúng',
  mass_org_members: 'Thành viên tổ chức quần chúng',
  mass_org_member_ratings: 'Xếp loại thành viên',
  propaganda_sessions: 'Tuyên truyền',
  activity_events: 'Sự kiện, hội nghị',
  tips: 'Tin báo, tố giác',
  mediations: 'Hòa giải',
  incidents: 'Vụ việc',
  awards: 'Khen thưởng',
  evaluation_registrations: 'Đăng ký phong trào',
  evaluation_attestations: 'Xác nhận tiêu chí',
  evaluation_overrides: 'Kết luận thay cho tiêu chí',
  evaluation_figures: 'Số liệu đánh giá theo năm',
  evaluation_history: 'Nhật ký đánh giá',
  rubric_scores: 'Điểm chấm theo thang điểm',
  incident_stats_declarations: 'Xác nhận đã nhập đủ số liệu vụ việc',
  leadership_documents: 'Văn bản chỉ đạo',
};

export function tableLabel(name: string): string {
  return HANDOFF_TABLE_LABELS[name] ?? name;
}

// ---------------------------------------------------------------------------------------------
// Personal columns and the province's policy

/**
 * handoff_policy.personal_allowed_json: per table, the personal columns the province asks for.
 * Absent, unreadable or empty: none (the office sends no personal data).
 */
/** The province's policy of personal fields: one schema and one reading (handoff/policy.ts). */
export { parsePolicyJson as parsePersonalPolicy, personalPolicySchema, type PersonalPolicy } from './policy';

/** Columns derived from another personal column: they go exactly when it goes. */
const DERIVED_FROM: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  mass_org_members: { full_name_folded: 'full_name', full_name_sort: 'full_name' },
};

/** The personal columns of a handed-off table the policy does not ask for, in column order. */
export function omittedColumns(table: string, policy: PersonalPolicy): string[] {
  const spec = handoffTable(table);
  if (!spec) return [];
  const allowed = new Set(policy[table] ?? []);
  const derived = DERIVED_FROM[table] ?? {};
  const personal = new Set(spec.personal);
  return (PAYLOAD_COLUMNS[table] ?? []).map((c) => c.name).filter((name) => personal.has(name) && !allowed.has(derived[name] ?? name));
}

/** Every personal column a snapshot may leave out, per table (the preview's "what never goes"). */
export function personalColumnsByTable(): { table: string; columns: string[] }[] {
  return HANDOFF_TABLES.filter((t) => t.personal.length > 0).map((t) => ({ table: t.name, columns: [...t.personal] }));
}

/** The columns a snapshot writes for a table: the schema's, minus the omitted ones, in schema order. */
export function payloadColumns(table: string, omitted: readonly string[]): PayloadColumn[] {
  const out = new Set(omitted);
  return (PAYLOAD_COLUMNS[table] ?? []).filter((c) => !out.has(c.name));
}

export type Cell = string | number | null;

/**
 * One row as the importer stores it: every schema column; an omitted (personal) column is NULL,
 * "not known here" (migration 0016 allows it in the NOT NULL personal columns). A stand-in value
 * would be counted as a fact (a member's gender by the province's counts).
 */
export function storedRow(
  table: string,
  columns: readonly string[],
  cells: readonly Cell[],
  omitted: readonly string[],
): Record<string, Cell> {
  const row: Record<string, Cell> = {};
  columns.forEach((c, i) => (row[c] = cells[i] ?? null));
  for (const c of omitted) row[c] = null;
  return row;
}

/**
 * Values that pass the screens' schema in a required field the file left out, used only to run
 * that schema on the row's other fields (`validatePayloadRows`); never stored.
 */
const CHECK_FILLERS: Readonly<Record<string, Readonly<Record<string, Cell>>>> = {
  mass_org_members: { full_name: 'x', full_name_folded: 'x', full_name_sort: 'x', gender: 'nam' },
  awards: { recipient_name: 'x' },
};

function checkedRow(table: string, columns: readonly string[], cells: readonly Cell[], omitted: readonly string[]): Record<string, Cell> {
  const row = storedRow(table, columns, cells, omitted);
  const fillers = CHECK_FILLERS[table] ?? {};
  for (const c of omitted) if (c in fillers) row[c] = fillers[c]!;
  return row;
}

// ---------------------------------------------------------------------------------------------
// The payload's schema

const uuid = z.string().refine(isUuid, { error: 'Mã không đúng dạng UUID.' });
const isoDate = z.string().refine(isValidIsoDate, { error: 'Ngày không hợp lệ.' });

export const payloadOfficeSchema = z
  .object({
    id: uuid,
    code: z.string().min(1).max(20),
    name: z.string().min(1).max(300),
    level: z.enum(['xa', 'huyen']),
    era: z.enum(['truoc_2025', 'sau_2025']),
    rootUnitId: uuid,
  })
  .strict();
export type PayloadOffice = z.infer<typeof payloadOfficeSchema>;

export const payloadPeriodSchema = z
  .object({ from: isoDate, to: isoDate })
  .strict()
  .refine((p) => p.from <= p.to, { error: 'Kỳ báo cáo có ngày bắt đầu sau ngày kết thúc.' });

const cell = z.union([z.string(), z.number(), z.null()]);
export const payloadTableSchema = z.object({ columns: z.array(z.string()), rows: z.array(z.array(cell)) }).strict();
export type PayloadTable = z.infer<typeof payloadTableSchema>;

const overall = z.enum(OVERALL_RESULTS);
/**
 * One evaluated subject of the reported year. `basis`: 'frozen' when the year is frozen at the
 * office and this subject's frozen result verifies (then `result` = `frozen`); 'live' when the
 * year is not frozen or the subject was added after the freeze (`result` = `live`); 'unverified'
 * when the year is frozen but the frozen result cannot be verified (`result` null: "không xác định").
 */
export const payloadEvaluationSchema = z
  .object({
    subjectType: z.enum(SUBJECT_TYPES),
    subjectId: uuid,
    kind: z.enum(EVALUATED_KINDS),
    category: z.enum(BOARD_CATEGORIES),
    status: z.enum(WORKFLOW_STATES),
    basis: z.enum(['frozen', 'live', 'unverified']),
    result: overall.nullable(),
    live: overall,
    frozen: overall.nullable(),
    frozenAt: z.string().nullable(),
    failing: z.array(z.string()),
    missing: z.array(z.string()),
  })
  .strict();
export type PayloadEvaluation = z.infer<typeof payloadEvaluationSchema>;

const year = z.number().int().min(2000).max(2100);
const sequence = z.number().int().min(1).max(Number.MAX_SAFE_INTEGER);

export const snapshotPayloadSchema = z
  .object({
    format: z.literal(SNAPSHOT_PAYLOAD_FORMAT),
    version: z.literal(SNAPSHOT_PAYLOAD_VERSION),
    office: payloadOfficeSchema,
    year,
    period: payloadPeriodSchema,
    sequence,
    tables: z.record(z.string(), payloadTableSchema),
    omitted: z.record(z.string(), z.array(z.string())),
    evaluation: z.array(payloadEvaluationSchema),
  })
  .strict();
export type SnapshotPayload = z.infer<typeof snapshotPayloadSchema>;

/** The snapshot's own fields of the manifest (beside h12-core's common ones and `payload`). */
export const snapshotManifestFieldsSchema = z.object({
  office: payloadOfficeSchema,
  year,
  period: payloadPeriodSchema,
  sequence,
  /** The province's fingerprint ("1234-5678-…"): the key the payload is encrypted to. */
  recipient: z.string().regex(/^\d{4}(-\d{4}){5}$/),
  counts: z.record(z.string(), z.number().int().min(0)),
  /**
   * The sender's audit-log head when the file was written (issue 15 item 3): the province records
   * it, so entries the office later removes from the end of its log are provable. Absent in files
   * of earlier versions.
   */
  auditHead: z
    .object({ seq: z.number().int().min(1), hash: z.string().regex(/^[0-9a-f]{64}$/) })
    .nullable()
    .optional(),
});
export type SnapshotManifestFields = z.infer<typeof snapshotManifestFieldsSchema>;

/** Parse decoded JSON as a payload; a refusal names the first problem in Vietnamese. */
export function parseSnapshotPayload(value: unknown): { ok: true; payload: SnapshotPayload } | { ok: false; message: string } {
  if (value !== null && typeof value === 'object' && 'version' in value && value.version !== SNAPSHOT_PAYLOAD_VERSION) {
    return {
      ok: false,
      message: `Dữ liệu trong tệp có phiên bản ${String(value.version)}, ứng dụng này chỉ đọc phiên bản ${SNAPSHOT_PAYLOAD_VERSION}.`,
    };
  }
  const parsed = snapshotPayloadSchema.safeParse(value);
  if (parsed.success) return { ok: true, payload: parsed.data };
  const issue = parsed.error.issues[0]!;
  const where = issue.path.length > 0 ? ` (tại ${issue.path.map(String).join('.')})` : '';
  return { ok: false, message: `Dữ liệu trong tệp không đúng cấu trúc${where}: ${issue.message}` };
}

// ---------------------------------------------------------------------------------------------
// Row validation (the import side)

export interface PayloadProblem {
  table: string | null;
  /** 1-based row number in the table's `rows`, or null for a table-level problem. */
  row: number | null;
  id: string | null;
  /** A complete Vietnamese sentence naming the table, the row and the reason. */
  message: string;
  /** The row repeats the key of an earlier row (the import refuses it as a duplicate id). */
  duplicate?: true;
}

function cellProblem(c: PayloadColumn, v: Cell): string | null {
  if (v === null) return c.nullable ? null : `cột "${c.name}" không được để trống`;
  if (c.type === 'text') {
    if (typeof v !== 'string') return `cột "${c.name}" phải là chuỗi ký tự`;
    if (c.ref !== null && !isUuid(v)) return `cột "${c.name}" không phải mã UUID`;
    return null;
  }
  if (typeof v !== 'number' || !Number.isFinite(v)) return `cột "${c.name}" phải là số`;
  if (c.type === 'integer' && !Number.isSafeInteger(v)) return `cột "${c.name}" phải là số nguyên`;
  return null;
}

function rowLabel(name: string, index: number, id: string | null): string {
  return `Bảng "${name}" (${tableLabel(name)}), dòng ${index + 1}${id ? ` (mã ${id})` : ''}`;
}

/** Where the rows the rules between rows read are kept, as stored (by table). */
type CrossRows = Map<string, Record<string, Cell>[]>;

/** Rows checked between two pauses of the pausing validation (a pause costs a turn only once its slice ran 50 ms). */
const ROWS_PER_STEP = 200;

/** One table's problems; yields the rows checked so far every ROWS_PER_STEP rows (a place to pause). */
function* tableProblems(
  payload: SnapshotPayload,
  name: string,
  push: (p: PayloadProblem) => boolean,
  ctx: CheckContext,
  crossRows: CrossRows,
): Generator<number, void, void> {
  const label = `Bảng "${name}" (${tableLabel(name)})`;
  const spec = handoffTable(name);
  const table = payload.tables[name]!;
  if (!spec) {
    push({ table: name, row: null, id: null, message: `Bảng "${name}" không thuộc dữ liệu được gửi lên tỉnh.` });
    return;
  }
  const omitted = payload.omitted[name] ?? [];
  const notPersonal = omitted.filter((c) => !spec.personal.includes(c));
  if (notPersonal.length > 0) {
    push({
      table: name,
      row: null,
      id: null,
      message: `${label}: chỉ được bỏ cột dữ liệu cá nhân, không được bỏ cột ${notPersonal.join(', ')}.`,
    });
    return;
  }
  const expected = payloadColumns(name, omitted);
  if (table.columns.join('\u0000') !== expected.map((c) => c.name).join('\u0000')) {
    const msg = `${label}: danh sách cột không đúng (cần: ${expected.map((c) => c.name).join(', ')}).`;
    push({ table: name, row: null, id: null, message: msg });
    return;
  }
  // The row is named by its key (`unit_attributes` is keyed by its unit).
  const idIndex = table.columns.indexOf(spec.key.length === 1 ? spec.key[0]! : 'id');
  const seen = new Set<string>();
  const check = domainCheckOf(name);
  const kept: Record<string, Cell>[] | null = CROSS_TABLES.has(name) ? [] : null;
  if (kept) crossRows.set(name, kept);
  for (let i = 0; i < table.rows.length; i++) {
    if (i > 0 && i % ROWS_PER_STEP === 0) yield ROWS_PER_STEP;
    const cells = table.rows[i]!;
    const id = idIndex >= 0 && typeof cells[idIndex] === 'string' ? cells[idIndex] : null;
    const at = rowLabel(name, i, id);
    const fail = (reason: string) => push({ table: name, row: i + 1, id, message: `${at}: ${reason}.` });
    if (cells.length !== expected.length) {
      if (!fail(`có ${cells.length} giá trị, cần ${expected.length}`)) return;
      continue;
    }
    const bad = expected.map((c, j) => cellProblem(c, cells[j]!)).find((p) => p !== null);
    if (bad) {
      if (!fail(bad)) return;
      continue;
    }
    const key = spec.key.map((k) => String(cells[table.columns.indexOf(k)])).join('|');
    if (spec.key.length === 1 && spec.key[0] === 'id' && !isUuid(key)) {
      if (!fail('mã bản ghi không phải UUID')) return;
      continue;
    }
    if (seen.has(key)) {
      if (!push({ table: name, row: i + 1, id, message: `${at}: trùng mã với một dòng trước.`, duplicate: true })) return;
      continue;
    }
    seen.add(key);
    if (!check && !kept) continue;
    const stored = storedRow(name, table.columns, cells, omitted);
    kept?.push(stored);
    // The screens' schemas require the personal fields a file may leave out: check with fillers, store NULL.
    const reason = check ? check(omitted.length > 0 ? checkedRow(name, table.columns, cells, omitted) : stored, ctx) : null;
    if (reason && !fail(reason)) return;
  }
}

export interface ValidateOptions {
  maxProblems?: number;
  /** The importer's date and the rubrics it holds (the screens' rules that need them); none by default. */
  context?: CheckContext;
}

/**
 * Every problem of the payload's tables, rows and values, in table order (at most `maxProblems`):
 * empty when the rows are fit to import. Does not check scope (rows inside the sender's units) or
 * references between tables: the import does, against its own database.
 */
export function validatePayloadRows(payload: SnapshotPayload, options: ValidateOptions = {}): PayloadProblem[] {
  const steps = validationSteps(payload, options);
  for (let step = steps.next(); ; step = steps.next()) if (step.done) return step.value;
}

/**
 * The same checks in the same order as validatePayloadRows, with `pause(done, total)` between
 * slices of rows (issue 16 item 3: the host answers meanwhile; `pause` may throw to cancel).
 */
export async function validatePayloadRowsPausing(
  payload: SnapshotPayload,
  options: ValidateOptions,
  pause: (done: number, total: number) => Promise<void>,
): Promise<PayloadProblem[]> {
  const total = Object.values(payload.tables).reduce((n, t) => n + t.rows.length, 0);
  let done = 0;
  const steps = validationSteps(payload, options);
  for (let step = steps.next(); ; step = steps.next()) {
    if (step.done) return step.value;
    done += step.value;
    await pause(Math.min(done, total), total);
  }
}

function* validationSteps(payload: SnapshotPayload, options: ValidateOptions): Generator<number, PayloadProblem[], void> {
  const max = options.maxProblems ?? 50;
  const problems: PayloadProblem[] = [];
  const push = (p: PayloadProblem): boolean => {
    problems.push(p);
    return problems.length < max;
  };
  for (const t of HANDOFF_TABLES) {
    if (!(t.name in payload.tables))
      push({ table: t.name, row: null, id: null, message: `Thiếu bảng "${t.name}" (${tableLabel(t.name)}).` });
  }
  for (const name of Object.keys(payload.omitted)) {
    if (!(name in payload.tables))
      push({ table: name, row: null, id: null, message: `Danh sách cột bỏ ra nhắc đến bảng "${name}" không có trong tệp.` });
  }
  const ctx = options.context ?? NO_CONTEXT;
  const crossRows: CrossRows = new Map();
  for (const name of Object.keys(payload.tables)) {
    if (problems.length >= max) break;
    yield* tableProblems(payload, name, push, ctx, crossRows);
    yield payload.tables[name]!.rows.length % ROWS_PER_STEP;
  }
  // The rules between rows need every row sound first.
  if (problems.length === 0) {
    const cross = crossRowProblem(crossRows, ctx);
    if (cross) {
      const table = payload.tables[cross.table]!;
      const idIndex = table.columns.indexOf('id');
      const id = idIndex >= 0 ? String(table.rows[cross.index]![idIndex]) : null;
      push({ table: cross.table, row: cross.index + 1, id, message: `${rowLabel(cross.table, cross.index, id)}: ${cross.reason}.` });
    }
  }
  return problems.slice(0, max);
}
