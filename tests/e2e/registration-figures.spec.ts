/**
 * Registration figures on "Số liệu theo kỳ" and "Tổng quan" (issue 14 item 3): registrations of
 * 2015 (a year without a rule set) recorded for residential areas, a commune and a school are
 * counted per kind as x/y, the households summed with the area that did not record them said
 * ("thiếu dữ liệu", never 0), with the report sentences; the screen agrees with the database.
 */
import { test, expect } from './support/fixtures';
import { apiOf, setupGiaVien } from './support/api';
import type { RunningHost } from './support/host';
import { registrationInput } from '../support/evaluation-inputs';
import { PeriodPage } from './pages/PeriodPage';
import { DashboardPage } from './pages/DashboardPage';

/**
 * Xã Gia Hòa with three residential areas (since 2010) and a lower-secondary school; 2015
 * registrations of two areas (one with 215 households, one without the figure), the commune and
 * the school. The answer's evaluation view of a year without a rule set is another item's business
 * (issue 14 item 4): only the records are arranged here, and checked in the database.
 */
async function arrange2015(host: RunningHost): Promise<void> {
  const api = apiOf(host);
  await setupGiaVien(host);
  const commune = (await api.call('units.list', { includeEnded: false })).find((u) => u.name === 'Xã Gia Hòa')!;
  const area = (name: string) =>
    api.call('units.create', { parentId: commune.id, name, kind: 'thon', code: null, validFrom: '2010-01-01' });
  const dong = await area('Thôn Đông');
  const tay = await area('Thôn Tây');
  await area('Thôn Nam');
  const school = await api.call('organizations.create', {
    name: 'Trường THCS Gia Hòa',
    kind: 'co_so_giao_duc',
    subKind: 'thcs',
    isArmedForces: false,
    unitId: commune.id,
    managingLevel: 'xa',
    bcaMonitored: false,
    hasPartyOrg: true,
    hasSecurityForce: false,
    subUnitCount: 4,
    sectorGroup: null,
    insuredEmployees: null,
    revenueBillion: null,
    capitalBillion: null,
    taxCode: null,
    address: null,
    validFrom: '2010-01-01',
  });
  const register = (subjectType: 'unit' | 'organization', subjectId: string, householdsRegistered: number | null = null) =>
    api.result(
      'evaluation.register',
      registrationInput(subjectType, subjectId, 2015, { registeredOn: '2015-03-10', householdsRegistered }),
    );
  await register('unit', dong.id, 215);
  await register('unit', tay.id);
  await register('unit', commune.id);
  await register('organization', school.id);
}

const SENTENCE_2015 = (communes: number) =>
  'Năm 2015, đăng ký xây dựng đạt tiêu chuẩn "An toàn về an ninh, trật tự": 2/3 khu dân cư với 215 hộ gia đình ' +
  `(1 khu dân cư chưa ghi số hộ đăng ký: thiếu dữ liệu); 1/${communes} xã, phường, thị trấn; 1/1 cơ sở giáo dục.`;
const RECOGNITION_2015 = 'Chưa ghi nhận quyết định công nhận đạt tiêu chuẩn "An toàn về an ninh, trật tự" năm 2015 (thiếu dữ liệu).';

test('2015 registrations and households are counted on the period screen and the overview, with their sentences', async ({
  page,
  host,
  db,
}) => {
  test.setTimeout(120_000);
  await arrange2015(host);
  // The database holds the four 2015 registrations, one area with its households and one without.
  const rows = db.all<{ households: number | null }>(
    'SELECT households_registered AS households FROM evaluation_registrations WHERE year = 2015 AND deleted_at IS NULL',
  );
  expect(rows).toHaveLength(4);
  expect(rows.filter((r) => r.households !== null).map((r) => r.households)).toEqual([215]);
  // Communes of the office in 2015 (all pre-2025 communes are active then).
  const communes = db.get<{ n: number }>(
    "SELECT count(*) AS n FROM units WHERE kind IN ('xa', 'phuong', 'thi_tran') AND deleted_at IS NULL AND (valid_from IS NULL OR valid_from <= '2015-11-20') AND (valid_to IS NULL OR valid_to >= '2015-11-20')",
  )!.n;

  await page.setViewportSize({ width: 1366, height: 768 });
  await page.goto(host.url);
  const p = new PeriodPage(page);
  await p.open();
  await p.preset('Tùy chọn');
  await p.period('01/01/2015', '31/12/2015');
  const reg = p.registrations();
  await expect(reg.sentence()).toHaveText(SENTENCE_2015(communes));
  await expect(reg.recognition()).toHaveText(RECOGNITION_2015);
  expect(await reg.row('Khu dân cư')).toEqual(['3', '2/3 (66,7%)', 'thiếu dữ liệu']);
  expect(await reg.row('Xã, phường, thị trấn')).toEqual([
    String(communes),
    `1/${communes} (${(100 / communes).toFixed(1).replace('.', ',')}%)`,
    'thiếu dữ liệu',
  ]);
  expect(await reg.row('Cơ sở giáo dục')).toEqual(['1', '1/1 (100,0%)', 'thiếu dữ liệu']);
  await expect(reg.households()).toHaveText('215 (1 khu dân cư chưa ghi số hộ: thiếu dữ liệu)');
  // Only one organisation kind has units: no "cơ quan, doanh nghiệp, cơ sở giáo dục" row repeating it.
  await expect(reg.region().getByRole('cell', { name: 'Cơ quan, doanh nghiệp, cơ sở giáo dục', exact: true })).toHaveCount(0);
  await page.keyboard.press('Escape');
  await reg.region().scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'screenshots/registrations-period-1366x768.png' });

  const d = new DashboardPage(page);
  await d.open();
  await d.year(2015);
  const o = d.registrations();
  await expect(o.sentence()).toHaveText(SENTENCE_2015(communes));
  await expect(o.recognition()).toHaveText(RECOGNITION_2015);
  expect(await o.row('Khu dân cư')).toEqual(['3', '2/3 (66,7%)', 'thiếu dữ liệu']);
  await expect(o.households()).toHaveText('215 (1 khu dân cư chưa ghi số hộ: thiếu dữ liệu)');
  await o.region().scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'screenshots/registrations-overview-1366x768.png' });

  // 2016 has no registration recorded: said as missing, never "0/3".
  await d.year(2016);
  await expect(o.sentence()).toHaveText(
    'Chưa có số liệu đăng ký xây dựng đạt tiêu chuẩn "An toàn về an ninh, trật tự" năm 2016 (thiếu dữ liệu: chưa ghi nhận bản đăng ký nào).',
  );
  expect(db.get<{ n: number }>('SELECT count(*) AS n FROM evaluation_registrations WHERE year = 2016')!.n).toBe(0);
});
