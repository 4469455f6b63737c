/**
 * The organisation picker at a province's size (issue 16: no list sends more than a screen plus a
 * page): 8.000 organisations written into the data folder's database between two starts of the host,
 * then two forms that choose an organisation — a propaganda session (keyboard: a folded name typed,
 * Enter takes the first match) and a model's site (its unit's organisations only; a click) — save,
 * and the database holds the chosen organisation. Every API response the page received is measured:
 * none carried the registry (organizations.list is never asked), each picker answer stays small, and
 * the site's form shows its organisation again when reopened although it is not on the first page.
 */
import { test, expect, type Page, type Response } from '@playwright/test';
import { setupGiaVien, apiOf } from './support/api';
import { newDataDir, startHost, type RunningHost } from './support/host';
import { readDb } from './support/fixtures';
import { agencyId, writeAgencies } from './support/agencies';
import { ActivitiesPage } from './pages/ActivitiesPage';
import { ModelsPage } from './pages/ModelsPage';

const ORGS = 8_000;
const PREFIX = ['Công ty', 'Trường', 'Ủy ban', 'Hợp tác xã', 'Đài', 'Chi cục', 'Ban', 'Bệnh viện', 'Âu Lạc', 'Ân Thi'];
const PLACE = ['Gia Hòa', 'Gia Hưng', 'Đông Nam', 'Yên Mô', 'Ánh Dương', 'Bình Minh', 'Sông Đáy', 'Tràng An'];
const WANTED = 'Xí nghiệp Khuất Ước';
/** The site's organisation: "Bệnh viện Gia Hưng số 7778", late in Vietnamese order, so not on a first page. */
const SITE_ORG = 7_777;
const ORG_LABEL = 'Cơ quan, doanh nghiệp, trường học';
const SITE_ORG_LABEL = 'Cơ quan, doanh nghiệp, trường học (trong danh sách)';

let host: RunningHost;
let dataDir: string;
let communes: { id: string; name: string }[];

const orgId = agencyId;
const orgName = (i: number) =>
  i === ORGS - 1 ? WANTED : `${PREFIX[i % PREFIX.length]} ${PLACE[Math.floor(i / PREFIX.length) % PLACE.length]} số ${i + 1}`;
const communeOf = (i: number) => communes[i % communes.length]!;

test.describe.configure({ mode: 'serial', timeout: 240_000 });

test.beforeAll(async () => {
  dataDir = newDataDir();
  const first = await startHost(dataDir);
  await setupGiaVien(first);
  communes = (await apiOf(first).call('units.list', { includeEnded: false })).filter((u) => u.level === 'xa');
  await first.stop();
  writeAgencies(dataDir, ORGS, (i) => ({ name: orgName(i), subKind: 'co_quan_nha_nuoc', unitId: communeOf(i).id }));
  host = await startHost(dataDir);
});

test.afterAll(async () => {
  await host?.stop();
});

/** Every API answer the page receives: the method and the size of its body. */
function recordResponses(page: Page): { method: string; bytes: number }[] {
  const seen: { method: string; bytes: number }[] = [];
  page.on('response', (r: Response) => {
    const m = /\/api\/([\w.]+)$/.exec(new URL(r.url()).pathname);
    if (!m) return;
    void r.body().then(
      (b) => seen.push({ method: m[1]!, bytes: b.length }),
      () => undefined,
    );
  });
  return seen;
}

function expectNoWholeList(seen: readonly { method: string; bytes: number }[]): void {
  expect(seen.filter((s) => s.method === 'organizations.list')).toEqual([]);
  const picker = seen.filter((s) => s.method.startsWith('organizations.choices'));
  expect(picker.length).toBeGreaterThan(0);
  // 50 choices of ~150 bytes; the registry was 7,8 MB at 8.000 organisations (1 KB per organisation).
  for (const s of picker) expect(s.bytes, s.method).toBeLessThan(20_000);
  // No answer at all carried 8.000 organisations' worth (units.list of this office is a few KB).
  for (const s of seen) expect(s.bytes, s.method).toBeLessThan(ORGS * 100);
}

test('a propaganda session: a folded name typed, Enter takes it, saved; no answer carries the registry', async ({ page }) => {
  const seen = recordResponses(page);
  const db = readDb(dataDir);
  expect(db.get<{ n: number }>('SELECT count(*) AS n FROM organizations WHERE deleted_at IS NULL')!.n).toBe(ORGS);
  const unit = communeOf(ORGS - 1);

  await page.goto(host.url);
  const act = new ActivitiesPage(page);
  await act.open();
  const d = await act.openAdd('buổi tuyên truyền');
  await act.fill(d, {
    Ngày: { date: '12/05/2026' },
    'Đơn vị (xã, khu dân cư)': { pick: new RegExp(`${unit.name}$`), typed: unit.name },
    'Hình thức': { pick: 'Phát tờ rơi', typed: 'to roi' },
    'Nội dung, chủ đề': { text: 'Phòng, chống lừa đảo qua mạng' },
  });

  const box = d.getByRole('combobox', { name: ORG_LABEL, exact: true });
  await box.click();
  await expect(box).toHaveAttribute('placeholder', 'Gõ để tìm…');
  // Opened with nothing typed: the first 50 of the unit's organisations, and a line saying there are more.
  await expect(page.getByRole('option')).toHaveCount(50);
  await expect(page.getByText('Chỉ hiện 50 kết quả đầu. Gõ thêm để thu hẹp.')).toBeVisible();
  await page.screenshot({ path: 'screenshots/org-picker-opened-1366x768.png' });
  await box.fill('khong co to chuc nao ten nay');
  await expect(page.getByText('Không tìm thấy', { exact: true })).toBeVisible();
  await box.fill('xi nghiep khuat uoc');
  const option = page.getByRole('option', { name: new RegExp(`^${WANTED}`) });
  await expect(option).toBeVisible();
  await expect(page.getByRole('option')).toHaveCount(1);
  await expect(option).toContainText(unit.name);
  await expect(option).toHaveAttribute('data-combobox-selected', 'true');
  await page.screenshot({ path: 'screenshots/org-picker-propaganda-1366x768.png' });
  await box.press('Enter');
  await expect(page.getByRole('option')).toHaveCount(0);
  await expect(box).toHaveValue(WANTED);
  await expect(d).toBeVisible(); // Enter took the choice; it did not submit the form

  await act.save(d);
  await act.expectNoDialog();
  expect(db.all('SELECT organization_id, unit_id, topic FROM propaganda_sessions WHERE deleted_at IS NULL')).toEqual([
    { organization_id: orgId(ORGS - 1), unit_id: unit.id, topic: 'Phòng, chống lừa đảo qua mạng' },
  ]);
  expectNoWholeList(seen);
});

test("a model's site: only its unit's organisations, chosen by a click, saved, shown again on reopening", async ({ page }) => {
  const seen = recordResponses(page);
  const db = readDb(dataDir);
  const unit = communeOf(SITE_ORG);
  const pccc = db.get<{ id: string }>('SELECT id FROM model_types WHERE deleted_at IS NULL ORDER BY name LIMIT 1')!.id;
  const district = db.get<{ id: string }>('SELECT id FROM units WHERE parent_id IS NULL AND deleted_at IS NULL')!.id;
  await apiOf(host).call('models.create', {
    name: 'Tổ liên gia an toàn PCCC',
    typeId: pccc,
    originUnitId: district,
    originLevel: 'huyen',
    foundedOn: '2022-03-15',
    status: 'hoat_dong',
    note: '',
  });

  await page.goto(host.url);
  const models = new ModelsPage(page);
  await models.open();
  await models.openModel('Tổ liên gia an toàn PCCC');
  const d = await models.action('Thêm điểm');
  await models.pick(d, 'Đơn vị áp dụng', new RegExp(`${unit.name}$`), unit.name);
  const box = d.getByRole('combobox', { name: SITE_ORG_LABEL });
  await box.click();
  // Only the unit's own organisations are offered.
  const other = communeOf(SITE_ORG + 1);
  await box.fill('so 7779');
  await expect(page.getByText('Không tìm thấy', { exact: true })).toBeVisible();
  expect(other.id).not.toBe(unit.id);
  await box.fill('benh vien gia hung so 7778');
  await page.getByRole('option', { name: new RegExp(`^${orgName(SITE_ORG)}`) }).click();
  await expect(box).toHaveValue(orgName(SITE_ORG));
  await models.fillDate(d, 'Từ ngày', '01/04/2022');
  await d.getByRole('textbox', { name: 'Số tổ' }).fill('2');
  await d.getByRole('textbox', { name: 'Số thành viên' }).fill('18');
  await d.getByRole('button', { name: 'Lưu' }).click();
  await models.expectNoDialog();
  expect(db.all('SELECT unit_id, organization_id, teams, members FROM model_sites WHERE deleted_at IS NULL')).toEqual([
    { unit_id: unit.id, organization_id: orgId(SITE_ORG), teams: 2, members: 18 },
  ]);

  // Reopened: the name is fetched by id (it is far beyond the first 50 of the unit).
  const before = seen.filter((s) => s.method === 'organizations.choicesByIds').length;
  await models.siteRows().first().click();
  const edit = models.dialog('Sửa điểm áp dụng');
  await expect(edit.getByRole('combobox', { name: SITE_ORG_LABEL })).toHaveValue(orgName(SITE_ORG));
  await expect.poll(() => seen.filter((s) => s.method === 'organizations.choicesByIds').length).toBeGreaterThan(before);
  expectNoWholeList(seen);
});
