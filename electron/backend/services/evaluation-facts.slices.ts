/**
 * The year's records read as slices, one per input table (or a few tables read by one query), so
 * the board's cache (evaluation-cache.ts) can read again only the slices whose tables were written
 * since the last load (issue 16 item 2). `loadYear` (evaluation-facts.service.ts) reads every slice
 * in this order and assembles the same `YearData` as before.
 */
import type { Db } from '../repos/units.repo';
import { attestationsOfYear, figuresOfYears, overridesOfYear, registrationsOfYear } from '../repos/evaluation.repo';
import * as factsRepo from '../repos/evaluation-facts.repo';
import { loadUnitsWithLineage } from '../repos/unit-history.repo';
import { evaluationPeriod } from '../../../shared/domain/criteria';
import { groupBy, subjectKey, type ModelRow, type OrgRow, type YearData } from './evaluation-facts.data';

/** Each slice's values: the fields of the year's data it fills (the units slice fills three). */
export interface SliceValues extends Pick<
  YearData,
  | 'orgs'
  | 'attestations'
  | 'overrides'
  | 'declarations'
  | 'registrations'
  | 'figures'
  | 'incidents'
  | 'households'
  | 'models'
  | 'teamRatings'
  | 'propaganda'
  | 'tips'
> {
  units: Pick<YearData, 'units' | 'unitsById' | 'links'>;
}

export type SliceName = keyof SliceValues;

/** The tables each slice reads (its cache key is their generations). */
export const SLICE_TABLES: Readonly<Record<SliceName, readonly string[]>> = {
  units: ['units', 'unit_lineage'],
  orgs: ['organizations'],
  attestations: ['evaluation_attestations'],
  overrides: ['evaluation_overrides'],
  declarations: ['incident_stats_declarations'],
  registrations: ['evaluation_registrations'],
  figures: ['evaluation_figures'],
  incidents: ['incidents'],
  households: ['unit_year_stats'],
  models: ['models', 'model_sites', 'model_ratings'],
  teamRatings: ['mass_orgs', 'mass_org_kinds', 'mass_org_ratings'],
  propaganda: ['propaganda_sessions'],
  tips: ['tips'],
};

/** Read order (the same as loadYear's before the slices). */
export const SLICE_NAMES: readonly SliceName[] = [
  'units',
  'orgs',
  'attestations',
  'overrides',
  'declarations',
  'registrations',
  'figures',
  'incidents',
  'households',
  'models',
  'teamRatings',
  'propaganda',
  'tips',
];

/** Both windows of both kinds: from 01/11 two years back to 15/11 of the year. */
function windowOf(year: number): { from: string; to: string } {
  return { from: evaluationPeriod('khu_dan_cu', year - 1).from, to: evaluationPeriod('xa', year).to };
}

async function modelsOfYear(db: Db, year: number): Promise<ModelRow[]> {
  const models = await factsRepo.modelsOfYear(db, year);
  const sites = groupBy(
    await factsRepo.sitesActiveBetween(
      db,
      models.map((m) => m.id),
      `${year}-01-01`,
      `${year}-12-31`,
    ),
    (s) => s.modelId,
  );
  return models.map((m) => ({ ...m, sites: (sites.get(m.id) ?? []).map((s) => ({ unitId: s.unitId, organizationId: s.organizationId })) }));
}

type Readers = {
  [K in SliceName]: (db: Db, year: number, orgsOfYear: (db: Db, year: number) => Promise<OrgRow[]>) => Promise<SliceValues[K]>;
};

const READERS: Readers = {
  units: async (db) => {
    const { units, links } = await loadUnitsWithLineage(db);
    return { units, unitsById: new Map(units.map((u) => [u.id, u])), links };
  },
  orgs: (db, year, orgsOfYear) => orgsOfYear(db, year),
  attestations: async (db, year) => groupBy(await attestationsOfYear(db, year), (a) => subjectKey(a.subjectType, a.subjectId)),
  overrides: async (db, year) => groupBy(await overridesOfYear(db, year), (o) => subjectKey(o.subjectType, o.subjectId)),
  declarations: async (db, year) =>
    groupBy(await factsRepo.declarationsOfYears(db, [year, year - 1]), (d) => `${subjectKey(d.subjectType, d.subjectId)}:${d.year}`),
  registrations: (db, year) => registrationsOfYear(db, year),
  figures: (db, year) => figuresOfYears(db, [year, year - 1]),
  incidents: (db, year) => factsRepo.incidentsBetween(db, windowOf(year).from, windowOf(year).to),
  households: (db, year) => factsRepo.householdsOfYear(db, year),
  models: (db, year) => modelsOfYear(db, year),
  teamRatings: (db, year) => factsRepo.teamRatingsOfYear(db, year),
  propaganda: (db, year) => factsRepo.propagandaBetween(db, windowOf(year).from, windowOf(year).to),
  tips: (db, year) => factsRepo.valuableTipsBetween(db, windowOf(year).from, windowOf(year).to),
};

/** Reads one slice of the year. */
export function readSlice<K extends SliceName>(
  name: K,
  db: Db,
  year: number,
  orgsOfYear: (db: Db, year: number) => Promise<OrgRow[]>,
): Promise<SliceValues[K]> {
  return READERS[name](db, year, orgsOfYear);
}
