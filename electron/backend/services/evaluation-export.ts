/**
 * The evaluation board as an .xlsx: one "Bảng tổng hợp" sheet with a row per subject (name,
 * category, parent, status, live and frozen result — "Không xác định" with the reason when the
 * seal does not verify it —, failing criteria, decision, registration date and households registered)
 * and the counts reports quote with the registration figures of the year per kind and group and
 * their sentences under them (registration-figures.service.ts, issue 14 item 3); then one sheet per
 * category with every criterion's verdict. Vietnamese headers.
 * Every text cell is a plain string (exceljs writes formulas only from { formula } objects), so a
 * name typed as "=..." stays text.
 */
import type { ServiceContext } from '../context';
import { computeBoardResults } from './evaluation.service';
import { subjectKey } from './evaluation-facts.service';
import { writeTables, type TableCell, type TableSheet } from '../xlsx/tables';
import { OVERALL_SHORT_LABELS, VERDICT_LABELS } from '../../../shared/domain/criteria';
import { BOARD_CATEGORIES, BOARD_CATEGORY_LABELS, WORKFLOW_STATE_LABELS } from '../../../shared/domain/evaluation';
import type { ParsedInput } from '../../../shared/ipc/contract';
import { formatDateVi } from '../../../shared/lib/dates';
import { foldVietnamese } from '../../../shared/lib/text';
import { registrationsOfYear, type StoredRegistration } from '../repos/evaluation.repo';
import { registrationBlock, type RegistrationBlock } from './registration-figures.service';
import {
  REGISTRATION_GROUP_LABELS,
  REGISTRATION_MISSING,
  noRecognitionRecords,
  noRegistrationRecords,
  shownGroups,
} from '../../../shared/domain/period';
import { percentVi } from '../../../shared/domain/overview';

/** A frozen result that cannot be verified counts as this, in every cell and figure. */
const FROZEN_UNKNOWN = 'Không xác định';
/** The live result of a row no rule set covers in the year (before Circular 124): not a verdict. */
const NOT_EVALUATED = 'Không đánh giá';

const SUMMARY_HEADER = [
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
  // Issue 14 item 3, after the older columns so their positions stay.
  'Ngày đăng ký',
  'Số hộ gia đình đăng ký',
];

type Board = Awaited<ReturnType<typeof computeBoardResults>>;
type BoardRow = Board['board']['rows'][number];
const liveCell = (r: BoardRow): string => (r.evaluated ? OVERALL_SHORT_LABELS[r.live] : NOT_EVALUATED);

/** A residential area's households registered; "thiếu dữ liệu" when registered without them. */
function householdsCell(r: BoardRow, reg: StoredRegistration | undefined): TableCell {
  if (r.category !== 'khu_dan_cu' || !reg) return null;
  return reg.householdsRegistered ?? REGISTRATION_MISSING;
}

function summarySheet({ board: b }: Board, regs: ReadonlyMap<string, StoredRegistration>, registrations: RegistrationBlock): TableSheet {
  const rows: TableCell[][] = b.rows.map((r, i) => [
    i + 1,
    r.name,
    BOARD_CATEGORY_LABELS[r.category],
    r.parentName,
    WORKFLOW_STATE_LABELS[r.status],
    liveCell(r),
    r.tampered ? FROZEN_UNKNOWN : r.frozen ? OVERALL_SHORT_LABELS[r.frozen] : null,
    b.frozen ? (r.differs ? 'Có' : 'Không') : null,
    r.failing.join(', '),
    r.missing.join(', '),
    r.decisionNumber,
    r.decidedOn ? formatDateVi(r.decidedOn) : null,
    r.tampered ? (r.sealProblem ?? FROZEN_UNKNOWN) : b.frozen && r.frozen ? 'Nguyên vẹn' : null,
    r.registeredOn ? formatDateVi(r.registeredOn) : null,
    householdsCell(r, regs.get(subjectKey(r.subjectType, r.subjectId))),
  ]);
  const footer = [...b.counts.flatMap((c) => c.sentences), ...registrationLines(registrations)];
  if (b.frozen) footer.push(`Kết quả năm ${b.year} đã chốt ngày ${formatDateVi(b.frozen.at.slice(0, 10))} (${b.frozen.by}).`);
  return {
    title: 'Bảng tổng hợp',
    widths: [6, 40, 22, 28, 22, 20, 20, 14, 30, 30, 18, 16, 40, 14, 16],
    header: SUMMARY_HEADER,
    rows,
    footer,
  };
}

/**
 * The registration figures of the year under the counts (issue 14 item 3): per kind and group
 * "x/y (z%)" registered and recognised, the households, and the report sentences.
 */
function registrationLines(r: RegistrationBlock): string[] {
  const f = r.figures;
  const ratio = (part: number, total: number, missing: boolean) =>
    missing ? REGISTRATION_MISSING : `${part.toLocaleString('vi-VN')}/${total.toLocaleString('vi-VN')} (${percentVi(part, total)})`;
  const [noRegistrations, noDecisions] = [noRegistrationRecords(f), noRecognitionRecords(f)];
  const lines = shownGroups(f).map((g) => {
    const c = f.groups[g];
    return `${REGISTRATION_GROUP_LABELS[g]}: đăng ký ${ratio(c.registered, c.total, noRegistrations)}, được công nhận ${ratio(c.recognised, c.total, noDecisions)}.`;
  });
  const h = f.households;
  lines.push(
    h.registered === null
      ? `Số hộ gia đình đăng ký: ${REGISTRATION_MISSING}.`
      : `Số hộ gia đình đăng ký: ${h.registered.toLocaleString('vi-VN')}` +
          (h.missing > 0 ? ` (${h.missing.toLocaleString('vi-VN')} khu dân cư chưa ghi số hộ: ${REGISTRATION_MISSING}).` : '.'),
  );
  return [...lines, r.sentences.registration, r.sentences.recognition];
}

/** One sheet per category: every criterion of its rule sets as a column, the verdict in each cell. */
function categorySheets({ board: b, evaluated }: Board): TableSheet[] {
  const byKey = new Map(evaluated.map((e) => [subjectKey(e.subject.type, e.subject.id), e]));
  const sheets: TableSheet[] = [];
  for (const category of BOARD_CATEGORIES) {
    const rows = b.rows.filter((r) => r.category === category);
    if (rows.length === 0) continue;
    const titles = new Map<string, string>();
    for (const r of rows) {
      for (const rr of byKey.get(subjectKey(r.subjectType, r.subjectId))?.result.rules ?? []) {
        if (!titles.has(rr.ruleId)) titles.set(rr.ruleId, rr.title);
      }
    }
    const ruleIds = [...titles.keys()];
    sheets.push({
      title: BOARD_CATEGORY_LABELS[category],
      widths: [6, 40, 28, 20, ...ruleIds.map(() => 14)],
      header: ['STT', 'Tên đơn vị', 'Thuộc', 'Kết quả', ...ruleIds.map((id) => `${id}: ${titles.get(id) ?? ''}`)],
      frozenColumns: 2,
      rows: rows.map((r, i) => {
        const e = byKey.get(subjectKey(r.subjectType, r.subjectId));
        const verdicts = new Map((e?.result.rules ?? []).map((rr) => [rr.ruleId, rr.verdict]));
        return [
          i + 1,
          r.name,
          r.parentName,
          liveCell(r),
          ...ruleIds.map((id) => {
            const v = verdicts.get(id);
            return v ? VERDICT_LABELS[v] : null;
          }),
        ];
      }),
    });
  }
  return sheets;
}

export async function exportBoard(
  ctx: ServiceContext,
  input: ParsedInput<'evaluation.export'>,
): Promise<{ fileName: string; base64: string }> {
  const [board, regs, registrations] = await Promise.all([
    computeBoardResults(ctx, input),
    registrationsOfYear(ctx.db, input.year),
    registrationBlock(ctx, { year: input.year, unitId: input.unitId }),
  ]);
  const buffer = await writeTables([summarySheet(board, regs, registrations), ...categorySheets(board)]);
  const suffix = input.category ? `-${foldVietnamese(BOARD_CATEGORY_LABELS[input.category]).replace(/[^a-z0-9]+/g, '-')}` : '';
  return { fileName: `danh-gia-antt-${input.year}${suffix}.xlsx`, base64: buffer.toString('base64') };
}
