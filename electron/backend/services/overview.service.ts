/**
 * The registry overview: one call gathers the figures of every registry for a period and a unit
 * subtree, in total and for each unit directly below the chosen one, with the sentences reports use.
 */
import type { ServiceContext } from '../context';
import { listUnits } from '../repos/units.repo';
import { getOffice } from '../repos/office.repo';
import { unitYearStats } from '../repos/period.repo';
import { periodIntro } from '../../../shared/domain/period/periods';
import { validDuring } from '../../../shared/lib/validity';
import { childrenIndex } from '../../../shared/domain/unit-tree';
import type { UnitDto } from '../../../shared/ipc/contract';
import {
  massOrgsSentence,
  modelsSentence,
  organizationsSentence,
  territorySentence,
  type MassOrgFigures,
  type ModelFigures,
  type OrganizationFigures,
  type TerritoryFigures,
} from '../../../shared/domain/overview';
import { organizationsOverview } from './organizations.service';
import { modelsOverview } from './models.service';
import { massOrgsOverview } from './mass-orgs.service';
import { AppError } from '../errors';
import { registrationBlock, type RegistrationBlock } from './registration-figures.service';
import { formatDateVi } from '../../../shared/lib/dates';

export interface OverviewBlock {
  territory: TerritoryFigures;
  organizations: OrganizationFigures;
  models: ModelFigures;
  massOrgs: MassOrgFigures;
}

export interface Overview extends OverviewBlock {
  sentences: { territory: string; organizations: string; models: string; massOrgs: string };
  /** Registration and recognition of the period's last year (issue 14 item 3). */
  registrations: RegistrationBlock;
  perUnit: ({ unitId: string; name: string } & OverviewBlock)[];
}

/** Active on any day of [from, to]. */
const activeDuring = validDuring;

/**
 * Households and residents of a unit: its own figure for the year when recorded, otherwise the sum
 * of its children's — so a commune and its residential areas are never counted twice.
 */
function territory(
  root: UnitDto | null,
  all: readonly UnitDto[],
  stats: ReadonlyMap<string, { households: number | null; residents: number | null; trongDiem: boolean }>,
  from: string,
  to: string,
): TerritoryFigures {
  const kids = childrenIndex(all);
  const out: TerritoryFigures = { communes: 0, residentialAreas: 0, households: 0, residents: 0, unitsWithFigures: 0, trongDiem: 0 };
  const visit = (u: UnitDto): { households: number; residents: number; any: boolean } => {
    const active = activeDuring(u, from, to);
    if (active && u.level === 'xa') out.communes++;
    if (active && u.level === 'khu_dan_cu') out.residentialAreas++;
    const own = stats.get(u.id);
    if (active && own?.trongDiem) out.trongDiem++;
    let households = 0;
    let residents = 0;
    let any = false;
    for (const k of kids.get(u.id) ?? []) {
      const r = visit(k);
      households += r.households;
      residents += r.residents;
      any ||= r.any;
    }
    if (own && (own.households !== null || own.residents !== null)) {
      out.unitsWithFigures++;
      return { households: own.households ?? households, residents: own.residents ?? residents, any: true };
    }
    return { households, residents, any };
  };
  const roots = root ? [root] : (kids.get(null) ?? []);
  let households = 0;
  let residents = 0;
  for (const r of roots) {
    const v = visit(r);
    households += v.households;
    residents += v.residents;
  }
  out.households = households;
  out.residents = residents;
  return out;
}

export async function overviewBlock(
  ctx: ServiceContext,
  unit: UnitDto | null,
  all: readonly UnitDto[],
  stats: Map<string, { households: number | null; residents: number | null; trongDiem: boolean }>,
  from: string,
  to: string,
): Promise<OverviewBlock> {
  const year = Number(to.slice(0, 4));
  const unitId = unit?.id ?? null;
  const [organizations, models, massOrgs] = await Promise.all([
    organizationsOverview(ctx, { year, unitId }),
    modelsOverview(ctx, { from, to, unitId }),
    massOrgsOverview(ctx, { year, unitId }),
  ]);
  return { territory: territory(unit, all, stats, from, to), organizations, models, massOrgs };
}

export async function registryOverview(ctx: ServiceContext, opts: { from: string; to: string; unitId: string | null }): Promise<Overview> {
  if (opts.to < opts.from) {
    throw new AppError('RULE', `Ngày cuối kỳ (${formatDateVi(opts.to)}) không được trước ngày đầu kỳ (${formatDateVi(opts.from)}).`);
  }
  const all = await listUnits(ctx.db, true);
  const unit = opts.unitId ? (all.find((u) => u.id === opts.unitId) ?? null) : null;
  if (opts.unitId && !unit) throw new AppError('NOT_FOUND', 'Không tìm thấy đơn vị đã chọn.');
  const year = Number(opts.to.slice(0, 4));
  const stats = await unitYearStats(ctx.db, year);

  const total = await overviewBlock(ctx, unit, all, stats, opts.from, opts.to);
  // The office's own root (at the province, units an office sent never replace it), else the first root.
  const rootId = (await getOffice(ctx.db))?.rootUnitId;
  const parentId = unit?.id ?? all.find((u) => u.id === rootId)?.id ?? all.find((u) => u.parentId === null)?.id ?? null;
  const children = (childrenIndex(all).get(parentId) ?? []).filter((c) => activeDuring(c, opts.from, opts.to));
  const perUnit = [];
  for (const c of children) perUnit.push({ unitId: c.id, name: c.name, ...(await overviewBlock(ctx, c, all, stats, opts.from, opts.to)) });

  return {
    ...total,
    sentences: {
      territory: territorySentence(total.territory),
      organizations: organizationsSentence(total.organizations),
      models: modelsSentence(total.models, { intro: periodIntro(opts.from, opts.to), ended: opts.to < ctx.clock.today() }),
      massOrgs: massOrgsSentence(total.massOrgs),
    },
    registrations: await registrationBlock(ctx, { year, unitId: opts.unitId, periodFrom: opts.from }),
    perUnit,
  };
}
