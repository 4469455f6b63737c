/**
 * The activity side of the period figures (issue 16). Each kind is counted in calendar-year slices
 * by one GROUP BY per kind over the slices not kept (repos/period-counts.repo.ts, grouped by year
 * too): SQLite counts and sums the records of both periods per unit class (breakdown group × scope)
 * and per value of the fields the figures read (COUNTED_FIELDS), and the domain's adders add each
 * group as the sum of its records. No record becomes a JavaScript object (only the excused
 * incidents, which the page lists one by one); memory is the groups of one kind's slices; time grows
 * with the records in the two periods, not with the table. Between kinds, between slices and every
 * GROUPS_PER_TURN groups of a slice the work yields to the host (Job.checkpoint) and reports how many
 * records it has read; the groups are made from the statement's rows in turns too (HostTurns).
 */
import type { Db } from '../repos/units.repo';
import type { Job } from '../jobs/jobs';
import type { TableGenerations } from '../db/generations';
import { cachedCountedSlices, cachedExcusedSlices, partitionKey, yearKeyOf, type SlicesInFile } from './period-slices';
import { ACTIVITY_KINDS, type ActivityKind, type ActivityRecords } from '../../../shared/domain/activities';
import {
  excusedOccurrence,
  figuresAccumulator,
  figuresOf,
  mediationTally,
  ACTIVITY_INDICATOR_KEYS,
  sortExcused,
  type ActivityFigures,
  type CountingRules,
  type DatePeriod,
  type ExcusedOccurrence,
  type MediationTally,
} from '../../../shared/domain/period';
import { formatIntVi } from '../../../shared/lib/numbers';

export interface PeriodCounts {
  current: ActivityFigures;
  prior: ActivityFigures;
  /** The period's figures per breakdown group (period.service perUnit). */
  groups: Map<string, ActivityFigures>;
  mediations: MediationTally;
  excused: ExcusedOccurrence[];
}

/** Groups added between two checkpoints of the job (each checkpoint yields once its slice has run SLICE_MS). */
export const GROUPS_PER_TURN = 1024;

/** Checkpoints taken inside a slice's groups since the process started (tests see the slice split). */
export const periodRecordStats = { checkpointsInSlices: 0 };

/** [from, to] cut at 1 January of each year: the slices the records are read in. */
export function yearSlices(from: string, to: string): DatePeriod[] {
  const out: DatePeriod[] = [];
  let start = from;
  while (start <= to) {
    const yearEnd = `${start.slice(0, 4)}-12-31`;
    const end = yearEnd < to ? yearEnd : to;
    out.push({ from: start, to: end });
    start = `${Number(start.slice(0, 4)) + 1}-01-01`;
  }
  return out;
}

/**
 * Each unit's class for the SQL: the breakdown group its records go to and whether it is in scope.
 * Units sharing both share a class, so the GROUP BY folds a whole district into a few rows.
 */
function unitClasses(unitIds: readonly string[], inScope: (u: string) => boolean, groupOf: (u: string) => string | null) {
  const classes: { group: string | null; inScope: boolean }[] = [];
  const index = new Map<string, number>();
  const json: Record<string, number> = {};
  for (const id of unitIds) {
    const c = { group: groupOf(id), inScope: inScope(id) };
    if (c.group === null && !c.inScope) continue; // counted nowhere: the LEFT JOIN's fallback says so too
    const key = `${c.inScope ? 1 : 0}|${c.group ?? ''}|${c.group === null ? 0 : 1}`;
    let i = index.get(key);
    if (i === undefined) {
      i = classes.length;
      classes.push(c);
      index.set(key, i);
    }
    json[id] = i;
  }
  const classOf = (c: number | string) =>
    typeof c === 'number' ? classes[c]! : { group: groupOf(c.slice(1)), inScope: inScope(c.slice(1)) };
  return { json: JSON.stringify(json), classOf };
}

type Classes = ReturnType<typeof unitClasses> & { partition: string };
const classMemo = new WeakMap<object, Classes>();

/** unitClasses and its key, once per `frame` (an object standing for fixed units, scope and breakdown). */
function classesOf(at: {
  unitIds: readonly string[];
  inScope: (u: string) => boolean;
  groupOf: (u: string) => string | null;
  frame?: object | undefined;
}): Classes {
  const known = at.frame && classMemo.get(at.frame);
  if (known) return known;
  const c = unitClasses(at.unitIds, at.inScope, at.groupOf);
  const out = { ...c, partition: partitionKey(c.json) };
  if (at.frame) classMemo.set(at.frame, out);
  return out;
}

/**
 * Counts the records of `previous` and `period` (previous ends the day before period starts) for the
 * scope, the breakdown groups of the period, its mediations by team and its excused occurrences.
 * `unitIds`: the units known here (any other unit a record names is resolved through the functions).
 * `generations`: the open file's table generations; with them each kind's slices are kept until that
 * kind's table moves (period-slices.ts), without them every slice is read. `frame`: an object that
 * stands for `unitIds`, `inScope` and `groupOf` as long as it lives (the cached period frame), so the
 * unit classes are built once per frame rather than once per call.
 */
export async function countPeriodRecords(
  db: Db,
  job: Job,
  at: {
    period: DatePeriod;
    previous: DatePeriod;
    unitIds: readonly string[];
    inScope: (unitId: string) => boolean;
    groupOf: (unitId: string) => string | null;
    today: string;
    rules: CountingRules;
    generations?: TableGenerations | undefined;
    frame?: object | undefined;
    file?: PartsInFile | undefined;
  },
): Promise<PeriodCounts> {
  const { period, previous, today } = at;
  const { json, classOf, partition } = classesOf(at);
  const { generations } = at;
  const slices = yearSlices(previous.from < period.from ? previous.from : period.from, period.to);
  const progress = { step: 0, steps: ACTIVITY_KINDS.length * slices.length, read: 0 };
  // Each kind's share of the figures, kept per frame until a commit touches one of its years (below).
  const kept = at.frame && generations ? partsOf(at.frame) : null;
  const parts: { kind: ActivityKind; part: KindPart }[] = [];
  // The parts kept in the file by an earlier session: read once, only when a part is not in memory.
  const { file } = at;
  let filed: FiledParts | null | undefined;
  const fromFile = (f: PartsInFile) => (filed === undefined ? (filed = f.read()) : filed);
  const toFile: Partial<Record<ActivityKind, { version: string; part: KindPart }>> = {};
  let fileChanged = false;
  const keep = (key: string, yearKeys: string, part: KindPart, version: string | undefined) => {
    if (!kept) return;
    kept.delete(key);
    kept.set(key, { yearKeys, reads: part.reads, part, version });
    for (const k of kept.keys()) if (kept.size > MAX_PARTS) kept.delete(k);
  };
  for (const kind of ACTIVITY_KINDS) {
    await job.checkpoint();
    const key = [kind, period.from, period.to, previous.from, previous.to, today].join('|');
    const yearKeys = generations ? slices.map((slice) => yearKeyOf(generations, kind, slice)).join(',') : '';
    // The committed counter of the kind's table, taken before counting: a commit meanwhile leaves the part under a stale one.
    const version = file?.version(kind);
    const hit = kept?.get(key);
    if (hit && hit.yearKeys === yearKeys) {
      for (const n of hit.reads) job.report(++progress.step, progress.steps, `Đã đọc ${formatIntVi((progress.read += n))} bản ghi`);
      partStats.kept++;
      parts.push({ kind, part: hit.part });
      // Kept in the file again only under the counter it was counted or read back under: a counter
      // moved since may be another connection's commit, which this session's year keys do not see.
      if (version !== undefined && hit.version === version) toFile[kind] = { version, part: hit.part };
      continue;
    }
    const inFile = file && version !== undefined ? fromFile(file)?.[kind] : undefined;
    if (inFile && inFile.version === version) {
      // Kept in the file while no commit wrote the kind's table: the part as it was counted.
      const part = partFromFile(inFile.part, at.inScope, period);
      for (const n of part.reads) job.report(++progress.step, progress.steps, `Đã đọc ${formatIntVi((progress.read += n))} bản ghi`);
      partStats.filed++;
      parts.push({ kind, part });
      toFile[kind] = { version, part };
      keep(key, yearKeys, part, version);
      continue;
    }
    partStats.counted[kind] = (partStats.counted[kind] ?? 0) + 1;
    const part = await countKind(db, job, kind, slices, { ...at, json, classOf, partition, slicesInFile: file?.slices }, progress);
    parts.push({ kind, part });
    // Kept only if no commit touched the kind's years while it was counted.
    if (generations && slices.map((slice) => yearKeyOf(generations, kind, slice)).join(',') === yearKeys)
      keep(key, yearKeys, part, version);
    if (version !== undefined) {
      fileChanged = true;
      toFile[kind] = { version, part };
    }
  }
  // Turned into JSON only when written (the backend idle), not in the call.
  if (file && fileChanged) {
    file.write(() => Object.fromEntries(Object.entries(toFile).map(([k, v]) => [k, { version: v.version, part: filedPart(v.part) }])));
  }
  return combine(parts, at.inScope, period);
}

/**
 * Where the kinds' parts are kept in the file (period.service: db/stored-reads.ts under the frame's
 * tables and the call's periods, today and unit), so that the first edit after the app starts again
 * counts the edited kind again, not every kind: the figures as a whole read back from the file leave
 * no part and no slice in memory.
 */
export interface PartsInFile {
  /** The committed counter of `kind`'s table now (changed by every commit that wrote it, any connection). */
  version(kind: ActivityKind): string;
  /** The parts kept for this call, or null. */
  read(): FiledParts | null;
  /** Notes the parts of this call to be kept (`make` is called when they are written, the backend idle). */
  write(make: () => FiledParts): void;
  /** Where a kind's year slices are kept, so that a kind counted again reads only its years written since (period-slices.ts). */
  slices?: SlicesInFile | undefined;
}

/** Each kind's part as plain JSON, with its table's counter when it was counted. */
export type FiledParts = Partial<Record<ActivityKind, { version: string; part: FiledPart }>>;

/** A part as plain JSON: each figure only where it differs from the empty figures. */
interface FiledPart {
  current: Partial<ActivityFigures>;
  prior: Partial<ActivityFigures>;
  groups: [string, Partial<ActivityFigures>][];
  mediations: [string | null, number][] | null;
  excused: ExcusedOccurrence[];
  reads: number[];
}

function filedPart(part: KindPart): FiledPart {
  const empty = figuresOf(new Map(), '');
  const sparse = (f: ActivityFigures): Partial<ActivityFigures> => {
    const out: Partial<ActivityFigures> = {};
    for (const k in f)
      if (f[k as keyof ActivityFigures] !== empty[k as keyof ActivityFigures])
        out[k as keyof ActivityFigures] = f[k as keyof ActivityFigures];
    return out;
  };
  return {
    current: sparse(part.current),
    prior: sparse(part.prior),
    groups: [...part.groups].map(([g, f]) => [g, sparse(f)]),
    mediations: part.mediations ? part.mediations.counts() : null,
    excused: part.excused,
    reads: part.reads,
  };
}

function partFromFile(f: FiledPart, inScope: (unitId: string) => boolean, period: DatePeriod): KindPart {
  const whole = (sparse: Partial<ActivityFigures>): ActivityFigures => ({ ...figuresOf(new Map(), ''), ...sparse });
  let mediations: MediationTally | null = null;
  if (f.mediations) {
    mediations = mediationTally(inScope, period);
    for (const [teamId, n] of f.mediations) mediations.addCounted(teamId, n);
  }
  return {
    current: whole(f.current),
    prior: whole(f.prior),
    groups: new Map(f.groups.map(([g, s]) => [g, whole(s)])),
    mediations,
    excused: f.excused,
    reads: f.reads,
  };
}

/** One kind's share of the figures: its own keys of each accumulator (an adder writes only its kind's keys). */
interface KindPart {
  current: ActivityFigures;
  prior: ActivityFigures;
  groups: Map<string, ActivityFigures>;
  /** The mediations' team tally (mediations only). */
  mediations: MediationTally | null;
  /** The excused occurrences (incidents only). */
  excused: ExcusedOccurrence[];
  /** Records read per slice (the progress a kept part reports again). */
  reads: number[];
}

/**
 * Kept parts per frame (the cached period frame stands for the units, scope, breakdown and counting
 * rules): keyed on the kind, both periods and today, valid while `yearKeys` (the kind's table's
 * generations.yearKey of every slice) is unchanged. A commit on propaganda_sessions touching 2020
 * leaves the five other kinds' parts as they are: a ten-year call after it adds propaganda's
 * groups again, not every kind's.
 */
const MAX_PARTS = 36;

/** Kinds whose part was counted (groups added) since the process started, parts taken as kept in memory and read back from the file (tests). */
export const partStats = { counted: {} as Partial<Record<ActivityKind, number>>, kept: 0, filed: 0 };
/** `version`: the kind's table's counter in the file when the part was last noted to be kept there. */
type KeptPart = { yearKeys: string; reads: number[]; part: KindPart; version: string | undefined };
const partsByFrame = new WeakMap<object, Map<string, KeptPart>>();

function partsOf(frame: object): Map<string, KeptPart> {
  let m = partsByFrame.get(frame);
  if (!m) {
    m = new Map<string, KeptPart>();
    partsByFrame.set(frame, m);
  }
  return m;
}

/** Reads (or takes kept) `kind`'s year slices and adds their groups to accumulators of its own. */
async function countKind<K extends ActivityKind>(
  db: Db,
  job: Job,
  kind: K,
  slices: readonly DatePeriod[],
  at: {
    period: DatePeriod;
    previous: DatePeriod;
    inScope: (unitId: string) => boolean;
    today: string;
    rules: CountingRules;
    generations?: TableGenerations | undefined;
    json: string;
    classOf: Classes['classOf'];
    partition: string;
    slicesInFile?: SlicesInFile | undefined;
  },
  progress: { step: number; steps: number; read: number },
): Promise<KindPart> {
  const { period, previous, inScope, today, rules, generations, json, classOf, partition } = at;
  const none = () => null;
  const now = figuresAccumulator(none, period, today, rules);
  const before = figuresAccumulator(none, previous, today, rules);
  const byGroup = figuresAccumulator(none, period, today, rules);
  const mediations = kind === 'mediations' ? mediationTally(inScope, period) : null;
  const excused: ExcusedOccurrence[] = [];
  const reads: number[] = [];
  // One statement per run of missing slices (period-slices.ts); added slice by slice, each its own turn.
  const kept = await cachedCountedSlices(
    generations,
    db,
    kind,
    slices,
    { period, previous, unitClasses: json, partition },
    at.slicesInFile,
  );
  const excusedOf = kind === 'incidents' ? await cachedExcusedSlices(generations, db, slices) : null;
  for (const [i, { groups, flags }] of kept.entries()) {
    if (i > 0) await job.checkpoint();
    let read = 0;
    // A slice of tips holds tens of thousands of groups at 2 M rows (~80 ms of adders): a turn every GROUPS_PER_TURN.
    for (let j = 0; j < groups.length; j++) {
      if (j > 0 && j % GROUPS_PER_TURN === 0) {
        periodRecordStats.checkpointsInSlices++;
        await job.checkpoint();
      }
      const g = groups[j]!;
      const c = classOf(g.unitClass);
      read += g.n;
      // A slice kept for any call (period-slices.ts) carries the flags of this call beside its groups.
      const { current, previous } = flags ?? g;
      if (c.inScope && previous) before.addCounted('', kind, g.record, g.n);
      if (!current) continue;
      if (c.group !== null) byGroup.addCounted(c.group, kind, g.record, g.n);
      if (!c.inScope) continue;
      now.addCounted('', kind, g.record, g.n);
      if (mediations) mediations.addCounted((g.record as ActivityRecords['mediations']).teamId, g.n);
    }
    for (const r of excusedOf?.[i] ?? []) {
      // Stored rows carry the record's fields under the domain's names (checked in activities.contract.ts).
      const e = excusedOccurrence(r, inScope, period.from, period.to);
      if (e) excused.push(e);
    }
    reads.push(read);
    job.report(++progress.step, progress.steps, `Đã đọc ${formatIntVi((progress.read += read))} bản ghi`);
  }
  return {
    current: figuresOf(now.result(), ''),
    prior: figuresOf(before.result(), ''),
    groups: byGroup.result(),
    mediations,
    excused,
    reads,
  };
}

/** The figures each kind's adder writes (its keys start with the kind: `propaganda.*`); any other key is summed over every part. */
const KEYS_OF_KIND = new Map(ACTIVITY_KINDS.map((kind) => [kind, ACTIVITY_INDICATOR_KEYS.filter((k) => k.startsWith(`${kind}.`))]));
const UNOWNED_KEYS = ACTIVITY_INDICATOR_KEYS.filter((k) => !ACTIVITY_KINDS.some((kind) => k.startsWith(`${kind}.`)));

/**
 * The kinds' parts as one set of figures: each figure is written by one kind's adder only, and a
 * kind's finished part holds zeros (and zero ratios) in every other kind's keys, so the sum of the
 * parts is what one accumulator fed every kind gives. Each part's own keys alone are added (the
 * other kinds' zeros would add nothing): 1/6 of the additions, the same sums.
 */
function combine(
  parts: readonly { kind: ActivityKind; part: KindPart }[],
  inScope: (unitId: string) => boolean,
  period: DatePeriod,
): PeriodCounts {
  const sum = (of: readonly (readonly [ActivityKind, ActivityFigures])[]): ActivityFigures => {
    const out = figuresOf(new Map(), '');
    for (const [kind, f] of of) for (const k of KEYS_OF_KIND.get(kind)!) out[k] += f[k];
    for (const k of UNOWNED_KEYS) for (const [, f] of of) out[k] += f[k];
    return out;
  };
  const byGroup = new Map<string, [ActivityKind, ActivityFigures][]>();
  for (const { kind, part } of parts) {
    for (const [g, f] of part.groups) {
      const list = byGroup.get(g);
      if (list) list.push([kind, f]);
      else byGroup.set(g, [[kind, f]]);
    }
  }
  const groups = new Map<string, ActivityFigures>();
  for (const [g, fs] of byGroup) groups.set(g, sum(fs));
  return {
    current: sum(parts.map(({ kind, part }) => [kind, part.current] as const)),
    prior: sum(parts.map(({ kind, part }) => [kind, part.prior] as const)),
    groups,
    mediations: parts.find(({ part }) => part.mediations)?.part.mediations ?? mediationTally(inScope, period),
    excused: sortExcused(parts.flatMap(({ part }) => part.excused)),
  };
}
