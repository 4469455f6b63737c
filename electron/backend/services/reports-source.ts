/**
 * What a report is built from (shared/domain/report/source.ts), for its period and territory: the
 * period figures and sentences (period.service.ts), the registration and recognition of the
 * period's last year counted from the registration and decision records (registration-figures.
 * service.ts: any year, also one without a rule set), and per unit directly below the territory
 * (the rows of the period figures' breakdown) its models and mass organisations. Read-only.
 */
import type { ServiceContext } from '../context';
import { periodFigures } from './period.service';
import { registrationSubjects } from './registration-figures.service';
import { subtreeOf } from './evaluation-facts.data';
import { modelsOverview } from './models.service';
import { massOrgsOverview } from './mass-orgs.service';
import { listUnits } from '../repos/units.repo';
import { BOARD_CATEGORIES, type BoardCategory } from '../../../shared/domain/evaluation';
import { registrationFigures, type RegistrationFigures, type RegistrationSubject } from '../../../shared/domain/period';
import type { AppendixRow, RegistrationCount, ReportSource } from '../../../shared/domain/report/source';
import type { PerUnitDto, PeriodFiguresDto } from '../../../shared/ipc/contracts/period.contract';

type Registration = Record<BoardCategory, RegistrationCount>;

function emptyRegistration(): Registration {
  const out = {} as Registration;
  for (const c of BOARD_CATEGORIES) out[c] = { total: 0, registered: 0, recognised: 0 };
  return out;
}

/** The board's categories from the registration figures (agencies with enterprises, as the board groups them). */
function byCategory(f: RegistrationFigures): Registration {
  const g = f.groups;
  return { khu_dan_cu: g.khu_dan_cu, xa: g.xa, co_quan_doanh_nghiep: g.co_quan_doanh_nghiep, co_so_giao_duc: g.co_so_giao_duc };
}

/**
 * The year's subjects counted per unit of the breakdown: a subject belongs to the row whose unit is
 * it or above it (an organisation through the unit it belongs to), as the board places them.
 */
async function registrationByUnit(
  ctx: ServiceContext,
  year: number,
  subjects: readonly RegistrationSubject[],
  rowUnits: ReadonlySet<string>,
): Promise<Map<string, Registration>> {
  const units = await listUnits(ctx.db, true);
  const parent = new Map(units.map((u) => [u.id, u.parentId]));
  const rowOf = (unitId: string): string | null => {
    let at: string | null | undefined = unitId;
    for (let guard = 0; at && guard < 64; guard++) {
      if (rowUnits.has(at)) return at;
      at = parent.get(at);
    }
    return null;
  };
  const byRow = new Map<string, RegistrationSubject[]>();
  for (const s of subjects) {
    const row = rowOf(s.unitId);
    if (row !== null) byRow.set(row, [...(byRow.get(row) ?? []), s]);
  }
  return new Map([...byRow].map(([row, list]) => [row, byCategory(registrationFigures(year, list))]));
}

function activityOf(f: PerUnitDto['figures']): AppendixRow['activity'] {
  return {
    sessions: f['propaganda.sessions'],
    attendance: f['propaganda.attendance'],
    tips: f['tips.total'],
    valuable: f['tips.valuable'],
  };
}

/** Records of each activity kind in the previous period (incidents: every category's occurrences). */
function previousRecords(f: PeriodFiguresDto['activities']['previous']): NonNullable<ReportSource['previousRecords']> {
  const incidents = Object.entries(f)
    .filter(([k]) => k.startsWith('incidents.cat.'))
    .reduce((a, [, v]) => a + v, 0);
  return {
    propaganda: f['propaganda.records'] ?? 0,
    events: f['events.total'] ?? 0,
    tips: f['tips.total'] ?? 0,
    mediations: f['mediations.total'] ?? 0,
    incidents,
    awards: f['awards.total'] ?? 0,
  };
}

export async function reportSource(ctx: ServiceContext, p: { from: string; to: string; unitId: string | null }): Promise<ReportSource> {
  const year = Number(p.to.slice(0, 4));
  const [fig, { data, subjects }] = await Promise.all([periodFigures(ctx, p), registrationSubjects(ctx, year)]);
  const below = fig.perUnit.filter((u) => !u.direct);
  const scope = p.unitId === null ? null : subtreeOf(data, p.unitId);
  const inScope = subjects.filter((s) => scope === null || scope.has(s.unitId));
  const registrations = await registrationByUnit(ctx, year, inScope, new Set(below.map((u) => u.unitId)));
  const rows: AppendixRow[] = [];
  for (const u of fig.perUnit) {
    if (u.direct) {
      rows.push({
        name: u.name,
        direct: true,
        endedOn: null,
        activity: activityOf(u.figures),
        registration: null,
        models: null,
        massOrgs: null,
      });
      continue;
    }
    const [models, massOrgs] = await Promise.all([
      modelsOverview(ctx, { from: p.from, to: p.to, unitId: u.unitId }),
      massOrgsOverview(ctx, { year, unitId: u.unitId }),
    ]);
    rows.push({
      name: u.name,
      direct: false,
      endedOn: u.endedOn,
      activity: activityOf(u.figures),
      registration: registrations.get(u.unitId) ?? emptyRegistration(),
      models: { types: models.modelTypes, sites: models.sites, newSites: models.newSites },
      massOrgs: { organizations: massOrgs.organizations, members: massOrgs.members },
    });
  }
  const now = fig.activities.current;
  const reg = fig.registry.current;
  return {
    periodLabel: fig.period.label,
    previousLabel: fig.previous.label,
    unitName: fig.unitName,
    sentences: fig.sentences,
    comparison: fig.comparison,
    previousRecords: previousRecords(fig.activities.previous),
    rows,
    registrationSentences: fig.registrations.sentences,
    total: {
      name: fig.unitName,
      direct: false,
      endedOn: null,
      activity: {
        sessions: now['propaganda.sessions'],
        attendance: now['propaganda.attendance'],
        tips: now['tips.total'],
        valuable: now['tips.valuable'],
      },
      registration: byCategory(fig.registrations.figures),
      models: { types: reg.models.modelTypes, sites: reg.models.sites, newSites: reg.models.newSites },
      massOrgs: { organizations: reg.massOrgs.organizations, members: reg.massOrgs.members },
    },
  };
}
