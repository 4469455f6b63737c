/**
 * Registrations in bulk and years before Circular 124 (issue 14 items 2 and 4), through the
 * contract against a fresh database (Công an huyện Gia Viễn, clock 22/11/2026):
 *  - the Excel import of registrations: subjects by code, exact name or path (an unaccented name is
 *    only suggested, an ambiguous one lists the paths), the rules of evaluation.register as row
 *    errors, all or nothing, idempotent re-import;
 *  - evaluation.registerMany: one date and one document for many subjects, all or none;
 *  - evaluation.boardRows: the rows a change moves, equal to the same rows of a full board;
 *  - 2015: a registration and a recognition decision recorded and counted, the board and the
 *    subject saying plainly that no rule set covers the year.
 */
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MethodInput, UnitDto } from '../../../shared/ipc/contract';
import { EMPTY_FILTER } from '../../../shared/domain/registries';
import { startBackend, type TestBackend } from '../../support/backend';
import { useTempDir } from '../../support/temp-dir';
import { dumpDatabase, queryAll, queryOne } from '../../support/sqlite';
import { isVietnameseMessage } from '../../support/vietnamese';
import { GIA_VIEN_SETUP, organizationInput } from '../../support/offices';
import { cellText } from '../../support/cells';

const tmp = useTempDir('antq-eval-reg-');
let t: TestBackend;
let hoa: UnitDto;
let hung: UnitDto;

beforeEach(async () => {
  t = await startBackend(tmp.path(), '2026-11-22T03:00:00.000Z');
  await t.call('office.setup', GIA_VIEN_SETUP);
  const units = await t.call('units.list', { includeEnded: true });
  hoa = units.find((u) => u.name === 'Xã Gia Hòa')!;
  hung = units.find((u) => u.name === 'Xã Gia Hưng')!;
});
afterEach(() => t.close());

const dump = () => dumpDatabase(t.backend.databasePath);
const area = (parent: UnitDto, name: string, validFrom = '2010-01-01', code: string | null = null) =>
  t.call('units.create', { parentId: parent.id, name, kind: 'thon', code, validFrom });

type Cell = string | number | null;
const HEADERS = [
  'Năm',
  'Đơn vị, cơ quan, tổ chức',
  'Ngày đăng ký',
  'Số nghị quyết',
  'Ngày nghị quyết',
  'Số kế hoạch',
  'Ngày kế hoạch',
  'Số hộ đăng ký',
];

async function sheet(data: readonly Record<string, Cell>[]): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Dữ liệu');
  ws.addRow(HEADERS);
  for (const d of data) ws.addRow(HEADERS.map((h) => d[h] ?? null));
  return Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
}

const row = (subject: string, over: Record<string, Cell> = {}): Record<string, Cell> => ({
  Năm: 2025,
  'Đơn vị, cơ quan, tổ chức': subject,
  'Ngày đăng ký': '15/02/2025',
  'Số nghị quyết': '05-NQ/CB',
  'Ngày nghị quyết': '20/01/2025',
  'Số kế hoạch': '12/KH',
  'Ngày kế hoạch': '10/02/2025',
  ...over,
});

const registry = 'evaluation_registrations' as const;

describe('Excel import of registrations (issue 14 item 2)', () => {
  it('resolves subjects exactly, reports ambiguity and unaccented names, applies the register rules, all or nothing', async () => {
    const bac = await area(hoa, 'Thôn Bắc', '2010-01-01', 'GH-BAC');
    await area(hoa, 'Khu 1');
    await area(hung, 'Khu 1');
    const school = await t.call('organizations.create', organizationInput(hoa.id, 'Trường THCS Gia Hòa', { taxCode: '2700123456' }));
    const before = dump();
    const bad = await sheet([
      row('GH-BAC', { 'Số hộ đăng ký': 120 }),
      row('Khu 1'),
      row('Thon Bac'),
      row('Xã Gia Hòa', { 'Số hộ đăng ký': 900 }),
      row('2700123456', { 'Ngày đăng ký': '15/02/2024' }),
    ]);
    const preview = await t.call('xlsx.preview', { registry, fileBase64: bad });
    expect(preview.counts).toEqual({ new: 1, update: 0, unchanged: 0, error: 4 });
    const errs = (n: number) => preview.rows.find((r) => r.rowNumber === n)!.errors.join(' ');
    expect(errs(3)).toContain('có 2 nơi tên "Khu 1"');
    expect(errs(3)).toContain('"Xã Gia Hòa / Khu 1"');
    expect(errs(3)).toContain('"Xã Gia Hưng / Khu 1"');
    expect(errs(4)).toContain('không tìm thấy "Thon Bac" (tên cần ghi đúng dấu). Có phải: "Xã Gia Hòa / Thôn Bắc"?');
    // The rules are evaluation.register's: households only for a residential area, the date in the year.
    expect(errs(5)).toContain('Chỉ ghi số hộ đăng ký đối với khu dân cư.');
    expect(errs(6)).toContain('Ngày đăng ký 15/02/2024 không thuộc năm 2025.');
    for (const r of preview.rows) for (const e of r.errors) expect(isVietnameseMessage(e)).toBe(true);
    const refused = await t.fail('xlsx.commit', { registry, fileBase64: bad });
    expect(refused.message).toContain('chưa ghi dữ liệu nào');
    expect(dump()).toEqual(before);

    const good = await sheet([
      row('GH-BAC', { 'Số hộ đăng ký': 120 }),
      row('Xã Gia Hưng / Khu 1', { 'Số hộ đăng ký': 80 }),
      row('Xã Gia Hòa'),
      row('Xã Gia Hòa / Trường THCS Gia Hòa'),
    ]);
    expect(await t.call('xlsx.commit', { registry, fileBase64: good })).toEqual({ created: 4, updated: 0, unchanged: 0 });
    const stored = queryOne(t.backend.databasePath, 'SELECT * FROM evaluation_registrations WHERE subject_id = ?', [bac.id])!;
    expect(stored).toMatchObject({
      year: 2025,
      status: 'da_dang_ky',
      registered_on: '2025-02-15',
      households_registered: 120,
      plan_number: '12/KH',
    });
    expect(queryAll(t.backend.databasePath, "SELECT * FROM evaluation_history WHERE action = 'register'")).toHaveLength(4);
    const v = await t.call('evaluation.subject', { subjectType: 'organization', subjectId: school.id, year: 2025 });
    expect(v.registration?.resolutionNumber).toBe('05-NQ/CB');

    // Same file again: nothing new; one edited row: one update, through the same rules.
    const again = dump();
    expect(await t.call('xlsx.commit', { registry, fileBase64: good })).toEqual({ created: 0, updated: 0, unchanged: 4 });
    expect(dump()).toEqual(again);
    const edited = await sheet([row('GH-BAC', { 'Số hộ đăng ký': 125 })]);
    expect(await t.call('xlsx.commit', { registry, fileBase64: edited })).toEqual({ created: 0, updated: 1, unchanged: 0 });
    expect(
      queryOne(t.backend.databasePath, 'SELECT households_registered FROM evaluation_registrations WHERE subject_id = ?', [bac.id]),
    ).toEqual({
      households_registered: 125,
    });
  });

  it('the export of a year is a fill-in form that imports back unchanged, blank lines included', async () => {
    await area(hoa, 'Thôn Bắc');
    await area(hoa, 'Thôn Nam');
    await t.call('xlsx.commit', { registry, fileBase64: await sheet([row('Thôn Bắc', { 'Số hộ đăng ký': 50 })]) });
    const file = await t.call('xlsx.export', { registry, filter: { ...EMPTY_FILTER, year: 2025, unitId: hoa.id } });
    expect(file.rows).toBe(3); // the commune and its two areas
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(file.base64, 'base64') as unknown as ArrayBuffer);
    const texts: string[] = [];
    wb.worksheets[0]!.eachRow((r, n) => {
      if (n > 1) texts.push(cellText(r.getCell(2).value));
    });
    expect(texts).toEqual(['Xã Gia Hòa', 'Xã Gia Hòa / Thôn Bắc', 'Xã Gia Hòa / Thôn Nam']);
    const before = dump();
    expect(await t.call('xlsx.commit', { registry, fileBase64: file.base64 })).toEqual({ created: 0, updated: 0, unchanged: 3 });
    expect(dump()).toEqual(before);
  });
});

const many = (year: number, subjects: { subjectType: 'unit' | 'organization'; subjectId: string }[], registeredOn: string) =>
  ({
    year,
    subjects,
    registeredOn,
    resolutionNumber: null,
    resolutionDate: null,
    resolutionForm: null,
    planNumber: '03/KH-UBND',
    planDate: '2025-01-10',
    note: null,
  }) satisfies MethodInput<'evaluation.registerMany'>;

describe('evaluation.registerMany and evaluation.boardRows (issue 14 item 2)', () => {
  it('registers the selection with one date and document, all or none, and returns the rows it moved', async () => {
    const a = await area(hoa, 'Thôn Bắc');
    const b = await area(hoa, 'Thôn Nam');
    const late = await area(hoa, 'Thôn Mới', '2025-06-01');
    const keys = [a, b, late].map((u) => ({ subjectType: 'unit' as const, subjectId: u.id }));
    const before = dump();
    const refused = await t.fail('evaluation.registerMany', many(2025, keys, '2025-02-20'));
    expect(refused.code).toBe('VALIDATION');
    expect(refused.message).toContain(
      'Chưa ghi đơn vị nào: 1 trong 3 đơn vị đã chọn không đăng ký được — Thôn Mới: Ngày đăng ký 20/02/2025 trước ngày Thôn Mới bắt đầu hoạt động',
    );
    expect(isVietnameseMessage(refused.message)).toBe(true);
    expect(dump()).toEqual(before);

    const done = await t.call('evaluation.registerMany', many(2025, keys.slice(0, 2), '2025-02-20'));
    expect(done.registered).toBe(2);
    // The two areas and the commune above them (its XA-4 reads their registrations).
    expect(done.rows.map((r) => r.name).sort()).toEqual(['Thôn Bắc', 'Thôn Nam', 'Xã Gia Hòa']);
    expect(done.rows.filter((r) => r.subjectType === 'unit' && r.name.startsWith('Thôn')).every((r) => r.status === 'da_dang_ky')).toBe(
      true,
    );
    const regs = queryAll(t.backend.databasePath, 'SELECT plan_number, registered_on FROM evaluation_registrations ORDER BY subject_id');
    expect(regs).toEqual([
      { plan_number: '03/KH-UBND', registered_on: '2025-02-20' },
      { plan_number: '03/KH-UBND', registered_on: '2025-02-20' },
    ]);
    // Registered ones are not overwritten by a second bulk registration.
    const twice = await t.fail('evaluation.registerMany', many(2025, keys.slice(0, 1), '2025-03-01'));
    expect(twice.message).toContain('Thôn Bắc: đã đăng ký ngày 20/02/2025');

    // The patched rows equal the same rows of a full board.
    const board = await t.call('evaluation.board', { year: 2025, category: null, unitId: null });
    for (const r of done.rows) expect(board.rows.find((x) => x.subjectId === r.subjectId)).toEqual(r);
    await t.call('evaluation.advance', {
      subjectType: 'unit',
      subjectId: a.id,
      year: 2025,
      step: 'tu_danh_gia',
      date: '2025-11-05',
      chair: 'Trưởng thôn',
    });
    const patched = await t.call('evaluation.boardRows', { year: 2025, subjects: [{ subjectType: 'unit', subjectId: a.id }] });
    const full = await t.call('evaluation.board', { year: 2025, category: null, unitId: null });
    expect(patched.rows.map((r) => r.name).sort()).toEqual(['Thôn Bắc', 'Xã Gia Hòa']);
    for (const r of patched.rows) expect(full.rows.find((x) => x.subjectId === r.subjectId)).toEqual(r);
    expect(patched.rows.find((r) => r.subjectId === a.id)!.status).toBe('tu_danh_gia');
  });
});

describe('years before Circular 124 (issue 14 item 4)', () => {
  it('records and counts a 2015 registration and recognition decision; board and subject say there is no rule set', async () => {
    const a = await area(hoa, 'Thôn Bắc', '2000-01-01');
    const k = { subjectType: 'unit' as const, subjectId: a.id, year: 2015 };
    const v = await t.call('evaluation.register', {
      ...k,
      registeredOn: '2015-02-10',
      resolutionNumber: null,
      resolutionDate: null,
      resolutionForm: null,
      planNumber: null,
      planDate: null,
      householdsRegistered: 140,
      staffBriefed: null,
      staffTotal: null,
      departmentsGood: null,
      departmentsTotal: null,
      note: null,
    });
    expect(v.ruleSetNote).toContain('Năm 2015 chưa có bộ tiêu chí trong ứng dụng (trước 10/02/2022 áp dụng Thông tư 23/2012/TT-BCA)');
    expect(v.live.rules).toEqual([]);
    await t.call('evaluation.advance', { ...k, step: 'tu_danh_gia', date: '2015-11-02', chair: 'Trưởng thôn' });
    await t.call('evaluation.advance', { ...k, step: 'de_nghi', date: '2015-11-05', number: '10/TTr' });
    await t.call('evaluation.advance', { ...k, step: 'tham_dinh', date: '2015-11-08', by: 'Ban Chỉ đạo xã' });
    // No result to contradict: a recognition needs no reason.
    const decided = await t.call('evaluation.advance', {
      ...k,
      step: 'quyet_dinh',
      date: '2015-11-12',
      outcome: 'cong_nhan',
      number: '88/QĐ-UBND',
      signer: 'Chủ tịch UBND xã',
      reason: null,
    });
    expect(decided.status).toBe('cong_nhan');
    expect(decided.history[0]!.summary).not.toContain('Kết quả đánh giá là');
    await t.call('evaluation.recordFigures', {
      ...k,
      statsComplete: true,
      counts: { ky_luat_luc_luong_bao_ve: null, ky_luat_can_bo: null, pham_toi_trong_truong: null, te_nan_trong_truong: null },
      securityForceLevel: null,
      securityForceTitles: [],
      securityForceEligibleForTitles: null,
      by: 'Cán bộ',
      on: '2016-01-05',
      note: null,
    });
    expect(
      queryOne(t.backend.databasePath, 'SELECT status, decision_number, year FROM evaluation_registrations WHERE subject_id = ?', [a.id]),
    ).toEqual({
      status: 'cong_nhan',
      decision_number: '88/QĐ-UBND',
      year: 2015,
    });
    const board = await t.call('evaluation.board', { year: 2015, category: 'khu_dan_cu', unitId: null });
    expect(board.ruleSetNote).toContain('Năm 2015 chưa có bộ tiêu chí');
    const kdc = board.counts.find((c) => c.category === 'khu_dan_cu')!;
    expect(kdc).toMatchObject({ total: 1, registered: 1, recognised: 1 });
    expect(kdc.sentences).toEqual([
      '1/1 khu dân cư đã đăng ký phấn đấu (100,0%).',
      '1/1 khu dân cư được công nhận đạt tiêu chuẩn "An toàn về an ninh, trật tự" (100,0%).',
    ]);
    expect(board.rows[0]).toMatchObject({ name: 'Thôn Bắc', status: 'cong_nhan', evaluated: false, decisionNumber: '88/QĐ-UBND' });
    // Freezing such a year is refused plainly: there is no result to freeze.
    const frozen = await t.fail('evaluation.freeze', { year: 2015, by: 'Trưởng phòng', note: null });
    expect(frozen.message).toMatch(/^Năm 2015 chưa có bộ tiêu chí nào áp dụng/);
  });
});
