/**
 * The activity screens end to end (Hoạt động phong trào): for each of the six kinds, create through
 * the form, edit, duplicate, delete and undo, and every filter (unit subtree, period, category,
 * search without diacritics); a cross-field refusal and a backend refusal with the form kept; the
 * carried fields of "Lưu và nhập tiếp"; a tip's informant, seen only in its detail view; Excel
 * import and export of propaganda sessions. Each flow checks what the person sees and what the
 * database file holds.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { test, expect, type DbReader } from './support/fixtures';
import type { RunningHost } from './support/host';
import { apiOf, setupGiaVien } from './support/api';
import { cellText } from '../support/cells';
import type { MethodInput } from '../../shared/ipc/contract';
import { ActivitiesPage, type FieldFill } from './pages/ActivitiesPage';
import { ACTIVITY_FIELDS, emptyRecord, type ActivityKind } from '../../shared/domain/activities';
import { BUILT_IN_KINDS } from '../../shared/domain/mass-orgs';

const UNIT = 'Đơn vị (xã, khu dân cư)';
const GIA_HOA = { pick: /Xã Gia Hòa$/, typed: 'gia hoa' } as const;
const GIA_HUNG = { pick: /Xã Gia Hưng$/, typed: 'gia hung' } as const;

const unitId = (db: DbReader, name: string) =>
  db.get<{ id: string }>('SELECT id FROM units WHERE name = ? AND deleted_at IS NULL', name)!.id;

/** Records here are built per kind at run time; the backend checks each against the contract. */
const saveMany = (host: RunningHost, input: { kind: ActivityKind; records: readonly Record<string, unknown>[] }) =>
  apiOf(host).call('activities.saveMany', input as unknown as MethodInput<'activities.saveMany'>);

async function arrangeTeam(host: RunningHost, db: DbReader): Promise<string> {
  const kindId = BUILT_IN_KINDS.find((k) => k.code === 'to_hoa_giai')!.id;
  const team = await apiOf(host).call('massOrgs.create', {
    kindId,
    unitId: unitId(db, 'Xã Gia Hòa'),
    name: 'Tổ hòa giải thôn Đông',
    decisionIssuer: null,
    decisionNumber: null,
    decisionDate: null,
    validFrom: '2020-01-01',
    note: null,
  });
  return team.id;
}

// ---------------------------------------------------------------------------------------------
// One case per kind

interface KindCase {
  kind: ActivityKind;
  /** The tab's title. */
  title: string;
  /** One record, as titles and the count line name it. */
  item: string;
  table: string;
  /** The column holding the record's main text (to find it in the database). */
  textColumn: string;
  create: Record<string, FieldFill>;
  /** Texts the new row shows in the list. */
  listed: string[];
  stored: (db: DbReader) => Record<string, unknown>;
  edit: Record<string, FieldFill>;
  edited: Record<string, unknown>;
  listedAfterEdit: string;
  /** The category filter's label and two of its values (X is filtered for). */
  categoryLabel: string;
  categoryX: { value: string; label: string; typed: string };
  categoryY: string;
  /** A record for arranging the filter test: unit, placement date, category and text. */
  make: (unitId: string, date: string, category: string, text: string) => Record<string, unknown>;
}

const base = (kind: ActivityKind, date: string) => emptyRecord(kind, date);

const CASES: KindCase[] = [
  {
    kind: 'propaganda',
    title: 'Tuyên truyền, phát động',
    item: 'buổi tuyên truyền',
    table: 'propaganda_sessions',
    textColumn: 'topic',
    create: {
      Ngày: { date: '15/03/2026' },
      [UNIT]: GIA_HOA,
      'Hình thức': { pick: 'Loa truyền thanh, xe loa', typed: 'loa' },
      'Nội dung, chủ đề': { text: 'Phòng, chống ma túy trong thanh thiếu niên' },
      'Địa điểm': { text: 'Nhà văn hóa thôn Đông' },
      'Lượt người': { number: '1.250' },
      'Tờ rơi': { number: '300' },
      'Phút phát loa': { number: '45' },
    },
    listed: [
      '15/03/2026',
      'Xã Gia Hòa',
      'Loa truyền thanh, xe loa',
      'Phòng, chống ma túy trong thanh thiếu niên',
      'Nhà văn hóa thôn Đông',
      '1.250',
      '300',
      '45',
    ],
    stored: (db) => ({
      date: '2026-03-15',
      unit_id: unitId(db, 'Xã Gia Hòa'),
      organization_id: null,
      purpose: 'tuyen_truyen',
      form: 'loa_truyen_thanh',
      venue: 'Nhà văn hóa thôn Đông',
      attendance: 1250,
      leaflets: 300,
      loudspeaker_minutes: 45,
      posts: 0,
      newsletters: 0,
      commitments: 0,
      note: null,
    }),
    edit: { 'Lượt người': { number: '1.300' } },
    edited: { attendance: 1300 },
    listedAfterEdit: '1.300',
    categoryLabel: 'Hình thức',
    categoryX: { value: 'loa_truyen_thanh', label: 'Loa truyền thanh, xe loa', typed: 'loa' },
    categoryY: 'truc_tiep',
    make: (u, date, cat, text) => ({ ...base('propaganda', date), unitId: u, form: cat, topic: text }),
  },
  {
    kind: 'events',
    title: 'Ngày hội, diễn đàn, hội nghị',
    item: 'sự kiện',
    table: 'activity_events',
    textColumn: 'title',
    create: {
      Ngày: { date: '19/08/2026' },
      [UNIT]: GIA_HUNG,
      'Loại sự kiện': { pick: 'Diễn đàn "Công an lắng nghe ý kiến Nhân dân"', typed: 'lang nghe' },
      'Cấp tổ chức': { pick: 'Cấp xã' },
      'Tên sự kiện': { text: 'Diễn đàn Công an lắng nghe ý kiến Nhân dân xã Gia Hưng' },
      'Lượt người': { number: '150' },
      'Ý kiến nêu ra': { number: '12' },
      'Ý kiến đã trả lời': { number: '10' },
      'Giá trị quà (đồng)': { number: '5.000.000' },
    },
    listed: ['19/08/2026', 'Xã Gia Hưng', 'Diễn đàn "Công an lắng nghe ý kiến Nhân dân"', 'Cấp xã', '150', '12', '5.000.000'],
    stored: (db) => ({
      date: '2026-08-19',
      unit_id: unitId(db, 'Xã Gia Hưng'),
      kind: 'lang_nghe',
      level: 'xa',
      attendance: 150,
      opinions_raised: 12,
      opinions_answered: 10,
      gifts: 0,
      gifts_value: 5_000_000,
    }),
    edit: { 'Ý kiến đã trả lời': { number: '12' }, 'Lượt người': { number: '180' } },
    edited: { opinions_answered: 12, attendance: 180 },
    listedAfterEdit: '180',
    categoryLabel: 'Loại sự kiện',
    categoryX: { value: 'ngay_hoi', label: 'Ngày hội toàn dân bảo vệ ANTQ', typed: 'ngay hoi' },
    categoryY: 'so_ket',
    make: (u, date, cat, text) => ({ ...base('events', date), unitId: u, kind: cat, title: text }),
  },
  {
    kind: 'tips',
    title: 'Nguồn tin của quần chúng',
    item: 'nguồn tin',
    table: 'tips',
    textColumn: 'summary',
    create: {
      'Ngày tiếp nhận': { date: '02/11/2026' },
      [UNIT]: GIA_HOA,
      'Kênh tiếp nhận': { pick: 'Điện thoại, đường dây nóng', typed: 'dien thoai' },
      'Lĩnh vực': { pick: 'Tội phạm' },
      'Loại tin về tội phạm': { pick: 'Tố giác về tội phạm' },
      'Nội dung tóm tắt': { text: 'Tố giác đối tượng trộm cắp xe máy' },
      'Có giá trị': { check: true },
    },
    // 20 days from 02/11/2026 is 22/11/2026, today: still within the limit.
    listed: [
      '02/11/2026',
      'Xã Gia Hòa',
      'Điện thoại, đường dây nóng',
      'Tội phạm',
      'Tố giác đối tượng trộm cắp xe máy',
      'Có',
      'Đang kiểm tra, xác minh',
      '22/11/2026',
      'Đang trong thời hạn',
    ],
    stored: (db) => ({
      received_on: '2026-11-02',
      unit_id: unitId(db, 'Xã Gia Hòa'),
      channel: 'dien_thoai',
      category: 'toi_pham',
      legal_type: 'to_giac',
      valuable: 1,
      status: 'dang_xu_ly',
      outcome: null,
      resolved_on: null,
      extensions: 0,
      criminal_cases: 0,
    }),
    edit: {
      'Tình trạng': { pick: 'Đã giải quyết' },
      'Kết quả giải quyết': { pick: 'Khởi tố vụ án' },
      'Ngày giải quyết': { date: '20/11/2026' },
      'Vụ án hình sự khám phá': { number: '1' },
    },
    edited: { status: 'da_giai_quyet', outcome: 'khoi_to', resolved_on: '2026-11-20', criminal_cases: 1 },
    listedAfterEdit: 'Giải quyết đúng hạn',
    categoryLabel: 'Lĩnh vực',
    categoryX: { value: 'ma_tuy', label: 'Ma túy', typed: 'ma tuy' },
    categoryY: 'trat_tu',
    make: (u, date, cat, text) => ({ ...base('tips', date), unitId: u, category: cat, summary: text }),
  },
  {
    kind: 'mediations',
    title: 'Hòa giải ở cơ sở',
    item: 'vụ việc hòa giải',
    table: 'mediations',
    textColumn: 'summary',
    create: {
      'Ngày tiếp nhận': { date: '05/04/2026' },
      [UNIT]: GIA_HOA,
      'Tổ hòa giải': { pick: /^Tổ hòa giải thôn Đông/ },
      'Loại vụ việc': { pick: 'Đất đai', typed: 'dat dai' },
      'Nội dung vụ việc': { text: 'Tranh chấp ranh giới đất giữa hai hộ' },
      'Kết quả': { pick: 'Hòa giải thành' },
      'Ngày kết thúc': { date: '20/04/2026' },
    },
    listed: ['05/04/2026', 'Xã Gia Hòa', 'Tổ hòa giải thôn Đông', 'Đất đai', 'Tranh chấp ranh giới đất giữa hai hộ', 'Hòa giải thành'],
    stored: (db) => ({
      received_on: '2026-04-05',
      unit_id: unitId(db, 'Xã Gia Hòa'),
      team_id: db.get<{ id: string }>("SELECT id FROM mass_orgs WHERE name = 'Tổ hòa giải thôn Đông'")!.id,
      basis: 'yeu_cau',
      case_type: 'dat_dai',
      outcome: 'thanh',
      closed_on: '2026-04-20',
    }),
    edit: { 'Kết quả': { pick: 'Hòa giải không thành' } },
    edited: { outcome: 'khong_thanh', closed_on: '2026-04-20' },
    listedAfterEdit: 'Hòa giải không thành',
    categoryLabel: 'Loại vụ việc',
    categoryX: { value: 'dat_dai', label: 'Đất đai', typed: 'dat' },
    categoryY: 'hon_nhan_gia_dinh',
    make: (u, date, cat, text) => ({ ...base('mediations', date), unitId: u, caseType: cat, summary: text, outcome: 'dang_giai_quyet' }),
  },
  {
    kind: 'incidents',
    title: 'Thống kê tình hình ANTT',
    item: 'dòng thống kê',
    table: 'incidents',
    textColumn: 'description',
    create: {
      'Ngày xảy ra': { date: '10/06/2026' },
      [UNIT]: GIA_HUNG,
      'Loại vụ việc': { pick: 'Cháy, nổ nghiêm trọng', typed: 'chay no' },
      'Người bị thương': { number: '2' },
      'Mô tả': { text: 'Cháy xưởng gỗ thôn Bắc' },
      'Căn cứ loại trừ': { pick: 'Bất khả kháng' },
      'Lý do loại trừ': { text: 'Sét đánh gây cháy' },
      'Người xác nhận loại trừ': { text: 'Chủ tịch UBND xã Gia Hưng' },
      'Ngày xác nhận': { date: '15/06/2026' },
    },
    listed: ['10/06/2026', 'Xã Gia Hưng', 'Cháy, nổ nghiêm trọng', 'Cháy xưởng gỗ thôn Bắc', 'Bất khả kháng'],
    stored: (db) => ({
      occurred_on: '2026-06-10',
      unit_id: unitId(db, 'Xã Gia Hưng'),
      category: 'chay_no',
      count: 1,
      solved: 0,
      injuries: 2,
      excuse: 'bat_kha_khang',
      excuse_reason: 'Sét đánh gây cháy',
      excuse_approved_by: 'Chủ tịch UBND xã Gia Hưng',
      excuse_approved_on: '2026-06-15',
    }),
    edit: { 'Số vụ (người)': { number: '2' } },
    edited: { count: 2 },
    listedAfterEdit: 'Cháy xưởng gỗ thôn Bắc',
    categoryLabel: 'Loại vụ việc',
    categoryX: { value: 'tai_nan_giao_thong', label: 'Tai nạn giao thông', typed: 'giao thong' },
    categoryY: 'te_nan_xa_hoi',
    make: (u, date, cat, text) => ({ ...base('incidents', date), unitId: u, category: cat, description: text }),
  },
  {
    kind: 'awards',
    title: 'Khen thưởng',
    item: 'khen thưởng',
    table: 'awards',
    textColumn: 'recipient_name',
    create: {
      [UNIT]: GIA_HOA,
      'Đối tượng': { pick: 'Cá nhân' },
      'Tên tập thể, cá nhân': { text: 'Đại úy Nguyễn Văn An' },
      'Hình thức khen thưởng': { pick: 'Giấy khen của Giám đốc Công an tỉnh', typed: 'giam doc' },
      'Số quyết định': { text: '123/QĐ-CAT' },
      'Ngày quyết định': { date: '20/11/2026' },
      'Dịp khen thưởng': { text: 'Tổng kết phong trào năm 2026' },
    },
    listed: ['2026', 'Xã Gia Hòa', 'Cá nhân', 'Đại úy Nguyễn Văn An', 'Giấy khen của Giám đốc Công an tỉnh', '123/QĐ-CAT', '20/11/2026'],
    stored: (db) => ({
      year: 2026,
      unit_id: unitId(db, 'Xã Gia Hòa'),
      recipient: 'ca_nhan',
      form: 'giay_khen_giam_doc_ca_tinh',
      // Left empty in the form: the usual issuer of the form.
      issuer: 'Công an tỉnh',
      decision_number: '123/QĐ-CAT',
      decision_date: '2026-11-20',
      occasion: 'Tổng kết phong trào năm 2026',
    }),
    edit: { 'Số quyết định': { text: '124/QĐ-CAT' } },
    edited: { decision_number: '124/QĐ-CAT' },
    listedAfterEdit: '124/QĐ-CAT',
    categoryLabel: 'Hình thức khen thưởng',
    categoryX: { value: 'ky_niem_chuong', label: 'Kỷ niệm chương "Bảo vệ an ninh Tổ quốc"', typed: 'ky niem' },
    categoryY: 'co_thi_dua',
    make: (u, date, cat, text) => ({
      ...base('awards', date),
      unitId: u,
      year: Number(date.slice(0, 4)),
      form: cat,
      recipientName: text,
      issuer: '',
    }),
  },
];

const mainText = (c: KindCase) => {
  const f = Object.entries(c.create).find(([label]) => ACTIVITY_FIELDS[c.kind].some((x) => x.label === label && x.key === textKey(c.kind)));
  return (f![1] as { text: string }).text;
};
const textKey = (kind: ActivityKind) =>
  ({ propaganda: 'topic', events: 'title', tips: 'summary', mediations: 'summary', incidents: 'description', awards: 'recipientName' })[
    kind
  ];

test.beforeEach(async ({ host, page }) => {
  await setupGiaVien(host);
  await page.goto(host.url);
});

for (const c of CASES) {
  test(`${c.title}: create, edit, duplicate, delete and undo`, async ({ page, host, db }) => {
    if (c.kind === 'mediations') await arrangeTeam(host, db);
    const act = new ActivitiesPage(page);
    await act.open();
    await act.tab(c.title);
    await expect(act.table(c.item)).toContainText('Chưa có bản ghi nào');
    const text = mainText(c);
    const stored = () =>
      db.all<Record<string, unknown>>(`SELECT * FROM ${c.table} WHERE ${c.textColumn} = ? ORDER BY created_at, id`, text);

    // Create: the first field has the focus.
    let d = await act.openAdd(c.item);
    await expect(d.getByRole('textbox').first()).toBeFocused();
    await act.fill(d, c.create);
    await act.save(d);
    await act.expectNoDialog();
    const row = act.row(c.item, text);
    for (const t of c.listed) await expect(row).toContainText(t);
    await expect(act.count()).toHaveText(new RegExp(`^1 ${c.item}`));
    expect(stored()).toHaveLength(1);
    const created = stored()[0]!;
    expect(created).toMatchObject({ ...c.stored(db), deleted_at: null });

    // Edit: a row opens its form (a tip opens its detail view first).
    await row.click();
    if (c.kind === 'tips') await act.tipDetail().getByRole('button', { name: 'Sửa', exact: true }).click();
    d = act.dialog(`Sửa ${c.item}`);
    await expect(d).toBeVisible();
    await act.fill(d, c.edit);
    await act.save(d);
    await act.expectNoDialog();
    await expect(row).toContainText(c.listedAfterEdit);
    expect(stored()).toHaveLength(1);
    expect(stored()[0]).toMatchObject({ ...c.stored(db), ...c.edited, id: created['id'], created_at: created['created_at'] });

    // Duplicate: the form opens with the row's values and saves a new record.
    await act.rowAction(row, 'Nhân bản');
    d = act.dialog(`Nhân bản ${c.item}`);
    await expect(d).toBeVisible();
    await expect(d.getByRole('textbox', { name: Object.keys(c.create).find((l) => 'text' in c.create[l]!)!, exact: true })).not.toHaveValue(
      '',
    );
    await act.save(d);
    await act.expectNoDialog();
    await expect(act.rows(c.item)).toHaveCount(2);
    const both = stored();
    expect(both).toHaveLength(2);
    const strip = (r: Record<string, unknown>) =>
      Object.fromEntries(Object.entries(r).filter(([k]) => !['id', 'created_at', 'updated_at'].includes(k)));
    const original = both.find((r) => r['id'] === created['id'])!;
    const copy = both.find((r) => r['id'] !== created['id'])!;
    expect(strip(copy)).toEqual(strip(original));

    // Delete: gone from the list at once, in the bin; "Hoàn tác" brings it back.
    await act.rowAction(act.rows(c.item).first(), 'Xóa');
    await expect(act.rows(c.item)).toHaveCount(1);
    await expect(page.getByText(/^Đã chuyển vào mục "Đã xóa gần đây"/)).toBeVisible();
    expect(db.all(`SELECT id FROM ${c.table} WHERE deleted_at IS NOT NULL`)).toHaveLength(1);
    await act.undo();
    await expect(act.rows(c.item)).toHaveCount(2);
    expect(db.all(`SELECT id FROM ${c.table} WHERE deleted_at IS NOT NULL`)).toHaveLength(0);
    expect(db.all(`SELECT deleted_at FROM ${c.table}`)).toEqual([{ deleted_at: null }, { deleted_at: null }]);
  });

  test(`${c.title}: filter by unit, period, ${c.categoryLabel.toLowerCase()} and search without diacritics`, async ({ page, host, db }) => {
    const hoa = unitId(db, 'Xã Gia Hòa');
    const hung = unitId(db, 'Xã Gia Hưng');
    await saveMany(host, {
      kind: c.kind,
      records: [
        c.make(hoa, '2026-03-10', c.categoryX.value, 'Họp dân thôn Đồng Quýt'),
        c.make(hung, '2026-05-20', c.categoryY, 'Nội dung thứ hai'),
        c.make(hoa, '2025-06-15', c.categoryY, 'Nội dung năm trước'),
        c.make(hung, '2026-08-15', c.categoryX.value, 'Nội dung thứ tư'),
      ],
    });
    const act = new ActivitiesPage(page);
    await act.open();
    await act.tab(c.title);
    const rows = act.rows(c.item);
    await expect(rows).toHaveCount(3);
    await expect(act.count()).toHaveText(new RegExp(`^3 ${c.item}`));

    await act.filterSelect('Đơn vị', /Xã Gia Hòa$/, 'gia hoa');
    await expect(rows).toHaveCount(1);
    await expect(rows.first()).toContainText('Đồng Quýt');
    await act.preset('Năm trước');
    await expect(rows).toHaveCount(1);
    await expect(rows.first()).toContainText('Nội dung năm trước');
    await act.preset('Tất cả');
    await expect(rows).toHaveCount(2);

    await act.clearFilters();
    await expect(rows).toHaveCount(3);
    await act.filterSelect(c.categoryLabel, c.categoryX.label, c.categoryX.typed);
    await expect(rows).toHaveCount(2);
    await expect(act.row(c.item, 'Đồng Quýt')).toHaveCount(1);
    await expect(act.row(c.item, 'Nội dung thứ tư')).toHaveCount(1);

    await act.clearFilters();
    await act.search('dong quyt');
    await expect(rows).toHaveCount(1);
    await expect(rows.first()).toContainText('Họp dân thôn Đồng Quýt');

    await act.clearFilters();
    await act.period('01/01/2025', '31/12/2025');
    await expect(rows).toHaveCount(1);
    await expect(rows.first()).toContainText('Nội dung năm trước');
    await expect(act.count()).toHaveText(new RegExp(`^1 ${c.item}`));
  });
}

// ---------------------------------------------------------------------------------------------
// Refusals, carried fields

test("the mediation form's team picker offers the teams near the record's unit, searched as one types", async ({ page, host, db }) => {
  const dong = await arrangeTeam(host, db);
  const kindId = BUILT_IN_KINDS.find((k) => k.code === 'to_hoa_giai')!.id;
  const team = (unit: string, name: string) =>
    apiOf(host).call('massOrgs.create', {
      kindId,
      unitId: unit,
      name,
      decisionIssuer: null,
      decisionNumber: null,
      decisionDate: null,
      validFrom: '2020-01-01',
      note: null,
    });
  const bac = await team(unitId(db, 'Xã Gia Hưng'), 'Tổ hòa giải xóm Bắc');
  const root = db.get<{ id: string }>('SELECT id FROM units WHERE parent_id IS NULL AND deleted_at IS NULL')!.id;
  const district = await team(root, 'Tổ hòa giải liên xã');
  const act = new ActivitiesPage(page);
  await act.open();
  await act.tab('Hòa giải ở cơ sở');
  const d = await act.openAdd('vụ việc hòa giải');
  const picker = d.getByRole('combobox', { name: 'Tổ hòa giải', exact: true });
  const offered = page.getByRole('listbox').getByRole('option');
  // Each option shows the team's name, then its unit's.
  const names = () => offered.evaluateAll((els) => els.map((e) => e.querySelector('p')?.textContent ?? ''));

  // Gia Hưng: its own team and the district's, not Gia Hòa's.
  await act.fill(d, { 'Ngày tiếp nhận': { date: '06/05/2026' }, [UNIT]: GIA_HUNG });
  await picker.click();
  await expect(offered).toHaveCount(2);
  expect(await names()).toEqual(['Tổ hòa giải liên xã', 'Tổ hòa giải xóm Bắc']);
  await picker.press('Escape');

  // Gia Hòa: typed without diacritics, the team is found and taken with Enter.
  await act.fill(d, { [UNIT]: GIA_HOA });
  await picker.click();
  await expect(offered).toHaveCount(2);
  await picker.fill('thon dong');
  await expect(offered).toHaveCount(1);
  await expect(offered.first()).toContainText('Tổ hòa giải thôn Đông');
  await picker.press('Enter');
  await expect(picker).toHaveValue('Tổ hòa giải thôn Đông');
  await act.fill(d, {
    'Loại vụ việc': { pick: 'Đất đai', typed: 'dat dai' },
    'Nội dung vụ việc': { text: 'Tranh chấp lối đi chung' },
    'Kết quả': { pick: 'Hòa giải thành' },
    'Ngày kết thúc': { date: '10/05/2026' },
  });
  await act.save(d);
  await act.expectNoDialog();
  expect(db.get("SELECT team_id, unit_id FROM mediations WHERE summary = 'Tranh chấp lối đi chung'")).toEqual({
    team_id: dong,
    unit_id: unitId(db, 'Xã Gia Hòa'),
  });
  expect([bac.id, district.id]).not.toContain(dong);

  // Opened again, the saved team shows by its name.
  await act.row('vụ việc hòa giải', 'Tranh chấp lối đi chung').click();
  const edit = act.dialog('Sửa vụ việc hòa giải');
  await expect(edit.getByRole('combobox', { name: 'Tổ hòa giải', exact: true })).toHaveValue('Tổ hòa giải thôn Đông');
});

test('a cross-field refusal shows in Vietnamese under its field and keeps the form; so does a refusal by the backend', async ({
  page,
  host,
  db,
}) => {
  await arrangeTeam(host, db);
  const act = new ActivitiesPage(page);
  await act.open();
  await act.tab('Hòa giải ở cơ sở');
  const d = await act.openAdd('vụ việc hòa giải');
  await act.fill(d, {
    'Ngày tiếp nhận': { date: '05/04/2026' },
    [UNIT]: GIA_HOA,
    'Nội dung vụ việc': { text: 'Mâu thuẫn lối đi chung' },
    'Kết quả': { pick: 'Hòa giải thành' },
    'Ngày kết thúc': { date: '01/04/2026' },
  });
  await act.save(d);
  await expect(d.getByText('Ngày kết thúc không được trước ngày tiếp nhận.')).toBeVisible();
  await expect(d).toBeVisible();
  await expect(d.getByRole('textbox', { name: 'Nội dung vụ việc' })).toHaveValue('Mâu thuẫn lối đi chung');
  await expect(d.getByRole('textbox', { name: 'Ngày kết thúc' })).toHaveValue('01/04/2026');
  expect(db.get<{ n: number }>('SELECT count(*) AS n FROM mediations')!.n).toBe(0);

  // The unit ended before the date: only the backend knows; its message lands under the unit.
  await apiOf(host).call('units.end', { id: unitId(db, 'Xã Gia Hòa'), validTo: '2026-03-31', reason: 'Sáp nhập' });
  await act.fill(d, { 'Ngày kết thúc': { date: '20/04/2026' } });
  await act.save(d);
  await expect(d.getByRole('alert')).toContainText('Xã Gia Hòa đã kết thúc hoạt động từ ngày 31/03/2026');
  await expect(d.getByRole('textbox', { name: 'Nội dung vụ việc' })).toHaveValue('Mâu thuẫn lối đi chung');
  expect(db.get<{ n: number }>('SELECT count(*) AS n FROM mediations')!.n).toBe(0);

  await act.fill(d, { 'Ngày tiếp nhận': { date: '25/03/2026' } });
  await act.save(d);
  await act.expectNoDialog();
  expect(db.get('SELECT received_on, outcome, closed_on, summary FROM mediations')).toEqual({
    received_on: '2026-03-25',
    outcome: 'thanh',
    closed_on: '2026-04-20',
    summary: 'Mâu thuẫn lối đi chung',
  });
});

test('incident excuse fields appear only for categories that can be excused', async ({ page }) => {
  const act = new ActivitiesPage(page);
  await act.open();
  await act.tab('Thống kê tình hình ANTT');
  const d = await act.openAdd('dòng thống kê');
  // The form opens with the cursor in the date, without its calendar over the fields.
  await expect(d.getByRole('textbox', { name: 'Ngày xảy ra' })).toBeFocused();
  await act.fill(d, { 'Loại vụ việc': { pick: 'Tai nạn giao thông', typed: 'giao thong' } });
  await expect(d.getByRole('combobox', { name: 'Căn cứ loại trừ' })).toHaveCount(0);
  await act.fill(d, { 'Loại vụ việc': { pick: 'Tội phạm nghiêm trọng', typed: 'toi pham nghiem trong' } });
  await expect(d.getByRole('combobox', { name: 'Căn cứ loại trừ' })).toBeVisible();
  await expect(d.getByRole('textbox', { name: 'Người xác nhận loại trừ' })).toBeVisible();
});

test('"Lưu và nhập tiếp" keeps the date, unit, form and topic and puts the cursor on the next field; Enter and Ctrl+Enter save', async ({
  page,
  db,
}) => {
  const act = new ActivitiesPage(page);
  await act.open();
  let d = await act.openAdd('buổi tuyên truyền');
  await expect(d.getByRole('textbox', { name: 'Ngày' })).toBeFocused();
  await act.fill(d, {
    Ngày: { date: '12/05/2026' },
    [UNIT]: GIA_HUNG,
    'Hình thức': { pick: 'Phát tờ rơi', typed: 'to roi' },
    'Nội dung, chủ đề': { text: 'Phòng, chống lừa đảo qua mạng' },
    'Địa điểm': { text: 'Chợ Gia Hưng' },
    'Lượt người': { number: '80' },
    'Tờ rơi': { number: '500' },
  });
  await act.save(d, 'Lưu và nhập tiếp');
  await expect(act.rows('buổi tuyên truyền')).toHaveCount(1);
  d = act.dialog('Thêm buổi tuyên truyền');
  await expect(d.getByRole('textbox', { name: 'Ngày' })).toHaveValue('12/05/2026');
  await expect(d.getByRole('combobox', { name: UNIT })).toHaveValue(/Xã Gia Hưng$/);
  await expect(d.getByRole('combobox', { name: 'Hình thức' })).toHaveValue('Phát tờ rơi');
  await expect(d.getByRole('textbox', { name: 'Nội dung, chủ đề' })).toHaveValue('Phòng, chống lừa đảo qua mạng');
  await expect(d.getByRole('textbox', { name: 'Lượt người' })).toHaveValue('');
  await expect(d.getByRole('textbox', { name: 'Địa điểm' })).toHaveValue('');
  await expect(d.getByRole('textbox', { name: 'Địa điểm' })).toBeFocused();

  // Keyboard only: type the venue, Tab past the organisation, type the attendance, Enter saves.
  await page.keyboard.type('Nhà văn hóa thôn Tây');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  await page.keyboard.type('1250');
  await page.keyboard.press('Enter');
  await act.expectNoDialog();
  await expect(act.rows('buổi tuyên truyền')).toHaveCount(2);

  // The next form starts from the last record entered; Ctrl+Enter saves from any field.
  d = await act.openAdd('buổi tuyên truyền');
  await expect(d.getByRole('textbox', { name: 'Ngày' })).toHaveValue('12/05/2026');
  await expect(d.getByRole('combobox', { name: UNIT })).toHaveValue(/Xã Gia Hưng$/);
  await expect(d.getByRole('textbox', { name: 'Ngày' })).toBeFocused();
  await page.keyboard.press('Control+Enter');
  await act.expectNoDialog();
  await expect(act.rows('buổi tuyên truyền')).toHaveCount(3);

  const hung = unitId(db, 'Xã Gia Hưng');
  expect(
    db.all("SELECT date, unit_id, form, topic, venue, attendance, leaflets FROM propaganda_sessions ORDER BY coalesce(venue, '')"),
  ).toEqual([
    { date: '2026-05-12', unit_id: hung, form: 'to_roi', topic: 'Phòng, chống lừa đảo qua mạng', venue: null, attendance: 0, leaflets: 0 },
    {
      date: '2026-05-12',
      unit_id: hung,
      form: 'to_roi',
      topic: 'Phòng, chống lừa đảo qua mạng',
      venue: 'Chợ Gia Hưng',
      attendance: 80,
      leaflets: 500,
    },
    {
      date: '2026-05-12',
      unit_id: hung,
      form: 'to_roi',
      topic: 'Phòng, chống lừa đảo qua mạng',
      venue: 'Nhà văn hóa thôn Tây',
      attendance: 1250,
      leaflets: 0,
    },
  ]);
});

test('the bin lists deleted records and restores them', async ({ page, host, db }) => {
  const hoa = unitId(db, 'Xã Gia Hòa');
  const { ids } = await saveMany(host, {
    kind: 'propaganda',
    records: [CASES[0]!.make(hoa, '2026-04-02', 'truc_tiep', 'An toàn giao thông cho học sinh')],
  });
  await apiOf(host).call('activities.delete', { kind: 'propaganda', id: ids[0]! });
  const act = new ActivitiesPage(page);
  await act.open();
  await expect(act.rows('buổi tuyên truyền')).toHaveCount(0);
  const bin = await act.openBin('buổi tuyên truyền');
  const binRow = bin.getByRole('row').filter({ hasText: 'An toàn giao thông cho học sinh' });
  await expect(binRow).toContainText('02/04/2026');
  await binRow.getByRole('button', { name: 'Khôi phục' }).click();
  await expect(bin).toContainText('Không có bản ghi nào đã xóa.');
  expect(db.get('SELECT deleted_at FROM propaganda_sessions WHERE id = ?', ids[0])).toEqual({ deleted_at: null });
  await bin.getByRole('button', { name: 'Đóng' }).click();
  await expect(act.rows('buổi tuyên truyền')).toHaveCount(1);
});

// ---------------------------------------------------------------------------------------------
// The informant of a tip

test('a tip informant is entered in the detail view and shown only there, after "Hiện thông tin người cung cấp tin"', async ({
  page,
  host,
  db,
}) => {
  const hoa = unitId(db, 'Xã Gia Hòa');
  const { ids } = await saveMany(host, {
    kind: 'tips',
    records: [
      {
        ...emptyRecord('tips', '2026-11-10'),
        unitId: hoa,
        category: 'ma_tuy',
        legalType: 'to_giac',
        valuable: true,
        summary: 'Tố giác điểm bán lẻ ma túy',
      },
    ],
  });
  const act = new ActivitiesPage(page);
  await act.open();
  await act.tab('Nguồn tin của quần chúng');
  await act.row('nguồn tin', 'Tố giác điểm bán lẻ ma túy').click();
  const section = act.informantSection();
  await expect(section.getByRole('button', { name: 'Hiện thông tin người cung cấp tin' })).toBeVisible();
  await section.getByRole('button', { name: 'Hiện thông tin người cung cấp tin' }).click();
  await expect(section).toContainText('Chưa ghi thông tin người cung cấp tin');
  await section.getByRole('button', { name: 'Ghi thông tin người cung cấp tin' }).click();
  await section.getByRole('textbox', { name: 'Họ tên' }).fill('Nguyễn Văn Bí Mật');
  await section.getByRole('textbox', { name: 'Số điện thoại' }).fill('0912345678');
  await section.getByRole('textbox', { name: 'Địa chỉ' }).fill('Thôn Đông, xã Gia Hòa');
  await section.getByRole('button', { name: 'Lưu thông tin' }).click();
  await expect(section.getByRole('table', { name: 'Thông tin người cung cấp tin' })).toContainText('Nguyễn Văn Bí Mật');
  // Stored sealed (AES-256-GCM under the session's data key, docs/decisions.md (h15-crypt)): the file never holds them in clear.
  const sealed = expect.stringMatching(/^enc1:[A-Za-z0-9+/]+=*$/);
  expect(db.get('SELECT tip_id, name, phone, address FROM tip_informants')).toEqual({
    tip_id: ids[0],
    name: sealed,
    phone: sealed,
    address: sealed,
  });
  expect(JSON.stringify(db.all('SELECT * FROM tip_informants'))).not.toMatch(/Bí Mật|0912345678|Gia Hòa/);

  // After a reload nothing on the page shows it: not the list, not the detail until asked, not the tip's form, not a search.
  await page.reload();
  await act.open();
  await act.tab('Nguồn tin của quần chúng');
  await expect(act.rows('nguồn tin')).toHaveCount(1);
  await expect(page.locator('body')).not.toContainText('Bí Mật');
  await expect(page.locator('body')).not.toContainText('0912345678');
  await act.search('bi mat');
  await expect(act.rows('nguồn tin')).toHaveCount(0);
  await act.clearFilters();
  await act.row('nguồn tin', 'Tố giác điểm bán lẻ ma túy').click();
  await expect(act.tipDetail()).toContainText('Tố giác điểm bán lẻ ma túy');
  await expect(page.locator('body')).not.toContainText('Bí Mật');
  await act.tipDetail().getByRole('button', { name: 'Sửa', exact: true }).click();
  const form = act.dialog('Sửa nguồn tin');
  await expect(form).toBeVisible();
  await expect(page.locator('body')).not.toContainText('Bí Mật');
  const values = await form.locator('input').evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value).join('|'));
  expect(values).not.toContain('Bí Mật');
  expect(values).not.toContain('0912345678');
  await form.getByRole('button', { name: 'Hủy' }).click();

  await act.row('nguồn tin', 'Tố giác điểm bán lẻ ma túy').click();
  await act.informantSection().getByRole('button', { name: 'Hiện thông tin người cung cấp tin' }).click();
  await expect(act.informantSection()).toContainText('Nguyễn Văn Bí Mật');
  await expect(act.informantSection()).toContainText('0912345678');
  // Hidden again, it leaves the page.
  await act.informantSection().getByRole('button', { name: 'Ẩn thông tin người cung cấp tin' }).click();
  await expect(page.locator('body')).not.toContainText('Bí Mật');

  // Removed: the separate row is gone, the tip stays.
  await act.informantSection().getByRole('button', { name: 'Hiện thông tin người cung cấp tin' }).click();
  await act.informantSection().getByRole('button', { name: 'Xóa thông tin người cung cấp tin' }).click();
  await page
    .getByRole('dialog', { name: 'Xóa thông tin người cung cấp tin?' })
    .getByRole('button', { name: 'Xóa thông tin người cung cấp tin' })
    .click();
  await expect(act.informantSection()).toContainText('Chưa ghi thông tin người cung cấp tin');
  expect(db.get<{ n: number }>('SELECT count(*) AS n FROM tip_informants')!.n).toBe(0);
  expect(db.get('SELECT deleted_at FROM tips WHERE id = ?', ids[0])).toEqual({ deleted_at: null });
});

// ---------------------------------------------------------------------------------------------
// Excel

const PROPAGANDA_HEADERS = ['Mã bản ghi', ...ACTIVITY_FIELDS.propaganda.map((f) => f.label)];

async function writeXlsx(headers: string[], rows: (string | number)[][], name: string): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Dữ liệu');
  ws.addRow(headers);
  for (const r of rows) ws.addRow(r);
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'antq-activities-xlsx-')), name);
  await wb.xlsx.writeFile(file);
  return file;
}

/** A propaganda row in the sheet's column order. */
const sheetRow = (date: string, unit: string, form: string, topic: string, venue: string, attendance: number, leaflets: number) => [
  '',
  date,
  unit,
  'Tuyên truyền',
  form,
  topic,
  venue,
  '',
  attendance,
  leaflets,
  0,
  0,
  0,
  0,
  '',
];

test('Excel import of propaganda sessions: a bad row blocks everything until fixed; the same file again adds nothing', async ({
  page,
  db,
}) => {
  const act = new ActivitiesPage(page);
  await act.open();
  const good = sheetRow('15/03/2026', 'Xã Gia Hòa', 'Trực tiếp', 'Phòng, chống ma túy', 'Nhà văn hóa thôn Đông', 1250, 300);
  const bad = sheetRow('31/02/2026', 'xa gia hung', 'Loa truyền thanh, xe loa', 'An toàn giao thông', 'Chợ Gia Hưng', 450, 0);
  let d = await act.chooseExcel(await writeXlsx(PROPAGANDA_HEADERS, [good, bad], 'tuyen-truyen.xlsx'));
  await expect(d).toContainText('1 dòng mới, 0 dòng cập nhật, 0 dòng không đổi, 1 dòng lỗi');
  await expect(d.getByRole('row').filter({ hasText: 'Lỗi' }).last()).toContainText('Ngày');
  await expect(d.getByRole('button', { name: 'Ghi dữ liệu' })).toBeDisabled();
  expect(db.get<{ n: number }>('SELECT count(*) AS n FROM propaganda_sessions')!.n).toBe(0);
  await d.getByRole('button', { name: 'Đóng' }).click();
  await act.expectNoDialog();

  const fixed = [...bad];
  fixed[1] = '28/02/2026';
  const fixedFile = await writeXlsx(PROPAGANDA_HEADERS, [good, fixed], 'tuyen-truyen-sua.xlsx');
  d = await act.chooseExcel(fixedFile);
  await expect(d).toContainText('2 dòng mới, 0 dòng cập nhật, 0 dòng không đổi, 0 dòng lỗi');
  await d.getByRole('button', { name: 'Ghi dữ liệu' }).click();
  await act.expectNoDialog();
  await expect(act.rows('buổi tuyên truyền')).toHaveCount(2);
  await expect(act.totals('buổi tuyên truyền')).toContainText('1.700');
  expect(db.all('SELECT date, unit_id, form, topic, attendance FROM propaganda_sessions ORDER BY date')).toEqual([
    { date: '2026-02-28', unit_id: unitId(db, 'Xã Gia Hưng'), form: 'loa_truyen_thanh', topic: 'An toàn giao thông', attendance: 450 },
    { date: '2026-03-15', unit_id: unitId(db, 'Xã Gia Hòa'), form: 'truc_tiep', topic: 'Phòng, chống ma túy', attendance: 1250 },
  ]);
  const before = db.all('SELECT * FROM propaganda_sessions ORDER BY id');

  d = await act.chooseExcel(fixedFile);
  await expect(d).toContainText('0 dòng mới, 0 dòng cập nhật, 2 dòng không đổi, 0 dòng lỗi');
  await expect(d.getByRole('button', { name: 'Ghi dữ liệu' })).toBeDisabled();
  await d.getByRole('button', { name: 'Đóng' }).click();
  expect(db.all('SELECT * FROM propaganda_sessions ORDER BY id')).toEqual(before);
});

test('Excel export of propaganda sessions writes the rows of the filtered list', async ({ page, host, db }) => {
  const hoa = unitId(db, 'Xã Gia Hòa');
  const hung = unitId(db, 'Xã Gia Hưng');
  const make = CASES[0]!.make;
  await saveMany(host, {
    kind: 'propaganda',
    records: [
      { ...make(hoa, '2026-03-15', 'truc_tiep', 'Phòng, chống ma túy'), attendance: 1250 },
      { ...make(hoa, '2026-09-02', 'to_roi', 'Phòng cháy, chữa cháy'), attendance: 80, leaflets: 500 },
      { ...make(hung, '2026-04-20', 'truc_tiep', 'An toàn giao thông'), attendance: 300 },
      { ...make(hoa, '2025-10-01', 'truc_tiep', 'Năm trước'), attendance: 40 },
    ],
  });
  const act = new ActivitiesPage(page);
  await act.open();
  await act.filterSelect('Đơn vị', /Xã Gia Hòa$/, 'gia hoa');
  const rows = act.rows('buổi tuyên truyền');
  await expect(rows).toHaveCount(2);
  const listed = await rows.evaluateAll((els) =>
    els.map((e) => Array.from(e.querySelectorAll('[role=cell]')).map((c) => c.textContent ?? '')),
  );

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('tabpanel').getByRole('button', { name: 'Xuất Excel' }).click(),
  ]);
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'antq-activities-export-')), download.suggestedFilename());
  await download.saveAs(file);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const ws = wb.worksheets[0]!;
  const header = (ws.getRow(1).values as unknown[]).slice(1).map((v) => String(v).replace(/ \(\*\)$/, ''));
  expect(header).toEqual(PROPAGANDA_HEADERS);
  const col = (label: string) => header.indexOf(label) + 1;
  const exported: string[][] = [];
  for (let r = 2; r <= ws.rowCount; r++) {
    const row = ws.getRow(r);
    if (row.getCell(col('Ngày')).value === null) continue;
    exported.push(
      ['Ngày', 'Đơn vị (xã, khu dân cư)', 'Hình thức', 'Nội dung, chủ đề', 'Lượt người', 'Tờ rơi'].map((l) =>
        cellText(row.getCell(col(l)).value ?? ''),
      ),
    );
  }
  // The list's columns: date, unit, form, topic, venue, attendance, leaflets, loudspeaker minutes.
  const fromList = listed.map((cells) => [
    cells[0]!,
    cells[1]!,
    cells[2]!,
    cells[3]!,
    cells[5]!.replace(/\./g, ''),
    cells[6]!.replace(/\./g, ''),
  ]);
  const norm = (rowsOf: string[][]) => rowsOf.map((r) => [r[0], r[1]!.replace(/^.*\/ /, ''), r[2], r[3], r[4], r[5]].join('|')).sort();
  expect(norm(exported)).toEqual(norm(fromList));
  expect(norm(exported)).toHaveLength(2);

  // The exported file imports back unchanged.
  const d = await act.chooseExcel(file);
  await expect(d).toContainText('0 dòng mới, 0 dòng cập nhật, 2 dòng không đổi, 0 dòng lỗi');
  await d.getByRole('button', { name: 'Đóng' }).click();
  expect(db.get<{ n: number }>('SELECT count(*) AS n FROM propaganda_sessions')!.n).toBe(4);
});
