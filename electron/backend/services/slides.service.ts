/**
 * The meeting deck (methods slides.*): gathers what the deck shows from the services that already
 * count it — period.figures for the year and the four before (statistical years, the office's
 * setting), the evaluation board's counts of the year (frozen or live), the year's report tasks —
 * and lets the pure builder (shared/domain/slides) pick and word them. Nothing is counted twice.
 * The presenter's order and hidden slides are stored per office (slide_preferences); the PPTX is
 * written by reports/slides-pptx.ts, the one module that knows the PPTX library.
 */
import type { ServiceContext } from '../context';
import type { ParsedInput } from '../../../shared/ipc/contract';
import { periodFigures } from './period.service';
import { computeBoard } from './evaluation.service';
import { statisticalYears } from './period-settings.service';
import { getOffice } from '../repos/office.repo';
import { listSlidePreferences, replaceSlidePreferences } from '../repos/slides.repo';
import { reportTasksOfYear } from '../repos/slides-report.repo';
import {
  buildDeck,
  isSlideKey,
  visibleSlides,
  type Deck,
  type EvaluationCount,
  type SlidePreferences,
  type YearFigures,
} from '../../../shared/domain/slides';
import { foldVietnamese } from '../../../shared/lib/text';
import { writeSlidesPptx } from '../reports/slides-pptx';

/** The deck's charts cover the year and the four before it. */
export const DECK_YEARS = 5;

export async function slidePreferences(ctx: ServiceContext): Promise<SlidePreferences> {
  const rows = await listSlidePreferences(ctx.db);
  const known = rows.filter((r) => isSlideKey(r.key));
  return {
    order: known.map((r) => r.key).filter(isSlideKey),
    hidden: known
      .filter((r) => r.hidden)
      .map((r) => r.key)
      .filter(isSlideKey),
  };
}

export async function saveSlidePreferences(ctx: ServiceContext, input: ParsedInput<'slides.savePreferences'>): Promise<SlidePreferences> {
  const hidden = new Set(input.hidden);
  const at = ctx.clock.timestamp();
  await ctx.db.transaction().execute((trx) =>
    replaceSlidePreferences(
      trx,
      input.order.map((key, position) => ({ key, position, hidden: hidden.has(key) })),
      at,
    ),
  );
  return slidePreferences(ctx);
}

async function yearsOf(ctx: ServiceContext, year: number, unitId: string | null) {
  const yearPeriod = await statisticalYears(ctx);
  const out = [];
  for (let y = year - DECK_YEARS + 1; y <= year; y++) {
    const p = yearPeriod(y);
    out.push({ year: y, figures: await periodFigures(ctx, { from: p.from, to: p.to, unitId }) });
  }
  return out;
}

export async function slidesDeck(ctx: ServiceContext, input: ParsedInput<'slides.deck'>): Promise<Deck> {
  const years = await yearsOf(ctx, input.year, input.unitId);
  const current = years[years.length - 1]!.figures;
  const yearFigures: YearFigures[] = years.map((y) => ({
    year: y.year,
    values: Object.fromEntries(y.figures.comparison.map((r) => [r.key, r.value])),
  }));
  const { board } = await computeBoard(ctx, { year: input.year, category: null, unitId: input.unitId });
  const counts: EvaluationCount[] = board.counts.map((c) => ({
    category: c.category,
    label: c.label,
    total: c.total,
    registered: c.registered,
    dat: c.dat,
    recognised: c.recognised,
    frozenDat: c.frozenDat,
    frozenUnknown: c.frozenUnknown,
  }));
  const office = await getOffice(ctx.db);
  return buildDeck({
    year: input.year,
    office: office?.name ?? '',
    territory: current.unitName,
    wholeOffice: input.unitId === null,
    today: ctx.clock.today(),
    years: yearFigures,
    evaluation: { frozenAt: board.frozen?.at ?? null, counts, ruleSetNote: board.ruleSetNote },
    // The registration figures period.figures already counted for the year (no second count).
    registrations: current.registrations,
    newModels: current.registry.current.newModels.map((m) => ({ name: m.name, typeName: m.typeName })),
    tasks: await reportTasksOfYear(ctx.db, input.year, input.unitId),
    preferences: await slidePreferences(ctx),
  });
}

export async function exportSlidesPptx(
  ctx: ServiceContext,
  input: ParsedInput<'slides.exportPptx'>,
): Promise<{ fileName: string; base64: string }> {
  const deck = await slidesDeck(ctx, input);
  const bytes = await writeSlidesPptx({ ...deck, slides: visibleSlides(deck) });
  const place = input.unitId === null ? '' : `-${foldVietnamese(deck.territory).replace(/[^a-z0-9]+/g, '-')}`;
  return { fileName: `trinh-chieu-${input.year}${place}.pptx`, base64: Buffer.from(bytes).toString('base64') };
}
