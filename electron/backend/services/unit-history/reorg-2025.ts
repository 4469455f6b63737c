/**
 * The guided "Sắp xếp đơn vị hành chính 2025" step: a proposal from the shipped old → new
 * mapping, then one transaction that checks every group, plans the successors and links, runs the
 * reorganisation and, for a provincial office, ends the districts left empty.
 */
import type { ServiceContext } from '../../context';
import type { MethodOutput, OfficeDto, ParsedInput, UnitDto } from '../../../../shared/ipc/contract';
import type { ReorgProposalDto } from '../../../../shared/ipc/contracts/unit-history.contract';
import { AppError } from '../../errors';
import { insertChanges, listChildren, listUnits, updateUnit, type Db, type NewChange } from '../../repos/units.repo';
import { getOffice } from '../../repos/office.repo';
import { codeEras, setOfficeEra } from '../../repos/unit-history.repo';
import { REORG_2025_DATE, REORG_2025_LAST_OLD_DAY, checkMerge } from '../../../../shared/domain/lineage';
import { checkEndDate } from '../../../../shared/domain/unit-tree';
import { levelOfKind, type Era } from '../../../../shared/domain/units';
import { formatDateVi } from '../../../../shared/lib/dates';
import { compareVietnamese } from '../../../../shared/lib/text';
import { quoteList, refuse } from './common';
import { reorganise, type LinkSpec, type SuccessorSpec } from './reorganise';

interface Candidates {
  office: OfficeDto;
  root: UnitDto;
  communes: UnitDto[];
  byId: Map<string, UnitDto>;
}

/** Active communes of the office still described by the pre-2025 catalogue. */
async function reorgCandidates(db: Db): Promise<Candidates> {
  const office = await getOffice(db);
  if (!office) throw new AppError('SETUP_STATE', 'Chưa thiết lập thông tin cơ quan sử dụng phần mềm.');
  const all = await listUnits(db, true);
  const byId = new Map(all.map((u) => [u.id, u]));
  const root = byId.get(office.rootUnitId);
  if (!root) throw new AppError('NOT_FOUND', 'Không tìm thấy đơn vị gốc của cơ quan.');
  const eras = await codeEras(db);
  const communes = all.filter(
    (u) =>
      u.level === 'xa' &&
      u.validTo === null &&
      u.id !== root.id &&
      eras.get(u.id) !== 'sau_2025' &&
      (u.validFrom === null || u.validFrom < REORG_2025_DATE),
  );
  return { office, root, communes, byId };
}

export async function proposeReorg2025(ctx: ServiceContext): Promise<ReorgProposalDto> {
  const { office, root, communes, byId } = await reorgCandidates(ctx.db);
  const base: ReorgProposalDto = {
    applicable: true,
    reason: null,
    effectiveDate: REORG_2025_DATE,
    parent: { id: root.id, name: root.name },
    endsDistricts: office.level === 'tinh',
    groups: [],
    unmapped: [],
  };
  if (office.era !== 'truoc_2025') {
    return { ...base, applicable: false, reason: 'Cơ quan đang dùng danh mục đơn vị hành chính sau sắp xếp năm 2025; không cần bước này.' };
  }
  if (office.level === 'xa') {
    return {
      ...base,
      applicable: false,
      reason:
        'Cơ quan cấp xã: đơn vị gốc chính là xã cũ nên không thể sắp xếp trong phần mềm này. Hãy thiết lập phần mềm cho Công an xã mới theo danh mục sau năm 2025.',
    };
  }
  const catalogue = ctx.catalogue();
  const parentName = (u: UnitDto) => (u.parentId ? (byId.get(u.parentId)?.name ?? null) : null);
  const eras = await codeEras(ctx.db);
  const existingByCode = new Map<string, UnitDto>();
  for (const u of byId.values()) {
    if (u.level === 'xa' && u.validTo === null && u.code !== null && eras.get(u.id) === 'sau_2025') existingByCode.set(u.code, u);
  }
  const groups = new Map<string, ReorgProposalDto['groups'][number]>();
  const inOffice = new Set(communes.map((c) => c.code).filter((c): c is string => c !== null));
  for (const c of communes) {
    const old = c.code ? catalogue.find('truoc_2025', c.code) : null;
    const why =
      c.code === null
        ? 'Chưa có mã chính thức nên không tra được trong danh mục.'
        : !old || levelOfKind(old.kind) !== 'xa'
          ? `Mã ${c.code} không có trong danh mục xã trước năm 2025.`
          : catalogue.successors(c.code).length === 0
            ? 'Danh mục không ghi xã mới mà xã này được sắp xếp vào.'
            : null;
    if (why !== null) {
      base.unmapped.push({ unitId: c.id, name: c.name, code: c.code, parentName: parentName(c), why });
      continue;
    }
    const successors = catalogue.successors(c.code!);
    for (const s of successors) {
      let g = groups.get(s.code);
      if (!g) {
        const catalogPreds = catalogue.predecessors(s.code);
        const whole = catalogPreds.length === 1 && catalogue.successors(catalogPreds[0]!.code).length === 1;
        const existing = existingByCode.get(s.code);
        g = {
          key: s.code,
          successor: { code: s.code, name: existing?.name ?? s.name, kind: existing?.kind ?? s.kind },
          mode: whole && !existing ? 'keep' : 'merge',
          existing: existing ? { id: existing.id, name: existing.name } : null,
          predecessors: [],
          outside: catalogPreds.filter((p) => !inOffice.has(p.code)).map((p) => ({ code: p.code, name: p.name, kind: p.kind })),
        };
        groups.set(s.code, g);
      }
      g.predecessors.push({
        unitId: c.id,
        name: c.name,
        code: c.code,
        parentName: parentName(c),
        splitInto: successors.length > 1 ? successors.map((x) => ({ code: x.code, name: x.name, kind: x.kind })) : [],
      });
    }
  }
  base.groups = [...groups.values()].sort((a, b) => compareVietnamese(a.successor.name, b.successor.name));
  for (const g of base.groups) g.predecessors.sort((a, b) => compareVietnamese(a.name, b.name));
  base.unmapped.sort((a, b) => compareVietnamese(a.name, b.name));
  return base;
}

type ReorgInput = ParsedInput<'reorg.apply'>;

interface ReorgContext extends Candidates {
  eras: Map<string, Era | null>;
  /** The hierarchy the successors are placed in (see applyReorg2025). */
  placementEra: Era;
}

export async function applyReorg2025(ctx: ServiceContext, input: ReorgInput): Promise<MethodOutput<'reorg.apply'>> {
  return ctx.db.transaction().execute(async (trx) => {
    const candidates = await reorgCandidates(trx);
    const { office } = candidates;
    if (office.era !== 'truoc_2025' || office.level === 'xa') {
      throw new AppError(
        'RULE',
        'Bước sắp xếp đơn vị hành chính năm 2025 chỉ dành cho cơ quan cấp tỉnh, cấp huyện đang dùng danh mục trước năm 2025.',
      );
    }
    // For a provincial office the districts disappear, so the new communes sit directly under the
    // province (post-2025 hierarchy); a district office keeps its area's records under its root.
    const rc: ReorgContext = {
      ...candidates,
      eras: await codeEras(trx),
      placementEra: office.level === 'tinh' ? 'sau_2025' : 'truoc_2025',
    };
    const groupsOf = checkReorgGroups(rc, input);
    const primaryChoice = new Map(input.primaries.map((p) => [p.unitId, p.group]));
    checkPrimaries(rc, input, groupsOf, primaryChoice);
    checkMergeGroups(rc, input, ctx.clock.today());
    const result = await reorganise(trx, ctx, {
      era: rc.placementEra,
      kindEra: 'sau_2025',
      effectiveDate: REORG_2025_DATE,
      reason: input.reason,
      note: null,
      kind: 'merge',
      successors: planSuccessors(ctx, rc, input),
      links: planLinks(rc, input, groupsOf, primaryChoice),
    });
    const districts = office.level === 'tinh' ? await endEmptyDistricts(trx, ctx, rc.root, input.reason) : { ended: 0, eraChanged: false };
    const kept = input.groups.filter((g) => g.mode === 'keep').length;
    return {
      merged: input.groups.length - kept,
      kept,
      unitsEnded: result.ended,
      childrenMoved: result.movedChildren,
      districtsEnded: districts.ended,
      eraChanged: districts.eraChanged,
    };
  });
}

// --- check ---------------------------------------------------------------------------------------

/** Each group's shape and members; returns which groups each old commune is in. */
function checkReorgGroups(rc: ReorgContext, input: ReorgInput): Map<string, number[]> {
  const candidateIds = new Set(rc.communes.map((c) => c.id));
  const groupsOf = new Map<string, number[]>();
  for (const [gi, g] of input.groups.entries()) {
    const label = `Nhóm "${g.successor.name}"`;
    if (g.mode === 'keep' && g.unitIds.length !== 1) {
      throw new AppError('VALIDATION', `${label}: chỉ giữ nguyên được khi nhóm có đúng một xã cũ.`);
    }
    if (g.successorId !== null) {
      const target = rc.byId.get(g.successorId);
      if (g.mode !== 'merge' || !target || target.level !== 'xa' || target.validTo !== null || rc.eras.get(target.id) !== 'sau_2025') {
        throw new AppError('RULE', `${label}: chỉ có thể sáp nhập vào một xã mới (sau năm 2025) đang hoạt động.`);
      }
    }
    for (const id of g.unitIds) {
      const u = rc.byId.get(id);
      if (!u || !candidateIds.has(id)) {
        throw new AppError(
          'RULE',
          `${label}: "${u?.name ?? id}" không phải là xã đang hoạt động theo danh mục trước năm 2025 của cơ quan.`,
        );
      }
      const list = groupsOf.get(id) ?? [];
      if (list.includes(gi)) throw new AppError('VALIDATION', `${label}: "${u.name}" được chọn hai lần.`);
      list.push(gi);
      groupsOf.set(id, list);
    }
    if (levelOfKind(g.successor.kind) !== 'xa') throw new AppError('VALIDATION', `${label}: loại đơn vị phải là xã, phường hoặc đặc khu.`);
    if (g.successor.kind === 'thi_tran')
      throw new AppError('VALIDATION', `${label}: sau ngày 01/07/2025 không còn thị trấn; hãy chọn xã, phường hoặc đặc khu.`);
  }
  return groupsOf;
}

/** A commune split into several new ones names the one that carries its figures. */
function checkPrimaries(
  rc: ReorgContext,
  input: ReorgInput,
  groupsOf: ReadonlyMap<string, number[]>,
  primaryChoice: ReadonlyMap<string, number>,
): void {
  for (const [id, gs] of groupsOf) {
    const u = rc.byId.get(id)!;
    if (gs.length > 1) {
      const chosen = primaryChoice.get(id);
      if (chosen === undefined || !gs.includes(chosen)) {
        throw new AppError(
          'RULE',
          `"${u.name}" được chia vào ${gs.length} xã mới (${quoteList(gs.map((g) => input.groups[g]!.successor.name))}); hãy chọn xã kế thừa chính để cộng số liệu các năm trước.`,
        );
      }
    }
    if (gs.some((g) => input.groups[g]!.mode === 'keep') && gs.length > 1) {
      throw new AppError('RULE', `"${u.name}" được chia vào nhiều xã mới nên không thể giữ nguyên.`);
    }
  }
}

/**
 * Every merge group's checks (levels, dates, placement) before anything is written. A kept
 * commune is an active pre-2025 commune by construction (reorgCandidates).
 */
function checkMergeGroups(rc: ReorgContext, input: ReorgInput, today: string): void {
  for (const g of input.groups) {
    if (g.mode === 'keep') continue;
    const check = checkMerge({
      era: rc.placementEra,
      today,
      effectiveDate: REORG_2025_DATE,
      ending: g.unitIds.map((id) => rc.byId.get(id)!),
      survivor: g.successorId !== null ? rc.byId.get(g.successorId)! : null,
      newKind: g.successorId !== null ? null : g.successor.kind,
      parent: rc.root,
      requireSameParent: false,
      kindEra: 'sau_2025',
    });
    if (check) throw new AppError('RULE', `Nhóm "${g.successor.name}": ${check}`);
  }
}

// --- plan ----------------------------------------------------------------------------------------

function planSuccessors(ctx: ServiceContext, rc: ReorgContext, input: ReorgInput): SuccessorSpec[] {
  return input.groups.map((g) => {
    const eventId = ctx.newId();
    if (g.mode === 'keep') {
      const unit = rc.byId.get(g.unitIds[0]!)!;
      return {
        eventId,
        existing: unit,
        relabel: { name: g.successor.name, kind: g.successor.kind, code: g.successor.code },
        reparent: rc.office.level === 'tinh' ? rc.root.id : null,
        create: null,
        codeEra: 'sau_2025',
      };
    }
    if (g.successorId !== null) {
      return { eventId, existing: rc.byId.get(g.successorId)!, relabel: null, reparent: null, create: null, codeEra: null };
    }
    const fromCatalogue = g.successor.code !== null ? ctx.catalogue().find('sau_2025', g.successor.code) : null;
    const sameAsCatalogue = fromCatalogue !== null && fromCatalogue.name === g.successor.name && fromCatalogue.kind === g.successor.kind;
    return {
      eventId,
      existing: null,
      relabel: null,
      reparent: null,
      create: {
        name: g.successor.name,
        kind: g.successor.kind,
        code: g.successor.code,
        parentId: rc.root.id,
        source: sameAsCatalogue ? 'catalogue' : 'manual',
      },
      codeEra: 'sau_2025',
    };
  });
}

function planLinks(
  rc: ReorgContext,
  input: ReorgInput,
  groupsOf: ReadonlyMap<string, number[]>,
  primaryChoice: ReadonlyMap<string, number>,
): LinkSpec[] {
  const links: LinkSpec[] = [];
  for (const [gi, g] of input.groups.entries()) {
    if (g.mode === 'keep') continue;
    for (const id of g.unitIds) {
      const gs = groupsOf.get(id)!;
      links.push({ predecessor: rc.byId.get(id)!, successor: gi, primary: gs.length === 1 || primaryChoice.get(id) === gi });
    }
  }
  return links;
}

// --- write ---------------------------------------------------------------------------------------

/**
 * A provincial office: districts left with no active unit end on 30/06/2025; once none is active
 * the office moves to the post-2025 catalogue.
 */
async function endEmptyDistricts(
  trx: Db,
  ctx: ServiceContext,
  root: UnitDto,
  reason: string,
): Promise<{ ended: number; eraChanged: boolean }> {
  const at = ctx.clock.timestamp();
  const changes: NewChange[] = [];
  const districts = (await listChildren(trx, root.id)).filter((u) => u.level === 'huyen' && u.validTo === null);
  let stillActive = 0;
  let ended = 0;
  for (const d of districts) {
    const active = (await listChildren(trx, d.id)).filter((c) => c.validTo === null);
    if (active.length > 0) {
      stillActive++;
      continue;
    }
    refuse(checkEndDate(d.validFrom, REORG_2025_LAST_OLD_DAY));
    await updateUnit(trx, d, { validTo: REORG_2025_LAST_OLD_DAY, endReason: reason }, at);
    changes.push({
      id: ctx.newId(),
      unitId: d.id,
      at,
      action: 'end',
      summary: `Kết thúc hoạt động từ ngày ${formatDateVi(REORG_2025_LAST_OLD_DAY)}: không tổ chức cấp huyện từ ngày ${formatDateVi(REORG_2025_DATE)}.`,
      reason,
      data: { validTo: REORG_2025_LAST_OLD_DAY },
    });
    ended++;
  }
  if (stillActive === 0) {
    await setOfficeEra(trx, 'sau_2025', at);
    changes.push({
      id: ctx.newId(),
      unitId: root.id,
      at,
      action: 'update',
      summary: 'Cơ quan chuyển sang danh mục đơn vị hành chính sau sắp xếp năm 2025 (tỉnh – xã).',
      reason,
      data: { era: { before: 'truoc_2025', after: 'sau_2025' } },
    });
  }
  await insertChanges(trx, changes);
  return { ended, eraChanged: stillActive === 0 };
}
