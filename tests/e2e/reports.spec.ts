/**
 * "Báo cáo" end to end on the Sa Pa fixture (seed: three years of Conclusion 44): the office's
 * header fields, a new report, a written section saved in the database, an edited sentence marked
 * "đã sửa" and flagged "số liệu đã thay đổi" with the new text when a record is added, the appendix
 * as XLSX (read back with exceljs), the document as DOCX (its XML read), the print view as PDF (its text read with pdftotext: header
 * texts and figures, no page number on page 1, "2" on page 2), issuing (frozen, read-only).
 * Screenshots of the editor and the print view at 1366×768.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { test, expect } from './support/fixtures';
import { apiOf } from './support/api';
import type { RunningHost } from './support/host';
import type { Method } from '../../shared/ipc/contract';
import { ReportsPage } from './pages/ReportsPage';
import { loadSaPa } from '../fixtures/sapa';
import { loadSaPaActivities, type Call } from '../fixtures/activity-seeds';

const callOf =
  (host: RunningHost): Call =>
  (m, i) =>
    apiOf(host).result(m as Method, i);

const PROPAGANDA = '1. Công tác tuyên truyền, vận động';

function pdfText(file: string, page?: number): string {
  const range = page === undefined ? [] : ['-f', String(page), '-l', String(page)];
  return execFileSync('pdftotext', ['-layout', ...range, file, '-'], { encoding: 'utf8' });
}

test('build a report, write and edit it, export DOCX, XLSX and PDF, issue it', async ({ page, host, db }) => {
  test.setTimeout(180_000);
  await loadSaPa(host);
  await loadSaPaActivities(callOf(host));
  // window.print opens the browser's dialog in a person's browser; here it is counted instead.
  await page.addInitScript(() => {
    (window as unknown as { printed: number }).printed = 0;
    window.print = () => {
      (window as unknown as { printed: number }).printed++;
    };
  });
  const p = new ReportsPage(page);
  await page.goto(host.url);
  await p.open();

  await p.saveSettings({
    'Cơ quan chủ quản (chữ in hoa)': 'CÔNG AN TỈNH LÀO CAI',
    'Cơ quan ban hành (chữ in hoa)': 'CÔNG AN THỊ XÃ SA PA',
    'Ký hiệu': 'BC-CATX',
    'Địa danh': 'Sa Pa',
    'Chức vụ người ký': 'TRƯỞNG CÔNG AN THỊ XÃ',
    'Họ tên người ký': 'Nguyễn Văn An',
  });
  const settings = db.get<{ header_json: string }>('SELECT header_json FROM report_settings');
  expect(JSON.parse(settings!.header_json)).toMatchObject({ issuingBody: 'CÔNG AN THỊ XÃ SA PA', place: 'Sa Pa' });

  await p.create('Chuyên đề', '01/01/2020', '31/12/2022');
  await expect(p.state()).toContainText('Dự thảo');
  await expect(p.sentence(PROPAGANDA).getByTestId('sentence-text')).toHaveText(
    'Trong 03 năm qua đã tổ chức tuyên truyền 631 buổi với 51.511 lượt người tham gia; phát 7.159 tờ rơi; ' +
      '285 buổi tuyên truyền trên hệ thống loa truyền thanh với thời lượng 450 phút/buổi, tuyên truyền đến 27.771 quần chúng nhân dân; ' +
      'tuyên truyền trực tiếp đến 22.030 lượt người.',
  );
  const row = () => db.get<{ id: string; sections_json: string; edits_json: string; status: string }>('SELECT * FROM reports')!;
  expect(JSON.parse(row().sections_json)).toEqual({});

  // A written section, saved with the report.
  const situation = 'Thị xã Sa Pa có 16 xã, phường; tình hình an ninh chính trị ổn định.';
  await p.writeSection('Đặc điểm tình hình', situation);
  expect(JSON.parse(row().sections_json)).toEqual({ dac_diem: situation });

  // An edited sentence, then a new record: the edit stays, flagged, with the new text beside it.
  const mine = 'Trong 03 năm qua đã tổ chức hơn 600 buổi tuyên truyền với trên 51.000 lượt người tham gia.';
  await p.editSentence(PROPAGANDA, mine);
  expect((JSON.parse(row().edits_json) as Record<string, { text: string }>)['sentence.propaganda']!.text).toBe(mine);
  const units = await apiOf(host).call('units.list', { includeEnded: false });
  const commune = units.find((u) => u.level === 'xa')!;
  await apiOf(host).call('activities.save', {
    kind: 'propaganda',
    id: null,
    record: {
      date: '2022-06-10',
      unitId: commune.id,
      organizationId: null,
      purpose: 'tuyen_truyen',
      form: 'truc_tiep',
      topic: 'Phòng, chống ma túy',
      venue: 'Nhà văn hóa',
      attendance: 100,
      leaflets: 0,
      loudspeakerMinutes: 0,
      posts: 0,
      newsletters: 0,
      commitments: 0,
      note: null,
    },
  } as never);
  await page.reload();
  await p.open();
  await page.getByRole('row', { name: /giai đoạn 2020 - 2022/ }).click();
  const flagged = p.sentence(PROPAGANDA);
  await expect(flagged.getByText('đã sửa', { exact: true })).toBeVisible();
  await expect(flagged.getByText('số liệu đã thay đổi', { exact: true })).toBeVisible();
  await expect(flagged.getByTestId('sentence-text')).toHaveText(mine);
  await expect(flagged.getByTestId('sentence-new')).toContainText('tuyên truyền 632 buổi với 51.611 lượt người tham gia');
  await expect(p.written('Đặc điểm tình hình').getByRole('textbox')).toHaveValue(situation);
  await flagged.scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'screenshots/reports-editor.png' });

  // The appendix tables as XLSX.
  const xlsx = await p.exportXlsx();
  expect(xlsx.suggestedFilename()).toBe('bao-cao-chuyen-de-2020-2022-thi-xa-sa-pa-phu-luc.xlsx');
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(await xlsx.path());
  const sheet = wb.getWorksheet('Bảng 3')!;
  const total = sheet.getRow(sheet.rowCount);
  expect([total.getCell(2).value, total.getCell(3).value, total.getCell(4).value, total.getCell(5).value]).toEqual([
    'Tổng cộng',
    632,
    51_611,
    924,
  ]);

  // The document as Word: its XML holds the header, the written and edited texts and the new figures.
  const docx = await p.exportDocx();
  expect(docx.suggestedFilename()).toBe('bao-cao-chuyen-de-2020-2022-thi-xa-sa-pa.docx');
  const xml = execFileSync('unzip', ['-p', await docx.path(), 'word/document.xml'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const words = [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('');
  for (const s of ['CÔNG AN THỊ XÃ SA PA', 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', situation, mine, '51.611', 'Nguyễn Văn An'])
    expect(words, s).toContain(s);
  expect(words).not.toContain('số liệu đã thay đổi');

  // The print view and its PDF.
  await p.openPrintView();
  const view = p.printView();
  await expect(view.getByText('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM')).toBeVisible();
  await expect(view.getByTestId('report-document')).toContainText(/Số:\s+\/BC-CATX/);
  await page.screenshot({ path: 'screenshots/reports-print-view.png' });
  await view.getByRole('button', { name: 'Xuất PDF' }).click();
  await expect(view.getByText(/Lưu dưới dạng PDF/)).toBeVisible();
  expect(await page.evaluate(() => (window as unknown as { printed: number }).printed)).toBe(1);
  // What the browser's "Save as PDF" writes: Chromium's PDF of the same page with its print stylesheet.
  const pdfFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'antq-report-pdf-')), 'bao-cao.pdf');
  await page.pdf({ path: pdfFile, preferCSSPageSize: true, printBackground: true });
  const text = pdfText(pdfFile).replace(/\s+/g, ' ');
  for (const s of [
    'CÔNG AN TỈNH LÀO CAI',
    'CÔNG AN THỊ XÃ SA PA',
    'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
    'Độc lập - Tự do - Hạnh phúc',
    'BÁO CÁO',
    'Kết quả công tác xây dựng phong trào toàn dân bảo vệ an ninh Tổ quốc giai đoạn 2020 - 2022',
    situation,
    mine,
    '924 nguồn tin, trong đó có 345 nguồn tin có giá trị',
    'Nơi nhận:',
    'Nguyễn Văn An',
    'SỐ LIỆU CHI TIẾT THEO ĐƠN VỊ',
    '51.611',
  ])
    expect(text, s).toContain(s);
  expect(text).not.toContain('số liệu đã thay đổi');
  const fonts = execFileSync('pdffonts', [pdfFile], { encoding: 'utf8' });
  expect(fonts).toMatch(/LiberationSerif|TimesNewRoman/);
  const page1 = pdfText(pdfFile, 1)
    .split('\n')
    .filter((l) => l.trim() !== '');
  const page2 = pdfText(pdfFile, 2)
    .split('\n')
    .filter((l) => l.trim() !== '');
  expect(page1[0]!.trim()).not.toMatch(/^\d+$/);
  expect(page2[0]!.trim()).toBe('2');
  await view.getByRole('button', { name: 'Đóng bản in' }).click();

  // Issue: frozen, read-only.
  await p.issue('20/12/2022');
  await expect(p.state()).toContainText('Báo cáo đã ban hành ngày 20/12/2022');
  await expect(page.getByRole('button', { name: 'Ban hành', exact: true })).toHaveCount(0);
  await expect(p.written('Đặc điểm tình hình').getByRole('textbox')).toHaveAttribute('readonly', '');
  await expect(p.sentence(PROPAGANDA).getByRole('button', { name: 'Sửa câu' })).toHaveCount(0);
  const issued = row();
  expect(issued.status).toBe('issued');
  const frozen = db.get<{ document_json: string; document_date: string }>('SELECT document_json, document_date FROM reports')!;
  expect(frozen.document_date).toBe('2022-12-20');
  expect(frozen.document_json).toContain(mine);
});
