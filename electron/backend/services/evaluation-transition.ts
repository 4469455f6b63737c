/**
 * The 2025 transition year in the evaluation (issue 9 item 8): units that ended on 30/6 and the
 * successors that began on 1/7.
 *
 *  - Subjects of a year are the units the office evaluates that year: a unit is a subject when it
 *    is active on its decision date (15/11 for residential areas, 20/11 for communes). A unit that
 *    ended before is in no "x/y" count and no XA-4 denominator; it can still have its registration
 *    recorded (it existed in Q1), and that registration carries to its successor.
 *  - Registrations and Q1 documents carry along primary lineage links, exactly as incidents roll up
 *    (shared/domain/scope.ts): a unit that began after 01/01 is judged on its predecessors' Q1
 *    documents, each shown as "kế thừa từ Xã A, Xã B". A document counts only if every predecessor
 *    has it (one predecessor without a resolution leaves part of the new territory without one), and
 *    its date is the latest of theirs. A document of the unit's own dated inside Q1 wins.
 *  - A registration or document dated before the unit began (or after it ended) is refused, naming
 *    the unit to record it for.
 *
 * The facts loader (evaluation-facts.service.ts) calls `carriedDocuments` and `carriedRegistered`
 * through two marked hooks; everything else is applied by the evaluation services after loading.
 */
import type { StoredRegistration } from '../repos/evaluation.repo';
import type { Subject, YearData } from './evaluation-facts.service';
import { firstQuarter, type DocumentFact, type SourceRef, type UnitFacts } from '../../../shared/domain/criteria';
import { activeInYear } from '../../../shared/domain/organizations';
import { boardCategoryOf, deadlines, evaluatedKindOfUnit, RESOLUTION_FORM_LABELS } from '../../../shared/domain/evaluation';
import { formatDateVi } from '../../../shared/lib/dates';

type UnitRow = YearData['units'][number];
type DocKind = 'dang_ky' | 'nghi_quyet' | 'ke_hoach';
const DOC_KINDS: readonly DocKind[] = ['dang_ky', 'nghi_quyet', 'ke_hoach'];
const DOC_LABELS: Readonly<Record<DocKind, string>> = { dang_ky: 'Bản đăng ký', nghi_quyet: 'Nghị quyết', ke_hoach: 'Kế hoạch' };

/** Units that were active in the year but are not subjects (ended before their decision date). */
const notSubjects = new WeakMap<YearData, Subject[]>();

function activeOn(u: UnitRow, date: string): boolean {
  return (u.validFrom === null || u.validFrom <= date) && (u.validTo === null || u.validTo >= date);
}

/** Keeps as subjects only the units active on their decision date; remembers the others. */
export function applyTransition(data: YearData): YearData {
  const kept: Subject[] = [];
  const dropped: Subject[] = [];
  for (const s of data.subjects) {
    const u = s.type === 'unit' ? data.unitsById.get(s.id) : undefined;
    if (u && !activeOn(u, deadlines(s.kind, data.year).decision)) dropped.push(s);
    else kept.push(s);
  }
  data.subjects = kept;
  notSubjects.set(data, dropped);
  return data;
}

/**
 * `to` made from the same units and organisations as `from` (already through `applyTransition`),
 * with `from`'s subjects: the same subjects kept and dropped (the board's cache, evaluation-cache.ts).
 */
export function sameTransition(from: YearData, to: YearData): YearData {
  to.subjects = from.subjects;
  notSubjects.set(to, notSubjects.get(from) ?? []);
  return to;
}

/** A unit active in the year that is not a subject (its registration may still be recorded). */
export function registrableUnit(data: YearData, id: string): Subject | undefined {
  const known = notSubjects.get(data)?.find((s) => s.id === id);
  if (known) return known;
  const u = data.unitsById.get(id);
  if (!u || !activeInYear(u.validFrom, u.validTo, data.year)) return undefined;
  const kind = evaluatedKindOfUnit(u.kind);
  if (kind === null) return undefined;
  const parent = u.parentId ? data.unitsById.get(u.parentId) : undefined;
  return { type: 'unit', id: u.id, name: u.name, kind, category: boardCategoryOf(kind), unitId: u.id, parentName: parent?.name ?? null };
}

// ---------------------------------------------------------------------------------------------
// Lineage

/** Units whose records the unit carries (primary links), recursively, in name order. */
function predecessorsOf(data: YearData, unitId: string, seen = new Set<string>([unitId])): UnitRow[] {
  const out: UnitRow[] = [];
  for (const l of data.links) {
    if (!l.primary || l.successorId !== unitId || seen.has(l.predecessorId)) continue;
    seen.add(l.predecessorId);
    const p = data.unitsById.get(l.predecessorId);
    if (p) out.push(p);
  }
  return out.sort((a, b) => a.name.localeCompare(b.name, 'vi'));
}

/** The units the Q1 documents of `s` come from: only for a unit that began after 01/01 of the year. */
export function carriedFrom(data: YearData, s: Pick<Subject, 'type' | 'id'>): UnitRow[] {
  if (s.type !== 'unit') return [];
  const u = data.unitsById.get(s.id);
  if (!u || u.validFrom === null || u.validFrom <= `${data.year}-01-01`) return [];
  const q1 = firstQuarter(data.year);
  const seen = new Set<string>([s.id]);
  const out: UnitRow[] = [];
  const visit = (id: string) => {
    for (const p of predecessorsOf(data, id, seen)) {
      // A predecessor that itself began after Q1 carries its own predecessors' documents.
      if (p.validFrom !== null && p.validFrom > q1.to) visit(p.id);
      else if (p.validTo === null || p.validTo >= q1.from) out.push(p);
    }
  };
  visit(s.id);
  return out;
}

const regOf = (data: YearData, unitId: string): StoredRegistration | undefined => data.registrations.get(`unit:${unitId}`);

/** Names the registration carries from ("Xã A, Xã B"), or null when nothing carries. */
export function carriedRegistrationNames(data: YearData, s: Pick<Subject, 'type' | 'id'>): string[] | null {
  const from = carriedFrom(data, s);
  return from.length ? from.map((p) => p.name) : null;
}

/**
 * The board row's two readings of the predecessors at once (one walk of the lineage instead of two):
 * the names the registration carries from (empty when nothing carries, as `carriedRegistrationNames ?? []`)
 * and whether it is registered through every predecessor (`carriedRegistered`).
 */
export function carriedRegistration(data: YearData, s: Pick<Subject, 'type' | 'id'>): { names: string[]; registered: boolean } {
  const from = carriedFrom(data, s);
  if (from.length === 0) return NOTHING_CARRIED();
  return { names: from.map((p) => p.name), registered: from.every((p) => regOf(data, p.id) !== undefined) };
}
const NOTHING_CARRIED = (): { names: string[]; registered: boolean } => ({ names: [], registered: false });

/** For XA-4a and the board's counts: registered through every predecessor (the unit's own registration aside). */
export function carriedRegistered(data: YearData, s: Pick<Subject, 'type' | 'id'>): boolean {
  const from = carriedFrom(data, s);
  return from.length > 0 && from.every((p) => regOf(data, p.id) !== undefined);
}

// ---------------------------------------------------------------------------------------------
// Documents

interface OneDoc {
  date: string;
  number: string | null;
  title: string | null;
  reg: StoredRegistration;
}

function docOf(reg: StoredRegistration | undefined, kind: DocKind): OneDoc | null {
  if (!reg) return null;
  switch (kind) {
    case 'dang_ky':
      return { date: reg.registeredOn, number: null, title: null, reg };
    case 'nghi_quyet':
      return reg.resolutionDate
        ? {
            date: reg.resolutionDate,
            number: reg.resolutionNumber,
            title: reg.resolutionForm ? RESOLUTION_FORM_LABELS[reg.resolutionForm] : null,
            reg,
          }
        : null;
    case 'ke_hoach':
      return reg.planDate ? { date: reg.planDate, number: reg.planNumber, title: null, reg } : null;
  }
}

function ownDoc(kind: DocKind, d: OneDoc): DocumentFact {
  const label = `${DOC_LABELS[kind]}${d.number ? ` số ${d.number}` : ''} ngày ${formatDateVi(d.date)} (hồ sơ đăng ký)`;
  return {
    date: d.date,
    ...(d.number ? { number: d.number } : {}),
    ...(d.title ? { title: d.title } : {}),
    source: { kind: 'registration', id: d.reg.id, label },
  };
}

function inheritedDoc(kind: DocKind, parts: readonly { unit: UnitRow; doc: OneDoc }[]): DocumentFact {
  const latest = parts.reduce((a, b) => (b.doc.date > a.doc.date ? b : a));
  const names = parts.map((p) => p.unit.name).join(', ');
  const detail = parts
    .map((p) => `${p.unit.name}: ${p.doc.number ? `số ${p.doc.number} ` : ''}ngày ${formatDateVi(p.doc.date)}`)
    .join('; ');
  const source: SourceRef = { kind: 'registration', id: latest.doc.reg.id, label: `${DOC_LABELS[kind]} kế thừa từ ${names} (${detail})` };
  return { date: latest.doc.date, title: `${DOC_LABELS[kind]} kế thừa từ ${names}`.slice(0, 500), source };
}

/**
 * The Q1 documents of a unit that began during the year, carried from its predecessors; undefined
 * when nothing carries (the loader then reads the unit's own registration as usual).
 */
export function carriedDocuments(data: YearData, s: Subject): UnitFacts['documents'] | undefined {
  const from = carriedFrom(data, s);
  if (from.length === 0) return undefined;
  const q1 = firstQuarter(data.year);
  const q1Over = data.today > q1.to;
  const own = regOf(data, s.id);
  const docs: UnitFacts['documents'] = {};
  for (const kind of DOC_KINDS) {
    const mine = docOf(own, kind);
    if (mine && mine.date >= q1.from && mine.date <= q1.to) {
      docs[kind] = ownDoc(kind, mine);
      continue;
    }
    const parts = from.map((unit) => ({ unit, reg: regOf(data, unit.id), doc: docOf(regOf(data, unit.id), kind) }));
    if (parts.some((p) => p.doc === null && (p.reg !== undefined || q1Over))) docs[kind] = null;
    else if (parts.every((p) => p.doc !== null)) docs[kind] = inheritedDoc(kind, parts as { unit: UnitRow; doc: OneDoc }[]);
    // Otherwise a predecessor has not registered yet and Q1 is not over: unknown.
  }
  return docs;
}

// ---------------------------------------------------------------------------------------------
// Registration dates

/**
 * Refusals for a registration whose dates fall outside the unit's life: field → Vietnamese message
 * naming the unit to record it for (the predecessor before, the successor after).
 */
export function registrationDateErrors(
  data: YearData,
  s: Subject,
  dates: { registeredOn: string; resolutionDate: string | null; planDate: string | null },
): Record<string, string> {
  const errors: Record<string, string> = {};
  if (s.type !== 'unit') return errors;
  const u = data.unitsById.get(s.id);
  if (!u) return errors;
  const before = predecessorsOf(data, u.id).map((p) => `"${p.name}"`);
  const after = data.links
    .filter((l) => l.primary && l.predecessorId === u.id)
    .map((l) => data.unitsById.get(l.successorId)?.name)
    .filter((n): n is string => !!n);
  const fields: [keyof typeof dates, string][] = [
    ['registeredOn', 'Ngày đăng ký'],
    ['resolutionDate', 'Ngày nghị quyết'],
    ['planDate', 'Ngày kế hoạch'],
  ];
  for (const [field, label] of fields) {
    const d = dates[field];
    if (d === null) continue;
    if (u.validFrom !== null && d < u.validFrom) {
      errors[field] = before.length
        ? `${label} ${formatDateVi(d)} trước ngày ${u.name} bắt đầu hoạt động (${formatDateVi(u.validFrom)}). Hồ sơ trước ngày đó thuộc về ${before.join(', ')}: hãy ghi nhận cho đơn vị đó, hồ sơ quý I sẽ được chuyển sang ${u.name}.`
        : `${label} ${formatDateVi(d)} trước ngày ${u.name} bắt đầu hoạt động (${formatDateVi(u.validFrom)}).`;
    } else if (u.validTo !== null && d > u.validTo) {
      errors[field] = after.length
        ? `${label} ${formatDateVi(d)} sau ngày ${u.name} kết thúc hoạt động (${formatDateVi(u.validTo)}): hãy ghi nhận cho "${after.join('", "')}".`
        : `${label} ${formatDateVi(d)} sau ngày ${u.name} kết thúc hoạt động (${formatDateVi(u.validTo)}).`;
    }
  }
  return errors;
}

/** A warning on the view of a unit that is not a subject of the year (ended before its decision date). */
export function notSubjectWarning(data: YearData, s: Subject): string | null {
  if (s.type !== 'unit' || data.subjects.some((x) => x.type === 'unit' && x.id === s.id)) return null;
  const u = data.unitsById.get(s.id);
  const after = data.links
    .filter((l) => l.primary && l.predecessorId === s.id)
    .map((l) => data.unitsById.get(l.successorId)?.name)
    .filter((n): n is string => !!n);
  const end = u?.validTo ? ` kết thúc hoạt động ngày ${formatDateVi(u.validTo)},` : '';
  return `${s.name}${end} không thuộc diện đánh giá năm ${data.year}${after.length ? `; đăng ký và hồ sơ quý I được chuyển sang ${after.join(', ')}` : ''}.`;
}
