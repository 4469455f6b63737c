/**
 * buildReportDocument: a stored report and what it is built from (source.ts) → the ReportDocument
 * every output renders (document.ts), in the order of domain.md §9.1: the situation (written, then
 * the incidents sentence), leadership, the results section by section with the period sentences,
 * the general assessment and the tasks ahead (written), and an appendix of tables per unit.
 *
 * A generated sentence the officer edited is printed as edited; when the data has changed since
 * (the sentence generated now differs from the one the edit started from) the paragraph is marked
 * `stale` and carries the new text in `generated`, so the screen shows both and nothing is
 * overwritten. Pure: no clock, no I/O.
 */
import { formatIntVi } from '../../lib/numbers';
import { BOARD_CATEGORIES, type BoardCategory } from '../evaluation';
import { periodIntro } from '../period/periods';
import type { PeriodSection } from '../period/indicators';
import type { ReportAppendix, ReportBlock, ReportChart, ReportDocument, ReportTable } from './document';
import { WRITTEN_SECTION_TITLES, paragraphsOf, type ReportContent, type WrittenSection } from './report';
import { PREVIOUS_KINDS, type AppendixRow, type PreviousKind, type RegistrationCount, type ReportSource } from './source';

export const MISSING_DATA = 'thiếu dữ liệu';
/** Shown in a written section nobody has written yet (a draft); the screen asks for the text. */
export const NOT_WRITTEN = '(Chưa có nội dung.)';

const n = formatIntVi;
const ROMAN = ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII'];

/** The results section's sub-sections, in §9.1's order, with the period sentence each one holds. */
const RESULTS: readonly { title: string; sentences: readonly (PeriodSection | 'recognition')[] }[] = [
  { title: 'Công tác tuyên truyền, vận động', sentences: ['propaganda'] },
  { title: 'Tổ chức Ngày hội và diễn đàn "Công an lắng nghe ý kiến Nhân dân"', sentences: ['events'] },
  { title: 'Xây dựng, nhân rộng mô hình, điển hình tiên tiến', sentences: ['models'] },
  { title: 'Lực lượng tham gia bảo vệ an ninh, trật tự ở cơ sở và tổ chức quần chúng', sentences: ['massOrgs'] },
  // Agencies, enterprises and schools apart from the residential paragraph (issue 14 item 8).
  { title: 'Phong trào bảo vệ an ninh, trật tự tại cơ quan, doanh nghiệp, cơ sở giáo dục', sentences: ['organizations'] },
  { title: 'Kết quả Nhân dân tham gia phát hiện, tố giác tội phạm', sentences: ['tips'] },
  { title: 'Hòa giải, quản lý giáo dục đối tượng', sentences: ['mediations'] },
  {
    title: 'Kết quả xây dựng khu dân cư, xã, cơ quan, doanh nghiệp, cơ sở giáo dục "An toàn về an ninh, trật tự" và phân loại phong trào',
    sentences: ['recognition', 'classification'],
  },
  { title: 'Thi đua, khen thưởng', sentences: ['awards'] },
];

/** The key under which a generated sentence's edit is stored. */
export const sentenceKey = (s: PeriodSection | 'recognition'): string => `sentence.${s}`;

const CATEGORY_WORDS: Readonly<Record<BoardCategory, string>> = {
  khu_dan_cu: 'khu dân cư',
  xa: 'xã, phường, thị trấn',
  co_quan_doanh_nghiep: 'cơ quan, doanh nghiệp',
  co_so_giao_duc: 'cơ sở giáo dục',
};

/**
 * "Năm 2026, có 709/730 khu dân cư, 12/12 xã, phường, thị trấn đăng ký xây dựng tiêu chuẩn "An toàn về
 * an ninh, trật tự"; được công nhận đạt tiêu chuẩn: 650/730 khu dân cư, 11/12 xã, phường, thị trấn."
 */
export function recognitionSentence(reg: AppendixRow['registration'], from: string, to: string): string {
  const year = to.slice(0, 4);
  const cats = reg ? BOARD_CATEGORIES.filter((c) => reg[c].total > 0) : [];
  if (!reg || cats.length === 0) return `Chưa có số liệu đăng ký, công nhận "An toàn về an ninh, trật tự" năm ${year} (${MISSING_DATA}).`;
  const ratio = (c: BoardCategory, k: 'registered' | 'recognised') => `${n(reg[c][k])}/${n(reg[c].total)} ${CATEGORY_WORDS[c]}`;
  const intro = periodIntro(`${year}-01-01`, `${year}-12-31`);
  const lead = from.slice(0, 4) === year ? intro : `${intro} (năm cuối của kỳ báo cáo)`;
  return (
    `${lead}, có ${cats.map((c) => ratio(c, 'registered')).join(', ')} đăng ký xây dựng tiêu chuẩn "An toàn về an ninh, trật tự"; ` +
    `được công nhận đạt tiêu chuẩn: ${cats.map((c) => ratio(c, 'recognised')).join(', ')}.`
  );
}

/** The report's registration and recognition paragraph: the sentences of the year with households where the source has them. */
export function recognitionText(source: ReportSource, from: string, to: string): string {
  const r = source.registrationSentences;
  return r ? `${r.registration} ${r.recognition}` : recognitionSentence(source.total.registration, from, to);
}

function generatedText(s: PeriodSection | 'recognition', report: ReportContent, source: ReportSource): string {
  return s === 'recognition' ? recognitionText(source, report.from, report.to) : source.sentences[s];
}

/** The paragraph of a generated sentence: as generated, or as edited (stale when the data changed since). */
function sentenceParagraph(s: PeriodSection | 'recognition', report: ReportContent, source: ReportSource): ReportBlock {
  const key = sentenceKey(s);
  const now = generatedText(s, report, source);
  const edit = report.edits[key];
  if (!edit) return { kind: 'paragraph', runs: [{ text: now }], origin: 'generated', key };
  if (edit.from === now) return { kind: 'paragraph', runs: [{ text: edit.text }], origin: 'edited', key };
  return { kind: 'paragraph', runs: [{ text: edit.text }], origin: 'edited', key, stale: true, generated: now };
}

function written(section: WrittenSection, report: ReportContent): ReportBlock[] {
  const paras = paragraphsOf(report.sections[section]);
  if (paras.length === 0) return [{ kind: 'paragraph', runs: [{ text: NOT_WRITTEN, italic: true }], origin: 'written', key: section }];
  return paras.map((text) => ({ kind: 'paragraph', runs: [{ text }], origin: 'written', key: section }));
}

const heading = (level: 1 | 2 | 3, label: string, text: string): ReportBlock => ({ kind: 'heading', level, label, text });

/** The main indicators with the previous period ("Bảng 1"), rows with a value or a previous value. */
const SUMMARY_KEYS = [
  'propaganda.sessions',
  'propaganda.attendance',
  'propaganda.leaflets',
  'events.total',
  'models.sites',
  'models.newSites',
  'massOrgs.organizations',
  'massOrgs.members',
  'tips.total',
  'tips.valuable',
  'mediations.total',
  'incidents.crimes',
  'incidents.crimesSolved',
  'awards.total',
];

/** The row's kind had no record at all in the previous period (so its 0 there is "thiếu dữ liệu"). */
function nothingBefore(source: ReportSource, key: string): boolean {
  const kind = key.slice(0, key.indexOf('.')) as PreviousKind;
  return (PREVIOUS_KINDS as readonly string[]).includes(kind) && source.previousRecords?.[kind] === 0;
}

function valueCell(r: ReportSource['comparison'][number], previous: boolean, empty: boolean): string {
  const has = previous ? r.hasPrevious && !empty : r.hasValue;
  const missing = previous ? r.missingPrevious || empty : r.missing;
  if (!has) return missing ? MISSING_DATA : '—';
  return n(previous ? r.previous : r.value);
}

export function summaryTable(source: ReportSource): ReportTable | null {
  const rows = SUMMARY_KEYS.map((k) => source.comparison.find((r) => r.key === k)).filter((r) => r !== undefined);
  if (rows.length === 0) return null;
  return {
    title: `Bảng 1. Một số chỉ tiêu chủ yếu ${lowerFirst(source.periodLabel)} so với ${lowerFirst(source.previousLabel)}`,
    columns: [
      { label: 'TT', width: 0.06, align: 'center' },
      { label: 'Chỉ tiêu', width: 0.36, align: 'left' },
      { label: 'Đơn vị tính', width: 0.12, align: 'center' },
      { label: 'Kỳ này', width: 0.12, align: 'right' },
      { label: 'Kỳ trước', width: 0.16, align: 'right' },
      { label: 'Tăng, giảm', width: 0.18, align: 'left' },
    ],
    rows: rows.map((r, i) => {
      const empty = nothingBefore(source, r.key);
      return [String(i + 1), r.label, r.unit, valueCell(r, false, false), valueCell(r, true, empty), empty ? '—' : r.text];
    }),
  };
}

const lowerFirst = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);

/** Propaganda sessions per unit below the territory, when there are at least two such units. */
export function sessionsChart(source: ReportSource): ReportChart | null {
  const rows = source.rows.filter((r) => !r.direct);
  if (rows.length < 2) return null;
  return {
    title: `Biểu đồ 1. Số buổi tuyên truyền theo đơn vị, ${lowerFirst(source.periodLabel)}`,
    type: 'bar',
    categories: rows.map((r) => r.name),
    series: [{ name: 'Số buổi tuyên truyền', values: rows.map((r) => r.activity.sessions) }],
    unit: 'buổi',
  };
}

function resultsSection(report: ReportContent, source: ReportSource): ReportBlock[] {
  const out: ReportBlock[] = [];
  RESULTS.forEach((sub, i) => {
    out.push(heading(2, `${i + 1}.`, sub.title));
    for (const s of sub.sentences) out.push(sentenceParagraph(s, report, source));
    if (sub.sentences.includes('propaganda')) {
      const chart = sessionsChart(source);
      if (chart) out.push({ kind: 'chart', chart });
    }
  });
  const table = summaryTable(source);
  if (table) out.push({ kind: 'table', table });
  return out;
}

function body(report: ReportContent, source: ReportSource): ReportBlock[] {
  const parts: { title: string; blocks: ReportBlock[] }[] = [
    { title: 'ĐẶC ĐIỂM TÌNH HÌNH', blocks: [...written('dac_diem', report), sentenceParagraph('incidents', report, source)] },
    { title: 'CÔNG TÁC LÃNH ĐẠO, CHỈ ĐẠO', blocks: [sentenceParagraph('leadership', report, source)] },
    { title: 'KẾT QUẢ THỰC HIỆN', blocks: resultsSection(report, source) },
    {
      title: 'ĐÁNH GIÁ CHUNG',
      blocks: (['uu_diem', 'han_che', 'nguyen_nhan', 'bai_hoc'] as const).flatMap((s, i) => [
        heading(2, `${i + 1}.`, WRITTEN_SECTION_TITLES[s]),
        ...written(s, report),
      ]),
    },
    { title: 'PHƯƠNG HƯỚNG, NHIỆM VỤ', blocks: written('phuong_huong', report) },
  ];
  if (paragraphsOf(report.sections.de_xuat).length > 0) parts.push({ title: 'ĐỀ XUẤT, KIẾN NGHỊ', blocks: written('de_xuat', report) });
  return parts.flatMap((p, i) => [heading(1, `${ROMAN[i]}.`, p.title), ...p.blocks]);
}

// ---------------------------------------------------------------------------------------------
// The appendix: tables per unit

const dash = '—';

function rowName(r: AppendixRow): string {
  if (r.direct) return `${r.name} (trực tiếp)`;
  return r.endedOn ? `${r.name} (đến ${r.endedOn.slice(8, 10)}/${r.endedOn.slice(5, 7)}/${r.endedOn.slice(0, 4)})` : r.name;
}

const reg = (c: RegistrationCount | undefined, k: 'registered' | 'recognised') => (c === undefined ? dash : `${n(c[k])}/${n(c.total)}`);

/** A table of the units with two header rows: groups of value columns under their group's title. */
interface UnitTableSpec {
  title: string;
  nameWidth: number;
  valueWidth: number;
  align: 'center' | 'right';
  groups: readonly { text: string; columns: readonly string[] }[];
  cells: (r: AppendixRow) => string[];
}

function unitTable(source: ReportSource, spec: UnitTableSpec): ReportTable {
  return {
    title: spec.title,
    header: [
      [
        { text: 'TT', span: 1, rowSpan: 2 },
        { text: 'Đơn vị', span: 1, rowSpan: 2 },
        ...spec.groups.map((g) => ({ text: g.text, span: g.columns.length })),
      ],
      spec.groups.flatMap((g) => g.columns.map((text) => ({ text, span: 1 }))),
    ],
    columns: [
      { label: 'TT', width: 0.06, align: 'center' },
      { label: 'Đơn vị', width: spec.nameWidth, align: 'left' },
      ...spec.groups.flatMap((g) => g.columns.map((label) => ({ label, width: spec.valueWidth, align: spec.align }))),
    ],
    rows: source.rows.map((r, i) => [String(i + 1), rowName(r), ...spec.cells(r)]),
    total: ['', 'Tổng cộng', ...spec.cells(source.total)],
  };
}

const REGISTRATION_GROUP: Readonly<Record<BoardCategory, string>> = {
  khu_dan_cu: 'Khu dân cư',
  xa: 'Xã, phường, thị trấn',
  co_quan_doanh_nghiep: 'Cơ quan, doanh nghiệp',
  co_so_giao_duc: 'Cơ sở giáo dục',
};

function registrationTable(source: ReportSource, year: string): ReportTable {
  return unitTable(source, {
    title: `Bảng 1. Đăng ký, công nhận "An toàn về an ninh, trật tự" năm ${year}`,
    nameWidth: 0.26,
    valueWidth: 0.085,
    align: 'center',
    groups: BOARD_CATEGORIES.map((c) => ({ text: REGISTRATION_GROUP[c], columns: ['Đăng ký', 'Công nhận'] })),
    cells: (r) =>
      BOARD_CATEGORIES.flatMap((c) =>
        r.registration ? [reg(r.registration[c], 'registered'), reg(r.registration[c], 'recognised')] : [dash, dash],
      ),
  });
}

function registryTable(source: ReportSource): ReportTable {
  return unitTable(source, {
    title: `Bảng 2. Mô hình, tổ chức quần chúng tham gia bảo vệ an ninh, trật tự, ${lowerFirst(source.periodLabel)}`,
    nameWidth: 0.34,
    valueWidth: 0.12,
    align: 'right',
    groups: [
      { text: 'Mô hình', columns: ['Loại mô hình', 'Điểm mô hình', 'Điểm mới'] },
      { text: 'Tổ chức quần chúng', columns: ['Tổ chức', 'Thành viên'] },
    ],
    cells: (r) => [
      r.models ? n(r.models.types) : dash,
      r.models ? n(r.models.sites) : dash,
      r.models ? n(r.models.newSites) : dash,
      r.massOrgs ? n(r.massOrgs.organizations) : dash,
      r.massOrgs ? n(r.massOrgs.members) : dash,
    ],
  });
}

function activityTable(source: ReportSource): ReportTable {
  return unitTable(source, {
    title: `Bảng 3. Tuyên truyền, nguồn tin của quần chúng, ${lowerFirst(source.periodLabel)}`,
    nameWidth: 0.38,
    valueWidth: 0.14,
    align: 'right',
    groups: [
      { text: 'Tuyên truyền', columns: ['Số buổi', 'Lượt người'] },
      { text: 'Nguồn tin', columns: ['Tổng số', 'Có giá trị'] },
    ],
    cells: (r) => [n(r.activity.sessions), n(r.activity.attendance), n(r.activity.tips), n(r.activity.valuable)],
  });
}

/** The appendix tables per unit (also written as XLSX). */
export function appendixTables(source: ReportSource, to: string): ReportTable[] {
  return [registrationTable(source, to.slice(0, 4)), registryTable(source), activityTable(source)];
}

function appendix(source: ReportSource, to: string): ReportAppendix {
  return {
    label: 'Phụ lục',
    title: `SỐ LIỆU CHI TIẾT THEO ĐƠN VỊ`,
    blocks: appendixTables(source, to).map((table) => ({ kind: 'table', table })),
  };
}

export function buildReportDocument(
  report: ReportContent,
  source: ReportSource,
  at: { figures: 'frozen' | 'live'; chainHead: string | null },
): ReportDocument {
  const h = report.header;
  return {
    header: {
      parentBody: h.parentBody,
      issuingBody: h.issuingBody,
      number: report.number,
      symbol: h.symbol,
      place: h.place,
      date: report.date,
      kindTitle: 'BÁO CÁO',
      summary: report.title,
      addressees: h.addressees,
      signerAuthority: h.signerAuthority,
      signerTitle: h.signerTitle,
      signerName: h.signerName,
      recipients: h.recipients,
      secrecy: null,
      circulation: null,
    },
    body: body(report, source),
    appendices: [appendix(source, report.to)],
    figures: at.figures,
    chainHead: at.chainHead,
  };
}
