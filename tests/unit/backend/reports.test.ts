/**
 * Reports (issue 13 item 2) through the real backend: a report of the Sa Pa and Gia Viễn fixtures
 * holds the seed pages' figures and sentences; the office's header settings are copied into a new
 * report; a draft's sections and edited sentences are stored; an edited sentence is flagged with the
 * new generated text when the data changes, never overwritten; issuing freezes the document and its
 * figures (a later record changes a draft's document, not the issued one); an issued report refuses
 * every change; the appendix tables come back from the XLSX with exceljs.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { listEntries, readEntry } from '../../../electron/backend/xlsx/zip';
import type { ReportDocumentDto } from '../../../shared/ipc/contracts/reports.contract';
import { startBackend, type TestBackend } from '../../support/backend';
import { makeTempDir, removeDir } from '../../support/temp-dir';
import { dumpDatabase, queryAll } from '../../support/sqlite';
import { isVietnameseMessage } from '../../support/vietnamese';
import {
  GIA_VIEN_PERIOD,
  SAPA_PERIOD,
  loadGiaVien2022,
  loadSaPaActivities,
  setupSaPaOffice,
  type Call,
  type GiaVienIds,
} from '../../fixtures/activity-seeds';
import { activityApi, sampleRecords } from './activities-records';

const ZIP_LIMITS = { maxEntries: 500, maxEntryBytes: 20_000_000, maxTotalBytes: 50_000_000 };

/** word/document.xml's text runs joined (a sentence may be split over runs). */
function documentXml(bytes: Buffer): string {
  const entry = [...listEntries(bytes, ZIP_LIMITS)].find(([name]) => name === 'word/document.xml');
  if (!entry) throw new Error('no word/document.xml');
  const xml = readEntry(bytes, entry[1], ZIP_LIMITS.maxEntryBytes).toString('utf8');
  return [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]!.replace(/&amp;/g, '&').replace(/&quot;/g, '"')).join('');
}

/** One entry of a zip as text (the reader lower-cases names: 'docprops/core.xml'). */
function zipEntryText(bytes: Buffer, name: string): string {
  const entry = [...listEntries(bytes, ZIP_LIMITS)].find(([n]) => n === name);
  if (!entry) throw new Error(`no ${name}`);
  return readEntry(bytes, entry[1], ZIP_LIMITS.maxEntryBytes).toString('utf8');
}

const callOf =
  (b: TestBackend): Call =>
  (m, i) =>
    b.backend.dispatch(m, i);

type Para = Extract<ReportDocumentDto['body'][number], { kind: 'paragraph' }>;
const paragraphs = (d: ReportDocumentDto) => d.body.filter((b): b is Para => b.kind === 'paragraph');
const textOf = (d: ReportDocumentDto) =>
  [...paragraphs(d).map((p) => p.runs.map((r) => r.text).join('')), ...d.body.map((b) => (b.kind === 'heading' ? b.text : ''))].join('\n');
const byKey = (d: ReportDocumentDto, key: string) => paragraphs(d).find((p) => p.key === key)!;

const HEADER = {
  parentBody: 'CÔNG AN TỈNH LÀO CAI',
  issuingBody: 'CÔNG AN THỊ XÃ SA PA',
  symbol: 'BC-CATX',
  place: 'Sa Pa',
  signerAuthority: 'KT. TRƯỞNG CÔNG AN',
  signerTitle: 'PHÓ TRƯỞNG CÔNG AN',
  signerName: 'Nguyễn Văn An',
  addressees: ['Công an tỉnh Lào Cai (PV05)'],
  recipients: ['Công an tỉnh (PV05)', 'Thị ủy, UBND thị xã', 'Lưu: VT'],
};

describe('Sa Pa 2020–2022', () => {
  let b: TestBackend;
  let dir: string;
  beforeAll(async () => {
    dir = makeTempDir('antq-reports-sapa-');
    b = await startBackend(dir);
    await setupSaPaOffice(callOf(b));
    await loadSaPaActivities(callOf(b));
  }, 60_000);
  afterAll(() => {
    b.close();
    removeDir(dir);
  });

  it('copies the header settings into a new report and holds the seed page figures and sentences', async () => {
    const before = await b.call('reports.settings', {});
    expect(before.saved).toBe(false);
    await b.call('reports.saveSettings', { header: HEADER, by: 'Cán bộ tổng hợp' });
    const r = await b.call('reports.create', { kind: 'chuyen_de', ...SAPA_PERIOD, unitId: null });
    expect(r.header).toEqual(HEADER);
    expect(r.title).toBe('Kết quả công tác xây dựng phong trào toàn dân bảo vệ an ninh Tổ quốc giai đoạn 2020 - 2022');
    expect(r.status).toBe('draft');

    const d = await b.call('reports.document', { id: r.id });
    expect(d.figures).toBe('live');
    expect(d.header.issuingBody).toBe('CÔNG AN THỊ XÃ SA PA');
    expect(d.header.date).toBeNull();
    expect(byKey(d, 'sentence.propaganda').runs[0]!.text).toBe(
      'Trong 03 năm qua đã tổ chức tuyên truyền 631 buổi với 51.511 lượt người tham gia; phát 7.159 tờ rơi; ' +
        '285 buổi tuyên truyền trên hệ thống loa truyền thanh với thời lượng 450 phút/buổi, tuyên truyền đến 27.771 quần chúng nhân dân; ' +
        'tuyên truyền trực tiếp đến 22.030 lượt người.',
    );
    expect(textOf(d)).toContain(
      'quần chúng nhân dân đã cung cấp cho lực lượng Công an các cấp 924 nguồn tin, trong đó có 345 nguồn tin có giá trị',
    );

    // The appendix's activity table: a row per commune, adding up to the page's figures.
    const tables = d.appendices[0]!.blocks.flatMap((x) => (x.kind === 'table' ? [x.table] : []));
    expect(tables.map((t) => t.title.slice(0, 7))).toEqual(['Bảng 1.', 'Bảng 2.', 'Bảng 3.']);
    const activity = tables[2]!;
    expect(activity.rows).toHaveLength(16);
    expect(activity.total).toEqual(['', 'Tổng cộng', '631', '51.511', '924', '345']);
    const sum = (col: number) => activity.rows.reduce((a, row) => a + Number(row[col]!.replace(/\./g, '')), 0);
    expect(sum(2)).toBe(631);
    expect(sum(3)).toBe(51_511);

    // The same tables in the workbook, counts as numbers.
    const file = await b.call('reports.exportXlsx', { id: r.id });
    expect(file.fileName).toBe('bao-cao-chuyen-de-2020-2022-thi-xa-sa-pa-phu-luc.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(file.base64, 'base64') as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Bảng 1', 'Bảng 2', 'Bảng 3']);
    const ws = wb.getWorksheet('Bảng 3')!;
    expect(ws.getCell(1, 1).text).toContain('Tuyên truyền, nguồn tin của quần chúng, giai đoạn 2020 - 2022');
    expect(ws.getCell(4, 3).value).toBe('Tuyên truyền');
    expect(ws.getCell(5, 3).value).toBe('Số buổi');
    // "TT" and "Đơn vị" span both header rows; "Tuyên truyền" spans its two columns.
    expect(ws.getCell(5, 1).isMerged && ws.getCell(5, 1).master.address).toBe('A4');
    expect(ws.getCell(5, 2).master.value).toBe('Đơn vị');
    expect(ws.getCell(4, 4).master.address).toBe('C4');
    const last = ws.getRow(ws.rowCount);
    expect(last.getCell(2).value).toBe('Tổng cộng');
    expect(last.getCell(3).value).toBe(631);
    expect(last.getCell(4).value).toBe(51_511);
    expect(last.getCell(5).value).toBe(924);
    expect(last.getCell(6).value).toBe(345);
    expect(ws.rowCount).toBe(5 + 16 + 1);

    // The same document as Word (electron/backend/reports/report-docx.ts): the seed page's sentences.
    const docx = await b.call('reports.exportDocx', { id: r.id });
    expect(docx.fileName).toBe('bao-cao-chuyen-de-2020-2022-thi-xa-sa-pa.docx');
    const xml = documentXml(Buffer.from(docx.base64, 'base64'));
    for (const s of [
      'CÔNG AN THỊ XÃ SA PA',
      'Trong 03 năm qua đã tổ chức tuyên truyền 631 buổi với 51.511 lượt người tham gia',
      'trong đó có 345 nguồn tin có giá trị',
      'Nguyễn Văn An',
    ])
      expect(xml, s).toContain(s);
  });
});

describe('Gia Viễn 2022: edit, flag, issue and freeze', () => {
  let b: TestBackend;
  let dir: string;
  let ids: GiaVienIds;
  beforeAll(async () => {
    dir = makeTempDir('antq-reports-giavien-');
    b = await startBackend(dir);
    ids = await loadGiaVien2022(callOf(b));
  }, 60_000);
  afterAll(() => {
    b.close();
    removeDir(dir);
  });

  const addTip = async () => {
    const commune = [...ids.communes2022.values()][0]!;
    await activityApi(b).save('tips', { ...sampleRecords(commune.id).tips, receivedOn: '2022-06-01' });
  };

  it('stores the written sections and edits, flags an edited sentence when the data changes, freezes at issue', async () => {
    const r = await b.call('reports.create', { kind: 'tong_ket_nam', ...GIA_VIEN_PERIOD, unitId: null });
    expect(r.title).toBe('Tổng kết công tác xây dựng phong trào toàn dân bảo vệ an ninh Tổ quốc năm 2022');
    const d0 = await b.call('reports.document', { id: r.id });
    const tips0 = byKey(d0, 'sentence.tips').runs[0]!.text;
    expect(tips0).toContain('Năm 2022, quần chúng nhân dân đã cung cấp cho lực lượng Công an các cấp 312 nguồn tin');
    expect(textOf(d0)).toContain('đã điều tra giải quyết 49/50 vụ, không để xảy ra trọng án');
    expect(textOf(d0)).toContain('5 tập thể và 6 cá nhân có thành tích xuất sắc');

    const edited = 'Năm 2022, Nhân dân đã cung cấp hàng trăm nguồn tin có giá trị cho lực lượng Công an.';
    await b.call('reports.update', {
      id: r.id,
      sections: {
        dac_diem: 'Địa bàn huyện có 21 xã, thị trấn.\nTình hình an ninh chính trị ổn định.',
        phuong_huong: 'Tiếp tục triển khai.',
      },
      edits: { 'sentence.tips': edited },
    });
    const rows = queryAll(b.backend.databasePath, 'SELECT sections_json, edits_json, status FROM reports');
    const stored = rows[0] as { sections_json: string; edits_json: string };
    expect((JSON.parse(stored.sections_json) as Record<string, string>)['phuong_huong']).toBe('Tiếp tục triển khai.');
    expect((JSON.parse(stored.edits_json) as Record<string, unknown>)['sentence.tips']).toEqual({ text: edited, from: tips0 });

    const d1 = await b.call('reports.document', { id: r.id });
    expect(d1.body.filter((x) => x.kind === 'paragraph' && x.key === 'dac_diem').map((x) => (x as Para).runs[0]!.text)).toEqual([
      'Địa bàn huyện có 21 xã, thị trấn.',
      'Tình hình an ninh chính trị ổn định.',
    ]);
    expect(byKey(d1, 'sentence.tips')).toMatchObject({ origin: 'edited', runs: [{ text: edited }] });
    expect(byKey(d1, 'sentence.tips').stale).toBeUndefined();

    await addTip();
    const d2 = await b.call('reports.document', { id: r.id });
    const flagged = byKey(d2, 'sentence.tips');
    expect(flagged).toMatchObject({ origin: 'edited', stale: true, runs: [{ text: edited }] });
    expect(flagged.generated).toContain('cung cấp cho lực lượng Công an các cấp 313 nguồn tin');

    // Issued: the document and its figures are frozen.
    const issued = await b.call('reports.issue', { id: r.id, date: '2023-01-05', by: 'Trưởng Công an huyện' });
    expect(issued.status).toBe('issued');
    expect(issued.date).toBe('2023-01-05');
    // The audit log's head at issue (the entry before the issue's own), frozen with the report and
    // kept in the Word file's properties (issue 15 item 3).
    const head = (await b.call('audit.list', { limit: 2 })).rows[1]!;
    const headLine = `Nhật ký thao tác đến mục số ${head.seq} (mã ${head.shortHash})`;
    expect(issued.chainHead).toBe(headLine);
    const frozen = await b.call('reports.document', { id: r.id });
    expect(frozen.figures).toBe('frozen');
    expect(frozen.header.date).toBe('2023-01-05');
    const xlsxBefore = await b.call('reports.exportXlsx', { id: r.id });

    // The issued report as Word: the Gia Viễn seed page's figures and sentences, the date in the header.
    const docxBefore = await b.call('reports.exportDocx', { id: r.id });
    const giaVienXml = documentXml(Buffer.from(docxBefore.base64, 'base64'));
    for (const s of ['đã điều tra giải quyết 49/50 vụ, không để xảy ra trọng án', '5 tập thể và 6 cá nhân có thành tích xuất sắc', edited])
      expect(giaVienXml, s).toContain(s);
    expect(giaVienXml).toContain('ngày 05 tháng 01 năm 2023');
    expect(zipEntryText(Buffer.from(docxBefore.base64, 'base64'), 'docprops/core.xml')).toContain(headLine);

    await addTip();
    expect(await b.call('reports.document', { id: r.id })).toEqual(frozen);
    expect((await b.call('reports.exportXlsx', { id: r.id })).base64).toBe(xlsxBefore.base64);
    expect(documentXml(Buffer.from((await b.call('reports.exportDocx', { id: r.id })).base64, 'base64'))).toBe(giaVienXml);
    // A new draft of the same period sees the new record.
    const other = await b.call('reports.create', { kind: 'tong_ket_nam', ...GIA_VIEN_PERIOD, unitId: null });
    const live = await b.call('reports.document', { id: other.id });
    expect(byKey(live, 'sentence.tips').runs[0]!.text).toContain('các cấp 314 nguồn tin');
    // Frozen as it was at issue: the edit, and beside it the sentence of the data of that day.
    expect(byKey(frozen, 'sentence.tips')).toMatchObject({ runs: [{ text: edited }], stale: true });
    expect(byKey(frozen, 'sentence.tips').generated).toContain('các cấp 313 nguồn tin');

    // Every change of an issued report is refused and changes nothing.
    const db = dumpDatabase(b.backend.databasePath);
    for (const [method, input] of [
      ['reports.update', { id: r.id, sections: { uu_diem: 'x' } }],
      ['reports.delete', { id: r.id }],
      ['reports.issue', { id: r.id, date: '2023-01-06' }],
    ] as const) {
      const e = await b.fail(method, input);
      expect(isVietnameseMessage(e.message), e.message).toBe(true);
      expect(e.code).toBe('RULE');
    }
    expect(dumpDatabase(b.backend.databasePath)).toEqual(db);
  });

  it('returns an edit to the generated text, deletes a draft, refuses a bad period', async () => {
    const r = await b.call('reports.create', { kind: 'so_ket_6_thang', from: '2022-01-01', to: '2022-06-30', unitId: null });
    expect(r.title).toBe('Sơ kết công tác xây dựng phong trào toàn dân bảo vệ an ninh Tổ quốc 6 tháng đầu năm 2022');
    await b.call('reports.update', { id: r.id, edits: { 'sentence.awards': 'Câu đã sửa.' } });
    expect(Object.keys((await b.call('reports.get', { id: r.id })).edits)).toEqual(['sentence.awards']);
    await b.call('reports.update', { id: r.id, edits: { 'sentence.awards': null } });
    expect((await b.call('reports.get', { id: r.id })).edits).toEqual({});
    await b.call('reports.delete', { id: r.id });
    expect((await b.call('reports.list', {})).some((x) => x.id === r.id)).toBe(false);

    const db = dumpDatabase(b.backend.databasePath);
    const e = await b.fail('reports.create', { kind: 'tong_ket_nam', from: '2022-12-31', to: '2022-01-01', unitId: null });
    expect(e.message).toContain('không được trước ngày đầu kỳ');
    const e2 = await b.fail('reports.update', { id: r.id, edits: { 'sentence.khong_co': 'x' } });
    expect(isVietnameseMessage(e2.message)).toBe(true);
    expect(dumpDatabase(b.backend.databasePath)).toEqual(db);
  });
});
