/**
 * Use cases of the activity records (shared/domain/activities.ts): lists by unit scope (rolled up
 * through merges) and period, one-record and many-record saves that pass the same rules, the bin
 * (delete and undo), and the informant of a tip, which only `tipInformant` ever reads.
 *
 * Every save checks, in this order: the contract's schema (dispatch), the record's own cross-field
 * rules (checkActivity), then what it refers to (the unit exists and was active on the record's
 * date, the organisation and the mediation team exist). Nothing is written unless every row passes.
 */
import { readDb, type ServiceContext } from '../context';
import { HostTurns, sortInTurns } from '../jobs/jobs';
import type { Db } from '../repos/units.repo';
import type { ErrorCode } from '../../../shared/ipc/errors';
import { AppError } from '../errors';
import * as repo from '../repos/activities.repo';
import * as informants from '../repos/tip-informants.repo';
import { fieldsOf } from '../keys/fields';
import type { RefOrganization, RefTeam, RefUnit, StoredActivity } from '../repos/activities.repo';
import {
  ACTIVITY_FIELDS,
  ACTIVITY_ITEM,
  ACTIVITY_KIND_INFO,
  AWARD_FORM_INFO,
  activityField,
  checkActivity,
  placedByYear,
  placementDate,
  recordTitle,
  tipDeadline,
  tipTiming,
  type ActivityKind,
  type ActivityRecords,
} from '../../../shared/domain/activities';
import { unitsInScope } from '../../../shared/domain/scope';
import type { ActivityFilter, ActivityInputs, ActivityRows, InformantInput } from '../../../shared/ipc/contracts/activities.contract';
import { compareVietnamese, foldVietnamese } from '../../../shared/lib/text';
import { formatDateVi } from '../../../shared/lib/dates';
import { noteAudit } from '../audit/scope';
import { AUDIT_TEXTS } from '../audit/texts';
import { isAllowed } from '../../../shared/ipc/access';

export type { ServiceContext };

const DELETED_UNIT = '(đơn vị đã xóa)';
export const MEDIATION_TEAM_KIND_CODE = 'to_hoa_giai';

/** The text that names a record in the bin and the sort after the date. */
function mainText<K extends ActivityKind>(kind: K, r: ActivityInputs[K]): string {
  return recordTitle(kind, r);
}

export function placementOf<K extends ActivityKind>(kind: K, r: ActivityInputs[K]): string {
  // The inputs carry every field placementDate reads; the id it does not read.
  return placementDate(kind, r as unknown as ActivityRecords[K]);
}

// ---------------------------------------------------------------------------------------------
// What records refer to, loaded once per call

export interface Refs {
  units: Map<string, RefUnit>;
  /** predecessor → its primary successor (where its records are carried after a merge or split). */
  successor: Map<string, string>;
  links: repo.RefLink[];
  organizations: Map<string, RefOrganization>;
  teams: Map<string, RefTeam>;
}

/**
 * `records`: only the organisations and teams these records name are read (a save checks its own
 * records; the lists and the import need every one of them, by id or by name).
 */
export async function loadRefs(db: Db, records?: readonly ActivityInputs[ActivityKind][]): Promise<Refs> {
  const units = await repo.listRefUnits(db);
  const links = await repo.listRefLinks(db);
  const named = (key: string): string[] | undefined =>
    records?.flatMap((r) => {
      const v = (r as Record<string, unknown>)[key];
      return typeof v === 'string' ? [v] : [];
    });
  return {
    units: new Map(units.map((u) => [u.id, u])),
    successor: new Map(links.filter((l) => l.primary).map((l) => [l.predecessorId, l.successorId])),
    links,
    organizations: new Map((await repo.listRefOrganizations(db, named('organizationId'))).map((o) => [o.id, o])),
    teams: new Map((await repo.listRefTeams(db, named('teamId'))).map((t) => [t.id, t])),
  };
}

/** The ids of the units whose records count for `unitId` (null = the whole office). */
export function scopeOf(refs: Refs, unitId: string | null): Set<string> | null {
  if (unitId === null) return null;
  const live = [...refs.units.values()].filter((u) => !u.deleted);
  if (!live.some((u) => u.id === unitId)) {
    throw new AppError('NOT_FOUND', 'Không tìm thấy đơn vị đã chọn (có thể đã bị xóa).', { unitId: 'Không tìm thấy đơn vị' });
  }
  return unitsInScope(live, refs.links, unitId);
}

// ---------------------------------------------------------------------------------------------
// Rows as lists show them

function unitNameOf(refs: Refs, id: string): string {
  return refs.units.get(id)?.name ?? DELETED_UNIT;
}

const hasFieldOfType = (kind: ActivityKind, type: 'org' | 'team'): boolean => ACTIVITY_FIELDS[kind].some((f) => f.type === type);

export function toRow<K extends ActivityKind>(kind: K, s: StoredActivity<K>, refs: Refs, today: string): ActivityRows[K] {
  const { deletedAt: _deletedAt, ...rest } = s;
  const base: Record<string, unknown> = { ...rest, unitName: unitNameOf(refs, s.unitId) };
  const r = s as Record<string, unknown>;
  if (hasFieldOfType(kind, 'org')) {
    const orgId = r['organizationId'] as string | null;
    base['organizationName'] = orgId === null ? null : (refs.organizations.get(orgId)?.name ?? null);
  }
  if (hasFieldOfType(kind, 'team')) {
    const teamId = r['teamId'] as string | null;
    base['teamName'] = teamId === null ? null : (refs.teams.get(teamId)?.name ?? null);
  }
  if (kind === 'tips') {
    const t = s as unknown as ActivityRecords['tips'];
    base['deadline'] = tipDeadline(t);
    base['timing'] = tipTiming(t, today);
  }
  // The shape is the contract's row of this kind; dispatch checks it again on the way out.
  return base as unknown as ActivityRows[K];
}

interface SortKey {
  date: string;
  /** Position of the unit's name in Vietnamese order (names compared once, not per pair of rows). */
  unitRank: number;
  text: string;
  id: string;
}

function compareRows(a: SortKey, b: SortKey): number {
  if (a.date !== b.date) return a.date < b.date ? 1 : -1;
  if (a.unitRank !== b.unitRank) return a.unitRank - b.unitRank;
  return compareVietnamese(a.text, b.text) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

function unitRanks(refs: Refs): Map<string, number> {
  const sorted = [...refs.units.values()].sort((a, b) => compareVietnamese(a.name, b.name) || (a.id < b.id ? -1 : 1));
  return new Map(sorted.map((u, i) => [u.id, i]));
}

/**
 * Diacritic-free search over a record: its free text, the labels of its enum values and the names
 * it shows. Labels and names are folded once per call; only the free text is folded per record.
 */
function searcher(kind: ActivityKind, query: string): ((row: Record<string, unknown>) => boolean) | null {
  const words = foldVietnamese(query)
    .split(' ')
    .filter((w) => w.length > 0);
  if (words.length === 0) return null;
  const texts: string[] = [];
  const enums: { key: string; folded: Map<string, string> }[] = [];
  for (const f of ACTIVITY_FIELDS[kind]) {
    if (f.type === 'text' || f.type === 'longtext') texts.push(f.key);
    else if (f.type === 'enum' && f.options) {
      enums.push({ key: f.key, folded: new Map(Object.entries(f.options).map(([v, label]) => [v, foldVietnamese(label)])) });
    }
  }
  const names = new Map<string, string>();
  const foldedName = (name: unknown): string => {
    if (typeof name !== 'string') return '';
    let f = names.get(name);
    if (f === undefined) names.set(name, (f = foldVietnamese(name)));
    return f;
  };
  return (row) => {
    const parts: string[] = [];
    for (const k of texts) {
      const v = row[k];
      if (typeof v === 'string') parts.push(foldVietnamese(v));
    }
    for (const e of enums) parts.push(e.folded.get(String(row[e.key])) ?? '');
    parts.push(foldedName(row['unitName']), foldedName(row['organizationName']), foldedName(row['teamName']));
    const hay = parts.join(' ');
    return words.every((w) => hay.includes(w));
  };
}

function checkCategory(kind: ActivityKind, category: string | null): void {
  if (category === null) return;
  const field = activityField(kind, ACTIVITY_KIND_INFO[kind].category);
  if (!field.options || !(category in field.options)) {
    throw new AppError('VALIDATION', 'Nhóm lọc không hợp lệ với loại hoạt động này.', { category: 'Nhóm lọc không hợp lệ' });
  }
}

export interface RowQuery {
  unitId: string | null;
  from: string | null;
  to: string | null;
  search: string;
  category: string | null;
}

/** Rows of one kind for a filter, newest first then in Vietnamese order; `bound`: refused above `max` records in the scope and period. */
export async function queryActivities<K extends ActivityKind>(
  ctx: ServiceContext,
  db: Db,
  kind: K,
  q: RowQuery,
  bound?: { max: number; refusal: () => AppError },
): Promise<ActivityRows[K][]> {
  checkCategory(kind, q.category);
  const refs = await loadRefs(db);
  const scope = scopeOf(refs, q.unitId);
  // Read on the read-only worker unless `db` is a transaction of the caller's (issue 16 item 3).
  const reading = db === ctx.db ? readDb(ctx) : db;
  const stored = await repo.listActivityRows(reading, kind, { unitIds: scope, from: q.from, to: q.to, limit: bound && bound.max + 1 });
  if (bound !== undefined && stored.length > bound.max) throw bound.refusal();
  const today = ctx.clock.today();
  const catField = ACTIVITY_KIND_INFO[kind].category;
  const matches = searcher(kind, q.search);
  const ranks = unitRanks(refs);
  const keyed: (SortKey & { row: ActivityRows[K] })[] = [];
  // A whole table's rows (an export with no period: 150.000 at 500 k) are built and sorted in turns.
  const turns = new HostTurns();
  for (const s of stored) {
    if (turns.due()) await turns.take();
    if (q.category !== null && (s as Record<string, unknown>)[catField] !== q.category) continue;
    const row = toRow(kind, s, refs, today);
    if (matches !== null && !matches(row)) continue;
    keyed.push({ row, date: placementOf(kind, s), unitRank: ranks.get(s.unitId) ?? -1, text: mainText(kind, s), id: s.id });
  }
  return (await sortInTurns(keyed, compareRows)).map((k) => k.row);
}

export function checkPeriod(filter: { from: string | null; to: string | null }): void {
  if (filter.from !== null && filter.to !== null && filter.from > filter.to) {
    throw new AppError('VALIDATION', 'Ngày bắt đầu của kỳ không được sau ngày kết thúc.', { from: 'Từ ngày sau đến ngày' });
  }
}

/** The records of one kind for the filter, as lists show them (the consolidation reads them as domain records). */
export async function listActivities<K extends ActivityKind>(
  ctx: ServiceContext,
  filter: ActivityFilter & { kind: K },
): Promise<ActivityRows[K][]> {
  checkPeriod(filter);
  return queryActivities(ctx, ctx.db, filter.kind, filter);
}

export async function getActivity<K extends ActivityKind>(ctx: ServiceContext, kind: K, id: string): Promise<ActivityRows[K]> {
  const s = await repo.findActivity(ctx.db, kind, id);
  if (!s) throw notFound(kind);
  return toRow(kind, s, await loadRefs(ctx.db), ctx.clock.today());
}

function notFound(kind: ActivityKind): AppError {
  return new AppError('NOT_FOUND', `Không tìm thấy ${ACTIVITY_ITEM[kind]} này (có thể đã bị xóa).`);
}

// ---------------------------------------------------------------------------------------------
// Checks of a record before it is written

interface Problem {
  field: string;
  message: string;
  code: ErrorCode;
}

/** Fills what the backend decides for an empty field (an award's usual issuer). */
export function completeRecord<K extends ActivityKind>(kind: K, record: ActivityInputs[K]): ActivityInputs[K] {
  if (kind === 'awards') {
    const a = record as ActivityInputs['awards'];
    if (a.issuer.trim() === '') return { ...a, issuer: AWARD_FORM_INFO[a.form].defaultIssuer } as ActivityInputs[K];
  }
  return record;
}

/** Is `a` the unit `b`, above it or below it in the current tree? */
function related(refs: Refs, a: string, b: string): boolean {
  const chain = (id: string) => {
    const out = new Set<string>();
    let cur: string | null = id;
    while (cur !== null && !out.has(cur)) {
      out.add(cur);
      cur = refs.units.get(cur)?.parentId ?? null;
    }
    return out;
  };
  return chain(a).has(b) || chain(b).has(a);
}

/**
 * Does a team of `teamUnitId` serve the area of `unitId`? Yes when one unit is above the other in
 * the current tree, also for the unit's successors after a merge: villages move under the new
 * commune, and a mediation entered for the old commune may still name a team of such a village.
 */
function inArea(refs: Refs, teamUnitId: string, unitId: string): boolean {
  const seen = new Set<string>();
  let cur: string | undefined = unitId;
  while (cur !== undefined && !seen.has(cur)) {
    if (related(refs, teamUnitId, cur)) return true;
    seen.add(cur);
    cur = refs.successor.get(cur);
  }
  return false;
}

/**
 * Referential problems: the unit exists and was active on the record's date (awards excepted: they
 * count for a year, not a day), the organisation exists, the mediation team is a mediation team of
 * the same area. `previous` is the stored record being updated: a date and unit it already had are
 * not checked again, so a record made before its unit ended can still be corrected.
 */
export function referenceProblems<K extends ActivityKind>(
  kind: K,
  r: ActivityInputs[K],
  refs: Refs,
  previous: ActivityInputs[K] | null,
): Problem[] {
  const out: Problem[] = [];
  const unit = refs.units.get(r.unitId);
  if (!unit || unit.deleted) {
    out.push({ field: 'unitId', code: 'NOT_FOUND', message: 'Không tìm thấy đơn vị đã chọn (có thể đã bị xóa).' });
  } else if (!placedByYear(kind)) {
    const date = placementOf(kind, r);
    const unchanged = previous !== null && previous.unitId === r.unitId && placementOf(kind, previous) === date;
    if (!unchanged) {
      const what = `${ACTIVITY_ITEM[kind]} ngày ${formatDateVi(date)}`;
      if (unit.validTo !== null && date > unit.validTo) {
        const succ = refs.successor.get(unit.id);
        const succName = succ ? refs.units.get(succ)?.name : undefined;
        out.push({
          field: 'unitId',
          code: 'RULE',
          message:
            `${unit.name} đã kết thúc hoạt động từ ngày ${formatDateVi(unit.validTo)}; ${what} phải ghi cho ` +
            (succName ? `đơn vị kế thừa là ${succName}.` : 'đơn vị quản lý địa bàn vào ngày đó.'),
        });
      } else if (unit.validFrom !== null && date < unit.validFrom) {
        out.push({
          field: 'unitId',
          code: 'RULE',
          message: `${unit.name} bắt đầu hoạt động từ ngày ${formatDateVi(unit.validFrom)}; ${what} phải ghi cho đơn vị quản lý địa bàn trước đó.`,
        });
      }
    }
  }
  const rec = r as Record<string, unknown>;
  const orgId = rec['organizationId'];
  if (typeof orgId === 'string') {
    const org = refs.organizations.get(orgId);
    if (!org || org.deleted) {
      out.push({
        field: 'organizationId',
        code: 'NOT_FOUND',
        message: 'Không tìm thấy cơ quan, doanh nghiệp, trường học đã chọn (có thể đã bị xóa).',
      });
    }
  }
  const teamId = rec['teamId'];
  if (typeof teamId === 'string') {
    const team = refs.teams.get(teamId);
    const prev = previous === null ? null : (previous as Record<string, unknown>);
    if (!team || team.deleted) {
      out.push({ field: 'teamId', code: 'NOT_FOUND', message: 'Không tìm thấy tổ hòa giải đã chọn (có thể đã bị xóa).' });
    } else if (team.kindCode !== MEDIATION_TEAM_KIND_CODE) {
      out.push({
        field: 'teamId',
        code: 'RULE',
        message: `"${team.name}" là ${team.kindName.toLowerCase()}, không phải tổ hòa giải; hãy chọn một tổ hòa giải hoặc để trống.`,
      });
    } else if (unit && !unit.deleted && !inArea(refs, team.unitId, unit.id)) {
      out.push({
        field: 'teamId',
        code: 'RULE',
        message: `Tổ hòa giải "${team.name}" thuộc ${unitNameOf(refs, team.unitId)}, không thuộc địa bàn ${unit.name}.`,
      });
    } else {
      const receivedOn = (r as ActivityInputs['mediations']).receivedOn;
      const same = prev !== null && prev['teamId'] === teamId && prev['receivedOn'] === receivedOn;
      if (!same && team.validTo !== null && receivedOn > team.validTo) {
        out.push({
          field: 'teamId',
          code: 'RULE',
          message: `Tổ hòa giải "${team.name}" đã kết thúc hoạt động từ ngày ${formatDateVi(team.validTo)}, trước ngày tiếp nhận vụ việc (${formatDateVi(receivedOn)}).`,
        });
      }
    }
  }
  return out;
}

export function recordProblems<K extends ActivityKind>(
  kind: K,
  r: ActivityInputs[K],
  refs: Refs,
  previous: ActivityInputs[K] | null,
): Problem[] {
  const cross = Object.entries(checkActivity(kind, r as Record<string, unknown>)).map(([field, message]): Problem => ({
    field,
    message,
    code: 'VALIDATION',
  }));
  return [...cross, ...referenceProblems(kind, r, refs, previous)];
}

// ---------------------------------------------------------------------------------------------
// Saving

export async function saveActivity<K extends ActivityKind>(
  ctx: ServiceContext,
  kind: K,
  id: string | null,
  input: ActivityInputs[K],
): Promise<ActivityRows[K]> {
  return ctx.db.transaction().execute(async (trx) => {
    const refs = await loadRefs(trx);
    const previous = id === null ? null : await repo.findActivity(trx, kind, id);
    if (id !== null && previous === null) throw notFound(kind);
    const record = completeRecord(kind, input);
    const problems = recordProblems(kind, record, refs, previous);
    if (problems.length > 0) {
      const details: Record<string, string> = {};
      for (const p of problems) details[`record.${p.field}`] ??= p.message;
      throw new AppError(problems[0]!.code, problems[0]!.message, details);
    }
    const at = ctx.clock.timestamp();
    let stored: StoredActivity<K>;
    if (previous === null) {
      const newId = ctx.newId();
      await repo.insertActivities(trx, kind, [{ id: newId, record }], at);
      stored = { ...record, id: newId, createdAt: at, updatedAt: at, deletedAt: null };
    } else {
      await repo.updateActivity(trx, kind, previous.id, record, at);
      stored = { ...record, id: previous.id, createdAt: previous.createdAt, updatedAt: at, deletedAt: null };
    }
    return toRow(kind, stored, refs, ctx.clock.today());
  });
}

/** The entry grid: every row is created, or none; problems keyed "records.<index>.<field>". */
export async function saveActivities<K extends ActivityKind>(
  ctx: ServiceContext,
  kind: K,
  inputs: readonly ActivityInputs[K][],
): Promise<{ ids: string[] }> {
  return ctx.db.transaction().execute(async (trx) => {
    const records = inputs.map((r) => completeRecord(kind, r));
    const refs = await loadRefs(trx, records);
    const details: Record<string, string> = {};
    let first: { index: number; problem: Problem } | null = null;
    let count = 0;
    records.forEach((r, index) => {
      for (const p of recordProblems(kind, r, refs, null)) {
        count++;
        first ??= { index, problem: p };
        details[`records.${index}.${p.field}`] ??= p.message;
      }
    });
    if (first !== null) {
      const { index, problem } = first as { index: number; problem: Problem };
      const more = count > 1 ? ` Còn ${count - 1} lỗi khác trong các dòng.` : '';
      throw new AppError(problem.code, `Dòng ${index + 1}: ${problem.message}${more} Chưa lưu dòng nào.`, details);
    }
    const at = ctx.clock.timestamp();
    const rows = records.map((record) => ({ id: ctx.newId(), record }));
    // At once: this transaction runs on the app's connection, which does not pause between statements.
    await repo.insertActivitiesAtOnce(trx, kind, rows, at);
    return { ids: rows.map((r) => r.id) };
  });
}

// ---------------------------------------------------------------------------------------------
// The bin

/**
 * Moves a record to the bin. A deleted tip's informant is erased, not binned: its row is deleted in
 * the same transaction (secure_delete overwrites its bytes) and a mark without any identity takes
 * its place, so the bin and the restore can say the informant is gone for good; restoring the tip
 * brings it back without its informant (docs/decisions.md (h15-crypt), docs/decisions.md (h15-keys)).
 */
export async function deleteActivity(ctx: ServiceContext, kind: ActivityKind, id: string): Promise<{ id: string; deletedAt: string }> {
  const at = ctx.clock.timestamp();
  return ctx.db.transaction().execute(async (trx) => {
    const done = await repo.setActivityDeleted(trx, kind, id, at, at);
    if (!done) throw notFound(kind);
    if (kind === 'tips') await informants.eraseInformant(trx, id, at);
    return { id, deletedAt: at };
  });
}

export async function restoreActivity<K extends ActivityKind>(ctx: ServiceContext, kind: K, id: string): Promise<ActivityRows[K]> {
  return ctx.db.transaction().execute(async (trx) => {
    const s = await repo.findActivity(trx, kind, id, true);
    if (!s) throw new AppError('NOT_FOUND', `Không tìm thấy ${ACTIVITY_ITEM[kind]} cần khôi phục.`);
    if (s.deletedAt === null) throw new AppError('RULE', `${capitalise(ACTIVITY_ITEM[kind])} này chưa bị xóa nên không cần khôi phục.`);
    const refs = await loadRefs(trx);
    const unit = refs.units.get(s.unitId);
    if (!unit || unit.deleted) {
      throw new AppError('RULE', `Không thể khôi phục: đơn vị của ${ACTIVITY_ITEM[kind]} này đã bị xóa.`);
    }
    const at = ctx.clock.timestamp();
    await repo.setActivityDeleted(trx, kind, id, null, at);
    // The tip comes back without its informant: the mark of the erased one goes.
    if (kind === 'tips') await informants.dropErasedMark(trx, id);
    return toRow(kind, { ...s, updatedAt: at, deletedAt: null }, refs, ctx.clock.today());
  });
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** "12/03/2026 · buổi tuyên truyền · Phòng chống ma túy (Xã Gia Hòa)"; awards name their year. */
export function binLabel<K extends ActivityKind>(kind: K, s: ActivityInputs[K], unitName: string): string {
  const place = (s as Record<string, unknown>)[ACTIVITY_KIND_INFO[kind].placement];
  const when = placedByYear(kind) ? `Năm ${String(place)}` : formatDateVi(placementOf(kind, s));
  return `${when} · ${ACTIVITY_ITEM[kind]} · ${mainText(kind, s)} (${unitName})`;
}

/** Does the open session's role see anything of informants (the roles of `tips.informant`)? */
function seesInformants(ctx: ServiceContext): boolean {
  return isAllowed('tips.informant', ctx.session?.()?.role ?? null);
}

/**
 * The bin of one kind. For tips, and only for the roles that see informants, each row says whether
 * its informant was erased when it was deleted; other roles are not told even that there was one.
 */
export async function deletedActivities(
  ctx: ServiceContext,
  kind: ActivityKind,
): Promise<{ rows: { id: string; label: string; deletedAt: string; informantErased?: boolean }[] }> {
  const refs = await loadRefs(ctx.db);
  const rows = await repo.listDeletedActivities(ctx.db, kind);
  const erased =
    kind === 'tips' && seesInformants(ctx)
      ? await informants.tipsWithErasedInformant(
          ctx.db,
          rows.map((r) => r.id),
        )
      : null;
  return {
    rows: rows.map((s) => ({
      id: s.id,
      label: binLabel(kind, s, unitNameOf(refs, s.unitId)),
      deletedAt: s.deletedAt ?? '',
      ...(erased ? { informantErased: erased.has(s.id) } : {}),
    })),
  };
}

// ---------------------------------------------------------------------------------------------
// The informant of a tip (only the tip's own detail view asks)

async function requireTip(db: Db, tipId: string): Promise<void> {
  if (!(await repo.findActivity(db, 'tips', tipId))) throw notFound('tips');
}

/** Every view is an entry of the audit log, committed with the read: no entry, no informant returned. */
export async function tipInformant(ctx: ServiceContext, tipId: string): Promise<{ informant: informants.InformantRecord | null }> {
  return ctx.db.transaction().execute(async (trx) => {
    await requireTip(trx, tipId);
    const informant = await informants.findInformant(trx, fieldsOf(ctx), tipId);
    noteAudit({ kind: 'view', summary: AUDIT_TEXTS.informantViewed, ids: [tipId] });
    return { informant };
  });
}

/** Whether a live tip has an informant, never who (the delete's warning); the roles of `tips.informant` only. */
export async function tipHasInformant(ctx: ServiceContext, tipId: string): Promise<{ hasInformant: boolean }> {
  await requireTip(ctx.db, tipId);
  return { hasInformant: await informants.hasInformant(ctx.db, tipId) };
}

/** Stores the informant; null, or every field empty, removes the row (nothing kept). */
export async function setTipInformant(ctx: ServiceContext, tipId: string, informant: InformantInput | null): Promise<{ saved: boolean }> {
  return ctx.db.transaction().execute(async (trx) => {
    await requireTip(trx, tipId);
    const empty = informant === null || Object.values(informant).every((v) => v === null);
    if (empty) {
      await informants.deleteInformant(trx, tipId);
      return { saved: false };
    }
    await informants.upsertInformant(trx, fieldsOf(ctx), tipId, informant, ctx.clock.timestamp());
    return { saved: true };
  });
}

// ---------------------------------------------------------------------------------------------
// For the registries whose records activities refer to

/**
 * The activity records that refer to a unit, an organisation or a mediation team, in words
 * ("3 buổi tuyên truyền", "1 nguồn tin"), for the messages that refuse deleting what is in use.
 * Empty when nothing refers to it.
 */
export async function activitiesUsing(db: Db, ref: repo.ActivityReference): Promise<string[]> {
  const counts = await repo.countActivitiesReferring(db, ref);
  return [...counts].map(([kind, n]) => `${n.toLocaleString('vi-VN')} ${ACTIVITY_ITEM[kind]}`);
}
