/**
 * Issue 9 items 10–13 through the real backend (migrated database, contract dispatch): a tip passed
 * to the competent agency is never overdue in period.figures; the trọng án list and crime fields are
 * office settings stored in the database and change the figures and sentence; leadership documents,
 * Tổ bảo vệ ANTT ratings and Decision 510 classes reach the figures with the previous period;
 * the statistical year's first day is a setting (calendar year by default), refused when invalid.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Method, MethodInput, UnitDto } from '../../../shared/ipc/contract';
import { TO_BAO_VE_ANTT_KIND_ID } from '../../../shared/domain/mass-orgs';
import { startBackend, type TestBackend } from '../../support/backend';
import { useTempDir } from '../../support/temp-dir';
import { dumpDatabase, queryAll } from '../../support/sqlite';
import { isVietnameseMessage } from '../../support/vietnamese';
import { GIA_VIEN_SETUP } from '../../support/offices';
import { activityApi, sampleRecords } from './activities-records';

const tmp = useTempDir('antq-period-report-');
let t: TestBackend;

beforeEach(async () => {
  t = await startBackend(tmp.path());
  await t.call('office.setup', GIA_VIEN_SETUP);
});
afterEach(() => t.close());

async function unit(name: string): Promise<UnitDto> {
  const found = (await t.call('units.list', { includeEnded: true })).filter((u) => u.name === name);
  if (found.length !== 1) throw new Error(`expected one unit named ${name}, found ${found.length}`);
  return found[0]!;
}

async function expectRefused<M extends Method>(method: M, input: MethodInput<M>, pattern: RegExp) {
  const before = dumpDatabase(t.backend.databasePath);
  const error = await t.fail(method, input);
  expect(isVietnameseMessage(error.message), error.message).toBe(true);
  expect(error.message).toMatch(pattern);
  expect(dumpDatabase(t.backend.databasePath)).toEqual(before);
}

const YEAR = { from: '2026-01-01', to: '2026-12-31', unitId: null };

describe('item 10: tips passed on', () => {
  it('are "đã chuyển", never overdue, and the sentence says who supplied what', async () => {
    const hoa = await unit('Xã Gia Hòa');
    const api = activityApi(t);
    const base = { ...sampleRecords(hoa.id).tips, receivedOn: '2026-03-01', outcome: null, resolvedOn: null, extensions: 0 };
    await api.save('tips', { ...base, legalType: 'to_giac', status: 'chuyen_co_quan_khac', summary: 'Chuyển Công an tỉnh' });
    await api.save('tips', { ...base, legalType: 'to_giac', status: 'dang_xu_ly', summary: 'Đơn vị tự giải quyết' });
    await api.save('tips', { ...base, legalType: 'kien_nghi_khoi_to', status: 'dang_xu_ly', summary: 'Kiến nghị của thanh tra' });
    const f = await t.call('period.figures', YEAR);
    expect(f.activities.current['tips.overdue']).toBe(2);
    expect(f.activities.current['tips.criminalTransferred']).toBe(1);
    expect(f.activities.current['tips.public']).toBe(2);
    expect(f.sentences['tips']).toContain('quần chúng nhân dân đã cung cấp cho lực lượng Công an các cấp 2 nguồn tin');
    expect(f.sentences['tips']).toContain(
      'tiếp nhận 2 tố giác do quần chúng cung cấp và 1 kiến nghị khởi tố của cơ quan nhà nước có thẩm quyền',
    );
    expect(f.sentences['tips']).toContain('chuyển 1 tin đến cơ quan có thẩm quyền giải quyết, 2 tin quá thời hạn chưa giải quyết');
    const listed = await api.list('tips');
    expect(listed.find((r) => r.summary === 'Chuyển Công an tỉnh')!.timing).toBe('da_chuyen');
  });
});

describe('item 11: trọng án as an office setting', () => {
  it('is stored in the database and decides "không để xảy ra trọng án"', async () => {
    const hoa = await unit('Xã Gia Hòa');
    const api = activityApi(t);
    await api.save('incidents', {
      ...sampleRecords(hoa.id).incidents,
      occurredOn: '2026-05-01',
      category: 'toi_pham_nghiem_trong',
      count: 1,
      solved: 1,
    });

    const before = await t.call('period.figures', YEAR);
    expect(before.sentences['incidents']).toContain('không để xảy ra trọng án');
    expect(before.graveList).toBe('tội phạm rất nghiêm trọng; tội phạm đặc biệt nghiêm trọng');

    const settings = await t.call('period.settings', {});
    expect(settings.saved).toBe(false);
    const categories = settings.categories.map((c) =>
      c.category === 'toi_pham_nghiem_trong' ? { ...c, grave: true, field: 'kinh_te' as const } : c,
    );
    await t.call('period.saveSettings', { statYearStart: '01-01', categories, by: 'Đại úy Lê Minh' });
    expect(
      queryAll(
        t.backend.databasePath,
        "SELECT category, grave, crime_field FROM incident_category_settings WHERE category = 'toi_pham_nghiem_trong'",
      ),
    ).toEqual([{ category: 'toi_pham_nghiem_trong', grave: 1, crime_field: 'kinh_te' }]);

    const after = await t.call('period.figures', YEAR);
    expect(after.activities.current['incidents.graveCrimes']).toBe(1);
    expect(after.activities.current['incidents.field.kinh_te']).toBe(1);
    expect(after.sentences['incidents']).not.toContain('không để xảy ra trọng án');
    expect(after.sentences['incidents']).toContain('(tội phạm về kinh tế 1 vụ), đã điều tra giải quyết 1/1 vụ, trong đó có 1 vụ trọng án');
  });
});

describe('item 12: leadership documents, team ratings and classes', () => {
  it('records documents and counts them, ratings and classes with the previous period', async () => {
    const hoa = await unit('Xã Gia Hòa');
    const doc = (issuedOn: string, docType: 'nghi_quyet' | 'ke_hoach', number: string) =>
      t.call('leadershipDocs.save', {
        id: null,
        unitId: hoa.id,
        issuedOn,
        docType,
        number,
        title: 'Về công tác bảo đảm an ninh, trật tự',
        note: null,
      });
    await doc('2026-01-15', 'nghi_quyet', '05-NQ/ĐU');
    await doc('2026-02-10', 'ke_hoach', '12/KH-UBND');
    await doc('2025-02-10', 'ke_hoach', '10/KH-UBND');
    expect(queryAll(t.backend.databasePath, 'SELECT number, doc_type FROM leadership_documents ORDER BY issued_on')).toEqual([
      { number: '10/KH-UBND', doc_type: 'ke_hoach' },
      { number: '05-NQ/ĐU', doc_type: 'nghi_quyet' },
      { number: '12/KH-UBND', doc_type: 'ke_hoach' },
    ]);

    const team = await t.call('massOrgs.create', {
      kindId: TO_BAO_VE_ANTT_KIND_ID,
      unitId: hoa.id,
      name: 'Tổ bảo vệ ANTT thôn Đông',
      decisionIssuer: null,
      decisionNumber: null,
      decisionDate: null,
      validFrom: '2020-01-01',
      note: null,
    });
    await t.call('massOrgs.rate', { id: team.id, year: 2026, level: 'hoan_thanh_tot', notRatedReason: null, reasonNote: null });

    const f = await t.call('period.figures', YEAR);
    expect([f.report.current['leadership.total'], f.report.previous['leadership.total']]).toEqual([2, 1]);
    expect([f.report.current['teams.rated'], f.report.current['teams.rating.hoan_thanh_tot']]).toEqual([1, 1]);
    expect(f.sentences['leadership']).toBe(
      'Năm 2026, đã ban hành 2 văn bản lãnh đạo, chỉ đạo về công tác bảo đảm an ninh, trật tự và xây dựng phong trào toàn dân bảo vệ an ninh Tổ quốc ' +
        '(tăng 1 văn bản, 100,0% so với cùng kỳ), gồm: 1 nghị quyết, 1 kế hoạch.',
    );
    expect(f.sentences['massOrgs']).toContain(
      'Kết quả xếp loại năm 2026: 1 Tổ bảo vệ an ninh, trật tự được xếp loại, trong đó 1 tổ hoàn thành tốt nhiệm vụ.',
    );
    const row = f.comparison.find((r) => r.key === 'classes.khu_dan_cu.kha')!;
    expect([row.missing, row.hasValue]).toEqual([true, false]);
    expect(f.sentences['classification']).toContain('thiếu dữ liệu');
  });

  it('counts the Decision 510 classes of the year from the rubric scores', async () => {
    const hoa = await unit('Xã Gia Hòa');
    const dong = await t.call('units.create', { parentId: hoa.id, name: 'Thôn Đông', kind: 'thon', code: null, validFrom: '2010-01-01' });
    // 86 points under the shipped example rubric: "Khá".
    const items = {
      '1.1': true,
      '1.2': true,
      '1.3': 6,
      '2': 12,
      '3': 8,
      '4': 12,
      '5': 8,
      '6.1': 1,
      '6.2': 0,
      '6.3': 0,
      L1: false,
      L2: false,
    };
    await t.call('rubrics.score', {
      subject: dong.id,
      year: 2026,
      rubricId: 'vi-du-bieu-diem-khu-dan-cu',
      kind: 'tu_cham',
      items,
      by: 'Trưởng thôn',
      note: null,
    });
    const f = await t.call('period.figures', YEAR);
    expect([f.report.current['classes.khu_dan_cu.total'], f.report.current['classes.khu_dan_cu.kha']]).toEqual([1, 1]);
    const row = f.comparison.find((r) => r.key === 'classes.khu_dan_cu.kha')!;
    expect([row.value, row.missing, row.hasPrevious]).toEqual([1, false, false]);
    expect(f.sentences['classification']).toBe(
      'Kết quả phân loại phong trào toàn dân bảo vệ an ninh Tổ quốc năm 2026 theo Quyết định 510: khu dân cư có 1 Khá.',
    );
  });

  it('refuses a document of a unit that did not exist that day, or a number used twice, in Vietnamese', async () => {
    const hoa = await unit('Xã Gia Hòa');
    const input = {
      id: null,
      unitId: hoa.id,
      issuedOn: '2026-01-15',
      docType: 'nghi_quyet' as const,
      number: '05-NQ/ĐU',
      title: 'Nghị quyết',
      note: null,
    };
    await t.call('leadershipDocs.save', input);
    await expectRefused('leadershipDocs.save', { ...input, number: '05-nq/đu ' }, /đã được ghi/);
    const fresh = await t.call('units.create', { parentId: hoa.id, name: 'Thôn Mới', kind: 'thon', code: null, validFrom: '2026-01-01' });
    await expectRefused(
      'leadershipDocs.save',
      { ...input, unitId: fresh.id, issuedOn: '2025-12-31' },
      /Thôn Mới không tồn tại vào ngày 31\/12\/2025/,
    );
    await expectRefused('leadershipDocs.save', { ...input, title: '   ' }, /Trích yếu/);
  });
});

describe('item 13: statistical year', () => {
  it('is the calendar year by default, stored when set, and refused when not a day of every year', async () => {
    expect((await t.call('period.settings', {})).statYearStart).toBe('01-01');
    const categories = (await t.call('period.settings', {})).categories;
    await t.call('period.saveSettings', { statYearStart: '12-15', categories });
    expect((await t.call('period.settings', {})).statYearStart).toBe('12-15');
    expect(queryAll(t.backend.databasePath, 'SELECT stat_year_start FROM period_settings')).toEqual([{ stat_year_start: '12-15' }]);
    await expectRefused('period.saveSettings', { statYearStart: '02-29', categories }, /năm thống kê không hợp lệ/);

    const f = await t.call('period.figures', { from: '2023-12-15', to: '2024-12-14', unitId: null });
    expect([f.previous.from, f.previous.to, f.comparedWith]).toEqual(['2022-12-15', '2023-12-14', 'so với cùng kỳ']);
  });
});
