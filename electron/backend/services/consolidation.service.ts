/**
 * The province's breakdown "Theo đơn vị gửi" (issue 12 item 7): for each enrolled office, the main
 * figures of the period over the province units its data sits in (the commune its own unit was
 * matched to, and the units below the commune it sent), the last file applied and its date — and
 * "chưa gửi" / "thiếu dữ liệu" instead of figures where nothing was received for the year. The
 * figures come from the same functions as the province's own overview and period screens, so an
 * office's row and the province total can never disagree on how a record counts.
 */
import type { ServiceContext } from '../context';
import { AppError } from '../errors';
import { getOffice } from '../repos/office.repo';
import { listUnits } from '../repos/units.repo';
import { unitYearStats } from '../repos/period.repo';
import { loadUnitsWithLineage } from '../repos/unit-history.repo';
import { appliedFiles, officePeers, ownedIds, unitMatches, type AppliedFile, type OfficePeer } from '../repos/handoff-ownership.repo';
import { overviewBlock } from './overview.service';
import { loadCountingRules, loadRecords } from './period.service';
import { MAIN_INDICATORS, activityFigures } from '../../../shared/domain/period';
import { unitsInScope } from '../../../shared/domain/scope';
import { compareVietnamese } from '../../../shared/lib/text';
import { formatDateVi } from '../../../shared/lib/dates';
import type { OfficeBreakdownDto } from '../../../shared/ipc/contracts/period.contract';

interface OfficeGroup {
  officeCode: string;
  name: string;
  peers: OfficePeer[];
  files: AppliedFile[];
}

/** Office keys grouped by office code (a key rotation keeps the office); enrolled or ever applied. */
function enrolledOffices(peers: readonly OfficePeer[], files: readonly AppliedFile[]): OfficeGroup[] {
  const byCode = new Map<string, OfficeGroup>();
  for (const p of peers) {
    const g = byCode.get(p.officeCode) ?? { officeCode: p.officeCode, name: p.name, peers: [], files: [] };
    g.peers.push(p);
    // The name of the current key wins over a retired one's.
    if (p.status === 'trusted') g.name = p.name;
    byCode.set(p.officeCode, g);
  }
  const groupOfPeer = new Map<string, OfficeGroup>();
  for (const g of byCode.values()) for (const p of g.peers) groupOfPeer.set(p.peerId, g);
  for (const f of files) groupOfPeer.get(f.peerId)?.files.push(f);
  return [...byCode.values()]
    .filter((g) => g.files.length > 0 || g.peers.some((p) => p.status !== 'pending'))
    .sort((a, b) => compareVietnamese(a.name, b.name));
}

/** The topmost of `ids`: none of them has an ancestor in the set. */
function topmost(ids: ReadonlySet<string>, parentOf: ReadonlyMap<string, string | null>): string[] {
  return [...ids].filter((id) => {
    let p = parentOf.get(id) ?? null;
    const seen = new Set<string>();
    while (p !== null && !seen.has(p)) {
      if (ids.has(p)) return false;
      seen.add(p);
      p = parentOf.get(p) ?? null;
    }
    return true;
  });
}

const sum = (a: number | null, b: number | null) => (a === null ? b : b === null ? a : a + b);

export async function officeBreakdown(
  ctx: ServiceContext,
  input: { from: string; to: string },
): Promise<{ province: boolean; offices: OfficeBreakdownDto[] }> {
  if (input.to < input.from) {
    throw new AppError(
      'VALIDATION',
      `Ngày cuối kỳ (${formatDateVi(input.to)}) không được trước ngày đầu kỳ (${formatDateVi(input.from)}).`,
      {
        to: 'Ngày cuối kỳ trước ngày đầu kỳ',
      },
    );
  }
  const office = await getOffice(ctx.db);
  if (office?.level !== 'tinh') return { province: false, offices: [] };

  const year = Number(input.to.slice(0, 4));
  const groups = enrolledOffices(await officePeers(ctx.db), await appliedFiles(ctx.db));
  if (groups.length === 0) return { province: true, offices: [] };

  const matches = await unitMatches(ctx.db);
  const { units, links } = await loadUnitsWithLineage(ctx.db);
  const parentOf = new Map(units.map((u) => [u.id, u.parentId]));
  const all = await listUnits(ctx.db, true);
  const byId = new Map(all.map((u) => [u.id, u]));
  const stats = await unitYearStats(ctx.db, year);
  const rules = await loadCountingRules(ctx);
  const records = await loadRecords(ctx, input.from, input.to);
  const today = ctx.clock.today();

  const out: OfficeBreakdownDto[] = [];
  for (const g of groups) {
    const peerIds = g.peers.map((p) => p.peerId);
    const placed = new Set<string>([
      ...matches.filter((m) => peerIds.includes(m.peerId)).map((m) => m.localUnitId),
      ...(await ownedIds(ctx.db, 'units', peerIds)),
    ]);
    const roots = topmost(placed, parentOf).filter((id) => byId.has(id));
    roots.sort((a, b) => compareVietnamese(byId.get(a)!.name, byId.get(b)!.name));
    const last = [...g.files].sort((a, b) => b.sequence - a.sequence || (b.appliedAt ?? '').localeCompare(a.appliedAt ?? ''))[0] ?? null;
    const newestYear = g.files.reduce<number | null>((m, f) => (f.year === null ? m : m === null ? f.year : Math.max(m, f.year)), null);
    const status: OfficeBreakdownDto['status'] =
      last === null ? 'chua_gui' : newestYear !== null && newestYear < year ? 'thieu_du_lieu' : 'da_gui';
    const row: OfficeBreakdownDto = {
      officeCode: g.officeCode,
      name: g.name,
      status,
      lastFile: last ? { fileName: last.fileName, sequence: last.sequence, year: last.year, appliedAt: last.appliedAt } : null,
      unitIds: roots,
      activity: null,
      registry: null,
    };
    if (status === 'da_gui') {
      const scope = new Set<string>();
      for (const r of roots) for (const id of unitsInScope(units, links, r)) scope.add(id);
      const figures = activityFigures(records, (id) => scope.has(id), input.from, input.to, today, rules);
      row.activity = Object.fromEntries(MAIN_INDICATORS.map((k) => [k, figures[k]])) as OfficeBreakdownDto['activity'];
      let reg: NonNullable<OfficeBreakdownDto['registry']> = {
        residentialAreas: 0,
        households: null,
        residents: null,
        organizations: 0,
        modelSites: 0,
        massOrgs: 0,
        members: 0,
      };
      for (const r of roots) {
        const b = await overviewBlock(ctx, byId.get(r)!, all, stats, input.from, input.to);
        const known = b.territory.unitsWithFigures > 0;
        reg = {
          residentialAreas: reg.residentialAreas + b.territory.residentialAreas,
          households: sum(reg.households, known ? b.territory.households : null),
          residents: sum(reg.residents, known ? b.territory.residents : null),
          organizations: reg.organizations + b.organizations.total,
          modelSites: reg.modelSites + b.models.sites,
          massOrgs: reg.massOrgs + b.massOrgs.organizations,
          members: reg.members + b.massOrgs.members,
        };
      }
      row.registry = reg;
    }
    out.push(row);
  }
  return { province: true, offices: out };
}
