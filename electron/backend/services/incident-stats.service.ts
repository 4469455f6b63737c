/**
 * Completeness of a subject's incident statistics per group (issue 9 item 3): what the facts
 * builder sees — rows of each group in the evaluation window, declarations "đã nhập đủ" — and the
 * officer's declarations themselves. A declaration is per subject, year and group; the subject is
 * the unit or organisation being evaluated (its own declaration, not its parent's, so a commune's
 * word does not stand for each hamlet's records).
 */
import type { ServiceContext } from '../context';
import type { Db } from '../repos/units.repo';
import { AppError } from '../errors';
import { figuresOfYears, openFreeze, upsertFigures } from '../repos/evaluation.repo';
import { setDeclaration } from '../repos/evaluation-facts.repo';
import { evaluationPeriod } from '../../../shared/domain/criteria';
import { evaluatedKindOfUnit } from '../../../shared/domain/evaluation';
import { COMPLETENESS_GROUPS, COMPLETENESS_GROUP_LABELS, completenessGroupOf } from '../../../shared/domain/incident-categories';
import type { IncidentCategory } from '../../../shared/domain/activities';
import { formatDateVi } from '../../../shared/lib/dates';
import type { ParsedInput } from '../../../shared/ipc/contract';
import type { IncidentCompletenessDto } from '../../../shared/ipc/contracts/incident-stats.contract';
import { loadRules, loadYear } from './evaluation-facts.service';
import { incidentTable } from './evaluation-facts.build';
import { orgSubject, unitSubject, type Subject, type YearData } from './evaluation-facts.data';

type Key = ParsedInput<'incidentStats.completeness'>;

/**
 * The subject for a year's statistics: a subject of that year, or else any live residential area,
 * commune or organisation (a commune formed in 2025 declares its predecessors' 2024 figures).
 */
function subjectFor(data: YearData, k: Key): Subject {
  const found = data.subjects.find((s) => s.type === k.subjectType && s.id === k.subjectId);
  if (found) return found;
  if (k.subjectType === 'unit') {
    const u = data.unitsById.get(k.subjectId);
    const kind = u ? evaluatedKindOfUnit(u.kind) : null;
    if (u && kind) return unitSubject(u, kind, null);
  } else {
    const o = data.orgs.find((x) => x.id === k.subjectId);
    if (o) return orgSubject(o, null);
  }
  throw new AppError(
    'NOT_FOUND',
    k.subjectType === 'unit'
      ? 'Không tìm thấy khu dân cư hoặc xã này (có thể đã bị xóa, hoặc không phải khu dân cư, xã, phường).'
      : `Không tìm thấy cơ quan, doanh nghiệp, cơ sở giáo dục này trong năm ${k.year} (có thể đã bị xóa hoặc không hoạt động trong năm).`,
  );
}

async function view(ctx: ServiceContext, db: Db, k: Key): Promise<IncidentCompletenessDto> {
  const data = await loadYear(ctx, db, k.year, await loadRules(ctx));
  const s = subjectFor(data, k);
  const table = incidentTable(data, s, k.year);
  const window = evaluationPeriod(s.kind, k.year);
  const declarations = data.declarations.get(`${s.type}:${s.id}:${k.year}`) ?? [];
  const wholeYear = data.figures.get(`${s.type}:${s.id}:${k.year}`)?.statsComplete === true;
  const missing = new Set(table.missingGroups ?? []);
  return {
    subjectType: k.subjectType,
    subjectId: k.subjectId,
    year: k.year,
    from: window.from,
    to: window.to,
    groups: COMPLETENESS_GROUPS.map((g) => {
      const d = declarations.find((x) => x.group === g);
      const rows = Object.entries(table.byCategory)
        .filter(([c]) => completenessGroupOf(c as IncidentCategory) === g)
        .reduce((n, [, f]) => n + (f?.count ?? 0), 0);
      return {
        group: g,
        label: COMPLETENESS_GROUP_LABELS[g],
        rows,
        declaration: d ? { by: d.by, on: d.on, note: d.note } : null,
        wholeYear,
        complete: !missing.has(g),
      };
    }),
  };
}

export async function completeness(ctx: ServiceContext, input: Key): Promise<IncidentCompletenessDto> {
  return view(ctx, ctx.db, input);
}

export async function declare(ctx: ServiceContext, input: ParsedInput<'incidentStats.declare'>): Promise<IncidentCompletenessDto> {
  if (input.on > ctx.clock.today()) {
    throw new AppError('VALIDATION', `Ngày xác nhận (${formatDateVi(input.on)}) ở tương lai.`, {
      on: `Ngày xác nhận (${formatDateVi(input.on)}) ở tương lai.`,
    });
  }
  const rules = await loadRules(ctx);
  await ctx.db.transaction().execute(async (trx) => {
    const frozen = await openFreeze(trx, input.year);
    if (frozen) {
      throw new AppError(
        'CONFLICT',
        `Kết quả năm ${input.year} đã được chốt ngày ${formatDateVi(frozen.at.slice(0, 10))} (${frozen.by}); không thể thay đổi số liệu vụ việc đã nhập đủ. Muốn thay đổi cần mở lại kết quả năm ${input.year} và ghi lý do.`,
      );
    }
    const data = await loadYear(ctx, trx, input.year, rules);
    const s = subjectFor(data, input);
    const at = ctx.clock.timestamp();
    const k = { subjectType: s.type, subjectId: s.id, year: input.year };
    for (const g of COMPLETENESS_GROUPS) {
      await setDeclaration(
        trx,
        ctx.newId,
        { ...k, group: g },
        input.groups.includes(g) ? { by: input.by, on: input.on, note: input.note } : null,
        at,
      );
    }
    // A whole-year declaration of the older figures form is replaced by the groups chosen here.
    const old = (await figuresOfYears(trx, [input.year])).get(`${s.type}:${s.id}:${input.year}`);
    if (old?.statsComplete) await upsertFigures(trx, ctx.newId, k, { ...old, statsComplete: false }, at);
  });
  return view(ctx, ctx.db, input);
}
