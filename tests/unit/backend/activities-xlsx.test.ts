/**
 * Excel sheets of the activity records (services/xlsx-import/specs/activities.spec.ts) through the generic flow
 * (xlsx.template / preview / commit / export) on a migrated Gia Viễn database: templates carry the
 * field labels and dropdowns; a bad row is shown and blocks the commit; the fixed file commits and
 * re-importing it creates nothing; an export imports back unchanged, for every kind; edits made in
 * an exported file update the records they came from; export honours the list filter.
 */
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MethodOutput, UnitDto } from '../../../shared/ipc/contract';
import { ACTIVITY_FIELDS, ACTIVITY_KINDS, type ActivityKind } from '../../../shared/domain/activities';
import { BUILT_IN_KINDS } from '../../../shared/domain/mass-orgs';
import { EMPTY_FILTER, type ListFilter } from '../../../shared/domain/registries';
import { ACTIVITY_SPECS, contentKey } from '../../../electron/backend/services/xlsx-import/specs/activities.spec';
import { startBackend, type TestBackend } from '../../support/backend';
import { useTempDir } from '../../support/temp-dir';
import { dumpDatabase, queryAll, queryOne } from '../../support/sqlite';
import { isVietnameseMessage } from '../../support/vietnamese';
import { TABLES, activityApi, sampleRecords, setupGiaVien, type AnyRecordInput } from './activities-records';
import { organizationInput } from '../../support/offices';
import { cellText } from '../../support/cells';

const START = '2026-11-22T03:00:00.000Z';
const tmp = useTempDir('antq-activities-xlsx-');
const kindId = (code: string) => BUILT_IN_KINDS.find((k) => k.code === code)!.id;

let t: TestBackend;
let api: ReturnType<typeof activityApi>;
let hoa: UnitDto;
let hung: UnitDto;
let thonDong: UnitDto;
let rec: AnyRecordInput;

const dump = () => dumpDatabase(t.backend.databasePath);
const rows = (sql: string, ...params: unknown[]) => queryAll(t.backend.databasePath, sql, ...params);
const row = (sql: string, ...params: unknown[]) => queryOne(t.backend.databasePath, sql, ...params);

beforeEach(async () => {
  t = await startBackend(tmp.path(), START);
  api = activityApi(t);
  const unit = await setupGiaVien(t);
  hoa = unit('Xã Gia Hòa');
  hung = unit('Xã Gia Hưng');
  thonDong = await t.call('units.create', { parentId: hoa.id, name: 'Thôn Đông', kind: 'thon', code: null, validFrom: '2020-01-01' });
  rec = sampleRecords(hoa.id);
});
afterEach(() => t.close());

type Cell = string | number | null;

/** A workbook like the template: row 1 = headers, then one row per object keyed by header. */
async function sheet(headers: readonly string[], data: readonly Record<string, Cell>[]): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Dữ liệu');
  ws.addRow([...headers]);
  for (const d of data) ws.addRow(headers.map((h) => d[h] ?? null));
  return Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
}

async function load(base64: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(base64, 'base64') as unknown as ArrayBuffer);
  return wb;
}

async function exportOf(kind: ActivityKind, filter: Partial<ListFilter> = {}): Promise<MethodOutput<'xlsx.export'>> {
  return t.call('xlsx.export', { registry: kind, filter: { ...EMPTY_FILTER, ...filter } });
}

/** The ids (column A) of an exported sheet's data rows. */
async function exportedIds(base64: string): Promise<string[]> {
  const ws = (await load(base64)).worksheets[0]!;
  const out: string[] = [];
  ws.eachRow((r, n) => {
    if (n > 1) out.push(cellText(r.getCell(1).value));
  });
  return out;
}

const headersOf = (kind: ActivityKind) => ['Mã bản ghi', ...ACTIVITY_FIELDS[kind].map((f) => f.label)];

// ---------------------------------------------------------------------------------------------

describe('templates', () => {
  it.each(ACTIVITY_KINDS)('%s: the id column, the field labels (required marked), dropdowns of the choices', async (kind) => {
    const file = await t.call('xlsx.template', { registry: kind });
    expect(file.fileName).toMatch(/mẫu nhập\.xlsx$/);
    const wb = await load(file.base64);
    const ws = wb.worksheets[0]!;
    const headers: string[] = [];
    ws.getRow(1).eachCell((c) => headers.push(cellText(c.value)));
    expect(headers).toEqual(['Mã bản ghi', ...ACTIVITY_FIELDS[kind].map((f) => (f.required ? `${f.label} (*)` : f.label))]);
    ACTIVITY_FIELDS[kind].forEach((f, i) => {
      const validation = ws.getCell(2, i + 2).dataValidation;
      if (f.type === 'bool') expect(validation.formulae).toEqual(['"Có,Không"']);
      if (f.type === 'enum') {
        const labels = Object.values(f.options ?? {});
        const inline = `"${labels.join(',')}"`;
        // Excel caps an inline list at 255 characters; longer lists are checked on import only.
        if (inline.length <= 255) expect(validation.formulae, f.key).toEqual([inline]);
        else expect(validation?.formulae, f.key).toBeUndefined();
      }
    });
    expect(wb.getWorksheet('Hướng dẫn')).toBeDefined();
    // The informant has no column.
    expect(headers.join(' ')).not.toMatch(/người cung cấp|điện thoại/i);
  });
});

// ---------------------------------------------------------------------------------------------

describe('import', () => {
  const P = (extra: Record<string, Cell>): Record<string, Cell> => ({
    Ngày: '10/03/2026',
    'Đơn vị (xã, khu dân cư)': 'Xã Gia Hòa',
    'Loại buổi': 'Tuyên truyền',
    'Hình thức': 'Trực tiếp',
    'Nội dung, chủ đề': 'Phòng chống ma túy',
    'Địa điểm': 'Nhà văn hóa thôn Đông',
    'Lượt người': 120,
    'Tờ rơi': '1.500',
    ...extra,
  });

  it('shows a bad row, writes nothing until it is fixed, then re-importing the same file creates nothing', async () => {
    const headers = headersOf('propaganda');
    const bad = await sheet(headers, [
      P({}),
      P({ 'Đơn vị (xã, khu dân cư)': 'Xã Không Có', 'Lượt người': -5, 'Nội dung, chủ đề': 'Buổi lỗi' }),
      P({
        Ngày: '11/03/2026',
        'Đơn vị (xã, khu dân cư)': 'Xã Gia Hòa / Thôn Đông',
        'Hình thức': 'loa truyen thanh, xe loa',
        'Phút phát loa': 30,
      }),
    ]);
    const preview = await t.call('xlsx.preview', { registry: 'propaganda', fileBase64: bad });
    expect(preview.counts).toEqual({ new: 2, update: 0, unchanged: 0, error: 1 });
    expect(preview.rows.map((r) => r.status)).toEqual(['new', 'error', 'new']);
    const errors = preview.rows[1]!.errors;
    expect(errors).toEqual([
      'Cột "Đơn vị (xã, khu dân cư)": không tìm thấy đơn vị "Xã Không Có".',
      'Cột "Lượt người": không được nhỏ hơn 0.',
    ]);
    for (const e of errors) expect(isVietnameseMessage(e), e).toBe(true);
    expect(preview.rows[0]!.label).toBe('10/03/2026 · buổi tuyên truyền · Phòng chống ma túy (Xã Gia Hòa)');

    const before = dump();
    const refused = await t.fail('xlsx.commit', { registry: 'propaganda', fileBase64: bad });
    expect(refused.code).toBe('VALIDATION');
    expect(refused.message).toBe('Tệp còn 1 dòng lỗi; chưa ghi dữ liệu nào. Hãy sửa các dòng lỗi rồi nhập lại.');
    expect(dump()).toEqual(before);

    const fixed = await sheet(headers, [
      P({}),
      P({ 'Đơn vị (xã, khu dân cư)': 'Xã Gia Hưng', 'Lượt người': 5, 'Nội dung, chủ đề': 'Buổi đã sửa' }),
      P({
        Ngày: '11/03/2026',
        'Đơn vị (xã, khu dân cư)': 'Xã Gia Hòa / Thôn Đông',
        'Hình thức': 'loa truyen thanh, xe loa',
        'Phút phát loa': 30,
      }),
    ]);
    // The span of the days written comes back, so the list can show them (issue 14 item 6).
    expect(await t.call('xlsx.commit', { registry: 'propaganda', fileBase64: fixed })).toEqual({
      created: 3,
      updated: 0,
      unchanged: 0,
      dates: { from: '2026-03-10', to: '2026-03-11' },
    });
    expect(
      rows(
        'SELECT date, unit_id, purpose, form, topic, venue, attendance, leaflets, loudspeaker_minutes, posts, note, created_at FROM propaganda_sessions ORDER BY date, topic',
      ),
    ).toEqual([
      {
        date: '2026-03-10',
        unit_id: hung.id,
        purpose: 'tuyen_truyen',
        form: 'truc_tiep',
        topic: 'Buổi đã sửa',
        venue: 'Nhà văn hóa thôn Đông',
        attendance: 5,
        leaflets: 1500,
        loudspeaker_minutes: 0,
        posts: 0,
        note: null,
        created_at: START,
      },
      {
        date: '2026-03-10',
        unit_id: hoa.id,
        purpose: 'tuyen_truyen',
        form: 'truc_tiep',
        topic: 'Phòng chống ma túy',
        venue: 'Nhà văn hóa thôn Đông',
        attendance: 120,
        leaflets: 1500,
        loudspeaker_minutes: 0,
        posts: 0,
        note: null,
        created_at: START,
      },
      {
        date: '2026-03-11',
        unit_id: thonDong.id,
        purpose: 'tuyen_truyen',
        form: 'loa_truyen_thanh',
        topic: 'Phòng chống ma túy',
        venue: 'Nhà văn hóa thôn Đông',
        attendance: 120,
        leaflets: 1500,
        loudspeaker_minutes: 30,
        posts: 0,
        note: null,
        created_at: START,
      },
    ]);

    const after = dump();
    const again = await t.call('xlsx.preview', { registry: 'propaganda', fileBase64: fixed });
    expect(again.counts).toEqual({ new: 0, update: 0, unchanged: 3, error: 0 });
    expect(await t.call('xlsx.commit', { registry: 'propaganda', fileBase64: fixed })).toEqual({ created: 0, updated: 0, unchanged: 3 });
    expect(dump()).toEqual(after);
  });

  it('applies the same rules as a save, naming the column', async () => {
    const headers = headersOf('tips');
    const tip = (extra: Record<string, Cell>): Record<string, Cell> => ({
      'Ngày tiếp nhận': '02/04/2026',
      'Đơn vị (xã, khu dân cư)': 'Xã Gia Hòa',
      'Kênh tiếp nhận': 'Điện thoại, đường dây nóng',
      'Lĩnh vực': 'Tội phạm',
      'Nội dung tóm tắt': 'Tố giác trộm cắp',
      'Tình trạng': 'Đã giải quyết',
      'Kết quả giải quyết': 'Khởi tố vụ án',
      'Ngày giải quyết': '15/04/2026',
      'Loại tin về tội phạm': 'Tố giác về tội phạm',
      ...extra,
    });
    const file = await sheet(headers, [
      tip({ 'Loại tin về tội phạm': null }),
      tip({ 'Nội dung tóm tắt': 'Tin thứ hai', 'Số lần gia hạn': 3 }),
      tip({ 'Nội dung tóm tắt': 'Tin thứ ba', 'Có giá trị': 'có lẽ' }),
      tip({ 'Nội dung tóm tắt': 'Tin thứ tư', 'Mã bản ghi': '6f1d9a4e-2b7c-4d3e-9f10-1a2b3c4d5e6f' }),
      tip({ 'Nội dung tóm tắt': 'Tin thứ năm', 'Có giá trị': 'Có' }),
      tip({ 'Nội dung tóm tắt': 'tin THU NAM' }),
    ]);
    const preview = await t.call('xlsx.preview', { registry: 'tips', fileBase64: file });
    expect(preview.rows.map((r) => r.errors)).toEqual([
      ['Cột "Kết quả giải quyết": Chỉ nguồn tin về tội phạm (tố giác, tin báo, kiến nghị khởi tố) mới có kết quả khởi tố.'],
      ['Cột "Số lần gia hạn": Nguồn tin về tội phạm được gia hạn tối đa 2 lần.'],
      ['Cột "Có giá trị": "có lẽ" phải là "Có" hoặc "Không".'],
      [
        'Cột "Mã bản ghi": không có bản ghi nào mang mã "6f1d9a4e-2b7c-4d3e-9f10-1a2b3c4d5e6f" (có thể đã bị xóa). Để trống cột này để nhập thành bản ghi mới.',
      ],
      [],
      // Same date, unit and summary (ignoring case and diacritics) but not the same fields: a
      // near-duplicate, a warning, not an error (issue 14 item 5).
      [],
    ]);
    expect(preview.rows[5]!.warnings).toEqual([
      'Gần trùng dòng 6; khác ở (dòng 6 / dòng này): Nội dung tóm tắt: "Tin thứ năm" / "tin THU NAM"; Có giá trị: Có / Không. ' +
        'Nếu là hai bản ghi khác nhau thì vẫn ghi được.',
    ]);
    expect(preview.counts).toEqual({ new: 2, update: 0, unchanged: 0, error: 4 });
    expect(preview.warnings).toBe(1);
  });

  it('finds organisations by name and mediation teams by name within the unit; fills an empty award issuer', async () => {
    const team = (unitId: string, name: string, code = 'to_hoa_giai') =>
      t.call('massOrgs.create', {
        kindId: kindId(code),
        unitId,
        name,
        decisionIssuer: null,
        decisionNumber: null,
        decisionDate: null,
        validFrom: '2021-01-01',
        note: null,
      });
    const here = await team(thonDong.id, 'Tổ hòa giải số 1');
    await team(hung.id, 'Tổ hòa giải số 1');
    await team(hoa.id, 'Tổ tự quản số 2', 'to_tu_quan');
    const headers = headersOf('mediations');
    const m = (extra: Record<string, Cell>): Record<string, Cell> => ({
      'Ngày tiếp nhận': '04/05/2026',
      'Đơn vị (xã, khu dân cư)': 'Xã Gia Hòa',
      'Căn cứ hòa giải': 'Theo yêu cầu của các bên',
      'Loại vụ việc': 'Đất đai',
      'Nội dung vụ việc': 'Tranh chấp lối đi',
      'Kết quả': 'Hòa giải thành',
      'Ngày kết thúc': '10/05/2026',
      ...extra,
    });
    const file = await sheet(headers, [
      m({ 'Tổ hòa giải': 'to hoa giai so 1' }),
      m({ 'Tổ hòa giải': 'Tổ tự quản số 2', 'Nội dung vụ việc': 'Vụ khác' }),
    ]);
    const preview = await t.call('xlsx.preview', { registry: 'mediations', fileBase64: file });
    expect(preview.rows[1]!.errors).toEqual([
      'Cột "Tổ hòa giải": không tìm thấy tổ hòa giải "Tổ tự quản số 2" ở Xã Gia Hòa trong danh mục tổ chức quần chúng.',
    ]);
    const ok = await sheet(headers, [m({ 'Tổ hòa giải': 'to hoa giai so 1' })]);
    await t.call('xlsx.commit', { registry: 'mediations', fileBase64: ok });
    expect(row('SELECT team_id, outcome, closed_on FROM mediations')).toEqual({
      team_id: here.id,
      outcome: 'thanh',
      closed_on: '2026-05-10',
    });

    const school = await t.call('organizations.create', organizationInput(hoa.id, 'Trường THCS Gia Hòa'));
    const awards = await sheet(headersOf('awards'), [
      {
        'Năm thành tích': 2025,
        'Đơn vị (xã, khu dân cư)': '14467',
        'Đối tượng': 'Tập thể',
        'Tên tập thể, cá nhân': 'Trường THCS Gia Hòa',
        'Cơ quan, doanh nghiệp, trường học': 'truong thcs gia hoa',
        'Hình thức khen thưởng': 'Bằng khen của Bộ trưởng Bộ Công an',
        'Số quyết định': '1234/QĐ-BCA',
        'Ngày quyết định': '20/03/2026',
      },
    ]);
    expect(await t.call('xlsx.commit', { registry: 'awards', fileBase64: awards })).toEqual({
      created: 1,
      updated: 0,
      unchanged: 0,
      // Awards count on 31/12 of their year.
      dates: { from: '2025-12-31', to: '2025-12-31' },
    });
    expect(row('SELECT year, unit_id, organization_id, form, issuer, decision_date FROM awards')).toEqual({
      year: 2025,
      unit_id: hoa.id,
      organization_id: school.id,
      form: 'bang_khen_bo_truong',
      issuer: 'Bộ Công an',
      decision_date: '2026-03-20',
    });
  });

  it('is the same record only when every field is the same; the same content is a near-duplicate', () => {
    const a = { ...rec.propaganda, topic: 'Phòng chống ma túy', venue: 'Nhà văn hóa' };
    const b = { ...a, topic: 'PHONG CHONG MA TUY', venue: 'nha van hoa', attendance: 999, note: 'khác' };
    const spec = ACTIVITY_SPECS.propaganda;
    const key = (record: typeof a, matchId: string | null = null) => spec.naturalKey({ matchId, record });
    const similar = (record: typeof a, matchId: string | null = null) => spec.similarKey!({ matchId, record });
    expect(key(a)).toBe(key({ ...a }));
    expect(key(a)).not.toBe(key(b));
    expect(key(a)).not.toBe(key({ ...a, attendance: a.attendance + 1 }));
    // Same date, unit, form, topic and venue (ignoring case and diacritics): near-duplicates.
    expect(similar(a)).toBe(similar(b));
    expect(similar(a)).not.toBe(similar({ ...a, date: '2026-03-11' }));
    expect(key(a, 'x')).toBe('id:x');
    expect(similar(a, 'x')).toBeNull();
    // The fields each kind's key is made of.
    expect(contentKey('awards', { ...rec.awards, issuer: 'Công an tỉnh' })).toBe(
      `awards|2025|${hoa.id}|tap_the|ban cong an xa gia hoa|giay_khen_giam_doc_ca_tinh|123/qd-cat`,
    );
    expect(contentKey('incidents', rec.incidents as never)).toBe(
      `incidents|2026-06-30|${hoa.id}||toi_pham_it_nghiem_trong|trom cap tai san`,
    );
  });
});

// ---------------------------------------------------------------------------------------------

describe('export', () => {
  async function fillEveryKind(): Promise<void> {
    const team = await t.call('massOrgs.create', {
      kindId: kindId('to_hoa_giai'),
      unitId: thonDong.id,
      name: 'Tổ hòa giải thôn Đông',
      decisionIssuer: null,
      decisionNumber: null,
      decisionDate: null,
      validFrom: '2021-01-01',
      note: null,
    });
    const school = await t.call('organizations.create', organizationInput(hoa.id, 'Trường THCS Gia Hòa'));
    await api.save('propaganda', rec.propaganda);
    await api.save('propaganda', {
      ...rec.propaganda,
      unitId: thonDong.id,
      organizationId: school.id,
      topic: '=HYPERLINK("x")  hai  khoảng trắng',
      note: 'Ghi chú\ncó xuống dòng',
    });
    await api.save('propaganda', {
      ...rec.propaganda,
      unitId: hung.id,
      date: '2025-12-30',
      form: 'mang_xa_hoi',
      venue: null,
      attendance: 0,
      posts: 12,
    });
    await api.save('events', rec.events);
    await api.save('events', {
      ...rec.events,
      kind: 'lang_nghe',
      title: 'Diễn đàn Công an lắng nghe ý kiến Nhân dân',
      opinionsRaised: 14,
      opinionsAnswered: 14,
      giftsValue: 0,
    });
    await api.save('tips', rec.tips);
    await api.save('tips', {
      ...rec.tips,
      legalType: null,
      outcome: null,
      valuable: false,
      category: 'trat_tu',
      status: 'dang_xu_ly',
      resolvedOn: null,
      summary: 'Tụ tập gây mất trật tự',
      criminalCases: 0,
      personsHandled: 0,
      assetsValue: 0,
    });
    await api.save('mediations', rec.mediations);
    await api.save('mediations', {
      ...rec.mediations,
      teamId: team.id,
      outcome: 'dang_giai_quyet',
      closedOn: null,
      summary: 'Mâu thuẫn gia đình',
    });
    await api.save('incidents', rec.incidents);
    await api.save('incidents', {
      ...rec.incidents,
      organizationId: school.id,
      category: 'chay_no',
      solved: 0,
      count: 1,
      description: null,
      excuse: 'bat_kha_khang',
      excuseReason: 'Sét đánh',
      excuseApprovedBy: 'Trưởng Công an huyện',
      excuseApprovedOn: '2026-07-10',
    });
    await api.save('awards', rec.awards);
    await api.save('awards', {
      ...rec.awards,
      recipient: 'ca_nhan',
      recipientName: 'Ông Đinh Văn Bình',
      form: 'co_thi_dua',
      issuer: '',
      decisionNumber: null,
      decisionDate: null,
      organizationId: school.id,
    });
  }

  it.each(ACTIVITY_KINDS)('%s: an exported file imports back with every row unchanged', async (kind) => {
    await fillEveryKind();
    const file = await exportOf(kind);
    expect(file.rows).toBeGreaterThanOrEqual(1);
    expect(await exportedIds(file.base64)).toEqual((await api.list(kind)).map((r) => r.id));
    const before = dump();
    const preview = await t.call('xlsx.preview', { registry: kind, fileBase64: file.base64 });
    expect(preview.rows.flatMap((r) => r.errors)).toEqual([]);
    expect(preview.counts).toEqual({ new: 0, update: 0, unchanged: file.rows, error: 0 });
    expect(await t.call('xlsx.commit', { registry: kind, fileBase64: file.base64 })).toEqual({
      created: 0,
      updated: 0,
      unchanged: file.rows,
    });
    expect(dump()).toEqual(before);
  });

  it('writes labels, dd/MM/yyyy dates, Có/Không and unit paths; edits update the records they came from', async () => {
    await fillEveryKind();
    const file = await exportOf('tips');
    const wb = await load(file.base64);
    const ws = wb.worksheets[0]!;
    const headers = headersOf('tips');
    const col = (h: string) => headers.indexOf(h) + 1;
    const first = ws.getRow(2);
    const firstId = cellText(first.getCell(1).value);
    expect(first.getCell(col('Ngày tiếp nhận')).value).toBe('02/04/2026');
    expect(first.getCell(col('Kênh tiếp nhận')).value).toBe('Điện thoại, đường dây nóng');
    expect(first.getCell(col('Có giá trị')).value).toBe('Có');
    expect(first.getCell(col('Tài sản thu hồi (đồng)')).value).toBe(45_000_000);
    expect(ws.getRow(3).getCell(col('Có giá trị')).value).toBe('Không');

    // Change one number, and drop the id of the other row (it is found again: every field is the same).
    first.getCell(col('Đối tượng bị xử lý')).value = 5;
    ws.getRow(3).getCell(1).value = null;
    const edited = Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
    const preview = await t.call('xlsx.preview', { registry: 'tips', fileBase64: edited });
    expect(preview.counts).toEqual({ new: 0, update: 1, unchanged: 1, error: 0 });
    t.clock.set('2026-11-23T03:00:00.000Z');
    expect(await t.call('xlsx.commit', { registry: 'tips', fileBase64: edited })).toEqual({
      created: 0,
      updated: 1,
      unchanged: 1,
      dates: { from: '2026-04-02', to: '2026-04-02' },
    });
    expect(row('SELECT persons_handled, updated_at, created_at FROM tips WHERE id = ?', firstId)).toEqual({
      persons_handled: 5,
      updated_at: '2026-11-23T03:00:00.000Z',
      created_at: START,
    });
    expect(rows('SELECT id FROM tips')).toHaveLength(2);

    const p = await load((await exportOf('propaganda')).base64);
    const units = new Set<string>();
    p.worksheets[0]!.eachRow((r, n) => {
      if (n > 1) units.add(cellText(r.getCell(3).value));
    });
    expect([...units].sort()).toEqual(['Thôn Đông', 'Xã Gia Hòa', 'Xã Gia Hưng']);
  });

  it('honours the list filter: unit subtree, year of the placement date, search and category; leaves deleted records out', async () => {
    await fillEveryKind();
    const all = await api.list('propaganda');
    const idsOf = async (f: Partial<ListFilter>) => exportedIds((await exportOf('propaganda', f)).base64);
    expect(await idsOf({})).toEqual(all.map((r) => r.id));
    expect(await idsOf({ unitId: hoa.id })).toEqual(all.filter((r) => r.unitId !== hung.id).map((r) => r.id));
    expect(await idsOf({ unitId: thonDong.id })).toEqual(all.filter((r) => r.unitId === thonDong.id).map((r) => r.id));
    expect(await idsOf({ year: 2025 })).toEqual(all.filter((r) => r.date.startsWith('2025')).map((r) => r.id));
    // The list's own period (any dates) wins over the year, so the file holds what the list shows.
    const [first, last] = [all.at(-1)!.date, all[0]!.date];
    expect(await idsOf({ year: 1999, from: first, to: first })).toEqual(all.filter((r) => r.date === first).map((r) => r.id));
    expect(await idsOf({ from: first, to: last })).toEqual(all.map((r) => r.id));
    expect(await idsOf({ from: '2100-01-01', to: '2100-12-31' })).toEqual([]);
    expect(await idsOf({ search: 'hyperlink' })).toEqual(all.filter((r) => r.topic.startsWith('=')).map((r) => r.id));
    expect(await idsOf({ kind: 'mang_xa_hoi' })).toEqual(all.filter((r) => r.form === 'mang_xa_hoi').map((r) => r.id));
    expect(await exportedIds((await exportOf('awards', { year: 2025 })).base64)).toHaveLength(2);
    expect(await exportedIds((await exportOf('awards', { year: 2026 })).base64)).toHaveLength(0);
    await t.call('activities.delete', { kind: 'propaganda', id: all[0]!.id });
    expect(await idsOf({})).toEqual(all.slice(1).map((r) => r.id));
    expect(rows(`SELECT id FROM ${TABLES.propaganda}`)).toHaveLength(3);
  });
});
