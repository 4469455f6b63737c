/**
 * The evaluation board's cache (issue 16 items 2 and 4): the year's records as slices, each kept
 * while none of its tables has been written, and each subject's verdicts and board row, kept while
 * no record it reads has changed.
 *
 * - Slices (evaluation-facts.slices.ts): each is keyed on `ctx.generations.key(its tables)`, taken
 *   before its read (a write landing during the read leaves a key that has already moved, so the
 *   slice is read again next time). After an incident is saved only the incidents slice is read.
 *   The rule sets and settings are one more slice keyed on every other input table.
 * - Verdicts and rows: `generations.subscribe` logs each commit's touched rows (table, keys). At the
 *   next load, the slices read again and the rows touched since the entry was read give the subjects
 *   the change can move (evaluation-invalidate.ts), looked up in the old records and the new ones (a
 *   record may move from one unit to another); only those are decided again. Structural slices
 *   (units, lineage, organisations), the rules, another day, a different list of subjects, a commit
 *   that did not say which rows it touched, or a log that overflowed recompute the whole year.
 * - The order of the rows (a Vietnamese sort over names) depends only on the subjects: kept per
 *   filter while the subjects are the same.
 *
 * Held per `TableGenerations`: a restore opens a new file with a new one, so nothing survives a
 * swap; a context built by hand has no generations and never caches. The seal of a frozen year is
 * verified on every load (its key file lives outside the database); rows of a frozen year are made
 * afresh (they hold the seal's verdicts).
 */
import type { TableGenerations, CommitTouch } from '../db/generations';
import { TABLES } from '../../../shared/domain/table-registry';
import { type ServiceContext, readDb } from '../context';
import type { BoardRowDto } from '../../../shared/ipc/contracts/evaluation.contract';
import {
  assembleYear,
  loadRules,
  organisationsOfYear,
  subjectKey,
  verdictsForView,
  type Rules,
  type Subject,
  type SubjectVerdicts,
  type YearData,
} from './evaluation-facts.service';
import { countLabel } from '../jobs/run-job';
import { readSlice, SLICE_NAMES, SLICE_TABLES, type SliceName, type SliceValues } from './evaluation-facts.slices';
import { applyTransition, sameTransition } from './evaluation-transition';
import { STRUCTURAL, touchedSubjects, type Touches } from './evaluation-invalidate';
import { encodeKept, keptTouches, keptVerdicts, keptYear, KEPT_NAME, type KeptState } from './evaluation-cache.kept';
import { yearSeal } from './evaluation-seal.service';
import type { StoredReads } from '../db/stored-reads';
import type { Job } from '../jobs/jobs';
/**
 * Tables the evaluation never reads (checked against its repos: evaluation-facts.repo.ts,
 * evaluation.repo.ts, unit-history.repo.ts, rubrics.repo.ts). Every other registered table is an
 * input: a table missing here only costs a recomputation when it is written, never a stale verdict.
 */
const NOT_READ = new Set([
  'audit_log',
  'accounts',
  'data_key_wraps',
  'auth_settings',
  'mass_org_members',
  'mass_org_member_ratings',
  'activity_events',
  'mediations',
  'awards',
  'tip_informants',
  'evaluation_history',
  'rubric_files',
  'rubric_scores',
  'report_settings',
  'reports',
  'slide_preferences',
  'leadership_documents',
  'period_settings',
  'table_versions',
  'stored_reads',
]);

export const EVALUATION_INPUTS: readonly string[] = TABLES.map((t) => t.name).filter((n) => !NOT_READ.has(n));

const SLICE_TABLE_SET = new Set(SLICE_NAMES.flatMap((n) => SLICE_TABLES[n]));
/** The rule-set files, the evaluation settings and every other input table no slice reads. */
export const RULE_TABLES: readonly string[] = EVALUATION_INPUTS.filter((t) => !SLICE_TABLE_SET.has(t));

/** What the board reads of a year: the records, and what is kept of the verdicts, rows and order. */
export interface BoardYear {
  data: YearData;
  verdicts: Map<string, SubjectVerdicts>;
  /** Rows of an unfrozen year by subject key. */
  rows: Map<string, BoardRowDto>;
  /** The sorted subject keys of a filter ("unitId|category"). */
  orders: Map<string, string[]>;
}

interface Entry extends BoardYear {
  today: string;
  rules: Rules;
  rulesKey: string;
  keys: Record<SliceName, string>;
  values: SliceValues;
  /** The log position when the entry's keys were taken: touches after it are not in its records' verdicts. */
  seq: number;
}

/** Entries kept per file: a couple of years side by side (this year and last), the oldest dropped. */
const MAX_ENTRIES = 2;
/** Touched keys kept in the log; beyond, the oldest commits are forgotten and entries before them recompute everything. */
const MAX_LOGGED = 20_000;

class FileCache {
  readonly entries = new Map<number, Entry>();
  seq = 0;
  /** Touches after `floor` are all in the log. */
  floor = 0;
  log: { seq: number; touches: readonly CommitTouch[] }[] = [];
  logged = 0;

  /** The file's store and the years whose verdicts are kept in it (evaluation-cache.kept.ts). */
  stored: StoredReads | undefined;
  readonly keptYears = new Set<number>();

  constructor(generations: TableGenerations) {
    generations.subscribe((touches) => this.#note(touches));
  }

  /** Notes the year's state for the file: made when written, so it holds every touch up to then. */
  persist(year: number): void {
    const stored = this.stored;
    if (!stored) return;
    this.keptYears.add(year);
    stored.putLatest(KEPT_NAME, JSON.stringify([year]), EVALUATION_INPUTS, () => {
      const entry = this.entries.get(year);
      return entry ? encodeKept(entry, this.since(entry.seq)) : undefined;
    });
  }

  /**
   * The states kept in the file by an earlier session, carried through this one while its board is
   * only read back (no entry in memory): at the first commit noted here (before its counters move),
   * the counters of the file and the log position; the states stored under those counters are
   * written again with every touch since.
   */
  carry: { counters: string; seq: number; years: Set<number>; states: Map<number, KeptState> } | undefined;

  /** The state kept in the file for `year`, with the touches since, as at the file's counters now. */
  keptState(year: number): KeptState | undefined {
    const stored = this.stored;
    if (!stored) return undefined;
    const args = JSON.stringify([year]);
    if (!this.carry) return stored.get<KeptState>(KEPT_NAME, args, stored.key(EVALUATION_INPUTS));
    if (!this.carry.years.has(year)) return undefined;
    // Held once read: the carried value written back replaces the file's row under newer counters.
    let state = this.carry.states.get(year);
    if (!state) {
      state = stored.get<KeptState>(KEPT_NAME, args, this.carry.counters);
      if (state) this.carry.states.set(year, state);
    }
    const since = this.since(this.carry.seq);
    if (!state || since === 'all') return undefined;
    const merged = keptTouches(state);
    for (const [table, ids] of since) {
      const had = merged.get(table);
      merged.set(table, had === 'all' || ids === 'all' ? 'all' : new Set([...(had ?? []), ...ids]));
    }
    return { ...state, touches: [...merged].map(([t, ids]) => [t, ids === 'all' ? 'all' : [...ids]]) };
  }

  #note(touches: readonly CommitTouch[]): void {
    // Runs before the commit's counters move (audit/recorder.ts: the touches, then bumpVersions).
    if (this.stored && !this.carry) {
      const counters = this.stored.key(EVALUATION_INPUTS);
      const years = this.stored.argsOf(KEPT_NAME, counters).map((a) => (JSON.parse(a) as number[])[0]!);
      this.carry = { counters, seq: this.seq, years: new Set(years.filter((y) => !this.entries.has(y))), states: new Map() };
    }
    this.seq++;
    for (const year of this.keptYears) this.persist(year);
    for (const year of this.carry?.years ?? []) {
      this.stored!.putLatest(KEPT_NAME, JSON.stringify([year]), EVALUATION_INPUTS, () =>
        this.entries.has(year) ? undefined : this.keptState(year),
      );
    }
    // Commits before every kept entry's position are no longer needed; an entry older than `floor`
    // (a slower load of the same year stored after a newer one) recomputes everything.
    const carried = this.carry && this.carry.years.size > 0 ? [this.carry.seq] : [];
    const oldest = Math.min(...[...this.entries.values()].map((e) => e.seq), ...carried);
    while (this.log.length > 0 && this.log[0]!.seq <= oldest) this.floor = Math.max(this.floor, this.log.shift()!.seq);
    this.log.push({ seq: this.seq, touches });
    this.logged = this.log.reduce((n, l) => n + l.touches.reduce((m, t) => m + t.ids.length + 1, 0), 0);
    while (this.logged > MAX_LOGGED && this.log.length > 0) {
      const dropped = this.log.shift()!;
      this.floor = dropped.seq;
      this.logged -= dropped.touches.reduce((m, t) => m + t.ids.length + 1, 0);
    }
  }

  /** The rows touched since `seq` (merged), or 'all'. */
  since(seq: number): Touches | 'all' {
    if (seq < this.floor) return 'all';
    const out: Touches = new Map();
    for (const l of this.log) {
      if (l.seq <= seq) continue;
      if (l.touches.length === 0) return 'all';
      for (const t of l.touches) {
        const had = out.get(t.table);
        if (had === 'all') continue;
        if (t.count > t.ids.length) out.set(t.table, 'all');
        else out.set(t.table, new Set([...(had ?? []), ...t.ids]));
      }
    }
    return out;
  }

  keep(year: number, entry: Entry): void {
    this.carry?.years.delete(year);
    this.carry?.states.delete(year);
    this.entries.delete(year);
    this.entries.set(year, entry);
    while (this.entries.size > MAX_ENTRIES) {
      const dropped = this.entries.keys().next().value!;
      this.entries.delete(dropped);
      this.keptYears.delete(dropped);
    }
    this.persist(year);
  }
}

const caches = new WeakMap<TableGenerations, FileCache>();

/** What the last load of a year did (for the tests and the bench): slices read, verdicts kept from before. */
export interface BoardLoadReport {
  read: SliceName[];
  rulesRead: boolean;
  keptVerdicts: number;
  /** After a restart: verdicts read back from the file, or why none were (evaluation-cache.kept.ts). */
  restored?: number | string;
}
let lastReport: BoardLoadReport = { read: [], rulesRead: false, keptVerdicts: 0 };
export const lastBoardLoad = (): BoardLoadReport => lastReport;
/** The records of the last year the board read (the bench measures the engine on them: boardWork); held weakly. */
let lastData: WeakRef<YearData> | undefined;
export const lastBoardData = (): YearData | undefined => lastData?.deref();

/**
 * Starts noting the file's commits for the board's kept state before the board is computed in this
 * session (it may only be read back from the file): see `FileCache.carry`.
 */
export function watchBoard(ctx: ServiceContext): void {
  if (!ctx.generations || !ctx.stored) return;
  cacheOf(ctx.generations).stored = ctx.stored;
}

function cacheOf(generations: TableGenerations): FileCache {
  let c = caches.get(generations);
  if (!c) caches.set(generations, (c = new FileCache(generations)));
  return c;
}

/**
 * Copies what the change did not reach: verdicts and rows of the subjects outside `moved` (copies,
 * so a load still running on the old entry never writes into the new one).
 */
function carried(old: Entry, moved: Set<string> | 'all'): Pick<BoardYear, 'verdicts' | 'rows' | 'orders'> {
  if (moved === 'all') return { verdicts: new Map(), rows: new Map(), orders: new Map() };
  const verdicts = new Map(old.verdicts);
  const rows = new Map(old.rows);
  for (const k of moved) {
    verdicts.delete(k);
    rows.delete(k);
  }
  return { verdicts, rows, orders: old.orders };
}

/**
 * The year for the board: the cached entry when nothing it read was written; otherwise the slices
 * whose tables were written read again (with a checkpoint after each) and the verdicts and rows of
 * the subjects the change can move dropped. Without generations, the year read afresh.
 */
export async function boardYear(ctx: ServiceContext, year: number, job?: Job): Promise<BoardYear> {
  const generations = ctx.generations;
  const pause = async () => {
    if (job) await job.checkpoint();
  };
  const today = ctx.clock.today();
  if (!generations) {
    const rules = await loadRules(ctx);
    const values = {} as Record<SliceName, unknown>;
    for (const name of SLICE_NAMES) {
      values[name] = await readSlice(name, readDb(ctx), year, organisationsOfYear);
      await pause();
    }
    const data = applyTransition(assembleYear(year, today, values as SliceValues, rules));
    return { data, verdicts: new Map(), rows: new Map(), orders: new Map() };
  }
  const cache = cacheOf(generations);
  cache.stored = ctx.stored;
  const seq = cache.seq;
  const old = cache.entries.get(year);
  const usable = old && old.today === today ? old : undefined;
  // Nothing of the year in memory (a restart): the state kept in the file under the file's counters
  // as they are now, before the reads (evaluation-cache.kept.ts).
  const counters = !usable && ctx.stored ? ctx.stored.key(EVALUATION_INPUTS) : undefined;
  const state = counters !== undefined ? cache.keptState(year) : undefined;
  const rulesKey = generations.key(RULE_TABLES);
  const rulesRead = !(usable && usable.rulesKey === rulesKey);
  const rules = usable && !rulesRead ? usable.rules : await loadRules(ctx);
  const keys = {} as Record<SliceName, string>;
  const values = {} as Record<SliceName, unknown>;
  const changed: SliceName[] = [];
  for (const name of SLICE_NAMES) {
    keys[name] = generations.key(SLICE_TABLES[name]);
    if (usable && usable.keys[name] === keys[name]) {
      values[name] = usable.values[name];
      continue;
    }
    changed.push(name);
    values[name] = await readSlice(name, readDb(ctx), year, organisationsOfYear);
    await pause();
  }
  if (usable && changed.length === 0 && !rulesRead) {
    lastReport = { read: [], rulesRead, keptVerdicts: usable.verdicts.size };
    lastData = new WeakRef(usable.data);
    return usable;
  }
  // The subjects are made from the units and organisations only: unchanged slices, the same subjects
  // (kept as the same array, so their order and index are reused, and not made again).
  const sameSubjects = usable && !changed.includes('units') && !changed.includes('orgs') ? usable.data.subjects : undefined;
  const assembled = assembleYear(year, today, values as SliceValues, rules, sameSubjects);
  const data = usable && sameSubjects ? sameTransition(usable.data, assembled) : applyTransition(assembled);
  let restored: number | string | undefined;
  let kept: Pick<BoardYear, 'verdicts' | 'rows' | 'orders'> =
    usable && !rulesRead
      ? carried(usable, touchedSubjects(usable.data, data, changed, cache.since(usable.seq)))
      : { verdicts: new Map(), rows: new Map(), orders: new Map() };
  if (state) {
    const back = await restore(ctx, state, data, today, counters!, () => cache.seq === seq);
    if (typeof back === 'string') restored = back;
    else {
      kept = { ...back, rows: new Map() };
      restored = back.verdicts.size;
    }
  } else if (counters !== undefined) restored = 'nothing kept under these counters';
  const entry: Entry = { data, ...kept, today, rules, rulesKey, keys, values: values as SliceValues, seq };
  cache.keep(year, entry);
  lastData = new WeakRef(data);
  lastReport = { read: changed, rulesRead, keptVerdicts: kept.verdicts.size, ...(restored !== undefined ? { restored } : {}) };
  return entry;
}

const KEYS = new WeakMap<readonly Subject[], string[]>();

/**
 * The keys ("type:id") of `subjects`, made once per subjects array (the cache keeps the year's
 * array while the units and organisations are unchanged): a key made afresh is hashed afresh at
 * every map lookup, 8.644 times per board.
 */
export function subjectKeys(subjects: readonly Subject[]): string[] {
  let keys = KEYS.get(subjects);
  if (!keys) KEYS.set(subjects, (keys = subjects.map((s) => subjectKey(s.type, s.id))));
  return keys;
}

/**
 * The verdicts of `subjects` (keys from `subjectKeys`): those kept, and the others decided now and
 * kept. Only a subject decided now counts towards the job's slice (a checkpoint before each) and
 * its progress: looking up kept verdicts needs no turn of the host.
 */
export async function boardVerdicts(
  year: BoardYear,
  subjects: readonly Subject[],
  keys: readonly string[],
  job: Job,
): Promise<SubjectVerdicts[]> {
  const { data, verdicts } = year;
  const total = subjects.length;
  const out = new Array<SubjectVerdicts>(total);
  let decided = 0;
  for (let i = 0; i < total; i++) {
    let v = verdicts.get(keys[i]!);
    if (!v) {
      // The label is made only every 16 subjects (it is read 4 times a second).
      if ((decided & 15) === 0) job.report(i, total, countLabel(VERB, i, total, NOUN));
      await job.checkpoint();
      verdicts.set(keys[i]!, (v = verdictsForView(data, subjects[i]!)));
      decided++;
    }
    out[i] = v;
  }
  job.report(total, total, countLabel(VERB, total, total, NOUN));
  return out;
}
const VERB = 'Đang đánh giá';
const NOUN = 'đối tượng';

/**
 * The verdicts kept in the file (evaluation-cache.kept.ts) that the touches since did not reach, or
 * why none can be used: every condition below that fails computes the year whole.
 */
async function restore(
  ctx: ServiceContext,
  state: KeptState,
  data: YearData,
  today: string,
  counters: string,
  noCommitInMemory: () => boolean,
): Promise<Pick<BoardYear, 'verdicts' | 'orders'> | string> {
  if (state.format !== 1 || state.year !== data.year) return 'another format or year';
  if (state.today !== today) return 'another day';
  // A commit while the slices were read: the records may be newer than the touches say.
  if (ctx.stored!.key(EVALUATION_INPUTS) !== counters || !noCommitInMemory()) return 'a commit during the reads';
  const seal = await yearSeal(ctx, ctx.db, data.year);
  if (seal.locked || seal.problems.length > 0 || seal.notes.length > 0) return 'a frozen year or a ledger with problems';
  if (ctx.stored!.key(EVALUATION_INPUTS) !== counters || !noCommitInMemory()) return 'a commit during the reads';
  const touches = keptTouches(state);
  if (RULE_TABLES.some((t) => touches.has(t))) return 'the rule sets or settings changed';
  const changed = SLICE_NAMES.filter((n) => SLICE_TABLES[n].some((t) => touches.has(t)));
  if (changed.some((n) => STRUCTURAL.has(n))) return 'the units or organisations changed';
  const moved = touchedSubjects(keptYear(state, data, changed), data, changed, touches);
  if (moved === 'all') return 'a change the touches cannot place';
  return keptVerdicts(state, data, moved) ?? 'a verdict that does not decode';
}
