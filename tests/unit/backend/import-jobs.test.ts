/**
 * Issue 16 item 3 for the Excel import: the preview and the commit run as jobs (jobId in their
 * input) that check the file in slices, so the host answers other calls meanwhile and reports how
 * far the check got; a commit cancelled before its write transaction writes nothing. The commit
 * takes the preview's result when nothing was written since, and checks again when something was.
 */
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import type { UnitDto } from '../../../shared/ipc/contract';
import { ACTIVITY_FIELDS } from '../../../shared/domain/activities';
import { startBackend, type TestBackend } from '../../support/backend';
import { useTempDir } from '../../support/temp-dir';
import { dumpDatabase, queryAll } from '../../support/sqlite';
import { activityApi, sampleRecords, setupGiaVien } from './activities-records';
import { propagandaSheet, type Cell } from '../../support/propaganda-sheet';

const START = '2026-11-22T03:00:00.000Z';
const tmp = useTempDir('antq-import-jobs-');

let t: TestBackend;
let hoa: UnitDto;

beforeEach(async () => {
  t = await startBackend(tmp.path(), START);
  const unit = await setupGiaVien(t);
  hoa = unit('Xã Gia Hòa');
});
afterEach(() => t.close());

const dump = () => dumpDatabase(t.backend.databasePath);
const turn = () => new Promise((resolve) => setImmediate(resolve));

describe('an import as a job', () => {
  it('answers other calls and reports rows checked while the preview runs', async () => {
    const file = await propagandaSheet(4000);
    const jobId = randomUUID();
    let done = false;
    const preview = t.call('xlsx.preview', { registry: 'propaganda', fileBase64: file, jobId }).finally(() => (done = true));
    const labels = new Set<string>();
    let answered = 0;
    while (!done) {
      const p = await t.call('jobs.progress', { jobId });
      if (!done) answered++;
      if (p) labels.add(p.label);
      await turn();
    }
    expect((await preview).counts).toEqual({ new: 4000, update: 0, unchanged: 0, error: 0 });
    // Answered while the file was being checked, with counts of rows as they went.
    expect(answered).toBeGreaterThan(1);
    expect([...labels].some((l) => /^Đã kiểm tra \d[\d.]*\/4\.000 dòng$/.test(l))).toBe(true);
    const last = await t.call('jobs.progress', { jobId });
    expect(last).toMatchObject({ finished: true, cancelled: false });
  }, 120_000);

  it('writes nothing when the commit is cancelled before its transaction', async () => {
    const file = await propagandaSheet(4000);
    const before = dump();
    const jobId = randomUUID();
    const commit = t.send('xlsx.commit', { registry: 'propaganda', fileBase64: file, jobId });
    // Cancel as soon as the job is known to the host (it is checking the file by then).
    while ((await t.call('jobs.progress', { jobId })) === null) await turn();
    expect(await t.call('jobs.cancel', { jobId })).toEqual({ cancelled: true });
    const result = await commit;
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error.code).toBe('CANCELLED');
    expect(!result.ok && result.error.message).toBe('Đã hủy thao tác. Dữ liệu không thay đổi.');
    expect(dump()).toEqual(before);
    expect(queryAll(t.backend.databasePath, 'SELECT count(*) AS n FROM propaganda_sessions')).toEqual([{ n: 0 }]);
    // The same file imports whole afterwards.
    expect(await t.call('xlsx.commit', { registry: 'propaganda', fileBase64: file })).toMatchObject({ created: 4000, updated: 0 });
  }, 120_000);
});

describe('the commit after a preview', () => {
  it('checks the file again when a record was saved since the preview', async () => {
    const api = activityApi(t);
    const record = { ...sampleRecords(hoa.id).propaganda, venue: null, leaflets: 0, posts: 0, commitments: 0 };
    const headers = ['Mã bản ghi', ...ACTIVITY_FIELDS.propaganda.map((f) => f.label)];
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Dữ liệu');
    ws.addRow(headers);
    const row: Record<string, Cell> = {
      Ngày: '10/03/2026',
      'Đơn vị (xã, khu dân cư)': 'Xã Gia Hòa',
      'Loại buổi': 'Tuyên truyền',
      'Hình thức': 'Trực tiếp',
      'Nội dung, chủ đề': record.topic,
      'Lượt người': record.attendance,
    };
    ws.addRow(headers.map((h) => row[h] ?? null));
    const file = Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');

    expect((await t.call('xlsx.preview', { registry: 'propaganda', fileBase64: file })).counts.new).toBe(1);
    // The same record entered on screen after the preview: the commit must see it.
    await api.save('propaganda', record);
    expect(await t.call('xlsx.commit', { registry: 'propaganda', fileBase64: file })).toEqual({ created: 0, updated: 0, unchanged: 1 });
    expect(await api.list('propaganda')).toHaveLength(1);
  });

  it('takes the preview as checked when nothing changed, and writes what it showed', async () => {
    const file = await propagandaSheet(30);
    const preview = await t.call('xlsx.preview', { registry: 'propaganda', fileBase64: file });
    expect(preview.counts.new).toBe(30);
    expect(await t.call('xlsx.commit', { registry: 'propaganda', fileBase64: file })).toMatchObject({ created: 30 });
    // Written once: a second commit of the same file checks afresh and finds every row stored.
    expect(await t.call('xlsx.commit', { registry: 'propaganda', fileBase64: file })).toMatchObject({ created: 0, unchanged: 30 });
  });
});
