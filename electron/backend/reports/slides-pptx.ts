/**
 * The meeting deck as PPTX: the ONE module that imports pptxgenjs (its maintenance has slowed; a
 * replacement only has to rewrite this file). It lays out slides the deck builder already worded
 * (shared/domain/slides) and computes nothing.
 *
 * 16:9 (13,33 × 7,5 in), Arial (PowerPoint has its Vietnamese glyphs; LibreOffice maps it to
 * Liberation Sans, which has them too), sizes in the same proportion as the 1920×1080 stage on
 * screen (1 pt here = 2 px there: titles 30 pt = 60 px, figures 52 pt = 104 px), native editable
 * bar charts (a missing year is an empty cell drawn as a gap), the slide number as a native field,
 * and the frozen/live mark at the foot of every slide.
 */
import PptxGenJS from 'pptxgenjs';
import { figureColumns, type Deck, type Slide, type BigFigure } from '../../../shared/domain/slides';
import type { ReportChart } from '../../../shared/domain/report/document';

const FONT = 'Arial';
const W = 13.333;
const MARGIN = 0.5;
const INNER = W - 2 * MARGIN;
const COLORS = { title: '9B1C1C', text: '1F2937', muted: '4B5563', frozen: '1D4ED8', live: 'B45309', up: '15803D', down: 'B91C1C' };
/** Dark, saturated series colours that stay apart on a washed-out projector. */
const SERIES = ['1D4ED8', 'C2410C', '15803D', '7E22CE'];
const MASTER = 'ANTQ';
/**
 * Whole numbers grouped with dots (51.511) whatever the viewer's locale: "#,##0" would follow the
 * locale (17,246 in an English PowerPoint or LibreOffice). Literal dots in conditional sections.
 */
const VI_NUMBER = '[>=1000000]#\\.###\\.##0;[>=1000]#\\.##0;0';

type PSlide = PptxGenJS.Slide;

function text(s: PSlide, t: string | PptxGenJS.TextProps[], o: PptxGenJS.TextPropsOptions): void {
  s.addText(t, { fontFace: FONT, color: COLORS.text, margin: 0, lang: 'vi-VN', ...o });
}

/** The frozen/live mark at the foot of every slide. */
function mark(s: PSlide, slide: Slide): void {
  const frozen = slide.status === 'frozen';
  text(
    s,
    [
      { text: `■ ${frozen ? 'ĐÃ CHỐT' : 'TRỰC TIẾP'}  `, options: { bold: true, color: frozen ? COLORS.frozen : COLORS.live } },
      { text: slide.statusText, options: { color: COLORS.muted } },
    ],
    { x: MARGIN, y: 6.95, w: 10.5, h: 0.4, fontSize: 14, valign: 'middle' },
  );
}

function header(s: PSlide, slide: Slide): void {
  text(s, slide.title, {
    x: MARGIN,
    y: 0.3,
    w: INNER,
    h: 1.0,
    fontSize: 30,
    bold: true,
    color: COLORS.title,
    valign: 'middle',
    fit: 'shrink',
  });
}

function centred(s: PSlide, message: string): void {
  text(s, message, { x: MARGIN + 0.5, y: 2.6, w: INNER - 1, h: 1.8, fontSize: 28, color: COLORS.muted, align: 'center', valign: 'middle' });
}

function titleSlide(s: PSlide, slide: Extract<Slide, { kind: 'title' }>): void {
  text(s, slide.office, { x: MARGIN, y: 0.7, w: INNER, h: 0.7, fontSize: 24, bold: true, align: 'center' });
  text(s, slide.meeting.toLocaleUpperCase('vi-VN'), {
    x: MARGIN,
    y: 1.9,
    w: INNER,
    h: 0.8,
    fontSize: 32,
    bold: true,
    color: COLORS.title,
    align: 'center',
  });
  text(s, slide.title, {
    x: MARGIN + 0.5,
    y: 2.8,
    w: INNER - 1,
    h: 2.0,
    fontSize: 36,
    bold: true,
    color: COLORS.title,
    align: 'center',
    valign: 'middle',
  });
  if (slide.territory) text(s, slide.territory, { x: MARGIN, y: 5.0, w: INNER, h: 0.6, fontSize: 24, align: 'center' });
  text(s, slide.dateLine, { x: MARGIN, y: 5.7, w: INNER, h: 0.5, fontSize: 20, italic: true, color: COLORS.muted, align: 'center' });
}

function figureCell(s: PSlide, f: BigFigure, x: number, y: number, w: number, h: number): void {
  text(s, f.label, { x, y, w, h: 0.5, fontSize: 18, color: COLORS.muted, fit: 'shrink' });
  const value: PptxGenJS.TextProps[] =
    f.value === null
      ? [{ text: 'thiếu dữ liệu', options: { fontSize: 32, italic: true, color: COLORS.muted } }]
      : [
          { text: f.value, options: { fontSize: 52, bold: true } },
          { text: ` ${f.unit}`, options: { fontSize: 20, color: COLORS.muted } },
        ];
  text(s, value, { x, y: y + 0.5, w, h: Math.max(0.9, h - 1.0), valign: 'middle' });
  if (f.previous) {
    const trend = f.trend === 'up' ? COLORS.up : f.trend === 'down' ? COLORS.down : COLORS.muted;
    text(
      s,
      [
        { text: f.previous, options: { color: COLORS.muted } },
        ...(f.change ? [{ text: `  ·  ${f.change}`, options: { color: trend, bold: true } }] : []),
      ],
      { x, y: y + h - 0.5, w, h: 0.45, fontSize: 16 },
    );
  }
}

function figuresSlide(s: PSlide, slide: Extract<Slide, { kind: 'figures' }>): void {
  const n = slide.figures.length;
  if (n === 0 && slide.empty) centred(s, slide.empty);
  const cols = figureColumns(n, slide.items.length > 0);
  const rows = Math.ceil(n / cols);
  const top = 1.45;
  const bottom = slide.items.length > 0 ? 4.6 : 6.7;
  const cellH = rows > 0 ? (bottom - top) / rows : 0;
  const cellW = INNER / cols;
  slide.figures.forEach((f, i) =>
    figureCell(s, f, MARGIN + (i % cols) * cellW, top + Math.floor(i / cols) * cellH, cellW - 0.3, cellH - 0.15),
  );
  if (slide.items.length > 0) {
    const y = n > 0 ? 4.75 : 1.5;
    const lines: PptxGenJS.TextProps[] = [];
    if (slide.itemsTitle) lines.push({ text: slide.itemsTitle, options: { bold: true, breakLine: true } });
    for (const it of slide.items) lines.push({ text: it, options: { bullet: true, breakLine: true } });
    text(s, lines, { x: MARGIN, y, w: INNER, h: 6.85 - y, fontSize: 20, valign: 'top', fit: 'shrink' });
  }
}

function chart(s: PSlide, c: ReportChart, x: number, w: number): void {
  s.addChart(
    'bar',
    c.series.map((ser) => ({ name: ser.name, labels: c.categories, values: ser.values as number[] })),
    {
      x,
      y: 1.4,
      w,
      h: 5.0,
      barDir: 'col',
      chartColors: SERIES.slice(0, Math.max(1, c.series.length)),
      displayBlanksAs: 'gap',
      showTitle: true,
      title: `${c.title} (${c.unit})`,
      titleFontFace: FONT,
      titleFontSize: 20,
      titleColor: COLORS.text,
      showLegend: c.series.length > 1,
      legendPos: 'b',
      legendFontFace: FONT,
      legendFontSize: 18,
      catAxisLabelFontFace: FONT,
      catAxisLabelFontSize: 18,
      valAxisLabelFontFace: FONT,
      valAxisLabelFontSize: 16,
      valAxisLabelFormatCode: VI_NUMBER,
      valAxisMinVal: 0,
      showValue: true,
      dataLabelFontFace: FONT,
      dataLabelFontSize: 16,
      dataLabelFormatCode: VI_NUMBER,
      dataLabelPosition: 'outEnd',
      lang: 'vi-VN',
    },
  );
}

function chartSlide(s: PSlide, slide: Extract<Slide, { kind: 'chart' }>): void {
  const n = slide.charts.length;
  if (n === 0) return centred(s, slide.missingNote ?? '');
  const w = (INNER - (n - 1) * 0.3) / Math.max(n, 1);
  slide.charts.forEach((c, i) => chart(s, c, MARGIN + i * (w + 0.3), w));
  if (slide.missingNote)
    text(s, slide.missingNote, { x: MARGIN, y: 6.45, w: INNER, h: 0.45, fontSize: 16, italic: true, color: COLORS.muted });
}

function evaluationSlide(s: PSlide, slide: Extract<Slide, { kind: 'evaluation' }>): void {
  if (slide.rows.length === 0 && slide.empty) centred(s, slide.empty);
  // A note under the rows (the registration sentence, why a year is not evaluated) takes the foot.
  const step = Math.min(1.35, (slide.note ? 4.0 : 5.3) / Math.max(slide.rows.length, 1));
  slide.rows.forEach((r, i) => {
    const y = 1.5 + i * step;
    text(s, r.label, { x: MARGIN, y, w: 5.6, h: 0.6, fontSize: 26, bold: true });
    text(s, r.detail, { x: MARGIN, y: y + 0.6, w: 5.6, h: 0.5, fontSize: 15, color: COLORS.muted, fit: 'shrink' });
    const counted = r.achieved !== null;
    text(s, r.ratio, {
      x: 6.3,
      y,
      w: 3.6,
      h: 1.1,
      fontSize: counted ? 48 : 28,
      bold: counted,
      italic: !counted,
      color: counted ? COLORS.text : COLORS.muted,
      align: 'right',
      valign: 'middle',
    });
    text(s, r.percent ?? '—', { x: 10.1, y, w: 2.7, h: 1.1, fontSize: 32, color: COLORS.frozen, align: 'right', valign: 'middle' });
  });
  if (slide.rows.length > 0) {
    text(s, slide.caption, { x: 6.3, y: 1.05, w: 6.5, h: 0.4, fontSize: 16, color: COLORS.muted, align: 'right' });
    if (slide.note) {
      const y = 1.5 + slide.rows.length * step + 0.1;
      text(s, slide.note, { x: MARGIN, y, w: INNER, h: 6.85 - y, fontSize: 16, valign: 'top', fit: 'shrink' });
    }
  }
}

function textSlide(s: PSlide, slide: Extract<Slide, { kind: 'text' }>): void {
  if (slide.paragraphs.length === 0) {
    if (slide.empty) centred(s, slide.empty);
    return;
  }
  const lines = slide.paragraphs.map((p): PptxGenJS.TextProps => ({
    text: p,
    options: { bullet: true, breakLine: true, paraSpaceAfter: 10 },
  }));
  text(s, lines, { x: MARGIN, y: 1.45, w: INNER, h: 5.3, fontSize: 22, valign: 'top', fit: 'shrink' });
}

function addSlide(pptx: PptxGenJS, slide: Slide): void {
  const s = pptx.addSlide({ masterName: MASTER });
  mark(s, slide);
  if (slide.kind === 'title') return titleSlide(s, slide);
  header(s, slide);
  if (slide.kind === 'figures') figuresSlide(s, slide);
  else if (slide.kind === 'chart') chartSlide(s, slide);
  else if (slide.kind === 'evaluation') evaluationSlide(s, slide);
  else textSlide(s, slide);
}

/** The slides given (already filtered and ordered) as a .pptx file. */
export async function writeSlidesPptx(deck: Deck): Promise<Uint8Array> {
  const pptx = new PptxGenJS();
  pptx.layout = 'LAYOUT_WIDE';
  pptx.title = `${deck.office} — năm ${deck.year}`;
  pptx.company = deck.office;
  pptx.theme = { headFontFace: FONT, bodyFontFace: FONT };
  pptx.defineSlideMaster({
    title: MASTER,
    background: { color: 'FFFFFF' },
    objects: [{ rect: { x: 0, y: 7.3, w: W, h: 0.2, fill: { color: COLORS.title } } }],
    slideNumber: { x: 11.9, y: 6.95, w: 0.9, h: 0.4, fontFace: FONT, fontSize: 14, color: COLORS.muted, align: 'right' },
  });
  for (const slide of deck.slides) addSlide(pptx, slide);
  const out = await pptx.write({ outputType: 'uint8array' });
  return out as Uint8Array;
}
