/**
 * The 2025 transition year and the sealed frozen year, through the UI: a commune formed on
 * 01/07/2025 is on the board instead of the two communes it replaced and is judged on their Q1
 * documents ("kế thừa từ …"); a registration dated before it existed is refused naming them. A
 * frozen result forged in the database file shows as "Không xác định" on the board and in its
 * counts. Every flow checks the screen and the database.
 */
import BetterSqlite3 from 'better-sqlite3';
import path from 'node:path';
import { test, expect, type DbReader } from './support/fixtures';
import type { RunningHost } from './support/host';
import { apiOf, setupGiaVien } from './support/api';
import type { Method } from '../../shared/ipc/contract';
import { EvaluationPage } from './pages/EvaluationPage';

async function api<T = unknown>(host: RunningHost, method: string, input: unknown): Promise<T> {
  const r = await apiOf(host).result(method as Method, input);
  if (!r.ok) throw new Error(`${method}: ${JSON.stringify(r.error)}`);
  return r.value as T;
}

const unitId = (db: DbReader, name: string) =>
  db.get<{ id: string }>('SELECT id FROM units WHERE name = ? AND deleted_at IS NULL', name)!.id;

const REGISTRATION = {
  subjectType: 'unit',
  year: 2025,
  resolutionForm: 'chuyen_de_rieng',
  householdsRegistered: null,
  staffBriefed: null,
  staffTotal: null,
  departmentsGood: null,
  departmentsTotal: null,
  note: null,
};

test.beforeEach(async ({ host, page }) => {
  await setupGiaVien(host);
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.goto(host.url);
});

test('a commune formed on 01/07/2025 replaces its predecessors on the board and is judged on their Q1 documents', async ({
  page,
  host,
  db,
}) => {
  const hoa = unitId(db, 'Xã Gia Hòa');
  const hung = unitId(db, 'Xã Gia Hưng');
  // Both communes registered in Q1, before the reorganisation.
  await api(host, 'evaluation.register', {
    ...REGISTRATION,
    subjectId: hoa,
    registeredOn: '2025-02-15',
    resolutionNumber: '05-NQ/ĐU',
    resolutionDate: '2025-01-20',
    planNumber: '12/KH',
    planDate: '2025-02-10',
  });
  await api(host, 'evaluation.register', {
    ...REGISTRATION,
    subjectId: hung,
    registeredOn: '2025-03-05',
    resolutionNumber: '07-NQ/ĐU',
    resolutionDate: '2025-01-28',
    planNumber: '15/KH',
    planDate: '2025-02-20',
  });
  await api(host, 'units.merge', {
    unitIds: [hoa, hung],
    effectiveDate: '2025-07-01',
    reason: 'Sắp xếp đơn vị hành chính cấp xã năm 2025',
    successor: { mode: 'new', name: 'Xã Hòa Hưng', kind: 'xa', code: null },
    note: null,
  });
  const successor = unitId(db, 'Xã Hòa Hưng');

  const ev = new EvaluationPage(page);
  await ev.open();
  await ev.selectYear(2025);
  await ev.category('Xã, phường, thị trấn');
  await expect(ev.row('Xã Hòa Hưng')).toContainText('kế thừa từ Xã Gia Hòa, Xã Gia Hưng');
  await expect(ev.row('Xã Gia Hòa')).toHaveCount(0);
  await expect(ev.row('Xã Gia Hưng')).toHaveCount(0);
  await expect(ev.rows()).toHaveCount(17);
  await expect(ev.counts()).toContainText('1/17 xã, phường, thị trấn đã đăng ký phấn đấu');

  const drawer = await ev.openSubject('Xã Hòa Hưng');
  await expect(drawer).toContainText('đăng ký và hồ sơ quý I kế thừa từ Xã Gia Hòa, Xã Gia Hưng');
  await expect(ev.cell('XA-1a', 'verdict')).toHaveText(/^Đạt/);
  await expect(ev.cell('XA-1a', 'sources')).toContainText('Nghị quyết kế thừa từ Xã Gia Hòa, Xã Gia Hưng');
  await expect(ev.cell('XA-1a', 'value')).toContainText('28/01/2025');
  await expect(ev.cell('XA-1b', 'verdict')).toHaveText(/^Đạt/);
  await expect(ev.cell('XA-1b', 'sources')).toContainText('Xã Gia Hưng: số 15/KH ngày 20/02/2025');

  // A registration dated before the commune existed is refused, naming the communes to use.
  const form = drawer.getByRole('form', { name: 'Đăng ký phấn đấu đạt tiêu chuẩn "An toàn về an ninh, trật tự"' });
  await ev.fillDate(form, 'Ngày đăng ký', '15/02/2025');
  await form.getByRole('button', { name: 'Ghi nhận đăng ký' }).click();
  await expect(form).toContainText(
    'trước ngày Xã Hòa Hưng bắt đầu hoạt động (01/07/2025). Hồ sơ trước ngày đó thuộc về "Xã Gia Hòa", "Xã Gia Hưng"',
  );
  expect(db.get('SELECT count(*) AS n FROM evaluation_registrations WHERE subject_id = ?', successor)).toEqual({ n: 0 });
  // The documents stay on the communes that made them.
  expect(
    db.all('SELECT subject_id, resolution_date FROM evaluation_registrations WHERE deleted_at IS NULL ORDER BY registered_on'),
  ).toEqual([
    { subject_id: hoa, resolution_date: '2025-01-20' },
    { subject_id: hung, resolution_date: '2025-01-28' },
  ]);
  expect(db.get('SELECT valid_to FROM units WHERE id = ?', hoa)).toEqual({ valid_to: '2025-06-30' });
});

test('a frozen result forged in the database file shows as "Không xác định" on the board and in its counts', async ({ page, host, db }) => {
  const hoa = unitId(db, 'Xã Gia Hòa');
  await api(host, 'units.create', { parentId: hoa, name: 'Thôn Đông', kind: 'thon', code: null, validFrom: '2020-01-01' });
  const thon = unitId(db, 'Thôn Đông');
  await api(host, 'evaluation.freeze', { year: 2025, by: 'Phạm Văn Dũng', note: null });
  expect(db.get<{ overall: string }>('SELECT overall FROM evaluation_frozen_results WHERE subject_id = ?', thon)!.overall).not.toBe('dat');
  expect(db.get<{ n: number }>('SELECT count(*) AS n FROM evaluation_seal_ledger WHERE mac IS NOT NULL')).toEqual({ n: 1 });

  // Someone with an SQLite tool turns the frozen result into "đạt".
  const w = new BetterSqlite3(path.join(host.dataDir, 'antq.db'));
  const row = w.prepare('SELECT content FROM evaluation_frozen_results WHERE subject_id = ?').get(thon) as { content: string };
  const forged = JSON.parse(row.content) as { result: { overall: string } };
  forged.result.overall = 'dat';
  w.prepare("UPDATE evaluation_frozen_results SET overall = 'dat', content = ? WHERE subject_id = ?").run(JSON.stringify(forged), thon);
  w.close();

  const ev = new EvaluationPage(page);
  await ev.open();
  await ev.selectYear(2025);
  await ev.category('Khu dân cư');
  await expect(ev.row('Thôn Đông').getByTestId('frozen-unknown')).toHaveText('Không xác định — dữ liệu đã chốt bị sửa');
  await expect(ev.counts()).toContainText('0/1 khu dân cư đạt tiêu chuẩn "An toàn về an ninh, trật tự" theo kết quả đã chốt');
  await expect(ev.counts()).toContainText('1/1 khu dân cư không xác định được kết quả đã chốt');
  await expect(page.getByRole('alert').filter({ hasText: 'Thôn Đông bị sửa ngoài phần mềm' })).toBeVisible();
  // The forged value is still in the file; the app does not count it.
  expect(db.get('SELECT overall FROM evaluation_frozen_results WHERE subject_id = ?', thon)).toEqual({ overall: 'dat' });
});
