/**
 * The body blocks of a report as WordprocessingML: justified paragraphs with a first-line indent,
 * headings I./1./a) kept with what follows, tables with a fixed layout and a grid inside the
 * margins, and native Word charts (docx/charts: a chart part with its data in an embedded workbook,
 * so "Edit Data" works in Word and LibreOffice draws it).
 */
import {
  AlignmentType,
  BorderStyle,
  Paragraph,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalMergeType,
  WidthType,
  type IBorderOptions,
} from 'docx';
import { ChartRun } from 'docx/charts';
import type { ReportBlock, ReportChart, ReportTable, TextRun as ReportTextRun } from '../../../shared/domain/report/document';
import { BODY, CELL_MARGIN, CHART_SIZE, FONT, SIZE, TABLE_LINE, pt, spacing } from './docx-layout';

export type DocxBlock = Paragraph | Table;

const ALIGN = { left: AlignmentType.LEFT, center: AlignmentType.CENTER, right: AlignmentType.RIGHT } as const;

/** A justified body paragraph with its runs, first-line indent 1.27 cm. */
export function bodyParagraph(runs: readonly ReportTextRun[]): Paragraph {
  return new Paragraph({
    alignment: AlignmentType.JUSTIFIED,
    indent: { firstLine: BODY.firstLine },
    spacing: spacing(BODY.before, BODY.after, BODY.line),
    children: runs.map((r) => new TextRun({ text: oneLine(r.text), bold: r.bold === true, italics: r.italic === true })),
  });
}

/**
 * "I. KẾT QUẢ …" (capitals bold), "1. …" (bold), "a) …" (bold italic); kept with the next paragraph
 * and never split, so a heading never ends a page alone.
 */
export function headingParagraph(level: 1 | 2 | 3, label: string, text: string): Paragraph {
  const words = level === 1 ? text.toLocaleUpperCase('vi') : text;
  return new Paragraph({
    alignment: AlignmentType.JUSTIFIED,
    indent: { firstLine: BODY.firstLine },
    spacing: spacing(BODY.before, BODY.after, BODY.line),
    keepNext: true,
    keepLines: true,
    children: [new TextRun({ text: oneLine(`${label} ${words}`.trim()), bold: true, italics: level === 3 })],
  });
}

/** Text never carries a line break inside a justified paragraph (Word would stretch the broken line). */
function oneLine(text: string): string {
  return text.replace(/\s*[\r\n]+\s*/g, ' ');
}

/** Grid widths in twips from the column shares: whole twips that add up exactly to `width`. */
export function gridWidths(shares: readonly number[], width: number): number[] {
  const sum = shares.reduce((a, b) => a + b, 0);
  if (!(sum > 0)) throw new Error('table columns have no width');
  const out = shares.map((s) => Math.floor((s / sum) * width));
  out[out.length - 1]! += width - out.reduce((a, b) => a + b, 0);
  return out;
}

const line: IBorderOptions = { style: BorderStyle.SINGLE, size: TABLE_LINE, color: '000000' };
const GRID_BORDERS = { top: line, bottom: line, left: line, right: line, insideHorizontal: line, insideVertical: line };

function cellParagraph(text: string, align: 'left' | 'center' | 'right', bold: boolean): Paragraph {
  return new Paragraph({
    alignment: ALIGN[align],
    spacing: spacing(0, 0, 240),
    children: [new TextRun({ text: oneLine(text), bold, size: pt(SIZE.tableText) })],
  });
}

type Merge = 'restart' | 'continue' | undefined;

function cell(
  text: string,
  width: number,
  align: 'left' | 'center' | 'right',
  bold: boolean,
  span = 1,
  merge: Merge = undefined,
): TableCell {
  return new TableCell({
    width: { size: width, type: WidthType.DXA },
    ...(span > 1 ? { columnSpan: span } : {}),
    ...(merge ? { verticalMerge: merge === 'restart' ? VerticalMergeType.RESTART : VerticalMergeType.CONTINUE } : {}),
    verticalAlign: 'center',
    children: [cellParagraph(merge === 'continue' ? '' : text, align, bold)],
  });
}

/**
 * Header rows: the given ones (with column and row spans), or one row of the column labels. A cell
 * spanning rows starts a vertical merge; the rows below get its continuation at the same columns.
 */
function headerRows(table: ReportTable, widths: readonly number[]): TableRow[] {
  const rows: NonNullable<ReportTable['header']> = table.header ?? [table.columns.map((c) => ({ text: c.label, span: 1 }))];
  const widthOf = (from: number, span: number) => widths.slice(from, from + span).reduce((a, b) => a + b, 0);
  /** Columns still covered from a row above: start column → rows left and columns spanned. */
  const covered = new Map<number, { left: number; span: number }>();
  return rows.map((row) => {
    const cells: TableCell[] = [];
    let col = 0;
    const fillCovered = () => {
      for (let c = covered.get(col); c !== undefined; c = covered.get(col)) {
        cells.push(cell('', widthOf(col, c.span), 'center', true, c.span, 'continue'));
        if (--c.left === 0) covered.delete(col);
        col += c.span;
      }
    };
    for (const h of row) {
      fillCovered();
      const rowSpan = h.rowSpan ?? 1;
      cells.push(cell(h.text, widthOf(col, h.span), 'center', true, h.span, rowSpan > 1 ? 'restart' : undefined));
      if (rowSpan > 1) covered.set(col, { left: rowSpan - 1, span: h.span });
      col += h.span;
    }
    fillCovered();
    if (col !== widths.length) throw new Error(`table "${table.title}": a header row spans ${col} of ${widths.length} columns`);
    return new TableRow({ tableHeader: true, cantSplit: true, children: cells });
  });
}

function dataRow(table: ReportTable, widths: readonly number[], values: readonly string[], bold: boolean): TableRow {
  if (values.length !== table.columns.length) {
    throw new Error(`table "${table.title}": a row has ${values.length} cells for ${table.columns.length} columns`);
  }
  return new TableRow({
    cantSplit: true,
    children: values.map((v, i) => cell(v, widths[i]!, table.columns[i]!.align, bold)),
  });
}

/**
 * The table's title (bold, centred, kept with the table) and the table: fixed layout, a grid that
 * fills the text width exactly, header rows repeated on every page, rows never split, the total bold.
 */
export function tableBlocks(table: ReportTable, textWidth: number): DocxBlock[] {
  const widths = gridWidths(
    table.columns.map((c) => c.width),
    textWidth,
  );
  const rows = [
    ...headerRows(table, widths),
    ...table.rows.map((r) => dataRow(table, widths, r, false)),
    ...(table.total ? [dataRow(table, widths, table.total, true)] : []),
  ];
  const title = new Paragraph({
    alignment: AlignmentType.CENTER,
    spacing: spacing(240, 120, 240),
    keepNext: true,
    keepLines: true,
    children: [new TextRun({ text: oneLine(table.title), bold: true, size: pt(SIZE.tableTitle) })],
  });
  const grid = new Table({
    rows,
    width: { size: textWidth, type: WidthType.DXA },
    columnWidths: widths,
    layout: TableLayoutType.FIXED,
    margins: { ...CELL_MARGIN },
    borders: GRID_BORDERS,
  });
  // An empty paragraph after the table keeps the next heading or paragraph from touching its grid.
  const after = new Paragraph({ spacing: spacing(0, 0, 240), children: [] });
  return [title, grid, after];
}

/** A native column or line chart, its title above the plot, the unit as the value axis' title, gaps for "thiếu dữ liệu". */
export function chartParagraph(chart: ReportChart): Paragraph {
  const font = { name: FONT, size: SIZE.chartText };
  const base = {
    title: { text: chart.title, font: { name: FONT, size: SIZE.tableTitle, bold: true } },
    categories: chart.categories,
    series: chart.series.map((s) => ({ name: s.name, values: s.values })),
    font: { name: FONT },
    legend: { position: 'bottom' as const, font },
    categoryAxis: { font },
    valueAxis: { title: { text: chart.unit, font }, numberFormat: '[$-42A]#,##0', font },
    emptyValues: 'gap' as const,
    transformation: { ...CHART_SIZE },
    altText: { name: chart.title, description: chartDescription(chart) },
  };
  const run = chart.type === 'line' ? new ChartRun({ ...base, type: 'line', markers: true }) : new ChartRun({ ...base, type: 'column' });
  return new Paragraph({ alignment: AlignmentType.CENTER, spacing: spacing(240, 120, 240), keepLines: true, children: [run] });
}

/** "Biểu đồ … (buổi). 2022: 210; 2023: thiếu dữ liệu." — what a screen reader says. */
function chartDescription(chart: ReportChart): string {
  const parts = chart.series.map(
    (s) =>
      `${s.name}: ${chart.categories.map((c, i) => `${c} ${s.values[i] === null || s.values[i] === undefined ? 'thiếu dữ liệu' : s.values[i]}`).join(', ')}`,
  );
  return `${chart.title} (${chart.unit}). ${parts.join('; ')}.`;
}

/** One block of the body or of an appendix. */
export function blockElements(block: ReportBlock, textWidth: number): DocxBlock[] {
  switch (block.kind) {
    case 'heading':
      return [headingParagraph(block.level, block.label, block.text)];
    case 'paragraph':
      return [bodyParagraph(block.runs)];
    case 'table':
      return tableBlocks(block.table, textWidth);
    case 'chart':
      return [chartParagraph(block.chart)];
  }
}
