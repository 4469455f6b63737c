/**
 * The year-end report as a document, independent of its output: the report screen and its print
 * view (PDF) render it with React, electron/backend/reports/ writes it as DOCX (Decree 30/2020) and
 * its appendix tables as XLSX. Plain JSON (it crosses the contract and is frozen into an issued
 * report). Texts are final Vietnamese; numbers inside cells are already formatted ("51.511").
 *
 * Built from a stored report and the period figures by the report feature (buildReportDocument);
 * the writers never compute a figure, they only lay the document out.
 */

/** Kinds of report (issue 13 item 2). */
export const REPORT_KINDS = ['tong_ket_nam', 'so_ket_6_thang', 'chuyen_de'] as const;
export type ReportKind = (typeof REPORT_KINDS)[number];

/** The Decree 30 header and closing of an administrative document (domain.md §10.1). */
export interface ReportHeader {
  /** Parent body, capitals, not bold: "CÔNG AN TỈNH LÀO CAI". Empty when none. */
  parentBody: string;
  /** Issuing body, capitals, bold: "CÔNG AN XÃ SA PA". */
  issuingBody: string;
  /** "15" (zero-padded below 10 by the writer) or null for a draft without a number ("Số:     /BC-CAX"). */
  number: string | null;
  /** Symbol after the slash: "BC-CAX". */
  symbol: string;
  /** Place in the dated line: "Sa Pa". */
  place: string;
  /** ISO date of the document (yyyy-MM-dd), or null for a draft ("ngày    tháng    năm 2026"). */
  date: string | null;
  /** Year written in a draft's date line (date null): "ngày    tháng    năm 2026"; blank when absent. */
  draftYear?: number;
  /** Document kind in capitals: "BÁO CÁO". */
  kindTitle: string;
  /** Trích yếu, bold, under the kind: "Tổng kết công tác xây dựng phong trào toàn dân bảo vệ an ninh Tổ quốc năm 2026". */
  summary: string;
  /** "Kính gửi:" lines for a report to a superior; empty for none. */
  addressees: string[];
  /** Authority prefix line(s) above the title, capitals bold: "KT. TRƯỞNG CÔNG AN" / "TRƯỞNG CÔNG AN"; may be empty. */
  signerAuthority: string;
  /** Position under the authority: "PHÓ TRƯỞNG CÔNG AN"; may be empty. */
  signerTitle: string;
  /** Signer's full name, bold. */
  signerName: string;
  /** "Nơi nhận:" items without the leading "- " and the trailing ";" / ".": ["Công an tỉnh (PV05)", "Lưu: VT"]. */
  recipients: string[];
  /** Optional marks: secrecy ("MẬT"), circulation ("LƯU HÀNH NỘI BỘ"); null for none. */
  secrecy: string | null;
  circulation: string | null;
}

/** A run of text; bold/italic only where the document's format calls for it. */
export interface TextRun {
  text: string;
  bold?: boolean;
  italic?: boolean;
}

export type ReportBlock =
  /** "I. KẾT QUẢ THỰC HIỆN" (level 1, capitals bold), "1. Công tác tuyên truyền" (level 2, bold), "a) …" (level 3, bold italic). */
  | { kind: 'heading'; level: 1 | 2 | 3; label: string; text: string }
  /**
   * A justified body paragraph with first-line indent. `origin` says where its words came from:
   * written by the officer, generated from the figures, or a generated sentence the officer edited
   * (`stale` then says the figures changed since the edit: shown in the app, never printed).
   * `key` names the written section or the generated sentence (the key of its edit); `generated`
   * is the sentence the figures give now, set only beside a stale edit (shown, never printed).
   */
  | {
      kind: 'paragraph';
      runs: TextRun[];
      origin: 'written' | 'generated' | 'edited';
      stale?: boolean;
      key?: string;
      generated?: string;
    }
  | { kind: 'table'; table: ReportTable }
  | { kind: 'chart'; chart: ReportChart };

export interface ReportTableColumn {
  label: string;
  /** Share of the text width, 0–1; the widths of a table sum to 1. */
  width: number;
  align: 'left' | 'center' | 'right';
}

export interface ReportTable {
  /** "Bảng 1. Kết quả đăng ký, công nhận \"An toàn về an ninh, trật tự\" năm 2026". */
  title: string;
  columns: ReportTableColumn[];
  /**
   * Header rows may span: each cell has its text, the columns it spans and, optionally, the header
   * rows it spans (`rowSpan`, default 1; the rows below leave those columns out, as in HTML). The
   * columns of every header row add up to `columns`.
   */
  header?: { text: string; span: number; rowSpan?: number }[][];
  rows: string[][];
  /** A last bold row ("Tổng cộng"), lined up with `columns`. */
  total?: string[];
  /** Landscape page for a wide appendix table. */
  landscape?: boolean;
}

/** A chart drawn natively by Word/PowerPoint (editable data) and as SVG on screen and in PDF. */
export interface ReportChart {
  title: string;
  type: 'bar' | 'line';
  /** Category axis: "2022", "2023", … or commune names. */
  categories: string[];
  /** One series per indicator; null is "thiếu dữ liệu" (a gap, never zero). */
  series: { name: string; values: (number | null)[] }[];
  /** Unit of the values for the axis title: "buổi", "lượt người". */
  unit: string;
}

export interface ReportAppendix {
  /** "Phụ lục I" (numbered when more than one). */
  label: string;
  /** Capitals bold title. */
  title: string;
  blocks: ReportBlock[];
}

export interface ReportDocument {
  header: ReportHeader;
  /** The body from the first heading to the last paragraph before the signature. */
  body: ReportBlock[];
  appendices: ReportAppendix[];
  /** Whether the figures are frozen (issued report / frozen year) or live; shown, never printed in the body. */
  figures: 'frozen' | 'live';
  /** Head of the audit chain at issue, when one exists; null otherwise. */
  chainHead: string | null;
}
