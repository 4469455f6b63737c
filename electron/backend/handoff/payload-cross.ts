/**
 * The rules of the office's screens that look at several rows, applied to a snapshot's rows once
 * every row has passed its own checks (payload-checks.ts):
 * - a model as a whole (checkModelState: its steps in order, its sites inside its dates, ratings and
 *   recognitions while it operates; not the overlap of two sites at one place, see oneModel) and
 *   its level against the unit that built it (checkOriginLevel);
 * - a member's dates inside its organisation's life (checkMemberDates);
 * - the yearly ratings of a team and of its members (checkTeamRating, checkMemberRating: the scheme
 *   of the kind, nine months in the period, a leader not above the team).
 * These are the checks the services run on every save (and re-run when a change could break them),
 * so rows the app wrote pass them. Tombstones take no part, as in the services.
 *
 * Pure. A problem names the table and the index of the row it is reported on.
 */
import {
  checkModelState,
  checkOriginLevel,
  type ModelStateForCheck,
  type ModelStatus,
  type OriginLevel,
  type RuleFailure,
  type StatusEvent,
  isOperating,
} from '../../../shared/domain/models';
import {
  checkMemberDates,
  checkMemberRating,
  checkTeamRating,
  type LeaderRating,
  type MemberRole,
  type NotRatedReason,
  type RatingLevel,
  type RatingScheme,
} from '../../../shared/domain/mass-orgs';
import type { UnitLevel } from '../../../shared/domain/units';
import type { CheckContext, Row } from './payload-forms';

/** The tables whose rows the rules between rows read. */
export const CROSS_TABLES: ReadonlySet<string> = new Set([
  'units',
  'models',
  'model_events',
  'model_sites',
  'model_ratings',
  'model_recognitions',
  'mass_org_kinds',
  'mass_orgs',
  'mass_org_members',
  'mass_org_ratings',
  'mass_org_member_ratings',
]);

export interface CrossProblem {
  table: string;
  /** 0-based index of the row in the table's rows. */
  index: number;
  reason: string;
}

interface Indexed {
  row: Row;
  index: number;
}

type Tables = ReadonlyMap<string, readonly Row[]>;

const live = (row: Row) => row['deleted_at'] === null || row['deleted_at'] === undefined;
const str = (v: unknown) => v as string;
const strOrNull = (v: unknown) => (v ?? null) as string | null;

/** Live rows of a table grouped by a column. */
function byColumn(tables: Tables, table: string, column: string): Map<string, Indexed[]> {
  const out = new Map<string, Indexed[]>();
  (tables.get(table) ?? []).forEach((row, index) => {
    if (!live(row)) return;
    const key = String(row[column]);
    const list = out.get(key);
    if (list) list.push({ row, index });
    else out.set(key, [{ row, index }]);
  });
  return out;
}

const clean = (message: string) => message.replace(/\.$/, '');

// ---------------------------------------------------------------------------------------------
// Models

interface ModelParts {
  events: Indexed[];
  sites: Indexed[];
  ratings: Indexed[];
  recognitions: Indexed[];
}

function siteLabel(site: Row, units: ReadonlyMap<string, Row>): string {
  const unit = units.get(str(site['unit_id']));
  const name = unit ? str(unit['name']) : str(site['unit_id']);
  return site['organization_name'] ? `${name} – ${str(site['organization_name'])}` : name;
}

const eventOf = ({ row }: Indexed): StatusEvent => ({ status: row['status'] as ModelStatus, on: str(row['on_date']) });

function stateOf(
  model: Row,
  events: readonly StatusEvent[],
  parts: Partial<Record<'sites' | 'ratings' | 'recognitions', Indexed[]>>,
  units: ReadonlyMap<string, Row>,
): ModelStateForCheck {
  return {
    foundedOn: str(model['founded_on']),
    events,
    sites: (parts.sites ?? []).map(({ row }) => ({
      label: siteLabel(row, units),
      unitId: str(row['unit_id']),
      organizationName: strOrNull(row['organization_name']),
      startedOn: str(row['started_on']),
      endedOn: strOrNull(row['ended_on']),
    })),
    ratingYears: (parts.ratings ?? []).map(({ row }) => row['year'] as number),
    recognitionDates: (parts.recognitions ?? []).map(({ row }) => str(row['recognised_on'])),
  };
}

/**
 * The steps the rules on sites, ratings and recognitions read, once every step passed: the first,
 * the launch and the retirement (checkModelState reads the founding, operatingSince and retiredOn
 * of the steps). Each transition kept is one the rules allow (a proposal is followed by its launch;
 * any step may be followed by the retirement), in the same order and with the same dates.
 */
function keySteps(events: readonly StatusEvent[]): StatusEvent[] {
  const out = [events[0]!];
  const launch = events.find((e) => isOperating(e.status));
  if (launch && launch !== events[0]) out.push(launch);
  const retired = events.find((e) => e.status === 'thanh_loai');
  if (retired) out.push(retired);
  return out;
}

const fail = (table: string, at: Indexed, failure: RuleFailure): CrossProblem => ({
  table,
  index: at.index,
  reason: clean(failure.message),
});

/**
 * One model against checkModelState, in time linear in its rows (a file may hold a model with very
 * many rows): the steps alone (the first failing prefix, by bisection, names the step), then each
 * site, rating and recognition alone with the key steps, so the failure is on the row at fault.
 * The overlap of two sites at one place is not checked: moving the records of merged units to their
 * successor (unit-history/transfer.ts) can bring two open sites of one model into one unit without
 * that check, so rows the app wrote may have it.
 */
function oneModel(model: Indexed, parts: ModelParts, units: ReadonlyMap<string, Row>, today: string): CrossProblem | null {
  const events = parts.events.map(eventOf);
  const stepsFailure = checkModelState(stateOf(model.row, events, {}, units), today);
  if (stepsFailure) {
    if (events.length === 0) return fail('models', model, stepsFailure);
    let ok = 0; // the longest prefix known to pass (0: none)
    let bad = events.length; // the shortest prefix known to fail
    while (bad - ok > 1) {
      const mid = (ok + bad) >> 1;
      if (checkModelState(stateOf(model.row, events.slice(0, mid), {}, units), today)) bad = mid;
      else ok = mid;
    }
    const failure = checkModelState(stateOf(model.row, events.slice(0, bad), {}, units), today)!;
    return bad === 1 ? fail('models', model, failure) : fail('model_events', parts.events[bad - 1]!, failure);
  }
  const steps = keySteps(events);
  for (const part of ['sites', 'ratings', 'recognitions'] as const) {
    for (const item of parts[part]) {
      const failure = checkModelState(stateOf(model.row, steps, { [part]: [item] }, units), today);
      if (failure) return fail(PART_TABLES[part], item, failure);
    }
  }
  return null;
}

const PART_TABLES = { sites: 'model_sites', ratings: 'model_ratings', recognitions: 'model_recognitions' } as const;

function modelProblem(tables: Tables, today: string): CrossProblem | null {
  const units = new Map((tables.get('units') ?? []).map((u) => [str(u['id']), u]));
  const events = byColumn(tables, 'model_events', 'model_id');
  const sites = byColumn(tables, 'model_sites', 'model_id');
  const ratings = byColumn(tables, 'model_ratings', 'model_id');
  const recognitions = byColumn(tables, 'model_recognitions', 'model_id');
  const models = tables.get('models') ?? [];
  for (let index = 0; index < models.length; index++) {
    const model = models[index]!;
    if (!live(model)) continue;
    const id = str(model['id']);
    const origin = units.get(str(model['origin_unit_id']));
    if (origin) {
      const level = checkOriginLevel(origin['level'] as UnitLevel, model['origin_level'] as OriginLevel);
      if (level) return { table: 'models', index, reason: `cột "origin_level": ${clean(level)}` };
    }
    const parts: ModelParts = {
      events: [...(events.get(id) ?? [])].sort((a, b) => (a.row['seq'] as number) - (b.row['seq'] as number)),
      sites: sites.get(id) ?? [],
      ratings: ratings.get(id) ?? [],
      recognitions: recognitions.get(id) ?? [],
    };
    const problem = oneModel({ row: model, index }, parts, units, today);
    if (problem) return problem;
  }
  return null;
}

// ---------------------------------------------------------------------------------------------
// Mass organisations: members' dates, ratings

const orgDates = (org: Row) => ({ validFrom: str(org['valid_from']), validTo: strOrNull(org['valid_to']) });
const draftOf = (r: Row) => ({
  level: (r['level'] ?? null) as RatingLevel | null,
  notRatedReason: (r['not_rated_reason'] ?? null) as NotRatedReason | null,
  reasonNote: strOrNull(r['reason_note']),
});
const memberOf = (m: Row) => ({
  joinedOn: str(m['joined_on']),
  leftOn: strOrNull(m['left_on']),
  role: m['role'] as MemberRole,
  fullName: str(m['full_name']),
});

function leadersOf(members: readonly Indexed[], ratingsOf: (memberId: string) => Indexed[], year: number): LeaderRating[] {
  const out: LeaderRating[] = [];
  for (const { row: m } of members) {
    const r = ratingsOf(str(m['id'])).find((x) => x.row['year'] === year)?.row;
    if (!r) continue;
    if (m['role'] === 'to_truong' || (m['role'] === 'to_pho' && r['acting_leader'] === 1)) {
      out.push({
        fullName: str(m['full_name']),
        role: m['role'],
        level: draftOf(r).level,
        newlyTransferred: r['newly_transferred'] === 1,
      });
    }
  }
  return out;
}

function massOrgProblem(tables: Tables): CrossProblem | null {
  const schemes = new Map((tables.get('mass_org_kinds') ?? []).map((k) => [str(k['id']), k['rating_scheme'] as RatingScheme]));
  const members = byColumn(tables, 'mass_org_members', 'mass_org_id');
  const teamRatings = byColumn(tables, 'mass_org_ratings', 'mass_org_id');
  const memberRatings = byColumn(tables, 'mass_org_member_ratings', 'member_id');
  const ratingsOf = (memberId: string) => memberRatings.get(memberId) ?? [];
  for (const org of tables.get('mass_orgs') ?? []) {
    if (!live(org)) continue;
    const id = str(org['id']);
    const dates = orgDates(org);
    const own = members.get(id) ?? [];
    for (const m of own) {
      const reason = checkMemberDates(memberOf(m.row), { ...dates, name: str(org['name']) });
      if (reason) return { table: 'mass_org_members', index: m.index, reason: clean(reason) };
    }
    const scheme = schemes.get(str(org['kind_id']));
    if (scheme === undefined) continue;
    const teamByYear = new Map((teamRatings.get(id) ?? []).map((r) => [r.row['year'] as number, r]));
    for (const [year, team] of teamByYear) {
      const reason = checkTeamRating({ scheme, org: dates, year, leaders: leadersOf(own, ratingsOf, year) }, draftOf(team.row))[0];
      if (reason) return { table: 'mass_org_ratings', index: team.index, reason: clean(reason) };
    }
    for (const m of own) {
      for (const r of ratingsOf(str(m.row['id']))) {
        const year = r.row['year'] as number;
        const team = teamByYear.get(year)?.row;
        const draft = { ...draftOf(r.row), actingLeader: r.row['acting_leader'] === 1, newlyTransferred: r.row['newly_transferred'] === 1 };
        const input = { scheme, org: dates, member: memberOf(m.row), year, teamRating: team ? draftOf(team) : null };
        const reason = checkMemberRating(input, draft)[0];
        if (reason) return { table: 'mass_org_member_ratings', index: r.index, reason: clean(reason) };
      }
    }
  }
  return null;
}

/** The first rule between rows the snapshot's rows break, or null. */
export function crossRowProblem(tables: Tables, ctx: CheckContext): CrossProblem | null {
  return modelProblem(tables, ctx.today) ?? massOrgProblem(tables);
}
