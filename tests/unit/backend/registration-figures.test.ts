/**
 * Registration figures through the real backend (migrated database, dispatch): period.figures and
 * registry.overview count registrations and recognitions per kind from the records (also in 2015,
 * a year without a rule set), sum the households registered and say which are missing; the counts
 * agree with the evaluation board where the board can evaluate (2025); the board's Excel export
 * carries the registration columns and the summary.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import type { MethodInput, UnitDto } from '../../../shared/ipc/contract';
import { startBackend, type TestBackend } from '../../support/backend';
import { useTempDir } from '../../support/temp-dir';
import { queryAll } from '../../support/sqlite';
import { GIA_VIEN_SETUP } from '../../support/offices';
import { agencyInput, registrationInput } from '../../support/evaluation-inputs';
import { cellText } from '../../support/cells';

const tmp = useTempDir('antq-regfig-');
let t: TestBackend;

beforeEach(async () => {
  t = await startBackend(tmp.path(), '2026-11-22T03:00:00.000Z');
  await t.call('office.setup', GIA_VIEN_SETUP);
});
afterEach(() => t.close());

async function unitNamed(name: string): Promise<UnitDto> {
  const found = (await t.call('units.list', { includeEnded: true })).filter((u) => u.name === name);
  if (found.length !== 1) throw new Error(`expected one unit ${name}, got ${found.length}`);
  return found[0]!;
}

const area = async (name: string, commune = 'Xã Gia Hòa') =>
  t.call('units.create', { parentId: (await unitNamed(commune)).id, name, kind: 'thon', code: null, validFrom: '2010-01-01' });

const registration = registrationInput;

/**
 * Records a registration. Whether the answer can show the subject's evaluation in a year without a
 * rule set is another item's business (issue 14 item 4); the record itself is what is counted, so
 * the test asserts the row in the database.
 */
async function register(input: MethodInput<'evaluation.register'>): Promise<void> {
  await t.send('evaluation.register', input);
  const rows = queryAll(
    t.backend.databasePath,
    'SELECT id FROM evaluation_registrations WHERE subject_id = ? AND year = ? AND deleted_at IS NULL',
    input.subjectId,
    input.year,
  );
  expect(rows).toHaveLength(1);
}

const orgInput = (name: string, unitId: string, over: Partial<MethodInput<'organizations.create'>> = {}) =>
  agencyInput(name, unitId, { validFrom: '2010-01-01', ...over });

describe('registration figures of a year', () => {
  it('counts a 2015 registration on the period screen and the overview, households and missing ones said', async () => {
    const a = await area('Thôn Đông');
    const b = await area('Thôn Tây');
    await area('Thôn Nam');
    const commune = await unitNamed('Xã Gia Hòa');
    const school = await t.call(
      'organizations.create',
      orgInput('Trường THCS Gia Hòa', commune.id, { kind: 'co_so_giao_duc', subKind: 'thcs' }),
    );
    await t.call('organizations.create', orgInput('Trạm Y tế xã Gia Hòa', commune.id));

    await register(registration('unit', a.id, 2015, { householdsRegistered: 215 }));
    await register(registration('unit', b.id, 2015));
    await register(registration('unit', commune.id, 2015));
    await register(registration('organization', school.id, 2015));

    const p = await t.call('period.figures', { from: '2015-01-01', to: '2015-12-31', unitId: null });
    const g = p.registrations.figures.groups;
    expect(p.registrations.figures.year).toBe(2015);
    expect(g.khu_dan_cu).toEqual({ total: 3, registered: 2, recognised: 0 });
    expect(g.xa.registered).toBe(1);
    expect(g.xa.total).toBeGreaterThan(1);
    expect(g.co_so_giao_duc).toEqual({ total: 1, registered: 1, recognised: 0 });
    expect(g.co_quan).toEqual({ total: 1, registered: 0, recognised: 0 });
    expect(g.to_chuc).toEqual({ total: 2, registered: 1, recognised: 0 });
    expect(p.registrations.figures.households).toEqual({ registered: 215, recorded: 1, missing: 1 });
    expect(p.registrations.sentences.registration).toBe(
      `Năm 2015, đăng ký xây dựng đạt tiêu chuẩn "An toàn về an ninh, trật tự": 2/3 khu dân cư với 215 hộ gia đình ` +
        `(1 khu dân cư chưa ghi số hộ đăng ký: thiếu dữ liệu); 1/${g.xa.total} xã, phường, thị trấn; ` +
        '1/2 cơ quan, doanh nghiệp, cơ sở giáo dục (0/1 cơ quan, 1/1 cơ sở giáo dục).',
    );
    expect(p.registrations.sentences.recognition).toBe(
      'Chưa ghi nhận quyết định công nhận đạt tiêu chuẩn "An toàn về an ninh, trật tự" năm 2015 (thiếu dữ liệu).',
    );

    // The overview of the same year says the same; a commune's part counts only what is inside it.
    const o = await t.call('registry.overview', { from: '2015-01-01', to: '2015-12-31', unitId: null });
    expect(o.registrations).toEqual(p.registrations);
    const inCommune = await t.call('period.figures', { from: '2015-01-01', to: '2015-12-31', unitId: commune.id });
    expect(inCommune.registrations.figures.groups.xa).toEqual({ total: 1, registered: 1, recognised: 0 });
    expect(inCommune.registrations.figures.groups.khu_dan_cu.registered).toBe(2);

    // The year-end report of 2015 is built (no rule set needed) and quotes the same sentences.
    const report = await t.call('reports.create', { kind: 'tong_ket_nam', from: '2015-01-01', to: '2015-12-31', unitId: null });
    const doc = JSON.stringify(await t.call('reports.document', { id: report.id }));
    expect(doc).toContain(
      JSON.stringify(`${p.registrations.sentences.registration} ${p.registrations.sentences.recognition}`).slice(1, -1),
    );

    // Another year has none of them: "thiếu dữ liệu", not 0/3.
    const y2016 = await t.call('period.figures', { from: '2016-01-01', to: '2016-12-31', unitId: null });
    expect(y2016.registrations.figures.groups.khu_dan_cu).toEqual({ total: 3, registered: 0, recognised: 0 });
    expect(y2016.registrations.sentences.registration).toContain('thiếu dữ liệu');
  });

  it('counts recognitions from the decisions and agrees with the board where the board evaluates (2025)', async () => {
    const a = await area('Thôn Đông');
    const b = await area('Thôn Tây');
    for (const [u, h] of [
      [a, 300],
      [b, 120],
    ] as const) {
      await t.call('evaluation.register', registration('unit', u.id, 2025, { householdsRegistered: h }));
    }
    const k = { subjectType: 'unit' as const, subjectId: a.id, year: 2025 };
    await t.call('evaluation.advance', { ...k, step: 'tu_danh_gia', date: '2025-11-05', chair: 'Nguyễn Văn An, Trưởng thôn' });
    await t.call('evaluation.advance', { ...k, step: 'de_nghi', date: '2025-11-07', number: '15/TTr' });
    await t.call('evaluation.advance', { ...k, step: 'tham_dinh', date: '2025-11-10', by: 'Thường trực Ban Chỉ đạo xã' });
    await t.call('evaluation.advance', {
      ...k,
      step: 'quyet_dinh',
      date: '2025-11-12',
      outcome: 'cong_nhan',
      number: '120/QĐ-UBND',
      signer: 'Phạm Văn Bình, Chủ tịch UBND xã',
      // The live result lacks facts this test does not enter; the decision is what is counted.
      reason: 'Hội nghị xét duyệt thống nhất đề nghị công nhận',
    });

    const p = await t.call('period.figures', { from: '2025-01-01', to: '2025-12-31', unitId: null });
    const board = await t.call('evaluation.board', { year: 2025, category: null, unitId: null });
    for (const c of board.counts) {
      const mine =
        c.category === 'co_quan_doanh_nghiep'
          ? p.registrations.figures.groups.co_quan_doanh_nghiep
          : p.registrations.figures.groups[c.category];
      expect({ category: c.category, total: mine.total, registered: mine.registered, recognised: mine.recognised }).toEqual({
        category: c.category,
        total: c.total,
        registered: c.registered,
        recognised: c.recognised,
      });
    }
    expect(p.registrations.figures.groups.khu_dan_cu).toEqual({ total: 2, registered: 2, recognised: 1 });
    expect(p.registrations.figures.households).toEqual({ registered: 420, recorded: 2, missing: 0 });
    expect(p.registrations.sentences.recognition).toContain('năm 2025: 1/2 khu dân cư');
    const db = queryAll(
      t.backend.databasePath,
      'SELECT status FROM evaluation_registrations WHERE year = 2025 AND deleted_at IS NULL ORDER BY status',
    );
    expect(db.map((r) => r['status'])).toEqual(['cong_nhan', 'da_dang_ky']);

    // The board's Excel export: registration date and households per row, and the summary sheet.
    const file = await t.call('evaluation.export', { year: 2025, category: null, unitId: null });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(file.base64, 'base64') as unknown as ArrayBuffer);
    const summary = wb.getWorksheet('Bảng tổng hợp')!;
    const headerRow = 1;
    const cols = (summary.getRow(headerRow).values as unknown[]).map(cellText);
    const dateCol = cols.indexOf('Ngày đăng ký');
    const hhCol = cols.indexOf('Số hộ gia đình đăng ký');
    expect(dateCol).toBeGreaterThan(0);
    expect(hhCol).toBeGreaterThan(0);
    const rowOf = (name: string) => {
      for (let r = headerRow + 1; r <= summary.rowCount; r++) if (summary.getRow(r).getCell(2).value === name) return summary.getRow(r);
      throw new Error(`no row ${name}`);
    };
    expect(rowOf('Thôn Đông').getCell(dateCol).value).toBe('15/02/2025');
    expect(rowOf('Thôn Đông').getCell(hhCol).value).toBe(300);
    const texts: string[] = [];
    summary.eachRow((row) => row.eachCell((c) => texts.push(cellText(c.value))));
    expect(texts).toContain('Khu dân cư: đăng ký 2/2 (100,0%), được công nhận 1/2 (50,0%).');
    expect(texts).toContain('Số hộ gia đình đăng ký: 420.');
    expect(texts).toContain(p.registrations.sentences.registration);
    expect(texts).toContain(p.registrations.sentences.recognition);
  });
});
