/**
 * What a report is built from (shared/domain/report/source.ts), for its period and territory: the
 * period figures and sentences (period.service.ts), the evaluation board of the period's last year
 * for registration and recognition, and per unit directly below the territory (the rows of the
 * period figures' breakdown) its models and mass organisations. Read-only.
 */
import type { ServiceContext } from '../context';
import { periodFigures } from './period.service';
import { computeBoard } from './evaluation.service';
import { modelsOverview } from './models.service';
import { massOrgsOverview } from './mass-orgs.service';
import { listUnits } from '../repos/units.repo';
import { queryOrganizations } from '../repos/organizations.repo';
import { BOARD_CATEGORIES, type BoardCategory } from '../../../shared/domain/evaluation';
import type { AppendixRow, RegistrationCount, ReportSource } from '../../../shared/domain/report/source';
import type { BoardRowDto, EvaluationBoardDto } from '../../../shared/ipc/contracts/evaluation.contract';
import type { PerUnitDto, PeriodFiguresDto } from '../../../shared/ipc/contracts/period.contract';

type Registration = Record<BoardCategory, RegistrationCount>;

function emptyRegistration(): Registration {
  const out = {} as Registration;
  for (const c of BOARD_CATEGORIES) out[c] = { total: 0, registered: 0, recognised: 0 };
  return out;
}

/** The board's counts of the whole territory. */
function totalRegistration(board: EvaluationBoardDto): Registration {
  const out = emptyRegistration();
  for (const c of board.counts) out[c.category] = { total: c.total, registered: c.registered, recognised: c.recognised };
  return out;
}

/**
 * The board's rows counted per unit of the breakdown: a subject belongs to the row whose unit is
 * it or above it (an organisation through the unit it belongs to). Registered as the board counts
 * it (a unit formed during the year through its predecessors).
 */
async function registrationByUnit(
  ctx: ServiceContext,
  board: EvaluationBoardDto,
  rowUnits: ReadonlySet<string>,
): Promise<Map<string, Registration>> {
  const [units, orgs] = await Promise.all([
    listUnits(ctx.db, true),
    queryOrganizations(ctx.db, { unitId: null, year: board.year, words: [], kind: null, ended: null }),
  ]);
  const parent = new Map(units.map((u) => [u.id, u.parentId]));
  const orgUnit = new Map(orgs.map((o) => [o.id, o.unitId]));
  const rowOf = (unitId: string | undefined): string | null => {
    let at: string | null | undefined = unitId;
    for (let guard = 0; at && guard < 64; guard++) {
      if (rowUnits.has(at)) return at;
      at = parent.get(at);
    }
    return null;
  };
  const out = new Map<string, Registration>();
  const count = (r: BoardRowDto) => {
    const row = rowOf(r.subjectType === 'unit' ? r.subjectId : orgUnit.get(r.subjectId));
    if (row === null) return;
    const reg = out.get(row) ?? emptyRegistration();
    out.set(row, reg);
    const c = reg[r.category];
    c.total++;
    if (r.status !== 'chua_dang_ky' || r.carriedFrom.length > 0) c.registered++;
    if (r.status === 'cong_nhan') c.recognised++;
  };
  board.rows.forEach(count);
  return out;
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
  const [fig, board] = await Promise.all([
    periodFigures(ctx, p),
    computeBoard(ctx, { year, category: null, unitId: p.unitId }).then((b) => b.board),
  ]);
  const below = fig.perUnit.filter((u) => !u.direct);
  const registrations = await registrationByUnit(ctx, board, new Set(below.map((u) => u.unitId)));
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
      registration: totalRegistration(board),
      models: { types: reg.models.modelTypes, sites: reg.models.sites, newSites: reg.models.newSites },
      massOrgs: { organizations: reg.massOrgs.organizations, members: reg.massOrgs.members },
    },
  };
}
