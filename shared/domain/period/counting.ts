/**
 * Counting (domain.md §9): one pass over the records placed in the period (`placementDate`), summed
 * per group (the whole scope, or each unit of a breakdown); the registry figures as indicators.
 */
import {
  ACTIVITY_KINDS,
  INCIDENT_CATEGORY_INFO,
  placementDate,
  tipTiming,
  type ActivityKind,
  type ActivityRecords,
  type IncidentCategory,
  type IncidentExcuse,
} from '../activities';
import type { MassOrgFigures, ModelFigures, OrganizationFigures } from '../overview';
import { foldVietnamese } from '../../lib/text';
import { partsOf, unitsInScope, type ScopeLink, type ScopeUnit } from '../scope';
import type { DatePeriod } from './periods';
import {
  CASE_GROUPS,
  PUBLICATION_FORMS,
  emptyFigures,
  type ActivityFigures,
  type ActivityIndicatorKey,
  type CaseGroup,
  type RegistryFigures,
} from './indicators';
import { tenthsPercent } from './comparison';
import { DEFAULT_COUNTING_RULES, type CountingRules } from './incident-rules';

/** The records of every kind, as lists and the backend return them. */
export type ActivityRecordSets = { readonly [K in ActivityKind]: readonly ActivityRecords[K][] };

/** An empty list per kind of ACTIVITY_KINDS. */
export function emptyRecordSets(): { [K in ActivityKind]: ActivityRecords[K][] } {
  return Object.fromEntries(ACTIVITY_KINDS.map((k) => [k, []])) as unknown as { [K in ActivityKind]: ActivityRecords[K][] };
}

interface Acc {
  f: ActivityFigures;
  recipients: Set<string>;
}

function finish(f: ActivityFigures): ActivityFigures {
  const ls = f['propaganda.loudspeakerSessions'];
  f['propaganda.minutesPerSession'] = ls > 0 ? Math.round(f['propaganda.loudspeakerMinutes'] / ls) : 0;
  const mt = f['mediations.total'];
  f['mediations.successRate'] = mt > 0 ? tenthsPercent(f['mediations.outcome.thanh'], mt) : 0;
  const cr = f['incidents.crimes'];
  f['incidents.solvedRate'] = cr > 0 ? tenthsPercent(f['incidents.crimesSolved'], cr) : 0;
  return f;
}

/**
 * Adds `n` records placed in the period to a group's figures (`recipients`: the award recipients the
 * group has counted). `r` is one record (n = 1) or the sum of `n` records that agree on every field
 * of COUNTED_FIELDS' `keys` and carry the totals of its `sums` (the backend's GROUP BY): every figure
 * is a count of records or a sum of one of those fields, so both give the same figures.
 */
type Adder<K extends ActivityKind> = (
  f: ActivityFigures,
  r: ActivityRecords[K],
  x: { today: string; rules: CountingRules },
  recipients: Set<string>,
  n: number,
) => void;

const addPropaganda: Adder<'propaganda'> = (f, r, _x, _recipients, n) => {
  f['propaganda.records'] += n;
  f[`propaganda.form.${r.form}.records`] += n;
  f[`propaganda.form.${r.form}.attendance`] += r.attendance;
  f['propaganda.leaflets'] += r.leaflets;
  f['propaganda.posts'] += r.posts;
  f['propaganda.newsletters'] += r.newsletters;
  f['propaganda.commitments'] += r.commitments;
  if (r.purpose === 'phat_dong') f['propaganda.launchSessions'] += n;
  if (PUBLICATION_FORMS.includes(r.form)) return;
  f['propaganda.sessions'] += n;
  f['propaganda.attendance'] += r.attendance;
  if (r.form === 'loa_truyen_thanh') {
    f['propaganda.loudspeakerSessions'] += n;
    f['propaganda.loudspeakerMinutes'] += r.loudspeakerMinutes;
    f['propaganda.loudspeakerAttendance'] += r.attendance;
  } else if (r.form === 'truc_tiep') {
    f['propaganda.directSessions'] += n;
    f['propaganda.directAttendance'] += r.attendance;
  }
};

const addEvent: Adder<'events'> = (f, r, _x, _recipients, n) => {
  f['events.total'] += n;
  f['events.attendance'] += r.attendance;
  f[`events.kind.${r.kind}.count`] += n;
  f[`events.kind.${r.kind}.attendance`] += r.attendance;
  if (r.kind === 'ngay_hoi') f[`events.ngayHoi.${r.level}`] += n;
  f['events.opinionsRaised'] += r.opinionsRaised;
  f['events.opinionsAnswered'] += r.opinionsAnswered;
  f['events.gifts'] += r.gifts;
  f['events.giftsValue'] += r.giftsValue;
};

/** Where a criminal tip stands against its limit; a tip passed on is "đã chuyển", never overdue here. */
const TIMING_KEY: Readonly<Record<string, ActivityIndicatorKey>> = {
  dung_han: 'tips.inTime',
  tre_han: 'tips.late',
  trong_han: 'tips.withinLimit',
  qua_han: 'tips.overdue',
  da_chuyen: 'tips.criminalTransferred',
};

const addTip: Adder<'tips'> = (f, r, x, _recipients, n) => {
  f['tips.total'] += n;
  // A kiến nghị khởi tố comes from a state body (Criminal Procedure Code art. 144.4), not the public.
  if (r.legalType !== 'kien_nghi_khoi_to') {
    f['tips.public'] += n;
    // The channel of the public's tips (the sentence names them as recorded, issue 14 item 8).
    f[`tips.channel.${r.channel}`] += n;
  }
  if (r.valuable) f['tips.valuable'] += n;
  f[`tips.category.${r.category}`] += n;
  if (r.status === 'da_giai_quyet') f['tips.resolved'] += n;
  else if (r.status === 'chuyen_co_quan_khac') f['tips.transferred'] += n;
  else f['tips.pending'] += n;
  if (r.legalType !== null) {
    f['tips.criminal'] += n;
    f[`tips.legal.${r.legalType}`] += n;
    const key = TIMING_KEY[tipTiming(r, x.today)];
    if (key) f[key] += n;
  }
  if (r.outcome !== null) f[`tips.outcome.${r.outcome}`] += n;
  f['tips.criminalCases'] += r.criminalCases;
  f['tips.administrativeCases'] += r.administrativeCases;
  f['tips.personsHandled'] += r.personsHandled;
  f['tips.wantedArrested'] += r.wantedArrested;
  f['tips.wantedSurrendered'] += r.wantedSurrendered;
  f['tips.weapons'] += r.weapons;
  f['tips.ammunition'] += r.ammunition;
  f['tips.explosivesKg'] += r.explosivesKg;
  f['tips.supportTools'] += r.supportTools;
  f['tips.assetsValue'] += r.assetsValue;
};

const addMediation: Adder<'mediations'> = (f, r, _x, _recipients, n) => {
  f['mediations.total'] += n;
  f[`mediations.outcome.${r.outcome}`] += n;
  f[`mediations.caseType.${r.caseType}`] += n;
};

const addIncident: Adder<'incidents'> = (f, r, x, _recipients, n) => {
  const info = INCIDENT_CATEGORY_INFO[r.category];
  f['incidents.records'] += n;
  f[`incidents.cat.${r.category}`] += r.count;
  if (info.group === 'toi_pham') {
    f['incidents.crimes'] += r.count;
    f['incidents.crimesSolved'] += r.solved;
    if (x.rules.grave.has(r.category)) f['incidents.graveCrimes'] += r.count;
    const field = x.rules.fieldOf.get(r.category);
    f[field ? (`incidents.field.${field}` as const) : 'incidents.fieldUnknown'] += r.count;
  }
  if ((CASE_GROUPS as readonly string[]).includes(info.group)) f[`incidents.group.${info.group as CaseGroup}`] += r.count;
  if (r.category === 'tai_nan_giao_thong') {
    f['incidents.trafficDeaths'] += r.deaths;
    f['incidents.trafficInjuries'] += r.injuries;
  }
  if (r.excuse !== null) {
    f['incidents.excused'] += r.count;
    f[`incidents.excuse.${r.excuse}`] += r.count;
  }
};

/**
 * A person or collective with two awards is one recipient (name compared without diacritics). A
 * recipient whose name is not known here (NULL: an office's file left it out) cannot be matched
 * with another award's: each such award counts as its own recipient.
 */
const addAward: Adder<'awards'> = (f, r, _x, recipients, n) => {
  f['awards.total'] += n;
  f[`awards.form.${r.form}`] += n;
  const key = r.recipientName === null ? `id|${r.id}` : `${r.recipient}|${r.unitId}|${foldVietnamese(r.recipientName)}`;
  if (!recipients.has(key)) {
    recipients.add(key);
    // One recipient however many awards (of the group) it received.
    f[r.recipient === 'tap_the' ? 'awards.collectives' : 'awards.individuals']++;
  }
};

/**
 * How a kind adds to the figures. A kind without an adder has no figures of its own (indicators.ts
 * names every figure): giving it some is a change of the report (indicators, adder, sentences),
 * not part of adding the kind.
 */
const ADDERS: { readonly [K in ActivityKind]?: Adder<K> } = {
  propaganda: addPropaganda,
  events: addEvent,
  tips: addTip,
  mediations: addMediation,
  incidents: addIncident,
  awards: addAward,
};

/** Sums records one at a time into one set of figures per group (figuresByGroup's pass, record by record). */
export interface FiguresAccumulator {
  /** Counts `r` when it is placed in the period and its unit belongs to a group. */
  add<K extends ActivityKind>(kind: K, r: ActivityRecords[K]): void;
  /**
   * Counts `n` records already known to be placed in the period, for `group` (not looked up): one
   * record (n = 1) or their sum over COUNTED_FIELDS (grouping.ts), as the backend's GROUP BY reads it.
   */
  addCounted<K extends ActivityKind>(group: string, kind: K, r: ActivityRecords[K], n: number): void;
  /** The figures of each group that received a record. */
  result(): Map<string, ActivityFigures>;
}

/**
 * The accumulator behind figuresByGroup, for callers that read the records in slices (the backend
 * streams a long period kind by kind and never holds it whole): adding the same records in any
 * order and any slicing gives figuresByGroup's result.
 */
export function figuresAccumulator(
  groupOf: (unitId: string) => string | null,
  period: DatePeriod,
  today: string,
  rules: CountingRules = DEFAULT_COUNTING_RULES,
): FiguresAccumulator {
  const accs = new Map<string, Acc>();
  const accFor = (g: string): Acc => {
    let a = accs.get(g);
    if (!a) {
      a = { f: emptyFigures(), recipients: new Set() };
      accs.set(g, a);
    }
    return a;
  };
  const x = { today, rules };
  const addTo = <K extends ActivityKind>(g: string, kind: K, r: ActivityRecords[K], n: number) => {
    const add = ADDERS[kind];
    if (!add) return;
    const a = accFor(g);
    add(a.f, r, x, a.recipients, n);
  };
  return {
    add<K extends ActivityKind>(kind: K, r: ActivityRecords[K]) {
      const on = placementDate(kind, r);
      if (on < period.from || on > period.to) return;
      const g = groupOf(r.unitId);
      if (g !== null) addTo(g, kind, r, 1);
    },
    addCounted: addTo,
    result() {
      const out = new Map<string, ActivityFigures>();
      for (const [g, a] of accs) out.set(g, finish(a.f));
      return out;
    },
  };
}

/**
 * Sums the records placed in the period into one set of figures per group. `groupOf` says which
 * group a unit's records go to (null = not counted): one group for the whole scope, or one per
 * unit of a breakdown. One pass over the records whatever the number of groups. `rules` are the
 * office's incident-category settings (trọng án, field of crime).
 */
export function figuresByGroup(
  records: ActivityRecordSets,
  groupOf: (unitId: string) => string | null,
  period: DatePeriod,
  today: string,
  rules: CountingRules = DEFAULT_COUNTING_RULES,
): Map<string, ActivityFigures> {
  const acc = figuresAccumulator(groupOf, period, today, rules);
  const run = <K extends ActivityKind>(kind: K) => {
    for (const r of records[kind] as readonly ActivityRecords[K][]) acc.add(kind, r);
  };
  for (const kind of ACTIVITY_KINDS) run(kind);
  return acc.result();
}

/** The figures of one group of an accumulator (zeros, finished, when it received nothing). */
export function figuresOf(groups: ReadonlyMap<string, ActivityFigures>, group: string): ActivityFigures {
  return groups.get(group) ?? finish(emptyFigures());
}

/** The figures of the records placed in [from, to] whose unit is in scope. */
export function activityFigures(
  records: ActivityRecordSets,
  inScope: (unitId: string) => boolean,
  from: string,
  to: string,
  today: string,
  rules: CountingRules = DEFAULT_COUNTING_RULES,
): ActivityFigures {
  return figuresOf(
    figuresByGroup(records, (u) => (inScope(u) ? '' : null), { from, to }, today, rules),
    '',
  );
}

/** The group of the records entered on the chosen unit itself (not on a unit below it). */
export const DIRECT_GROUP = '\u0000direct';

export interface BreakdownUnit extends ScopeUnit {
  validTo: string | null;
}

/**
 * How a breakdown by the units directly below `rootId` groups the records: each unit of the scope
 * goes to the child whose subtree (rolled up through merges) holds it, the rest of the scope (the
 * chosen unit itself) to DIRECT_GROUP, units outside the scope nowhere (null). A child that has
 * ended claims its own records before the unit it was merged into, so a period spanning a merge
 * shows the old commune's records on the old commune's row. Each unit of the scope is in exactly
 * one group, so the groups add up to the whole (property-tested).
 */
export function breakdownGroups<U extends BreakdownUnit>(
  units: readonly U[],
  links: readonly ScopeLink[],
  rootId: string,
  wholeOffice: boolean,
): { children: U[]; groupOf: (unitId: string) => string | null } {
  const children = units
    .filter((u) => u.parentId === rootId)
    .sort((a, b) => (a.validTo === null ? 1 : 0) - (b.validTo === null ? 1 : 0) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const partOf = partsOf(
    units,
    links,
    children.map((c) => c.id),
  );
  const scope = wholeOffice ? null : unitsInScope(units, links, rootId);
  return {
    children,
    groupOf: (id) => (scope === null || scope.has(id) ? (partOf.get(id) ?? DIRECT_GROUP) : null),
  };
}

export interface ExcusedOccurrence {
  id: string;
  occurredOn: string;
  unitId: string;
  category: IncidentCategory;
  count: number;
  excuse: IncidentExcuse;
  reason: string | null;
  approvedBy: string | null;
  approvedOn: string | null;
}

/** An incident as an excused occurrence of the period, or null when it is not one (not excused, outside, out of scope). */
export function excusedOccurrence(
  r: ActivityRecords['incidents'],
  inScope: (unitId: string) => boolean,
  from: string,
  to: string,
): ExcusedOccurrence | null {
  if (r.excuse === null || !inScope(r.unitId) || from > r.occurredOn || r.occurredOn > to) return null;
  return {
    id: r.id,
    occurredOn: r.occurredOn,
    unitId: r.unitId,
    category: r.category,
    count: r.count,
    excuse: r.excuse,
    reason: r.excuseReason,
    approvedBy: r.excuseApprovedBy,
    approvedOn: r.excuseApprovedOn,
  };
}

/** Excused occurrences by date, then id (the order the period page lists them in). */
export function sortExcused(list: ExcusedOccurrence[]): ExcusedOccurrence[] {
  return list.sort((a, b) => a.occurredOn.localeCompare(b.occurredOn) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** The occurrences of the period excused under Circular 124, with who confirmed them, by date. */
export function excusedOccurrences(
  records: ActivityRecordSets,
  inScope: (unitId: string) => boolean,
  from: string,
  to: string,
): ExcusedOccurrence[] {
  return sortExcused(records.incidents.flatMap((r) => excusedOccurrence(r, inScope, from, to) ?? []));
}

/** Registry figures as indicators (the registries count them by their own rules). */
export function registryFigures(models: ModelFigures, massOrgs: MassOrgFigures, organizations: OrganizationFigures): RegistryFigures {
  return {
    'models.modelTypes': models.modelTypes,
    'models.models': models.models,
    'models.sites': models.sites,
    'models.teams': models.teams,
    'models.members': models.members,
    'models.newModels': models.newModels,
    'models.newSites': models.newSites,
    'models.replicated': models.replicated,
    'models.retired': models.retired,
    'models.effective': models.effective,
    'models.exemplary': models.exemplary,
    'massOrgs.organizations': massOrgs.organizations,
    'massOrgs.members': massOrgs.members,
    'massOrgs.effective': massOrgs.effective,
    'organizations.total': organizations.total,
    'organizations.eligible': organizations.eligible,
    'organizations.co_quan': organizations.byKind.co_quan,
    'organizations.doanh_nghiep': organizations.byKind.doanh_nghiep,
    'organizations.co_so_giao_duc': organizations.byKind.co_so_giao_duc,
  };
}
