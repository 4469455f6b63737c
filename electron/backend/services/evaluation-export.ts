/**
 * The evaluation board as an .xlsx: one "Bảng tổng hợp" sheet with a row per subject (name,
 * category, parent, status, live and frozen result — "Không xác định" with the reason when the
 * seal does not verify it —, failing criteria, decision) and the counts reports quote, then one sheet per category with every criterion's verdict. Vietnamese headers.
 * Every text cell is a plain string (exceljs writes formulas only from { formula } objects), so a
 * name typed as "=..." stays text.
 */
import ExcelJS from 'exceljs';
import type { ServiceContext } from '../context';
import { computeBoard } from './evaluation.service';
import { subjectKey } from './evaluation-facts.service';
import { sheetName } from '../xlsx/workbook';
import { OVERALL_SHORT_LABELS, VERDICT_LABELS } from '../../../shared/domain/criteria';
import { BOARD_CATEGORIES, BOARD_CATEGORY_LABELS, WORKFLOW_STATE_LABELS } from '../../../shared/domain/evaluation';
import type { ParsedInput } from '../../../shared/ipc/contract';
import { formatDateVi } from '../../../shared/lib/dates';
import { foldVietnamese } from '../../../shared/lib/text';

type Cell = string | number | null;

/** A frozen result that cannot be verified counts as this, in every cell and figure. */
const FROZEN_UNKNOWN = 'Không xác định';

function styleHeader(row: ExcelJS.Row): void {
  row.font = { bold: true };
  row.alignment = { vertical: 'middle', wrapText: true };
  row.eachCell((c) => {
    c.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF1F3F5' } };
  });
}

function addRow(ws: ExcelJS.Worksheet, values: readonly Cell[]): void {
  const row = ws.addRow([]);
  values.forEach((v, i) => {
    if (v === null || v === '') return;
    row.getCell(i + 1).value = v;
  });
}

export async function exportBoard(ctx: ServiceContext, input: ParsedInput<'evaluation.export'>): Promise<{ fileName: string; base64: string }> {
  const { board: b, evaluated } = await computeBoard(ctx, input);
  const byKey = new Map(evaluated.map((e) => [subjectKey(e.subject.type, e.subject.id), e]));

  const wb = new ExcelJS.Workbook();
  wb.creator = 'ANTQ';
  wb.created = new Date(0);

  const summary = wb.addWorksheet(sheetName('Bảng tổng hợp'), { views: [{ state: 'frozen', ySplit: 1 }] });
  const headers = [
    'STT',
    'Tên đơn vị',
    'Nhóm',
    'Thuộc',
    'Trạng thái',
    'Kết quả tính hiện tại',
    'Kết quả đã chốt',
    'Khác kết quả đã chốt',
    'Tiêu chí không đạt',
    'Tiêu chí thiếu dữ liệu',
    'Số quyết định',
    'Ngày quyết định',
    'Niêm phong kết quả đã chốt',
  ];
  summary.columns = [6, 40, 22, 28, 22, 20, 20, 14, 30, 30, 18, 16, 40].map((width) => ({ width }));
  styleHeader(summary.addRow(headers));
  b.rows.forEach((r, i) => {
    addRow(summary, [
      i + 1,
      r.name,
      BOARD_CATEGORY_LABELS[r.category],
      r.parentName,
      WORKFLOW_STATE_LABELS[r.status],
      OVERALL_SHORT_LABELS[r.live],
      r.tampered ? FROZEN_UNKNOWN : r.frozen ? OVERALL_SHORT_LABELS[r.frozen] : null,
      b.frozen ? (r.differs ? 'Có' : 'Không') : null,
      r.failing.join(', '),
      r.missing.join(', '),
      r.decisionNumber,
      r.decidedOn ? formatDateVi(r.decidedOn) : null,
      r.tampered ? (r.sealProblem ?? FROZEN_UNKNOWN) : b.frozen && r.frozen ? 'Nguyên vẹn' : null,
    ]);
  });
  summary.addRow([]);
  for (const c of b.counts) for (const sentence of c.sentences) addRow(summary, [null, sentence]);
  if (b.frozen) addRow(summary, [null, `Kết quả năm ${b.year} đã chốt ngày ${formatDateVi(b.frozen.at.slice(0, 10))} (${b.frozen.by}).`]);

  for (const category of BOARD_CATEGORIES) {
    const rows = b.rows.filter((r) => r.category === category);
    if (rows.length === 0) continue;
    const ruleIds: string[] = [];
    const titles = new Map<string, string>();
    for (const r of rows) {
      const e = byKey.get(subjectKey(r.subjectType, r.subjectId));
      for (const rr of e?.result.rules ?? []) {
        if (!titles.has(rr.ruleId)) {
          ruleIds.push(rr.ruleId);
          titles.set(rr.ruleId, rr.title);
        }
      }
    }
    const ws = wb.addWorksheet(sheetName(BOARD_CATEGORY_LABELS[category]), { views: [{ state: 'frozen', ySplit: 1, xSplit: 2 }] });
    ws.columns = [{ width: 6 }, { width: 40 }, { width: 28 }, { width: 20 }, ...ruleIds.map(() => ({ width: 14 }))];
    styleHeader(ws.addRow(['STT', 'Tên đơn vị', 'Thuộc', 'Kết quả', ...ruleIds.map((id) => `${id}: ${titles.get(id) ?? ''}`)]));
    rows.forEach((r, i) => {
      const e = byKey.get(subjectKey(r.subjectType, r.subjectId));
      const verdicts = new Map((e?.result.rules ?? []).map((rr) => [rr.ruleId, rr.verdict]));
      addRow(ws, [
        i + 1,
        r.name,
        r.parentName,
        OVERALL_SHORT_LABELS[r.live],
        ...ruleIds.map((id) => {
          const v = verdicts.get(id);
          return v ? VERDICT_LABELS[v] : null;
        }),
      ]);
    });
  }

  const buffer = Buffer.from((await wb.xlsx.writeBuffer()) as ArrayBuffer);
  const suffix = input.category ? `-${foldVietnamese(BOARD_CATEGORY_LABELS[input.category]).replace(/[^a-z0-9]+/g, '-')}` : '';
  return { fileName: `danh-gia-antt-${input.year}${suffix}.xlsx`, base64: buffer.toString('base64') };
}
