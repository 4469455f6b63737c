/**
 * A stored report (issue 13 item 2) as the domain sees it: its kind, period and territory, the
 * header fields of the office, the sections people write (stable keys, 'phuong_huong' read by the
 * presentation mode), and the generated sentences the officer edited, each kept with the generated
 * text it was edited from so a later change in the data is detected and shown beside it.
 */
import { periodLabel } from '../period/periods';
import type { ReportKind } from './document';

/** The sections people write, in the report's order; the keys are stored and must never change. */
export const WRITTEN_SECTIONS = ['dac_diem', 'uu_diem', 'han_che', 'nguyen_nhan', 'bai_hoc', 'phuong_huong', 'de_xuat'] as const;
export type WrittenSection = (typeof WRITTEN_SECTIONS)[number];

export const WRITTEN_SECTION_TITLES: Readonly<Record<WrittenSection, string>> = {
  dac_diem: 'Đặc điểm tình hình',
  uu_diem: 'Ưu điểm',
  han_che: 'Hạn chế',
  nguyen_nhan: 'Nguyên nhân',
  bai_hoc: 'Bài học kinh nghiệm',
  phuong_huong: 'Phương hướng, nhiệm vụ',
  de_xuat: 'Đề xuất, kiến nghị',
};

export const REPORT_KIND_LABELS: Readonly<Record<ReportKind, string>> = {
  tong_ket_nam: 'Tổng kết năm',
  so_ket_6_thang: 'Sơ kết 6 tháng',
  chuyen_de: 'Chuyên đề',
};

export const REPORT_STATUSES = ['draft', 'issued'] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];
export const REPORT_STATUS_LABELS: Readonly<Record<ReportStatus, string>> = { draft: 'Dự thảo', issued: 'Đã ban hành' };

/** The office's header and closing fields (settings), copied into each new report. */
export interface ReportHeaderFields {
  parentBody: string;
  issuingBody: string;
  symbol: string;
  place: string;
  signerAuthority: string;
  signerTitle: string;
  signerName: string;
  /** "Kính gửi:" lines; empty for none. */
  addressees: string[];
  /** "Nơi nhận:" items without the leading "- " and the trailing ";" / ".". */
  recipients: string[];
}

export const EMPTY_HEADER_FIELDS: ReportHeaderFields = {
  parentBody: '',
  issuingBody: '',
  symbol: 'BC',
  place: '',
  signerAuthority: '',
  signerTitle: '',
  signerName: '',
  addressees: [],
  recipients: ['Lưu: VT'],
};

/** A generated sentence the officer rewrote, with the generated text it replaced. */
export interface SentenceEdit {
  text: string;
  from: string;
}

/** What the builder needs of a stored report. */
export interface ReportContent {
  kind: ReportKind;
  title: string;
  from: string;
  to: string;
  header: ReportHeaderFields;
  /** The number in "Số: 15/BC-CAX"; null until the office gives one. */
  number: string | null;
  /** The document's date (set at issue); null for a draft. */
  date: string | null;
  sections: Partial<Record<WrittenSection, string>>;
  edits: Readonly<Record<string, SentenceEdit>>;
}

/**
 * The trích yếu a new report starts with: "Tổng kết công tác xây dựng phong trào toàn dân bảo vệ an
 * ninh Tổ quốc năm 2026", "Sơ kết … 6 tháng đầu năm 2026", "Kết quả … giai đoạn 2020 - 2022".
 */
export function defaultReportTitle(kind: ReportKind, from: string, to: string): string {
  const what = 'công tác xây dựng phong trào toàn dân bảo vệ an ninh Tổ quốc';
  const when = periodLabel(from, to);
  const lower = when.charAt(0).toLowerCase() + when.slice(1);
  if (kind === 'tong_ket_nam') return `Tổng kết ${what} ${lower}`;
  if (kind === 'so_ket_6_thang') return `Sơ kết ${what} ${lower}`;
  return `Kết quả ${what} ${lower}`;
}

/** Paragraphs of a written section: one per non-empty line (never a line break inside a paragraph). */
export function paragraphsOf(text: string | undefined): string[] {
  return (text ?? '')
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '');
}
