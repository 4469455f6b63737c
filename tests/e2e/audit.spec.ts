/**
 * "Nhật ký thao tác" end to end (issue 15 item 3): a change made, listed with who and which method
 * on the screen and in the file; the view of a tip's informant listed; filters; the export; one
 * audit row edited directly in the file (its trigger dropped) and the check naming that entry.
 */
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { test, expect } from './support/fixtures';
import { ADMIN } from './support/accounts';
import { apiOf, setupGiaVien } from './support/api';
import { AuditPage } from './pages/AuditPage';
import { organizationInput } from '../support/offices';

test('a change listed with who and what, the informant view listed, an edited entry named by the check', async ({ page, host, db }) => {
  await setupGiaVien(host);
  const api = apiOf(host);
  const hoa = (await api.call('units.list', { includeEnded: true })).find((u) => u.name === 'Xã Gia Hòa')!;
  const org = await api.call('organizations.create', organizationInput(hoa.id, 'Trường THCS Gia Hòa'));
  const tip = await api.call('activities.save', {
    kind: 'tips',
    id: null,
    record: {
      receivedOn: '2026-04-02',
      unitId: hoa.id,
      channel: 'dien_thoai',
      category: 'toi_pham',
      legalType: 'to_giac',
      valuable: true,
      summary: 'Tố giác nhóm đối tượng trộm cắp xe máy',
      status: 'dang_xu_ly',
      outcome: null,
      resolvedOn: null,
      extensions: 0,
      criminalCases: 0,
      administrativeCases: 0,
      personsHandled: 0,
      wantedArrested: 0,
      wantedSurrendered: 0,
      weapons: 0,
      ammunition: 0,
      explosivesKg: 0,
      supportTools: 0,
      assetsValue: 0,
      note: null,
    },
  });
  await api.call('tips.setInformant', {
    tipId: tip.row.id,
    informant: { name: 'Người Giấu Tên', phone: '0912345678', address: null, idNumber: null, note: null },
  });
  await api.call('tips.informant', { tipId: tip.row.id });

  // The file: one entry per change, the view, no protected value anywhere in the log.
  const entries = db.all<{ seq: number; method: string; kind: string; record_ids: string; summary: string }>(
    'SELECT seq, method, kind, record_ids, summary FROM audit_log ORDER BY seq',
  );
  expect(entries.map((e) => e.method)).toEqual([
    // The administrator's account, made at set-up (the e2e fixture does it through the API).
    'auth.setup',
    'office.setup',
    'organizations.create',
    'activities.save',
    'tips.setInformant',
    'tips.informant',
  ]);
  expect(JSON.parse(entries[2]!.record_ids)).toEqual([org.id]);
  expect(JSON.stringify(entries)).not.toContain('0912345678');
  expect(JSON.stringify(entries)).not.toContain('Người Giấu Tên');

  await page.goto(host.url);
  const audit = new AuditPage(page);
  await audit.open();
  await expect(audit.rows()).toHaveCount(6);
  const created = audit.row(3);
  await expect(created).toContainText(ADMIN.displayName);
  await expect(created).toContainText('Cơ quan, doanh nghiệp, trường học');
  await expect(created).toContainText('organizations.create');
  await expect(created).toContainText('Thêm 1 cơ quan, doanh nghiệp, trường học');
  await expect(created).toContainText('22/11/2026 10:00:00');
  await expect(audit.row(6)).toContainText('[Xem dữ liệu bảo vệ] Xem thông tin người cung cấp tin');
  await expect(audit.head()).toContainText(
    `Mục cuối: số 6 · mã ${db.get<{ h: string }>('SELECT substr(hash, 1, 8) AS h FROM audit_log WHERE seq = 6')!.h}`,
  );

  await audit.filterFeature('Người cung cấp tin');
  await expect(audit.rows()).toHaveCount(2);
  await audit.clearFilters();
  await audit.filterRecord(org.id);
  await expect(audit.rows()).toHaveCount(1);
  await expect(audit.rows().first()).toContainText('organizations.create');
  expect(await audit.export()).toMatch(/^Nhat-ky-thao-tac_2026-11-22\.xlsx$/);
  await audit.clearFilters();

  await expect(await audit.verify()).toContainText('Chuỗi nhật ký toàn vẹn: đã kiểm tra 6 mục');
  await page.screenshot({ path: 'screenshots/audit-1366x768.png' });

  // Someone edits entry 3 (the organisation's) in the file: the trigger refuses, so they drop it first.
  const raw = new BetterSqlite3(path.join(host.dataDir, 'antq.db'));
  expect(() => raw.prepare("UPDATE audit_log SET actor_name = 'Người khác' WHERE seq = 3").run()).toThrow(/không được sửa/);
  raw.exec('DROP TRIGGER audit_log_no_update');
  raw.prepare("UPDATE audit_log SET summary = 'Sửa 1 đơn vị' WHERE seq = 3").run();
  raw.close();

  const result = await audit.verify();
  await expect(result).toHaveAttribute('role', 'alert');
  await expect(result).toContainText('Nhật ký thao tác đã bị can thiệp');
  await expect(result).toContainText('mục số 3 (22/11/2026 10:00:00, thao tác organizations.create)');
  await expect(result).toContainText('đã bị sửa trực tiếp trong tệp');
  await page.screenshot({ path: 'screenshots/audit-broken-1366x768.png' });
});
