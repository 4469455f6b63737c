/**
 * Verdicts an officer can trust (issue 9), through the UI: an incident's excuse offers only the
 * grounds Circular 124 allows for its category, and a wrong ground in old data is ignored with the
 * reason said in the criterion; a commune with no residential area recorded is "thiếu dữ liệu" for
 * XA-4, never "không áp dụng"; the incident statistics are complete per group. Each flow checks
 * what the officer sees and what the database holds.
 */
import BetterSqlite3 from 'better-sqlite3';
import path from 'node:path';
import { test, expect, type DbReader } from './support/fixtures';
import type { RunningHost } from './support/host';
import { apiOf, setupGiaVien } from './support/api';
import type { Method } from '../../shared/ipc/contract';
import { ActivitiesPage } from './pages/ActivitiesPage';
import { EvaluationPage } from './pages/EvaluationPage';

const UNIT = 'Đơn vị (xã, khu dân cư)';
const GIA_HUNG = { pick: /Xã Gia Hưng$/, typed: 'gia hung' } as const;

const unitId = (db: DbReader, name: string) =>
  db.get<{ id: string }>('SELECT id FROM units WHERE name = ? AND deleted_at IS NULL', name)!.id;

async function api<T = unknown>(host: RunningHost, method: string, input: unknown): Promise<T> {
  const r = await apiOf(host).result(method as Method, input);
  if (!r.ok) throw new Error(`${method}: ${JSON.stringify(r.error)}`);
  return r.value as T;
}

test.beforeEach(async ({ host, page }) => {
  await setupGiaVien(host);
  await page.goto(host.url);
});

test('an incident offers only the excuse grounds its category allows; a wrong ground in old data is ignored and said so', async ({
  page,
  db,
  host,
}) => {
  const act = new ActivitiesPage(page);
  await act.open();
  await act.tab('Thống kê tình hình ANTT');
  const d = await act.openAdd('dòng thống kê');
  const excuse = d.getByRole('combobox', { name: 'Căn cứ loại trừ', exact: true });

  // A fire: force majeure only.
  await act.fill(d, { 'Loại vụ việc': { pick: 'Cháy, nổ nghiêm trọng', typed: 'chay no' } });
  await excuse.click();
  await expect(page.getByRole('option')).toHaveText(['Bất khả kháng']);
  await page.keyboard.press('Escape');

  // A serious crime: detected, handled and reported in time only.
  await act.fill(d, { 'Loại vụ việc': { pick: 'Tội phạm nghiêm trọng', typed: 'toi pham nghiem trong' } });
  await excuse.click();
  await expect(page.getByRole('option')).toHaveText(['Đã phát hiện, xử lý, báo cáo kịp thời']);
  await page.getByRole('option', { name: 'Đã phát hiện, xử lý, báo cáo kịp thời' }).click();
  await act.fill(d, {
    'Ngày xảy ra': { date: '10/06/2026' },
    [UNIT]: GIA_HUNG,
    'Mô tả': { text: 'Cướp giật tài sản tại chợ' },
    'Lý do loại trừ': { text: 'Bắt giữ đối tượng ngay trong ngày' },
    'Người xác nhận loại trừ': { text: 'Trưởng Công an xã Gia Hưng' },
    'Ngày xác nhận': { date: '11/06/2026' },
  });
  await act.save(d);
  await expect(d).toBeHidden();
  const stored = db.get<{ id: string; category: string; excuse: string }>(
    "SELECT id, category, excuse FROM incidents WHERE description = 'Cướp giật tài sản tại chợ'",
  );
  expect(stored).toMatchObject({ category: 'toi_pham_nghiem_trong', excuse: 'xu_ly_kip_thoi' });

  // The backend refuses the wrong ground too, whoever calls it.
  const refused = await apiOf(host).result('activities.save', {
    kind: 'incidents',
    id: null,
    record: {
      occurredOn: '2026-06-12',
      unitId: unitId(db, 'Xã Gia Hưng'),
      organizationId: null,
      category: 'toi_pham_nghiem_trong',
      count: 1,
      solved: 0,
      deaths: 0,
      injuries: 0,
      description: null,
      excuse: 'bat_kha_khang',
      excuseReason: 'Mưa bão',
      excuseApprovedBy: 'A',
      excuseApprovedOn: '2026-06-12',
      note: null,
    },
  });
  expect(refused.ok).toBe(false);

  // Excused in time: XA-2.4b passes for the commune, citing the excuse.
  const ev = new EvaluationPage(page);
  await ev.open();
  await ev.category('Xã, phường, thị trấn');
  await ev.openSubject('Xã Gia Hưng');
  await expect(ev.cell('XA-2.4b', 'verdict')).toHaveText(/^Đạt/);
  await expect(ev.cell('XA-2.4b', 'threshold')).toHaveText('Không để xảy ra (trừ trường hợp đã phát hiện, xử lý, báo cáo kịp thời)');
  await ev.closeSubject();

  // Old data: the same row stored with "bất khả kháng" before the rule was enforced.
  const writer = new BetterSqlite3(path.join(host.dataDir, 'antq.db'));
  try {
    writer.prepare("UPDATE incidents SET excuse = 'bat_kha_khang' WHERE id = ?").run(stored!.id);
  } finally {
    writer.close();
  }
  await page.reload();
  await ev.open();
  await ev.category('Xã, phường, thị trấn');
  await ev.openSubject('Xã Gia Hưng');
  await expect(ev.cell('XA-2.4b', 'verdict')).toHaveText(/^Không đạt/);
  await expect(ev.cell('XA-2.4b', 'criterion')).toContainText(
    'Không tính căn cứ loại trừ "bất khả kháng" ghi cho tội phạm nghiêm trọng (1 vụ, Trưởng Công an xã Gia Hưng xác nhận ngày 11/06/2026): theo Thông tư 124, tội phạm nghiêm trọng chỉ được loại trừ khi đã phát hiện, xử lý, báo cáo kịp thời.',
  );
  expect(db.get('SELECT excuse FROM incidents WHERE id = ?', stored!.id)).toEqual({ excuse: 'bat_kha_khang' });
});

test('a commune with no residential area recorded is "thiếu dữ liệu" for XA-4, never "không áp dụng"', async ({ page, db, host }) => {
  const hoa = unitId(db, 'Xã Gia Hòa');
  expect(
    db.get<{ n: number }>("SELECT count(*) AS n FROM units WHERE parent_id = ? AND level = 'khu_dan_cu' AND deleted_at IS NULL", hoa),
  ).toEqual({ n: 0 });
  const ev = new EvaluationPage(page);
  await ev.open();
  await ev.category('Xã, phường, thị trấn');
  await ev.openSubject('Xã Gia Hòa');
  for (const id of ['XA-4a', 'XA-4b']) {
    await expect(ev.cell(id, 'verdict')).toHaveText(/^Thiếu dữ liệu/);
    await expect(ev.cell(id, 'value')).toHaveText('Chưa có khu dân cư nào');
    await expect(ev.cell(id, 'criterion')).toContainText('Thiếu dữ liệu: chưa có khu dân cư nào thuộc xã');
  }
  await expect(ev.criteria()).not.toContainText('Không áp dụng: số đơn vị thuộc diện đăng ký bằng 0');
  await ev.closeSubject();

  // One hamlet recorded, not registered: XA-4a is now decided (0/1) from the records.
  await api(host, 'units.create', { parentId: hoa, name: 'Thôn Đoài', kind: 'thon', code: null, validFrom: '2020-01-01' });
  await page.reload();
  await ev.open();
  await ev.category('Xã, phường, thị trấn');
  await ev.openSubject('Xã Gia Hòa');
  await expect(ev.cell('XA-4a', 'verdict')).toHaveText(/^Không đạt/);
  await expect(ev.cell('XA-4a', 'value')).toHaveText('0/1 (0,0%)');
  await expect(ev.cell('XA-4a', 'criterion')).toContainText('Chưa đăng ký: Thôn Đoài.');
});

test('incident statistics are complete per group: a declared group passes, an undeclared one is missing data', async ({
  page,
  db,
  host,
}) => {
  const hoa = unitId(db, 'Xã Gia Hòa');
  await api(host, 'units.create', { parentId: hoa, name: 'Thôn Đông', kind: 'thon', code: null, validFrom: '2020-01-01' });
  const thon = unitId(db, 'Thôn Đông');
  const ev = new EvaluationPage(page);
  await ev.open();
  await ev.category('Khu dân cư');
  await ev.openSubject('Thôn Đông');
  await expect(ev.completenessGroup('Vụ việc về an ninh')).toContainText('chưa có bản ghi, chưa xác nhận — thiếu dữ liệu');
  await expect(ev.cell('KDC-3a', 'verdict')).toHaveText(/^Thiếu dữ liệu/);
  await expect(ev.cell('KDC-3a', 'criterion')).toContainText('Thiếu dữ liệu: thống kê nhóm "Vụ việc về an ninh" kỳ 01/11/2025–31/10/2026');

  await ev.declareComplete(2026, ['Vụ việc về an ninh'], 'Lê Thị Cúc');
  await expect(ev.completenessGroup('Vụ việc về an ninh')).toContainText('đã nhập đủ (Lê Thị Cúc xác nhận ngày 22/11/2026)');
  await expect(ev.cell('KDC-3a', 'verdict')).toHaveText(/^Đạt/);
  await expect(ev.cell('KDC-3a', 'sources')).toContainText('Lê Thị Cúc');
  // Crimes were not declared: still missing, not zero.
  await expect(ev.cell('KDC-4b', 'verdict')).toHaveText(/^Thiếu dữ liệu/);
  expect(
    db.all(
      'SELECT group_code, declared_by, declared_on FROM incident_stats_declarations WHERE subject_id = ? AND year = 2026 AND deleted_at IS NULL',
      thon,
    ),
  ).toEqual([{ group_code: 'an_ninh', declared_by: 'Lê Thị Cúc', declared_on: '2026-11-22' }]);
});
