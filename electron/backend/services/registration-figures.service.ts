/**
 * The registration and recognition figures of a year (issue 14 item 3) for the overview, the period
 * figures, the report and the board's export: the year's subjects exactly as the evaluation board
 * lists them (units active on their decision date, organisations within the standard's scope, a
 * unit formed during the year registered through its predecessors) with their registration and
 * decision records. Nothing is evaluated, so a year without a rule set (before Circular 124)
 * counts like any other. The counting and wording are pure (shared/domain/period/registrations.ts,
 * registration-sentences.ts). Read-only.
 */
import type { ServiceContext } from '../context';
import { storedReadOf } from './read-cache';
import { countedOrganizationsOfFile, organizationsOfFile } from './organizations-of-file';
import { activeInYear } from '../../../shared/domain/organizations';
import { REGISTRATION_TABLES } from './read-tables';
import type { Db } from '../repos/units.repo';
import { registrationsOfYear } from '../repos/evaluation.repo';
import { loadUnitsWithLineage } from '../repos/unit-history.repo';
import { organisationsOfYearFrom, subjectKey, subjectsOf, type Subject, type YearData } from './evaluation-facts.service';
import { subtreeOf } from './evaluation-facts.data';
import { applyTransition, carriedFrom, carriedRegistered } from './evaluation-transition';
import { DEFAULT_SETTINGS } from '../../../shared/domain/criteria';
import {
  registrationFigures,
  registrationKindOf,
  registrationSentences,
  type RegistrationFigures,
  type RegistrationSentences,
  type RegistrationSubject,
} from '../../../shared/domain/period';

export interface RegistrationBlock {
  figures: RegistrationFigures;
  sentences: RegistrationSentences;
}

/**
 * The year's units and organisations with their registration records (no facts, no evaluation).
 * `withOrgs: false`: the units' subjects alone, the organisations left to the caller (the figures
 * count them from countedOrganizationsOfFile).
 */
async function registrationYear(ctx: ServiceContext, db: Db, year: number, withOrgs = true): Promise<YearData> {
  const { units, links } = await loadUnitsWithLineage(db);
  const unitsById = new Map(units.map((u) => [u.id, u]));
  const orgs = withOrgs ? organisationsOfYearFrom(await organizationsOfFile(ctx), year) : [];
  const data: YearData = {
    year,
    today: ctx.clock.today(),
    units,
    unitsById,
    links,
    orgs,
    subjects: subjectsOf(year, units, unitsById, orgs),
    registrations: await registrationsOfYear(db, year),
    attestations: new Map(),
    overrides: new Map(),
    figures: new Map(),
    declarations: new Map(),
    incidents: [],
    households: new Map(),
    models: [],
    teamRatings: [],
    propaganda: [],
    tips: [],
    ruleSets: [],
    settings: { ...DEFAULT_SETTINGS },
  };
  return applyTransition(data);
}

/**
 * Households of a unit registered only through its predecessors: their sum, null when one of them
 * does not record it (a partial sum would pass for the whole).
 */
function carriedHouseholds(data: YearData, s: Subject): number | null {
  let sum = 0;
  for (const p of carriedFrom(data, s)) {
    const h = data.registrations.get(subjectKey('unit', p.id))?.householdsRegistered ?? null;
    if (h === null) return null;
    sum += h;
  }
  return sum;
}

function subjectOf(data: YearData, s: Subject): RegistrationSubject {
  const reg = data.registrations.get(subjectKey(s.type, s.id));
  const carried = reg === undefined && carriedRegistered(data, s);
  const kind = registrationKindOf(s.kind);
  return {
    kind,
    unitId: s.unitId,
    registered: reg !== undefined || carried,
    recognised: reg?.status === 'cong_nhan',
    households: kind !== 'khu_dan_cu' ? null : reg ? reg.householdsRegistered : carried ? carriedHouseholds(data, s) : null,
  };
}

/** Every subject of the year with what its records say (the scope is applied by the caller). */
export async function registrationSubjects(
  ctx: ServiceContext,
  year: number,
): Promise<{ data: YearData; subjects: RegistrationSubject[] }> {
  const data = await registrationYear(ctx, ctx.db, year);
  return { data, subjects: data.subjects.map((s) => subjectOf(data, s)) };
}

/**
 * registrationSubjects' subjects for the figures, the organisations taken as the counts take them
 * (countedOrganizationsOfFile: no record, no eligibility reason): the same subjects — the year's
 * organisations in TT124's scope, at their unit, registered when a registration record names them
 * (an organisation carries nothing from predecessors) — in another order, which the counts do not see.
 */
async function countedSubjects(ctx: ServiceContext, year: number): Promise<{ data: YearData; subjects: RegistrationSubject[] }> {
  const data = await registrationYear(ctx, ctx.db, year, false);
  const subjects = data.subjects.map((s) => subjectOf(data, s));
  for (const o of await countedOrganizationsOfFile(ctx)) {
    if (o.status !== 'eligible' || !activeInYear(o.validFrom, o.validTo, year)) continue;
    const reg = data.registrations.get(subjectKey('organization', o.id));
    subjects.push({
      kind: registrationKindOf(o.kind),
      unitId: o.unitId,
      registered: reg !== undefined,
      recognised: reg?.status === 'cong_nhan',
      households: null,
    });
  }
  return { data, subjects };
}

/** registrationBlock, cached until a commit on its tables (read-cache.ts, read-tables.ts); the period screen and the overview share it. */
export function cachedRegistrations(
  ctx: ServiceContext,
  input: { year: number; unitId: string | null; periodFrom: string },
): Promise<RegistrationBlock> {
  return storedReadOf(ctx, 'registrations.block', REGISTRATION_TABLES, [ctx.clock.today(), input], () => registrationBlock(ctx, input));
}

/**
 * The figures and sentences of a year inside a unit's subtree (null = the whole office), the
 * subtree as the board takes it. `periodFrom` words the lead of a longer period ("năm cuối của kỳ").
 */
export async function registrationBlock(
  ctx: ServiceContext,
  input: { year: number; unitId: string | null; periodFrom?: string },
): Promise<RegistrationBlock> {
  const { data, subjects } = await countedSubjects(ctx, input.year);
  const scope = input.unitId === null ? null : subtreeOf(data, input.unitId);
  const figures = registrationFigures(input.year, subjects, (id) => scope === null || scope.has(id));
  return { figures, sentences: registrationSentences(figures, input.periodFrom) };
}
