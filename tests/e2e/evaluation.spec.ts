/**
 * The yearly evaluation through the UI: each kind of Circular 124 taken from registration to
 * recognition, a late registration failing the Q1 criterion, overrides needing a reason, freezing a
 * year against later edits, and the commune's 70 % rule on its sub-units. Every flow checks what the
 * officer sees and what the database holds.
 */
import { test, expect, type DbReader } from './support/fixtures';
import type { RunningHost } from './support/host';
import { apiOf, setupGiaVien } from './support/api';
import { cellText } from '../support/cells';
import { EvaluationPage, VERDICT_TEXT } from './pages/EvaluationPage';
import type { Locator } from '@playwright/test';
import ExcelJS from 'exceljs';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const unitId = (db: DbReader, name: string) =>
  db.get<{ id: string }>('SELECT id FROM units WHERE name = ? AND deleted_at IS NULL', name)!.id;
const orgId = (db: DbReader, name: string) =>
  db.get<{ id: string }>('SELECT id FROM organizations WHERE name = ? AND deleted_at IS NULL', name)!.id;
const registration = (db: DbReader, subjectId: string, year: number) =>
  db.get<Record<string, unknown>>(
    'SELECT * FROM evaluation_registrations WHERE subject_id = ? AND year = ? AND deleted_at IS NULL',
    subjectId,
    year,
  );

const ORG_BASE = {
  isArmedForces: false,
  bcaMonitored: false,
  hasPartyOrg: true,
  hasSecurityForce: true,
  subUnitCount: 5,
  sectorGroup: null,
  insuredEmployees: null,
  revenueBillion: null,
  capitalBillion: null,
  taxCode: null,
  address: null,
  validFrom: '2015-01-01',
};

async function seed(host: RunningHost, db: DbReader): Promise<void> {
  await setupGiaVien(host);
  const hoa = unitId(db, 'Xã Gia Hòa');
  const hung = unitId(db, 'Xã Gia Hưng');
  await apiOf(host).call('units.create', { parentId: hoa, name: 'Thôn Đông', kind: 'thon', code: null, validFrom: '2020-01-01' });
  await apiOf(host).call('unitStats.upsert', {
    rows: [2025, 2026].map((year) => ({ unitId: unitId(db, 'Thôn Đông'), year, households: 120, residents: 480, trongDiem: false })),
  });
  await apiOf(host).call('organizations.create', {
    ...ORG_BASE,
    name: 'Công ty TNHH May Đông Nam',
    kind: 'doanh_nghiep',
    subKind: 'von_dau_tu_nuoc_ngoai',
    unitId: hung,
    managingLevel: 'tinh',
    sectorGroup: 'nong_lam_thuy_san_cong_nghiep_xay_dung',
    insuredEmployees: 1250,
    revenueBillion: 820.5,
    capitalBillion: 300,
    taxCode: '2700123456',
  });
  await apiOf(host).call('organizations.create', {
    ...ORG_BASE,
    name: 'Trường THCS Gia Hưng',
    kind: 'co_so_giao_duc',
    subKind: 'thcs',
    unitId: hung,
    managingLevel: 'huyen',
  });
}

test.beforeEach(async ({ host, db, page }) => {
  await seed(host, db);
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.goto(host.url);
});

/** Every criterion row shows a value, a threshold, a verdict in Vietnamese and its sources (or that there are none). */
async function expectCriteriaComplete(ev: EvaluationPage): Promise<void> {
  const rows = ev.criteria().locator('tbody tr');
  const n = await rows.count();
  expect(n).toBeGreaterThan(3);
  for (let i = 0; i < n; i++) {
    const cells = rows.nth(i).getByRole('cell');
    await expect(cells.nth(2)).not.toBeEmpty();
    await expect(cells.nth(3)).not.toBeEmpty();
    await expect(cells.nth(4).locator('.mantine-Badge-label').first()).toHaveText(VERDICT_TEXT);
    await expect(cells.nth(5)).not.toBeEmpty();
  }
}

async function walkToRecognition(ev: EvaluationPage, drawer: Locator): Promise<void> {
  await ev.step('Họp tự đánh giá', '20/10/2026', { 'Người chủ trì cuộc họp': 'Nguyễn Văn An' });
  await expect(drawer.getByText('Đã tự đánh giá').first()).toBeVisible();
  await ev.step('Tờ trình đề nghị công nhận', '25/10/2026', { 'Số tờ trình': '12/TTr-UBND' });
  await ev.step('Thẩm định hồ sơ', '01/11/2026', { 'Cơ quan, người thẩm định': 'Công an huyện Gia Viễn' });
  // Data the office has not entered yet leave the result short of "Đạt": recognising anyway needs a reason.
  const form = drawer.getByRole('form', { name: 'Quyết định công nhận' });
  await ev.fillDate(form, 'Ngày quyết định', '10/11/2026');
  await form.getByRole('textbox', { name: 'Số quyết định' }).fill('45/QĐ-UBND');
  await form.getByRole('textbox', { name: 'Người ký quyết định' }).fill('Trần Văn Bình');
  await form.getByRole('textbox', { name: 'Lý do' }).fill('Ban Chỉ đạo đã xem xét hồ sơ đầy đủ tại cuộc họp ngày 08/11/2026');
  await form.getByRole('button', { name: 'Ghi nhận bước' }).click();
  await expect(form).toBeHidden();
  await expect(drawer.getByText('Đã kết thúc: Được công nhận.')).toBeVisible();
}

const SUBJECTS = [
  {
    title: 'khu dân cư',
    name: 'Thôn Đông',
    category: 'Khu dân cư',
    id: (db: DbReader) => unitId(db, 'Thôn Đông'),
    fields: { householdsRegistered: '120' },
    q1Rule: 'KDC-1b',
  },
  {
    title: 'xã',
    name: 'Xã Gia Hòa',
    category: 'Xã, phường, thị trấn',
    id: (db: DbReader) => unitId(db, 'Xã Gia Hòa'),
    fields: {},
    q1Rule: null,
  },
  {
    title: 'doanh nghiệp',
    name: 'Công ty TNHH May Đông Nam',
    category: 'Cơ quan, doanh nghiệp',
    id: (db: DbReader) => orgId(db, 'Công ty TNHH May Đông Nam'),
    fields: { staffBriefed: '1.250', staffTotal: '1.250', departmentsGood: '5', departmentsTotal: '5' },
    q1Rule: null,
  },
  {
    title: 'cơ sở giáo dục',
    name: 'Trường THCS Gia Hưng',
    category: 'Cơ sở giáo dục',
    id: (db: DbReader) => orgId(db, 'Trường THCS Gia Hưng'),
    fields: { staffBriefed: '48', staffTotal: '50', departmentsGood: '4', departmentsTotal: '4' },
    q1Rule: null,
  },
] as const;

for (const s of SUBJECTS) {
  test(`a ${s.title} goes from registration to recognition through the UI`, async ({ page, db }) => {
    const ev = new EvaluationPage(page);
    await ev.open();
    await ev.category(s.category);
    if (s.title !== 'xã') await expect(ev.rows()).toHaveCount(1);
    await expect(ev.row(s.name)).toContainText('Chưa đăng ký');
    await expect(ev.counts()).toContainText(/\d+\/\d+/);
    const drawer = await ev.openSubject(s.name);
    await expect(ev.criteria()).toBeVisible();

    await ev.register({
      registeredOn: '15/02/2026',
      resolutionNumber: '05-NQ/CB',
      resolutionDate: '10/02/2026',
      planNumber: '07/KH',
      planDate: '12/02/2026',
      ...s.fields,
    });
    await expect(drawer.getByText('Thông tin đăng ký')).toBeVisible();
    await expectCriteriaComplete(ev);
    if (s.q1Rule) {
      await expect(ev.cell(s.q1Rule, 'verdict')).toHaveText(/^Đạt/);
      await expect(ev.cell(s.q1Rule, 'sources')).toContainText('15/02/2026');
    }
    const reg = registration(db, s.id(db), 2026)!;
    expect(reg).toMatchObject({
      status: 'da_dang_ky',
      registered_on: '2026-02-15',
      resolution_number: '05-NQ/CB',
      plan_date: '2026-02-12',
    });

    await walkToRecognition(ev, drawer);
    expect(registration(db, s.id(db), 2026)).toMatchObject({
      status: 'cong_nhan',
      self_assessed_on: '2026-10-20',
      self_assessment_chair: 'Nguyễn Văn An',
      proposal_number: '12/TTr-UBND',
      appraised_by: 'Công an huyện Gia Viễn',
      decision: 'cong_nhan',
      decision_number: '45/QĐ-UBND',
      decided_on: '2026-11-10',
      decision_signer: 'Trần Văn Bình',
    });

    // Undo the decision with a reason: back to "Đã thẩm định", recorded.
    await drawer.getByRole('button', { name: 'Hủy bước cuối' }).click();
    const undo = ev.dialog('Hủy bước cuối');
    await undo.getByRole('button', { name: 'Hủy bước' }).click();
    await expect(undo.getByText('Lý do hủy bước là bắt buộc.')).toBeVisible();
    await undo.getByRole('textbox', { name: 'Lý do hủy bước' }).fill('Ghi nhầm số quyết định');
    await undo.getByRole('textbox', { name: 'Người thực hiện' }).fill('Lê Thị Cúc');
    await undo.getByRole('button', { name: 'Hủy bước' }).click();
    await expect(undo).toBeHidden();
    await expect(drawer.getByRole('form', { name: 'Quyết định công nhận' })).toBeVisible();
    expect(registration(db, s.id(db), 2026)).toMatchObject({ status: 'tham_dinh', decision: null });
    expect(db.get('SELECT reason FROM evaluation_history WHERE subject_id = ? AND action = ?', s.id(db), 'undo')).toEqual({
      reason: 'Ghi nhầm số quyết định',
    });

    await ev.closeSubject();
    await expect(ev.row(s.name)).toContainText('Đã thẩm định');
  });
}

test('the board filters by category, unit scope and a search without diacritics', async ({ page }) => {
  const ev = new EvaluationPage(page);
  await ev.open();
  await expect(ev.row('Thôn Đông')).toBeVisible();
  await expect(ev.counts()).toContainText('0/1 khu dân cư');
  await expect(ev.counts()).toContainText('0/18 xã, phường, thị trấn');

  const scope = page.getByRole('combobox', { name: 'Phạm vi' });
  await scope.click();
  await scope.fill('gia hung');
  await page.getByRole('option', { name: /Xã Gia Hưng$/ }).click();
  await expect(ev.row('Thôn Đông')).toHaveCount(0);
  await expect(ev.rows()).toHaveCount(3);
  await expect(ev.row('Trường THCS Gia Hưng')).toBeVisible();
  await expect(ev.row('Công ty TNHH May Đông Nam')).toBeVisible();
  await expect(ev.row('Xã Gia Hưng')).toBeVisible();
  await expect(ev.counts()).toContainText('0/1 xã, phường, thị trấn');

  await ev.search('truong thcs');
  await expect(ev.rows()).toHaveCount(1);
  await ev.category('Khu dân cư');
  await expect(ev.rows()).toHaveCount(0);
  await expect(ev.table()).toContainText('Không có đối tượng nào phù hợp với bộ lọc.');
});

test('the board exports to Excel with what it shows', async ({ page }) => {
  const ev = new EvaluationPage(page);
  await ev.open();
  await ev.category('Khu dân cư');
  await expect(ev.rows()).toHaveCount(1);
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Xuất Excel' }).click()]);
  expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'antq-eval-export-')), download.suggestedFilename());
  await download.saveAs(file);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const texts = wb.worksheets.flatMap((ws) => {
    const out: string[] = [];
    ws.eachRow((row) =>
      out.push(
        (row.values as unknown[])
          .slice(1)
          .map((v) => cellText(v ?? ''))
          .join(' | '),
      ),
    );
    return out;
  });
  const thon = texts.filter((t) => t.includes('Thôn Đông'));
  expect(thon.length).toBeGreaterThan(0);
  expect(thon.join('\n')).toContain('Chưa đăng ký');
  // The category filter applies to the file too.
  expect(texts.some((t) => t.includes('Trường THCS Gia Hưng'))).toBe(false);
});

test('a registration dated in April fails the Q1 criterion, with its reason shown', async ({ page, db }) => {
  const ev = new EvaluationPage(page);
  await ev.open();
  const drawer = await ev.openSubject('Thôn Đông');
  const form = drawer.getByRole('form', { name: 'Đăng ký phấn đấu đạt tiêu chuẩn "An toàn về an ninh, trật tự"' });
  await ev.fillDate(form, 'Ngày đăng ký', '10/04/2026');
  // Warned before saving.
  await expect(form.getByRole('status', { name: 'Đăng ký muộn (sau quý I)' })).toContainText(
    'Ngày đăng ký 10/04/2026 nằm ngoài quý I năm 2026',
  );
  await ev.register({ registeredOn: '10/04/2026', householdsRegistered: '120' });
  await expect(ev.cell('KDC-1b', 'verdict')).toHaveText(/^Không đạt/);
  await expect(ev.cell('KDC-1b', 'criterion')).toContainText('10/04/2026');
  await expect(drawer.getByText('Đăng ký muộn (sau quý I)', { exact: false }).first()).toBeVisible();
  expect(registration(db, unitId(db, 'Thôn Đông'), 2026)).toMatchObject({ registered_on: '2026-04-10', status: 'da_dang_ky' });
});

test("an officer attests a criterion and declares the year's incident statistics complete", async ({ page, db }) => {
  const thon = unitId(db, 'Thôn Đông');
  const ev = new EvaluationPage(page);
  await ev.open();
  const drawer = await ev.openSubject('Thôn Đông');
  await expect(ev.cell('KDC-2', 'verdict')).toHaveText(/^Thiếu dữ liệu/);
  await expect(ev.cell('KDC-3a', 'verdict')).toHaveText(/^Thiếu dữ liệu/);

  await ev.criterion('KDC-2').getByRole('button', { name: 'Xác nhận' }).click();
  const a = ev.dialog(/Xác nhận tiêu chí/);
  await a.getByRole('button', { name: 'Lưu' }).click();
  await expect(a.getByText('Người xác nhận là bắt buộc.')).toBeVisible();
  await a.getByRole('textbox', { name: 'Người xác nhận' }).fill('Lê Thị Cúc');
  await a.getByRole('textbox', { name: 'Ghi chú' }).fill('Theo biên bản họp khu dân cư');
  await a.getByRole('button', { name: 'Lưu' }).click();
  await expect(a).toBeHidden();
  await expect(ev.cell('KDC-2', 'verdict')).toHaveText(/^Đạt/);
  await expect(ev.cell('KDC-2', 'criterion')).toContainText('Có — xác nhận bởi Lê Thị Cúc ngày 22/11/2026');
  expect(db.get('SELECT rule_id, value, attested_by, attested_on, note FROM evaluation_attestations WHERE subject_id = ?', thon)).toEqual({
    rule_id: 'KDC-2',
    value: 1,
    attested_by: 'Lê Thị Cúc',
    attested_on: '2026-11-22',
    note: 'Theo biên bản họp khu dân cư',
  });

  const figures = drawer.getByRole('region', { name: 'Số liệu do cán bộ xác nhận' });
  await expect(figures).toContainText('Chưa xác nhận số liệu nào.');
  // Completeness is declared per group now (issue 9 item 3), in its own panel.
  const groups = [
    'Vụ việc về an ninh',
    'Tội phạm',
    'Tệ nạn xã hội, vi phạm khác, tụ điểm phức tạp',
    'Cháy, nổ, tai nạn, sự cố, vi phạm môi trường, an toàn thực phẩm',
    'Vụ việc trong cơ quan, doanh nghiệp, cơ sở giáo dục',
    'Kỷ luật lực lượng ở cơ sở, Công an xã',
    'Khiếu kiện đông người, quản lý đối tượng',
  ];
  await ev.declareComplete(2026, groups, 'Lê Thị Cúc');
  await expect(ev.completenessGroup('Vụ việc về an ninh')).toContainText('đã nhập đủ (Lê Thị Cúc xác nhận ngày 22/11/2026)');
  // No incident recorded, statistics declared complete: the "không để xảy ra" criteria pass, citing the declaration.
  await expect(ev.cell('KDC-3a', 'verdict')).toHaveText(/^Đạt/);
  await expect(ev.cell('KDC-3a', 'sources')).toContainText('Lê Thị Cúc');
  expect(
    db.all(
      'SELECT group_code FROM incident_stats_declarations WHERE subject_id = ? AND year = 2026 AND deleted_at IS NULL ORDER BY group_code',
      thon,
    ),
  ).toHaveLength(7);
});

test('an override needs a reason, and shows the computed verdict beside it', async ({ page, db, host }) => {
  const thon = unitId(db, 'Thôn Đông');
  await apiOf(host).call('evaluation.register', {
    subjectType: 'unit',
    subjectId: thon,
    year: 2026,
    registeredOn: '2026-04-10',
    resolutionNumber: null,
    resolutionDate: null,
    resolutionForm: null,
    planNumber: null,
    planDate: null,
    householdsRegistered: 120,
    staffBriefed: null,
    staffTotal: null,
    departmentsGood: null,
    departmentsTotal: null,
    note: null,
  });
  // The backend refuses an override without a reason, whoever calls it.
  const refused = await apiOf(host).result('evaluation.override', {
    subjectType: 'unit',
    subjectId: thon,
    year: 2026,
    ruleId: 'KDC-1b',
    verdict: 'dat',
    reason: '',
    by: 'Lê Thị Cúc',
    on: '2026-11-20',
  });
  expect(refused.ok).toBe(false);

  const ev = new EvaluationPage(page);
  await ev.open();
  const drawer = await ev.openSubject('Thôn Đông');
  await expect(ev.cell('KDC-1b', 'verdict')).toHaveText(/^Không đạt/);
  await ev.criterion('KDC-1b').getByRole('button', { name: 'Điều chỉnh' }).click();
  const d = ev.dialog(/Điều chỉnh kết quả tiêu chí/);
  await d.getByRole('combobox', { name: 'Kết quả sau điều chỉnh' }).click();
  await page.getByRole('option', { name: 'Đạt', exact: true }).click();
  await d.getByRole('textbox', { name: 'Người quyết định' }).fill('Lê Thị Cúc');
  await d.getByRole('button', { name: 'Lưu' }).click();
  await expect(d.getByText('Cần ghi lý do điều chỉnh.')).toBeVisible();
  expect(db.all('SELECT id FROM evaluation_overrides')).toEqual([]);

  await d.getByRole('textbox', { name: 'Lý do điều chỉnh' }).fill('Bản đăng ký nộp ngày 28/03, văn thư vào sổ chậm');
  await d.getByRole('button', { name: 'Lưu' }).click();
  await expect(d).toBeHidden();
  await expect(ev.cell('KDC-1b', 'verdict')).toContainText('Đạt');
  await expect(ev.cell('KDC-1b', 'verdict')).toContainText('Phần mềm tính: Không đạt');
  await expect(ev.cell('KDC-1b', 'criterion')).toContainText('Lý do: Bản đăng ký nộp ngày 28/03, văn thư vào sổ chậm');
  expect(
    db.get('SELECT rule_id, verdict, reason, decided_by FROM evaluation_overrides WHERE subject_id = ? AND deleted_at IS NULL', thon),
  ).toEqual({
    rule_id: 'KDC-1b',
    verdict: 'dat',
    reason: 'Bản đăng ký nộp ngày 28/03, văn thư vào sổ chậm',
    decided_by: 'Lê Thị Cúc',
  });
  await expect(drawer.getByRole('button', { name: 'Bỏ điều chỉnh' })).toBeVisible();
});

test('freezing 2025 keeps its result when a 2025 incident is edited; the board shows both; unfreezing needs a reason', async ({
  page,
  db,
  host,
}) => {
  const thon = unitId(db, 'Thôn Đông');
  await apiOf(host).call('activities.save', {
    kind: 'incidents',
    id: null,
    record: {
      occurredOn: '2025-07-14',
      unitId: thon,
      organizationId: null,
      category: 'chay_no',
      count: 1,
      solved: 0,
      deaths: 0,
      injuries: 0,
      description: 'Cháy kho do sét đánh',
      excuse: 'bat_kha_khang',
      excuseReason: 'Sét đánh trong mưa giông',
      excuseApprovedBy: 'Trưởng Công an huyện',
      excuseApprovedOn: '2025-07-20',
      note: null,
    },
  });
  await apiOf(host).call('evaluation.register', {
    subjectType: 'unit',
    subjectId: thon,
    year: 2025,
    registeredOn: '2025-02-15',
    resolutionNumber: '05-NQ/CB',
    resolutionDate: '2025-02-10',
    resolutionForm: 'chuyen_de_rieng',
    planNumber: '07/KH',
    planDate: '2025-02-12',
    householdsRegistered: 120,
    staffBriefed: null,
    staffTotal: null,
    departmentsGood: null,
    departmentsTotal: null,
    note: null,
  });
  // What the records cannot say yet is settled by override, so the unit is "Đạt" before freezing.
  const subject = await apiOf(host).call('evaluation.subject', { subjectType: 'unit', subjectId: thon, year: 2025 });
  expect(subject.live.rules.find((r) => r.ruleId === 'KDC-4d')!.verdict).toBe('dat');
  for (const r of subject.live.rules.filter((r) => r.verdict !== 'dat' && r.ruleId !== 'KDC-4d')) {
    await apiOf(host).call('evaluation.override', {
      subjectType: 'unit',
      subjectId: thon,
      year: 2025,
      ruleId: r.ruleId,
      verdict: 'dat',
      reason: 'Ban Chỉ đạo xác nhận qua hồ sơ giấy',
      by: 'Lê Thị Cúc',
      on: '2025-11-10',
    });
  }

  const ev = new EvaluationPage(page);
  await ev.open();
  await ev.selectYear(2025);
  await ev.category('Khu dân cư');
  await expect(ev.row('Thôn Đông')).toContainText('Đạt');
  await expect(ev.counts()).toContainText('1/1 khu dân cư');

  await page.getByRole('button', { name: 'Chốt kết quả năm' }).click();
  const fd = ev.dialog('Chốt kết quả năm 2025');
  await fd.getByRole('textbox', { name: 'Người chốt kết quả' }).fill('Phạm Văn Dũng');
  await fd.getByRole('textbox', { name: /Ghi chú/ }).fill('Theo biên bản họp Ban Chỉ đạo ngày 25/11/2025');
  await fd.getByRole('button', { name: 'Chốt kết quả' }).click();
  await expect(fd).toBeHidden();
  await expect(page.getByRole('button', { name: 'Mở chốt' })).toBeVisible();
  expect(db.get('SELECT year, frozen_by, unfrozen_at FROM evaluation_freezes')).toEqual({
    year: 2025,
    frozen_by: 'Phạm Văn Dũng',
    unfrozen_at: null,
  });
  const frozenRow = db.get<{ overall: string; content: string }>(
    'SELECT overall, content FROM evaluation_frozen_results WHERE subject_id = ?',
    thon,
  )!;
  expect(frozenRow.overall).toBe('dat');

  // The excuse turns out not to hold: the incident is edited after freezing.
  const incident = db.get<{ id: string }>('SELECT id FROM incidents WHERE unit_id = ?', thon)!;
  const edit = await apiOf(host).result('activities.save', {
    kind: 'incidents',
    id: incident.id,
    record: {
      occurredOn: '2025-07-14',
      unitId: thon,
      organizationId: null,
      category: 'chay_no',
      count: 1,
      solved: 0,
      deaths: 0,
      injuries: 0,
      description: 'Cháy kho do chập điện',
      excuse: null,
      excuseReason: null,
      excuseApprovedBy: null,
      excuseApprovedOn: null,
      note: null,
    },
  });
  expect(edit.ok ? undefined : edit.error).toBeUndefined();
  await page.reload();
  await ev.selectYear(2025);
  await ev.category('Khu dân cư');
  const row = ev.row('Thôn Đông');
  await expect(row.getByTestId('frozen-marker')).toHaveText('Đã chốt: Đạt — Hiện tại: Chưa đạt');
  // The stored frozen result did not move.
  expect(
    db.get<{ overall: string; content: string }>('SELECT overall, content FROM evaluation_frozen_results WHERE subject_id = ?', thon),
  ).toEqual(frozenRow);

  const drawer = await ev.openSubject('Thôn Đông');
  await expect(drawer.getByRole('note')).toContainText('Năm 2025 đã chốt kết quả');
  await expect(drawer.getByRole('button', { name: 'Hủy bước cuối' })).toBeDisabled();
  await expect(drawer.getByText('Năm đã chốt: không thể chuyển bước.')).toBeVisible();
  await expect(ev.criterion('KDC-4d').getByRole('button', { name: 'Điều chỉnh' })).toBeDisabled();
  await expect(drawer.getByRole('button', { name: 'Xác nhận số liệu' })).toBeDisabled();
  await expect(ev.cell('KDC-4d', 'verdict', true)).toHaveText(/^Không đạt/);
  await expect(ev.criterion('KDC-4d').getByRole('cell').nth(5)).toContainText('Đã chốt: Đạt — Hiện tại: Không đạt');
  await expect(drawer.getByRole('region', { name: 'Khác biệt giữa kết quả đã chốt và kết quả hiện tại' })).toContainText('KDC-4d');
  await ev.closeSubject();

  await page.getByRole('button', { name: 'Mở chốt' }).click();
  const ud = ev.dialog('Mở chốt kết quả năm 2025');
  await ud.getByRole('textbox', { name: 'Người mở chốt' }).fill('Phạm Văn Dũng');
  await ud.getByRole('button', { name: 'Mở chốt' }).click();
  await expect(ud.getByText('Cần ghi lý do mở chốt.')).toBeVisible();
  expect(db.get('SELECT unfrozen_at FROM evaluation_freezes')).toEqual({ unfrozen_at: null });
  const noReason = await apiOf(host).result('evaluation.unfreeze', { year: 2025, reason: '', by: 'Phạm Văn Dũng' });
  expect(noReason.ok).toBe(false);
  await ud.getByRole('textbox', { name: 'Lý do mở chốt' }).fill('Phát hiện vụ cháy không thuộc trường hợp bất khả kháng');
  await ud.getByRole('button', { name: 'Mở chốt' }).click();
  await expect(ud).toBeHidden();
  await expect(page.getByRole('button', { name: 'Chốt kết quả năm' })).toBeVisible();
  await expect(ev.row('Thôn Đông')).toContainText('Chưa đạt');
  expect(db.get('SELECT unfrozen_by, unfreeze_reason FROM evaluation_freezes')).toEqual({
    unfrozen_by: 'Phạm Văn Dũng',
    unfreeze_reason: 'Phát hiện vụ cháy không thuộc trường hợp bất khả kháng',
  });
});

test('a commune with 16 of 25 sub-units recognised fails the 70 % rule; with 18 of 25 it passes', async ({ page, db, host }) => {
  test.setTimeout(120_000);
  const hung = unitId(db, 'Xã Gia Hưng');
  // The school of the seed is managed by the district, so Gia Hưng's sub-units are its 25 hamlets.
  const ids: string[] = [];
  for (let i = 1; i <= 25; i++) {
    const u = await apiOf(host).call('units.create', {
      parentId: hung,
      name: `Thôn ${String(i).padStart(2, '0')}`,
      kind: 'thon',
      code: null,
      validFrom: '2020-01-01',
    });
    ids.push(u.id);
  }
  const key = (id: string) => ({ subjectType: 'unit' as const, subjectId: id, year: 2026 });
  const decide = (id: string, outcome: 'cong_nhan' | 'khong_cong_nhan') =>
    apiOf(host).call('evaluation.advance', {
      ...key(id),
      step: 'quyet_dinh',
      date: '2026-11-10',
      outcome,
      number: '9/QĐ-UBND',
      signer: 'Chủ tịch UBND xã',
      reason: 'Hồ sơ giấy đầy đủ',
    });
  const appraise = async (id: string) => {
    await apiOf(host).call('evaluation.advance', { ...key(id), step: 'tu_danh_gia', date: '2026-10-20', chair: 'Trưởng thôn' });
    await apiOf(host).call('evaluation.advance', { ...key(id), step: 'de_nghi', date: '2026-10-25', number: '1/TTr' });
    await apiOf(host).call('evaluation.advance', { ...key(id), step: 'tham_dinh', date: '2026-11-01', by: 'Công an xã' });
  };
  for (const id of ids) {
    await apiOf(host).call('evaluation.register', {
      ...key(id),
      registeredOn: '2026-02-15',
      resolutionNumber: null,
      resolutionDate: null,
      resolutionForm: null,
      planNumber: null,
      planDate: null,
      householdsRegistered: null,
      staffBriefed: null,
      staffTotal: null,
      departmentsGood: null,
      departmentsTotal: null,
      note: null,
    });
  }
  // Every hamlet is decided (an undecided one would leave the commune "thiếu dữ liệu"): 16 recognised, 9 not.
  for (const [i, id] of ids.entries()) {
    await appraise(id);
    await decide(id, i < 16 ? 'cong_nhan' : 'khong_cong_nhan');
  }

  const ev = new EvaluationPage(page);
  await ev.open();
  await ev.category('Xã, phường, thị trấn');
  await ev.openSubject('Xã Gia Hưng');
  await expect(ev.cell('XA-4a', 'verdict')).toHaveText(/^Đạt/);
  await expect(ev.cell('XA-4b', 'value')).toContainText('16/25');
  await expect(ev.cell('XA-4b', 'verdict')).toHaveText(/^Không đạt/);
  await expect(ev.cell('XA-4b', 'threshold')).toContainText('70');
  await ev.closeSubject();
  expect(db.get<{ n: number }>("SELECT count(*) AS n FROM evaluation_registrations WHERE decision = 'cong_nhan'")!.n).toBe(16);

  // Two refusals are reconsidered: undone with a reason, then recognised.
  for (const id of ids.slice(16, 18)) {
    await apiOf(host).call('evaluation.undoStep', { ...key(id), reason: 'Xem xét lại theo kiến nghị của xã', by: 'Chủ tịch UBND xã' });
    await decide(id, 'cong_nhan');
  }
  await page.reload();
  await ev.category('Xã, phường, thị trấn');
  await ev.openSubject('Xã Gia Hưng');
  await expect(ev.cell('XA-4b', 'value')).toContainText('18/25');
  await expect(ev.cell('XA-4b', 'verdict')).toHaveText(/^Đạt/);
  await expect(ev.cell('XA-4b', 'sources')).not.toContainText('Không có hồ sơ');
  expect(db.get<{ n: number }>("SELECT count(*) AS n FROM evaluation_registrations WHERE decision = 'cong_nhan'")!.n).toBe(18);
});
