/**
 * Issue 9 item 9, end to end: merging or ending a commune lists what is attached to it
 * (organisations, mass organisations, mediation teams, model sites) for the officer to confirm,
 * moves the chosen records to the successor in the same step, and the move can be undone from
 * the ended commune's panel; a rename can be dated in the past. Screen and SQLite file.
 */
import { test, expect, type DbReader } from './support/fixtures';
import type { RunningHost } from './support/host';
import { apiOf, setupGiaVien } from './support/api';
import type { Method } from '../../shared/ipc/contract';
import { UnitHistoryPage } from './pages/UnitsPage';
import { BUILT_IN_KINDS } from '../../shared/domain/mass-orgs';

const unitId = (db: DbReader, name: string) =>
  db.get<{ id: string }>('SELECT id FROM units WHERE name = ? AND deleted_at IS NULL AND valid_to IS NULL', name)!.id;
const placeOf = (db: DbReader, table: 'organizations' | 'mass_orgs', name: string) =>
  db.get<{ name: string }>(`SELECT u.name FROM ${table} t JOIN units u ON u.id = t.unit_id WHERE t.name = ?`, name)?.name;

async function ok(host: RunningHost, method: string, input: unknown) {
  const r = await apiOf(host).result(method as Method, input);
  if (!r.ok) throw new Error(`${method}: ${JSON.stringify(r.error)}`);
  return r.value;
}

/** A school, a self-managed group and a mediation team in Xã Gia Phú. */
async function seedGiaPhu(host: RunningHost, db: DbReader): Promise<void> {
  const phu = unitId(db, 'Xã Gia Phú');
  await ok(host, 'organizations.create', {
    name: 'Trường THCS Gia Phú',
    kind: 'co_so_giao_duc',
    subKind: 'thcs',
    isArmedForces: false,
    unitId: phu,
    managingLevel: 'huyen',
    bcaMonitored: false,
    hasPartyOrg: true,
    hasSecurityForce: true,
    subUnitCount: 4,
    sectorGroup: null,
    insuredEmployees: null,
    revenueBillion: null,
    capitalBillion: null,
    taxCode: null,
    address: null,
    validFrom: '2000-09-01',
  });
  for (const [code, name] of [
    ['to_tu_quan', 'Tổ tự quản số 1'],
    ['to_hoa_giai', 'Tổ hòa giải thôn Đông'],
  ] as const) {
    const kindId = BUILT_IN_KINDS.find((k) => k.code === code)!.id;
    await ok(host, 'massOrgs.create', {
      kindId,
      unitId: phu,
      name,
      decisionIssuer: null,
      decisionNumber: null,
      decisionDate: null,
      validFrom: '2024-07-01',
      note: null,
    });
  }
}

test.beforeEach(async ({ host, page, db }) => {
  await setupGiaVien(host);
  await seedGiaPhu(host, db);
  await page.goto(host.url);
});

test('a merge moves the confirmed records to the new commune; the move is undone from the old one', async ({ page, db }) => {
  const units = new UnitHistoryPage(page);
  await units.select('Xã Gia Phú');
  await units.action('Hợp nhất với đơn vị khác');
  // The records are listed by kind, the mediation team apart, all ticked.
  await expect(units.transferList().getByRole('group', { name: 'Cơ quan, doanh nghiệp, cơ sở giáo dục' })).toContainText(
    'Trường THCS Gia Phú',
  );
  await expect(units.transferList().getByRole('group', { name: 'Tổ chức quần chúng' })).toContainText('Tổ tự quản số 1');
  await expect(units.transferList().getByRole('group', { name: 'Tổ hòa giải' })).toContainText('Tổ hòa giải thôn Đông');
  await expect(units.transferItem('Trường THCS Gia Phú')).toBeChecked();
  await units.dialog().getByRole('button', { name: 'Hủy' }).click();

  await units.merge({
    with: ['Xã Gia Hòa'],
    date: '01/07/2025',
    reason: 'Nghị quyết 1674/NQ-UBTVQH15',
    name: 'Xã Gia Phú Hòa',
    leave: ['Tổ tự quản số 1'],
  });
  await units.expectNoDialog();
  await expect(page.getByText('Đã chuyển 2 hồ sơ sang "Xã Gia Phú Hòa".')).toBeVisible();
  expect(placeOf(db, 'organizations', 'Trường THCS Gia Phú')).toBe('Xã Gia Phú Hòa');
  expect(placeOf(db, 'mass_orgs', 'Tổ hòa giải thôn Đông')).toBe('Xã Gia Phú Hòa');
  expect(placeOf(db, 'mass_orgs', 'Tổ tự quản số 1')).toBe('Xã Gia Phú');
  expect(db.get('SELECT count(*) AS n FROM unit_transfers WHERE undone_at IS NULL')).toEqual({ n: 2 });

  // From the new commune's lineage to the old one, where the move is shown with its undo.
  await units.select('Xã Gia Phú Hòa');
  await units.lineage().getByRole('button', { name: 'Xã Gia Phú' }).click();
  await expect(units.detailTitle()).toHaveText('Xã Gia Phú');
  await expect(units.transfers()).toContainText('2 hồ sơ chuyển sang "Xã Gia Phú Hòa" từ ngày 01/07/2025');
  await units.undoTransfer();
  await expect(page.getByText('Đã đưa 2 hồ sơ về đơn vị cũ.')).toBeVisible();
  await expect(units.transfers()).toContainText('Đã hoàn tác ngày 22/11/2026');
  expect(placeOf(db, 'organizations', 'Trường THCS Gia Phú')).toBe('Xã Gia Phú');
  expect(placeOf(db, 'mass_orgs', 'Tổ hòa giải thôn Đông')).toBe('Xã Gia Phú');
  expect(db.get('SELECT count(*) AS n FROM unit_transfers WHERE undone_at IS NULL')).toEqual({ n: 0 });
});

test('ending a commune moves the confirmed records to the unit chosen to take them', async ({ page, db }) => {
  const units = new UnitHistoryPage(page);
  await units.select('Xã Gia Phú');
  await units.endUnit({
    date: '30/06/2025',
    reason: 'Sáp nhập vào xã Gia Hưng',
    successor: 'Huyện Gia Viễn › Xã Gia Hưng',
    leave: ['Tổ tự quản số 1'],
  });
  await units.expectNoDialog();
  await expect(page.getByText(/Đã chuyển 2 hồ sơ sang "Xã Gia Hưng"\./)).toBeVisible();
  expect(placeOf(db, 'organizations', 'Trường THCS Gia Phú')).toBe('Xã Gia Hưng');
  expect(placeOf(db, 'mass_orgs', 'Tổ hòa giải thôn Đông')).toBe('Xã Gia Hưng');
  expect(placeOf(db, 'mass_orgs', 'Tổ tự quản số 1')).toBe('Xã Gia Phú');
  expect(db.all('SELECT effective_date FROM unit_transfers')).toEqual([{ effective_date: '2025-07-01' }, { effective_date: '2025-07-01' }]);
});

test('a rename dated in the past: a future date is refused, a past one keeps the old name before it', async ({ page, db }) => {
  const units = new UnitHistoryPage(page);
  await units.select('Xã Gia Hòa');
  await units.rename('Xã Gia Hòa Mới', '23/11/2026');
  await units.expectDialogError('Ngày có hiệu lực không được sau ngày hôm nay.');
  expect(db.get('SELECT count(*) AS n FROM unit_names')).toEqual({ n: 0 });
  await units.fillDate('Có hiệu lực từ', '01/03/2025');
  await units.save();
  await units.expectNoDialog();
  await expect(units.detailTitle()).toHaveText('Xã Gia Hòa Mới');
  await expect(page.getByText(/có hiệu lực từ ngày 01\/03\/2025/)).toBeVisible();
  expect(db.get('SELECT name, valid_to FROM unit_names')).toEqual({ name: 'Xã Gia Hòa', valid_to: '2025-02-28' });
});
