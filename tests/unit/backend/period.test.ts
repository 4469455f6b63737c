/**
 * period.figures through the real backend (migrated database, dispatch of the contract) on the
 * fixtures that reproduce the Sa Pa and Gia Viễn seed pages: every figure of the pages, the exact
 * sentences, the previous period and the change, the per-unit breakdown adding up to the total,
 * roll-up through the 2025 merges, refusals, and that no informant identity reaches the result.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PeriodFiguresDto } from '../../../shared/ipc/contracts/period.contract';
import type { ActivityInputs } from '../../../shared/ipc/contracts/activities.contract';
import { MAIN_INDICATORS } from '../../../shared/domain/period';
import { startBackend, type TestBackend } from '../../support/backend';
import { makeTempDir, removeDir } from '../../support/temp-dir';
import { isVietnameseMessage } from '../../support/vietnamese';
import {
  GIA_VIEN_FIGURES,
  GIA_VIEN_INFORMANT,
  GIA_VIEN_PERIOD,
  SAPA_FIGURES,
  SAPA_PERIOD,
  loadGiaVien2022,
  loadSaPaActivities,
  setupSaPaOffice,
  type Call,
  type GiaVienIds,
} from '../../fixtures/activity-seeds';

async function figures(b: TestBackend, from: string, to: string, unitId: string | null = null): Promise<PeriodFiguresDto> {
  return b.call('period.figures', { from, to, unitId });
}

const callOf =
  (b: TestBackend): Call =>
  (m, i) =>
    b.backend.dispatch(m, i);

function sumOf(f: PeriodFiguresDto, key: (typeof MAIN_INDICATORS)[number]): number {
  return f.perUnit.reduce((a, r) => a + r.figures[key], 0);
}

describe('Sa Pa 2020–2022 (Conclusion 44, three years)', () => {
  let b: TestBackend;
  let dir: string;
  let f: PeriodFiguresDto;
  beforeAll(async () => {
    dir = makeTempDir('antq-period-sapa-');
    b = await startBackend(dir);
    await setupSaPaOffice(callOf(b));
    await loadSaPaActivities(callOf(b));
    f = await figures(b, SAPA_PERIOD.from, SAPA_PERIOD.to);
  }, 60_000);
  afterAll(() => {
    b.close();
    removeDir(dir);
  });

  it('reproduces every figure of the page', () => {
    const a = f.activities.current;
    expect(a['propaganda.sessions']).toBe(SAPA_FIGURES.sessions);
    expect(a['propaganda.attendance']).toBe(SAPA_FIGURES.attendance);
    expect(a['propaganda.leaflets']).toBe(SAPA_FIGURES.leaflets);
    expect(a['propaganda.loudspeakerSessions']).toBe(SAPA_FIGURES.loudspeakerSessions);
    expect(a['propaganda.minutesPerSession']).toBe(SAPA_FIGURES.minutesPerSession);
    expect(a['propaganda.loudspeakerMinutes']).toBe(285 * 450);
    expect(a['propaganda.loudspeakerAttendance']).toBe(SAPA_FIGURES.loudspeakerAttendance);
    expect(a['propaganda.directSessions']).toBe(SAPA_FIGURES.directSessions);
    expect(a['propaganda.directAttendance']).toBe(SAPA_FIGURES.directAttendance);
    expect(a['tips.total']).toBe(SAPA_FIGURES.tips);
    expect(a['tips.valuable']).toBe(SAPA_FIGURES.valuableTips);
  });

  it('says them in the words of the page', () => {
    expect(f.period).toEqual({ from: '2020-01-01', to: '2022-12-31', label: 'Giai đoạn 2020 - 2022', intro: 'Trong 03 năm qua' });
    expect(f.sentences['propaganda']).toBe(
      'Trong 03 năm qua đã tổ chức tuyên truyền 631 buổi với 51.511 lượt người tham gia; phát 7.159 tờ rơi; ' +
        '285 buổi tuyên truyền trên hệ thống loa truyền thanh với thời lượng 450 phút/buổi, tuyên truyền đến 27.771 quần chúng nhân dân; ' +
        'tuyên truyền trực tiếp đến 22.030 lượt người.',
    );
    expect(f.sentences['tips']).toContain(
      'Trong 03 năm qua, quần chúng nhân dân đã cung cấp cho lực lượng Công an các cấp 924 nguồn tin, trong đó có 345 nguồn tin có giá trị',
    );
  });

  it('compares with the previous three years, which hold no records', () => {
    expect(f.previous).toEqual({ from: '2017-01-01', to: '2019-12-31', label: 'Giai đoạn 2017 - 2019', intro: 'Trong 03 năm qua' });
    expect(f.comparedWith).toBe('so với giai đoạn 2017 - 2019');
    expect(f.activities.previous['propaganda.sessions']).toBe(0);
    const row = f.comparison.find((r) => r.key === 'propaganda.sessions')!;
    expect(row).toMatchObject({ value: 631, previous: 0, difference: 631, percent: null, text: 'tăng 631', section: 'propaganda' });
    expect(f.sentences['propaganda']).not.toContain('so với');
  });

  it('spreads the records over the communes and the years, and the parts add up', async () => {
    expect(f.perUnit).toHaveLength(16);
    expect(f.perUnit.every((r) => !r.direct && r.figures['propaganda.sessions'] > 0 && r.figures['tips.total'] > 0)).toBe(true);
    expect(sumOf(f, 'propaganda.sessions')).toBe(631);
    expect(sumOf(f, 'propaganda.attendance')).toBe(51_511);
    expect(sumOf(f, 'tips.total')).toBe(924);
    expect(sumOf(f, 'tips.valuable')).toBe(345);
    const years = await Promise.all([2020, 2021, 2022].map((y) => figures(b, `${y}-01-01`, `${y}-12-31`)));
    for (const y of years) expect(y.activities.current['propaganda.sessions']).toBeGreaterThan(150);
    expect(years.reduce((a, y) => a + y.activities.current['propaganda.attendance'], 0)).toBe(51_511);
    expect(years.reduce((a, y) => a + y.activities.current['tips.valuable'], 0)).toBe(345);
    // The 2021 figures compare with 2020.
    expect(years[1]!.comparedWith).toBe('so với cùng kỳ');
    expect(years[1]!.activities.previous['propaganda.sessions']).toBe(years[0]!.activities.current['propaganda.sessions']);
    expect(years[1]!.sentences['propaganda']).toMatch(
      /^Năm 2021, đã tổ chức tuyên truyền \d+ buổi \((tăng|giảm) \d+ buổi, [\d,]+% so với cùng kỳ\)|\(bằng cùng kỳ\)/,
    );
  });

  it('gives one commune the figures of its own row', async () => {
    const row = f.perUnit.find((r) => r.name === 'Xã Tả Van')!;
    const one = await figures(b, SAPA_PERIOD.from, SAPA_PERIOD.to, row.unitId);
    expect(one.unitName).toBe('Xã Tả Van');
    for (const k of MAIN_INDICATORS) expect(one.activities.current[k]).toBe(row.figures[k]);
    // A commune without residential areas: its records are its own, on one "direct" row.
    expect(one.perUnit).toEqual([{ unitId: row.unitId, name: 'Xã Tả Van', direct: true, endedOn: null, figures: row.figures }]);
  });

  it('refuses a period that ends before it starts, and an unknown unit, in Vietnamese', async () => {
    const e = await b.fail('period.figures', { from: '2022-12-31', to: '2020-01-01', unitId: null });
    expect(e.code).toBe('VALIDATION');
    expect(e.message).toBe('Ngày cuối kỳ (01/01/2020) không được trước ngày đầu kỳ (31/12/2022).');
    expect(e.details?.['to']).toBeDefined();
    const u = await b.fail('period.figures', { from: '2020-01-01', to: '2022-12-31', unitId: '6b1c3a52-8a7e-4d6f-9a55-0c7f1f6f2b11' });
    expect(u.code).toBe('NOT_FOUND');
    expect(isVietnameseMessage(u.message)).toBe(true);
    const bad = await b.fail('period.figures', { from: '2022-02-30', to: '2022-12-31', unitId: null });
    expect(bad.code).toBe('VALIDATION');
    expect(isVietnameseMessage(bad.message)).toBe(true);
  });
});

describe('Gia Viễn 2022', () => {
  let b: TestBackend;
  let dir: string;
  let ids: GiaVienIds;
  let f: PeriodFiguresDto;
  beforeAll(async () => {
    dir = makeTempDir('antq-period-giavien-');
    b = await startBackend(dir);
    ids = await loadGiaVien2022(callOf(b));
    f = await figures(b, GIA_VIEN_PERIOD.from, GIA_VIEN_PERIOD.to);
  }, 60_000);
  afterAll(() => {
    b.close();
    removeDir(dir);
  });

  it('reproduces the cases, tips and awards of the page', () => {
    const a = f.activities.current;
    expect(a['incidents.crimes']).toBe(50);
    expect(a['incidents.crimesSolved']).toBe(49);
    expect(a['incidents.graveCrimes']).toBe(0);
    expect(a['tips.total']).toBe(GIA_VIEN_FIGURES.tips);
    expect(a['tips.valuable']).toBe(GIA_VIEN_FIGURES.valuableTips);
    expect(a['tips.valuable']).toBeGreaterThanOrEqual(200); // "hàng trăm nguồn tin có giá trị"
    expect(a['awards.collectives']).toBe(5);
    expect(a['awards.individuals']).toBe(6);
    expect(a['awards.form.bang_khen_bo_truong']).toBe(1);
    expect(a['awards.form.bang_khen_ubnd_tinh']).toBe(2);
    expect(a['awards.form.giay_khen_giam_doc_ca_tinh']).toBe(3);
    expect(a['awards.form.giay_khen_ubnd_huyen']).toBe(5);
  });

  it('says the cases, awards and new models in the words of the page', () => {
    expect(f.sentences['incidents']).toBe(
      'Năm 2022, trên địa bàn xảy ra 50 vụ phạm tội, đã điều tra giải quyết 49/50 vụ, không để xảy ra trọng án.',
    );
    expect(f.sentences['awards']).toBe(
      'Năm 2022, 5 tập thể và 6 cá nhân có thành tích xuất sắc trong phong trào thi đua “Toàn dân bảo vệ an ninh Tổ quốc” được nhận Bằng khen, Giấy khen của ' +
        'Bộ trưởng Bộ Công an, Chủ tịch UBND tỉnh, Giám đốc Công an tỉnh và Chủ tịch UBND huyện.',
    );
    expect(f.sentences['models']).toBe(
      // 47, not the page's 46: the drug model has no site entered and counts its own commune as its
      // place (Guidance 22, issue 9 item 7); the page did not count it.
      // 2022 has ended by the test clock (2026): no "Hiện nay"; the new models counted (issue 14 item 8).
      'Năm 2022, trên địa bàn có 3 loại mô hình với tổng số 47 điểm mô hình hoạt động. Số điểm mô hình mới xây dựng là 47 điểm mô hình. ' +
        'Năm 2022, đã xây dựng mới 3 mô hình, gồm: “Tổ liên gia an toàn về phòng cháy, chữa cháy” tại 21 xã, thị trấn; ' +
        'mô hình “Xã không có tệ nạn ma túy” tại xã Gia Thắng; ' +
        'mô hình “Câu lạc bộ phổ biến kiến thức pháp luật” ở 25/25 trường THPT, Trung tâm GDNN&GDTX, THCS.',
    );
    expect(f.sentences['tips']).toMatch(
      /^Năm 2022, quần chúng nhân dân đã cung cấp cho lực lượng Công an các cấp 312 nguồn tin, trong đó có 204 nguồn tin có giá trị/,
    );
    expect(f.registry.current.newModels.map((m) => [m.name, m.newSites])).toEqual([
      ['Tổ liên gia an toàn về phòng cháy, chữa cháy', 21],
      // the per-model column still counts entered sites only (period.service, h2a's), unlike the total above
      ['Xã không có tệ nạn ma túy', 0],
      ['Câu lạc bộ phổ biến kiến thức pháp luật', 25],
    ]);
    expect(f.registry.current.organizations).toMatchObject({ total: 28, eligible: 25 });
    expect(f.registry.previous.newModels).toEqual([]);
  });

  it('breaks the figures down by the 21 communes of 2022, adding up to the total', () => {
    expect(f.perUnit.map((r) => r.name)).toHaveLength(21);
    expect(f.perUnit.map((r) => r.name)).toContain('Xã Gia Thắng');
    expect(f.perUnit.map((r) => r.name)).not.toContain('Thị trấn Thịnh Vượng');
    for (const k of MAIN_INDICATORS) expect(sumOf(f, k), k).toBe(f.activities.current[k]);
    expect(f.perUnit.find((r) => r.name === 'Thị trấn Me')!.endedOn).toBeNull(); // ended in 2024, after the period
  });

  it('rolls the old communes up into the commune formed from them in 2025', async () => {
    const merged = (await b.call('units.list', { includeEnded: true })).find((u) => u.name === 'Thị trấn Thịnh Vượng')!;
    const tv = await figures(b, GIA_VIEN_PERIOD.from, GIA_VIEN_PERIOD.to, merged.id);
    const parts = f.perUnit.filter((r) => ['Thị trấn Me', 'Xã Gia Thịnh', 'Xã Gia Vượng'].includes(r.name));
    for (const k of MAIN_INDICATORS) expect(tv.activities.current[k], k).toBe(parts.reduce((a, r) => a + r.figures[k], 0));
    expect(tv.activities.current['tips.total']).toBeGreaterThan(0);
    // Today's district: the 18 communes of the catalogue; a period over the merge shows both.
    const now = await figures(b, '2026-01-01', '2026-12-31');
    expect(now.perUnit.map((r) => r.name)).toHaveLength(18);
    const across = await figures(b, '2022-01-01', '2025-12-31');
    expect(across.perUnit).toHaveLength(23);
    expect(across.perUnit.find((r) => r.name === 'Thị trấn Me')!.endedOn).toBe('2024-12-31');
    expect(across.perUnit.find((r) => r.name === 'Thị trấn Thịnh Vượng')!.figures['tips.total']).toBe(0);
    for (const k of MAIN_INDICATORS) expect(sumOf(across, k), k).toBe(across.activities.current[k]);
  });

  it('adds the change where the previous year has records', async () => {
    // Not from the seed page: 2021 records entered here to see the comparison.
    const commune = ids.communes2022.get('Xã Gia Hòa')!;
    const crime = (i: number): ActivityInputs['incidents'] => ({
      occurredOn: `2021-${String((i % 12) + 1).padStart(2, '0')}-10`,
      unitId: commune.id,
      organizationId: null,
      category: 'toi_pham_it_nghiem_trong',
      count: 1,
      solved: i < 50 ? 1 : 0,
      deaths: 0,
      injuries: 0,
      description: null,
      excuse: null,
      excuseReason: null,
      excuseApprovedBy: null,
      excuseApprovedOn: null,
      note: null,
    });
    await b.call('activities.saveMany', { kind: 'incidents', records: Array.from({ length: 55 }, (_, i) => crime(i)) });
    const g = await figures(b, GIA_VIEN_PERIOD.from, GIA_VIEN_PERIOD.to);
    expect(g.previous).toMatchObject({ from: '2021-01-01', to: '2021-12-31', label: 'Năm 2021' });
    expect(g.sentences['incidents']).toBe(
      'Năm 2022, trên địa bàn xảy ra 50 vụ phạm tội (giảm 5 vụ, 9,1% so với cùng kỳ), đã điều tra giải quyết 49/50 vụ, không để xảy ra trọng án.',
    );
    expect(g.comparison.find((r) => r.key === 'incidents.crimes')).toMatchObject({
      value: 50,
      previous: 55,
      difference: -5,
      percent: -9.1,
      text: 'giảm 5 (9,1%)',
    });
    expect(g.comparison.find((r) => r.key === 'incidents.crimesSolved')).toMatchObject({ value: 49, previous: 50, text: 'giảm 1 (2,0%)' });
  });

  it('never carries an informant identity', async () => {
    const informant = await b.call('tips.informant', { tipId: ids.informantTipId });
    expect(informant.informant?.name).toBe(GIA_VIEN_INFORMANT.name);
    for (const period of [GIA_VIEN_PERIOD, { from: '2022-01-01', to: '2026-12-31' }]) {
      const text = JSON.stringify(await figures(b, period.from, period.to));
      for (const v of Object.values(GIA_VIEN_INFORMANT)) expect(text).not.toContain(v);
    }
  });
});
