/**
 * Models and HD22 counting (shared/domain/models.ts): the lifecycle's transitions, the rules every
 * change is checked against, spans, the counts on a hand-built district, and properties of the
 * counts over random trees, models and sites (subtree additivity, period splitting).
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  CHANGE_STATUSES,
  INITIAL_STATUSES,
  MODEL_STATUSES,
  NEXT_STATUSES,
  checkModelState,
  checkOriginLevel,
  checkTransition,
  currentStatus,
  defaultOriginLevel,
  firstPresenceIn,
  originSite,
  hd22Sets,
  inPeriod,
  modelPresentDuring,
  operatingSince,
  operatingSpan,
  retiredOn,
  siteSpan,
  sitesActiveDuring,
  spanOverlaps,
  yearPeriod,
  type CountableModel,
  type CountableSite,
  type ModelStateForCheck,
  type ModelStatus,
  type StatusEvent,
} from '../../../shared/domain/models';
import { hd22Counts } from '../../../shared/domain/models-hd22';
import { isVietnameseMessage } from '../../support/vietnamese';

const TODAY = '2026-11-22';

describe('status transitions', () => {
  const allowed: [ModelStatus, ModelStatus][] = [
    ['de_xuat', 'ra_mat'],
    ['de_xuat', 'thanh_loai'],
    ['ra_mat', 'hoat_dong'],
    ['ra_mat', 'thanh_loai'],
    ['hoat_dong', 'so_ket'],
    ['hoat_dong', 'tong_ket'],
    ['hoat_dong', 'thanh_loai'],
    ['so_ket', 'tong_ket'],
    ['so_ket', 'nhan_rong'],
    ['so_ket', 'thanh_loai'],
    ['tong_ket', 'nhan_rong'],
    ['tong_ket', 'thanh_loai'],
    ['nhan_rong', 'thanh_loai'],
  ];

  it.each(allowed)('allows %s → %s', (from, to) => {
    expect(checkTransition(from, to)).toBeNull();
  });

  const key = (a: ModelStatus, b: ModelStatus) => `${a}>${b}`;
  const allowedKeys = new Set(allowed.map(([a, b]) => key(a, b)));
  const refused = MODEL_STATUSES.flatMap((a) => MODEL_STATUSES.map((b) => [a, b] as [ModelStatus, ModelStatus])).filter(
    ([a, b]) => !allowedKeys.has(key(a, b)),
  );

  it('refuses the other 36 pairs with a Vietnamese sentence', () => {
    expect(refused).toHaveLength(49 - allowed.length);
    for (const [from, to] of refused) {
      const message = checkTransition(from, to);
      expect(message, `${from} → ${to}`).not.toBeNull();
      expect(isVietnameseMessage(message), message!).toBe(true);
    }
  });

  it('names the state, the refused step and the possible next steps', () => {
    expect(checkTransition('de_xuat', 'nhan_rong')).toBe(
      'Không thể chuyển mô hình từ trạng thái "Đề xuất" sang "Nhân rộng"; bước tiếp theo có thể là "Ra mắt", "Thanh loại".',
    );
    expect(checkTransition('hoat_dong', 'hoat_dong')).toBe('Mô hình đang ở trạng thái "Đang hoạt động".');
    expect(checkTransition('thanh_loai', 'hoat_dong')).toBe('Mô hình đã thanh loại, không thể chuyển sang trạng thái khác.');
  });

  it('never goes back to a proposal, and retiring is final', () => {
    for (const s of MODEL_STATUSES) expect(NEXT_STATUSES[s]).not.toContain('de_xuat');
    expect(NEXT_STATUSES.thanh_loai).toEqual([]);
    for (const s of MODEL_STATUSES.filter((x) => x !== 'thanh_loai')) expect(NEXT_STATUSES[s]).toContain('thanh_loai');
  });

  it('creates models only as proposed, launched or running; changeStatus never retires', () => {
    expect([...INITIAL_STATUSES]).toEqual(['de_xuat', 'ra_mat', 'hoat_dong']);
    expect(CHANGE_STATUSES).not.toContain('thanh_loai');
    expect(CHANGE_STATUSES).not.toContain('de_xuat');
  });
});

describe('the event log', () => {
  const log: StatusEvent[] = [
    { status: 'de_xuat', on: '2021-01-10' },
    { status: 'ra_mat', on: '2021-03-01' },
    { status: 'hoat_dong', on: '2021-03-02' },
    { status: 'thanh_loai', on: '2023-06-30' },
  ];

  it('reads the current status, the launch and the retirement', () => {
    expect(currentStatus(log)).toBe('thanh_loai');
    expect(currentStatus([])).toBeNull();
    expect(operatingSince(log)).toBe('2021-03-01');
    expect(retiredOn(log)).toBe('2023-06-30');
    expect(operatingSpan(log)).toEqual({ from: '2021-03-01', to: '2023-06-30' });
  });

  it('a proposal that never launched never operates, even when retired', () => {
    const abandoned: StatusEvent[] = [
      { status: 'de_xuat', on: '2021-01-10' },
      { status: 'thanh_loai', on: '2021-05-01' },
    ];
    expect(operatingSince(abandoned)).toBeNull();
    expect(operatingSpan(abandoned)).toBeNull();
    expect(operatingSpan([{ status: 'de_xuat', on: '2021-01-10' }])).toBeNull();
  });

  it('a model created running operates from its founding date without end', () => {
    expect(operatingSpan([{ status: 'hoat_dong', on: '2019-05-19' }])).toEqual({ from: '2019-05-19', to: null });
  });
});

describe('spans and periods', () => {
  it('yearPeriod covers the calendar year', () => {
    expect(yearPeriod(2022)).toEqual({ from: '2022-01-01', to: '2022-12-31' });
  });

  it.each([
    [{ from: '2022-01-01', to: '2022-12-31' }, { from: '2022-12-31', to: '2023-01-05' }, true],
    [{ from: '2022-01-01', to: '2022-12-30' }, { from: '2022-12-31', to: '2023-01-05' }, false],
    [{ from: '2023-01-06', to: null }, { from: '2022-12-31', to: '2023-01-05' }, false],
    [{ from: '2023-01-05', to: null }, { from: '2022-12-31', to: '2023-01-05' }, true],
    [{ from: '2010-01-01', to: null }, { from: '2022-12-31', to: '2023-01-05' }, true],
  ] as const)('spanOverlaps(%j, %j) = %s', (span, period, expected) => {
    expect(spanOverlaps(span, period)).toBe(expected);
  });

  it('no span overlaps nothing', () => {
    expect(spanOverlaps(null, yearPeriod(2022))).toBe(false);
  });

  it('inPeriod is inclusive at both ends', () => {
    const p = yearPeriod(2022);
    expect(inPeriod('2022-01-01', p)).toBe(true);
    expect(inPeriod('2022-12-31', p)).toBe(true);
    expect(inPeriod('2021-12-31', p)).toBe(false);
    expect(inPeriod('2023-01-01', p)).toBe(false);
    expect(inPeriod(null, p)).toBe(false);
  });

  it("a site operates on its own days that fall inside its model's operating span", () => {
    const model = { from: '2021-03-01', to: '2023-06-30' };
    expect(siteSpan({ startedOn: '2021-01-15', endedOn: null }, model)).toEqual({ from: '2021-03-01', to: '2023-06-30' });
    expect(siteSpan({ startedOn: '2022-01-15', endedOn: '2022-05-01' }, model)).toEqual({ from: '2022-01-15', to: '2022-05-01' });
    expect(siteSpan({ startedOn: '2022-01-15', endedOn: null }, { from: '2021-03-01', to: null })).toEqual({
      from: '2022-01-15',
      to: null,
    });
    expect(siteSpan({ startedOn: '2021-01-15', endedOn: '2021-02-01' }, model)).toBeNull();
    expect(siteSpan({ startedOn: '2021-01-15', endedOn: null }, null)).toBeNull();
  });
});

describe('checkOriginLevel / defaultOriginLevel', () => {
  it.each([
    ['xa', 'xa'],
    ['xa', 'huyen'],
    ['xa', 'tinh'],
    ['khu_dan_cu', 'xa'],
    ['huyen', 'huyen'],
    ['huyen', 'tinh'],
    ['tinh', 'tinh'],
  ] as const)('a %s unit may build a model at level %s', (unit, level) => {
    expect(checkOriginLevel(unit, level)).toBeNull();
  });

  it.each([
    ['huyen', 'xa'],
    ['tinh', 'xa'],
    ['tinh', 'huyen'],
  ] as const)('a %s unit cannot have built a %s-level model', (unit, level) => {
    const message = checkOriginLevel(unit, level);
    expect(isVietnameseMessage(message), String(message)).toBe(true);
  });

  it("defaults to the unit's own level, a residential area to the commune level", () => {
    expect(defaultOriginLevel('khu_dan_cu')).toBe('xa');
    expect(defaultOriginLevel('xa')).toBe('xa');
    expect(defaultOriginLevel('huyen')).toBe('huyen');
    expect(defaultOriginLevel('tinh')).toBe('tinh');
  });
});

describe('checkModelState', () => {
  const base: ModelStateForCheck = {
    foundedOn: '2021-03-01',
    events: [
      { status: 'ra_mat', on: '2021-03-01' },
      { status: 'hoat_dong', on: '2021-04-01' },
    ],
    sites: [{ label: 'Xã Gia Hòa', unitId: 'X1', organizationName: null, startedOn: '2021-03-01', endedOn: null }],
    ratingYears: [2021, 2022],
    recognitionDates: ['2022-05-01'],
  };
  const check = (patch: Partial<ModelStateForCheck>) => checkModelState({ ...base, ...patch }, TODAY);
  const refusedWith = (patch: Partial<ModelStateForCheck>, pattern: RegExp, code: 'RULE' | 'CONFLICT' = 'RULE') => {
    const failure = check(patch);
    expect(failure, JSON.stringify(patch)).not.toBeNull();
    expect(failure!.code).toBe(code);
    expect(isVietnameseMessage(failure!.message), failure!.message).toBe(true);
    expect(failure!.message).toMatch(pattern);
  };

  it('accepts a consistent model', () => {
    expect(check({})).toBeNull();
  });

  it('refuses a founding date in the future', () => {
    refusedWith(
      { foundedOn: '2026-11-23', events: [{ status: 'hoat_dong', on: '2026-11-23' }], sites: [], ratingYears: [], recognitionDates: [] },
      /không được sau ngày hôm nay \(22\/11\/2026\)/,
    );
  });

  it('accepts today as a date', () => {
    expect(check({ events: [...base.events, { status: 'so_ket', on: TODAY }] })).toBeNull();
  });

  it('refuses an empty log, a log that starts later than the founding date, or beyond running', () => {
    refusedWith({ events: [] }, /ít nhất một bước/);
    refusedWith({ events: [{ status: 'ra_mat', on: '2021-03-02' }] }, /trùng ngày xây dựng/);
    refusedWith({ events: [{ status: 'so_ket', on: '2021-03-01' }] }, /Mô hình mới chỉ có thể/);
  });

  it('refuses a step that is not allowed after the previous one', () => {
    refusedWith(
      { events: [...base.events, { status: 'nhan_rong', on: '2022-01-01' }] },
      /Không thể chuyển mô hình từ trạng thái "Đang hoạt động" sang "Nhân rộng"/,
    );
    refusedWith(
      { events: [...base.events, { status: 'thanh_loai', on: '2023-01-01' }, { status: 'hoat_dong', on: '2023-02-01' }], sites: [] },
      /đã thanh loại/,
    );
  });

  it('refuses a step dated before the previous step, or in the future', () => {
    refusedWith(
      { events: [...base.events, { status: 'so_ket', on: '2021-03-31' }] },
      /Ngày sơ kết \(31\/03\/2021\) không được trước ngày của bước "Đi vào hoạt động" \(01\/04\/2021\)/,
    );
    refusedWith(
      { events: [...base.events, { status: 'so_ket', on: '2026-12-01' }] },
      /Ngày sơ kết \(01\/12\/2026\) không được sau ngày hôm nay/,
    );
  });

  it('accepts two steps on the same day', () => {
    expect(
      check({ events: [...base.events, { status: 'so_ket', on: '2021-04-01' }, { status: 'tong_ket', on: '2021-04-01' }] }),
    ).toBeNull();
  });

  it('refuses a site that starts before the model was founded, in the future, or ends before it starts', () => {
    const site = base.sites[0]!;
    refusedWith(
      { sites: [{ ...site, startedOn: '2021-02-28' }] },
      /Điểm "Xã Gia Hòa" bắt đầu \(28\/02\/2021\) trước ngày xây dựng mô hình \(01\/03\/2021\)/,
    );
    refusedWith(
      { sites: [{ ...site, startedOn: '2026-11-23' }] },
      /Ngày bắt đầu của điểm "Xã Gia Hòa" \(23\/11\/2026\) không được sau ngày hôm nay/,
    );
    refusedWith({ sites: [{ ...site, endedOn: '2021-02-28' }] }, /không được trước ngày bắt đầu/);
    refusedWith(
      { sites: [{ ...site, endedOn: '2026-12-01' }] },
      /Ngày kết thúc của điểm "Xã Gia Hòa" \(01\/12\/2026\) không được sau ngày hôm nay/,
    );
  });

  it('refuses sites of a retired model that start after, or run past, its retirement', () => {
    const retiredLog = [...base.events, { status: 'thanh_loai' as const, on: '2023-06-30' }];
    const site = base.sites[0]!;
    expect(check({ events: retiredLog, sites: [{ ...site, endedOn: '2023-06-30' }] })).toBeNull();
    refusedWith({ events: retiredLog, sites: [{ ...site }] }, /không thể hoạt động sau ngày mô hình bị thanh loại \(30\/06\/2023\)/);
    refusedWith({ events: retiredLog, sites: [{ ...site, endedOn: '2023-07-01' }] }, /không thể hoạt động sau ngày mô hình bị thanh loại/);
    refusedWith(
      { events: retiredLog, sites: [{ ...site, startedOn: '2023-07-01', endedOn: '2023-07-02' }] },
      /bắt đầu \(01\/07\/2023\) sau ngày mô hình bị thanh loại/,
    );
  });

  it('refuses two sites at the same place (unit and organisation, ignoring diacritics) whose dates overlap', () => {
    const a = {
      label: 'Xã Gia Hòa – Trường THCS',
      unitId: 'X1',
      organizationName: 'Trường THCS',
      startedOn: '2021-03-01',
      endedOn: '2022-01-01',
    };
    refusedWith(
      { sites: [a, { ...a, organizationName: 'truong thcs', startedOn: '2022-01-01', endedOn: null }] },
      /đã có điểm "Xã Gia Hòa – Trường THCS" trong cùng khoảng thời gian/,
      'CONFLICT',
    );
    refusedWith(
      {
        sites: [
          { ...a, endedOn: null },
          { ...a, startedOn: '2025-01-01', endedOn: null },
        ],
      },
      /cùng khoảng thời gian/,
      'CONFLICT',
    );
    // Consecutive periods, another organisation or another unit are fine.
    expect(check({ sites: [a, { ...a, startedOn: '2022-01-02', endedOn: null }] })).toBeNull();
    expect(check({ sites: [a, { ...a, organizationName: 'Trường Tiểu học' }] })).toBeNull();
    expect(check({ sites: [a, { ...a, organizationName: null }] })).toBeNull();
    expect(check({ sites: [a, { ...a, unitId: 'X2' }] })).toBeNull();
  });

  it('refuses ratings before the launch, after the retirement year, in a future year, or of a proposal', () => {
    refusedWith({ ratingYears: [2020] }, /Năm đánh giá 2020 trước năm mô hình bắt đầu hoạt động \(01\/03\/2021\)/);
    refusedWith({ ratingYears: [2027] }, /Chưa thể đánh giá hiệu quả cho năm 2027/);
    refusedWith(
      { events: [...base.events, { status: 'thanh_loai', on: '2022-06-30' }], sites: [], ratingYears: [2023] },
      /Năm đánh giá 2023 sau năm mô hình bị thanh loại/,
    );
    expect(check({ events: [...base.events, { status: 'thanh_loai', on: '2022-06-30' }], sites: [], ratingYears: [2022] })).toBeNull();
    refusedWith(
      { events: [{ status: 'de_xuat', on: '2021-03-01' }], sites: [], ratingYears: [2021], recognitionDates: [] },
      /chưa thể đánh giá hiệu quả/,
    );
  });

  it('refuses recognitions before the launch, after the retirement, in the future, or of a proposal', () => {
    refusedWith({ recognitionDates: ['2021-02-28'] }, /Ngày công nhận \(28\/02\/2021\) trước ngày mô hình bắt đầu hoạt động/);
    refusedWith({ recognitionDates: ['2026-11-23'] }, /Ngày công nhận \(23\/11\/2026\) không được sau ngày hôm nay/);
    refusedWith(
      { events: [...base.events, { status: 'thanh_loai', on: '2022-03-01' }], sites: [], recognitionDates: ['2022-05-01'] },
      /sau ngày mô hình bị thanh loại/,
    );
    refusedWith(
      { events: [{ status: 'de_xuat', on: '2021-03-01' }], sites: [], ratingYears: [], recognitionDates: ['2021-05-01'] },
      /chưa thể công nhận/,
    );
  });
});

// ---------------------------------------------------------------------------------------------
// Counting on a hand-built district

/**
 *   H Huyện ── X1 Xã A ── K1 Thôn 1
 *           └─ X2 Xã B
 * Period: the year 2022; ratings of 2022.
 */
const SUBTREE = { H: ['H', 'X1', 'X2', 'K1'], X1: ['X1', 'K1'], X2: ['X2'], K1: ['K1'] } as const;
const scopeOf = (ids: readonly string[] | null, period = yearPeriod(2022)) => ({
  ...period,
  unitIds: ids === null ? null : new Set(ids),
  ratingYear: Number(period.to.slice(0, 4)),
});

const model = (
  id: string,
  typeId: string,
  originUnitId: string,
  events: StatusEvent[],
  extra: Partial<CountableModel> = {},
): CountableModel => ({
  id,
  typeId,
  originUnitId,
  events,
  ratings: [],
  recognitions: [],
  ...extra,
});
const site = (
  id: string,
  modelId: string,
  unitId: string,
  startedOn: string,
  endedOn: string | null,
  teams = 1,
  members = 10,
): CountableSite => ({
  id,
  modelId,
  unitId,
  startedOn,
  endedOn,
  teams,
  members,
});

const MODELS: CountableModel[] = [
  // District model (PCCC) applied in both communes since 2020; rated effective in 2022; recognised 2021.
  model('M1', 'T_PCCC', 'H', [{ status: 'hoat_dong', on: '2020-01-01' }], {
    ratings: [
      { year: 2022, rating: 'hieu_qua' },
      { year: 2021, rating: 'chua_hieu_qua' },
    ],
    recognitions: [{ on: '2021-06-01' }],
  }),
  // Commune A model launched in 2022, replicated in 2022.
  model(
    'M2',
    'T_TUQUAN',
    'X1',
    [
      { status: 'de_xuat', on: '2021-11-01' },
      { status: 'ra_mat', on: '2022-02-01' },
      { status: 'hoat_dong', on: '2022-02-15' },
      { status: 'so_ket', on: '2022-08-01' },
      { status: 'nhan_rong', on: '2022-09-01' },
    ],
    { ratings: [{ year: 2022, rating: 'chua_hieu_qua' }], recognitions: [{ on: '2023-01-15' }] },
  ),
  // Commune B model retired in 2022.
  model(
    'M3',
    'T_TUQUAN',
    'X2',
    [
      { status: 'hoat_dong', on: '2019-05-01' },
      { status: 'thanh_loai', on: '2022-03-31' },
    ],
    { ratings: [{ year: 2022, rating: 'hieu_qua' }] },
  ),
  // A proposal still waiting: never operates.
  model('M4', 'T_CAMERA', 'X1', [{ status: 'de_xuat', on: '2022-05-01' }]),
  // Retired before 2022: not counted in 2022.
  model('M5', 'T_CAMERA', 'X2', [
    { status: 'hoat_dong', on: '2018-01-01' },
    { status: 'thanh_loai', on: '2021-12-31' },
  ]),
  // Launched in 2023: not counted in 2022.
  model('M6', 'T_GT', 'H', [{ status: 'hoat_dong', on: '2023-02-01' }]),
  // An abandoned proposal: retired but never operated.
  model('M7', 'T_GT', 'X2', [
    { status: 'de_xuat', on: '2022-01-10' },
    { status: 'thanh_loai', on: '2022-04-01' },
  ]),
];

const SITES: CountableSite[] = [
  site('S1', 'M1', 'X1', '2020-01-01', null, 2, 20),
  site('S2', 'M1', 'X2', '2022-06-01', null, 1, 12),
  site('S3', 'M1', 'K1', '2021-01-01', '2021-12-31', 1, 8), // ended before 2022
  site('S4', 'M2', 'K1', '2021-11-01', null, 3, 30), // planned before launch: operates from 2022-02-01
  site('S5', 'M2', 'X2', '2022-10-01', null, 1, 9), // replication into commune B
  site('S6', 'M3', 'X2', '2019-05-01', '2022-03-31', 1, 7),
  site('S7', 'M4', 'X1', '2022-05-01', null, 1, 5), // the proposal's planned site never operates
  site('S8', 'M5', 'X2', '2018-01-01', '2021-12-31', 1, 6),
  site('S9', 'M6', 'X1', '2023-02-01', null, 1, 4),
];

describe('hd22Counts on a hand-built district (year 2022)', () => {
  const counts = (ids: readonly string[] | null, period = yearPeriod(2022)) => hd22Counts(MODELS, SITES, scopeOf(ids, period));

  it('counts the whole office', () => {
    expect(counts(null)).toEqual({
      modelTypes: 2, // PCCC (M1), tự quản (M2, M3)
      models: 3, // M1, M2, M3 operate in 2022; M4/M7 never launched, M5 retired in 2021, M6 launched in 2023
      sites: 5, // S1, S2, S4, S5, S6
      teams: 8,
      members: 78,
      newModels: 1, // M2 launched 01/02/2022
      newSites: 3, // S2; S4 (operates from M2's launch); S5
      replicated: 1, // M2
      retired: 1, // M3 (M7 never operated)
      effective: 2, // M1, M3 rated hiệu quả for 2022
      exemplary: 1, // M1 (M2 recognised only in 2023)
    });
  });

  it('the whole subtree of the district root equals the whole office', () => {
    expect(counts(SUBTREE.H)).toEqual(counts(null));
  });

  it('counts commune A: the district model through its site, its own model', () => {
    expect(counts(SUBTREE.X1)).toEqual({
      modelTypes: 2,
      models: 2, // M1 via S1, M2 by origin
      sites: 2, // S1, S4
      teams: 5,
      members: 50,
      newModels: 1, // M2; M1 has been present since 2020
      newSites: 1, // S4
      replicated: 1,
      retired: 0,
      effective: 1,
      exemplary: 1,
    });
  });

  it('counts commune B: a model replicated into it is new there, its own retired model counts', () => {
    expect(counts(SUBTREE.X2)).toEqual({
      modelTypes: 2,
      models: 3, // M1 via S2, M2 via S5, M3 by origin
      sites: 3, // S2, S5, S6
      teams: 3,
      members: 28,
      newModels: 2, // M1 first present 01/06/2022, M2 first present 01/10/2022
      newSites: 2,
      replicated: 0, // M2 was replicated on 01/09/2022, before it reached commune B
      retired: 1, // M3
      effective: 2, // M1, M3
      exemplary: 1,
    });
  });

  it('counts a residential area and the district unit on its own', () => {
    expect(counts(SUBTREE.K1)).toMatchObject({
      models: 1,
      sites: 1,
      teams: 3,
      members: 30,
      newModels: 1,
      newSites: 1,
      replicated: 1,
      exemplary: 0,
    });
    expect(counts(['H'])).toEqual({
      modelTypes: 1,
      models: 1,
      sites: 0,
      teams: 0,
      members: 0,
      newModels: 0,
      newSites: 0,
      replicated: 0,
      retired: 0,
      effective: 1,
      exemplary: 1,
    });
  });

  it('counts 2023: the model launched then is new, recognitions up to the period end count', () => {
    expect(counts(null, yearPeriod(2023))).toEqual({
      modelTypes: 3,
      models: 3, // M1, M2, M6
      sites: 5, // S1, S2, S4, S5, S9
      teams: 8,
      members: 75,
      newModels: 1,
      newSites: 1,
      replicated: 0,
      retired: 0,
      effective: 0, // ratings of 2022 do not count for 2023
      exemplary: 2,
    });
  });

  it('a model retired on the last day of the period is still present that day, gone the day after', () => {
    const retiredOnEnd = [
      model('R', 'T', 'H', [
        { status: 'hoat_dong', on: '2020-01-01' },
        { status: 'thanh_loai', on: '2022-12-31' },
      ]),
    ];
    const sites = [site('RS', 'R', 'X1', '2020-01-01', '2022-12-31')];
    expect(hd22Counts(retiredOnEnd, sites, scopeOf(null))).toMatchObject({ models: 1, sites: 1, retired: 1 });
    const next = { from: '2023-01-01', to: '2023-01-01', unitIds: null, ratingYear: 2023 };
    expect(hd22Counts(retiredOnEnd, sites, next)).toMatchObject({ models: 0, sites: 0, retired: 0 });
  });

  it('the helpers used by the lists agree with the counts', () => {
    const m1 = MODELS[0]!;
    expect(modelPresentDuring(m1, SITES, new Set(SUBTREE.X2), yearPeriod(2021))).toBe(false);
    expect(modelPresentDuring(m1, SITES, new Set(SUBTREE.X2), yearPeriod(2022))).toBe(true);
    expect(
      sitesActiveDuring(m1, SITES, null, yearPeriod(2022))
        .map((s) => s.id)
        .sort(),
    ).toEqual(['S1', 'S2']);
    expect(
      sitesActiveDuring(m1, SITES, new Set(SUBTREE.X1), yearPeriod(2021))
        .map((s) => s.id)
        .sort(),
    ).toEqual(['S1', 'S3']);
    expect(firstPresenceIn(m1, SITES, new Set(SUBTREE.X2))).toBe('2022-06-01');
    expect(firstPresenceIn(m1, SITES, null)).toBe('2020-01-01');
    expect(firstPresenceIn(MODELS[3]!, SITES, null)).toBeNull();
  });

  it('a model with no site entered counts its own unit as its first place (Guidance 22, issue 9 item 7)', () => {
    const alone = [model('A', 'T', 'X1', [{ status: 'hoat_dong', on: '2022-03-01' }])];
    expect(hd22Counts(alone, [], scopeOf(SUBTREE.X1))).toMatchObject({ models: 1, sites: 1, newSites: 1, teams: 0, members: 0 });
    expect(hd22Counts(alone, [], scopeOf(SUBTREE.H))).toMatchObject({ sites: 1 });
    expect(hd22Counts(alone, [], scopeOf(SUBTREE.X2))).toMatchObject({ models: 0, sites: 0 });
    // before it operates it is nowhere
    expect(hd22Counts(alone, [], scopeOf(null, yearPeriod(2021)))).toMatchObject({ models: 0, sites: 0 });
    expect(sitesActiveDuring(alone[0]!, [], null, yearPeriod(2022)).map((x) => x.unitId)).toEqual(['X1']);
    // once sites are entered they are the places: the origin is not added on top
    const withSite = [site('AS', 'A', 'K1', '2022-03-01', null)];
    expect(hd22Counts(alone, withSite, scopeOf(SUBTREE.H))).toMatchObject({ sites: 1 });
    expect([...hd22Sets(alone, withSite, scopeOf(SUBTREE.H)).sites]).toEqual(['AS']);
  });

  it('hd22Sets names the records behind each figure', () => {
    const sets = hd22Sets(MODELS, SITES, scopeOf(null));
    expect([...sets.models].sort()).toEqual(['M1', 'M2', 'M3']);
    expect([...sets.sites].sort()).toEqual(['S1', 'S2', 'S4', 'S5', 'S6']);
    expect([...sets.newSites].sort()).toEqual(['S2', 'S4', 'S5']);
    expect([...sets.retired]).toEqual(['M3']);
  });
});

// ---------------------------------------------------------------------------------------------
// Properties over random offices

const BASE = Date.UTC(2018, 0, 1);
const day = (offset: number) => new Date(BASE + offset * 86_400_000).toISOString().slice(0, 10);

interface World {
  unitIds: string[];
  parentOf: Map<string, string>;
  models: CountableModel[];
  sites: CountableSite[];
}

const modelArb = fc.record({
  type: fc.integer({ min: 0, max: 3 }),
  origin: fc.nat(),
  start: fc.integer({ min: 0, max: 1500 }),
  initial: fc.constantFrom(...INITIAL_STATUSES),
  steps: fc.array(fc.record({ pick: fc.nat(), gap: fc.integer({ min: 0, max: 400 }) }), { maxLength: 6 }),
  ratings: fc.array(fc.record({ year: fc.integer({ min: 2018, max: 2025 }), effective: fc.boolean() }), { maxLength: 4 }),
  recognitions: fc.array(fc.integer({ min: 0, max: 2400 }), { maxLength: 2 }),
  sites: fc.array(
    fc.record({
      unit: fc.nat(),
      delay: fc.integer({ min: 0, max: 900 }),
      length: fc.option(fc.integer({ min: 0, max: 900 }), { nil: null }),
      teams: fc.integer({ min: 0, max: 5 }),
      members: fc.integer({ min: 0, max: 60 }),
    }),
    { maxLength: 4 },
  ),
});

const worldArb = fc
  .record({ parents: fc.array(fc.nat(), { maxLength: 10 }), models: fc.array(modelArb, { maxLength: 8 }) })
  .map(({ parents, models }): World => {
    const unitIds = ['U0', ...parents.map((_, i) => `U${i + 1}`)];
    const parentOf = new Map(parents.map((p, i) => [`U${i + 1}`, `U${p % (i + 1)}`]));
    const pick = (n: number) => unitIds[n % unitIds.length]!;
    const out: World = { unitIds, parentOf, models: [], sites: [] };
    models.forEach((m, mi) => {
      const id = `M${mi}`;
      const events: StatusEvent[] = [{ status: m.initial, on: day(m.start) }];
      let at = m.start;
      for (const step of m.steps) {
        const next = NEXT_STATUSES[events[events.length - 1]!.status];
        if (next.length === 0) break;
        at += step.gap;
        events.push({ status: next[step.pick % next.length]!, on: day(at) });
      }
      out.models.push({
        id,
        typeId: `T${m.type}`,
        originUnitId: pick(m.origin),
        events,
        ratings: [
          ...new Map(
            m.ratings.map((r) => [r.year, { year: r.year, rating: r.effective ? 'hieu_qua' : 'chua_hieu_qua' } as const]),
          ).values(),
        ],
        recognitions: m.recognitions.map((r) => ({ on: day(r) })),
      });
      m.sites.forEach((s, si) => {
        const startedOn = m.start + s.delay;
        out.sites.push({
          id: `${id}-S${si}`,
          modelId: id,
          unitId: pick(s.unit),
          startedOn: day(startedOn),
          endedOn: s.length === null ? null : day(startedOn + s.length),
          teams: s.teams,
          members: s.members,
        });
      });
    });
    return out;
  });

const periodArb = fc
  .tuple(fc.integer({ min: 0, max: 2600 }), fc.integer({ min: 0, max: 2600 }))
  .map(([a, b]) => ({ from: day(Math.min(a, b)), to: day(Math.max(a, b)) }));

function childrenOf(w: World, id: string): string[] {
  return w.unitIds.filter((u) => w.parentOf.get(u) === id);
}

function subtree(w: World, id: string): Set<string> {
  const out = new Set([id]);
  for (const c of childrenOf(w, id)) for (const d of subtree(w, c)) out.add(d);
  return out;
}

/** The unit itself plus one subtree per child: a partition of its subtree. */
function parts(w: World, id: string): Set<string>[] {
  return [new Set([id]), ...childrenOf(w, id).map((c) => subtree(w, c))];
}

const scope = (period: { from: string; to: string }, unitIds: Set<string> | null) => ({
  ...period,
  unitIds,
  ratingYear: Number(period.to.slice(0, 4)),
});
const union = (sets: Set<string>[]) => new Set(sets.flatMap((s) => [...s]));
const sorted = (s: Set<string>) => [...s].sort();

const SITE_FIGURES = ['sites', 'teams', 'members', 'newSites'] as const;
const MODEL_SETS = ['models', 'modelTypes', 'replicated', 'retired', 'effective', 'exemplary'] as const;

describe('HD22 counts: properties', () => {
  it("site figures of a subtree = the root unit's own + the sum over its children's subtrees", () => {
    fc.assert(
      fc.property(worldArb, periodArb, (w, period) => {
        for (const root of w.unitIds) {
          const whole = hd22Counts(w.models, w.sites, scope(period, subtree(w, root)));
          const pieces = parts(w, root).map((p) => hd22Counts(w.models, w.sites, scope(period, p)));
          for (const f of SITE_FIGURES) expect(whole[f], `${f} at ${root}`).toBe(pieces.reduce((n, c) => n + c[f], 0));
        }
      }),
    );
  });

  it('the models of a subtree are the union of the models of its parts (no model counted twice)', () => {
    fc.assert(
      fc.property(worldArb, periodArb, (w, period) => {
        for (const root of w.unitIds) {
          const whole = hd22Sets(w.models, w.sites, scope(period, subtree(w, root)));
          const pieces = parts(w, root).map((p) => hd22Sets(w.models, w.sites, scope(period, p)));
          for (const f of MODEL_SETS) expect(sorted(whole[f]), `${f} at ${root}`).toEqual(sorted(union(pieces.map((p) => p[f]))));
          // A model is new for the district when it first appears in any of its parts.
          for (const m of w.models) {
            const firsts = parts(w, root)
              .map((p) => firstPresenceIn(m, w.sites, p))
              .filter((x): x is string => x !== null)
              .sort();
            expect(firstPresenceIn(m, w.sites, subtree(w, root))).toBe(firsts[0] ?? null);
          }
        }
      }),
    );
  });

  it("the counts are hd22Sets' sizes, with the teams and members of the sites it counts (one pass, with and without `only`)", () => {
    // What hd22Counts computed before it counted in one pass: the sets, then their places' teams and members.
    const fromSets = (models: readonly CountableModel[], sites: readonly CountableSite[], sc: ReturnType<typeof scope>) => {
      const sets = hd22Sets(models, sites, sc);
      const places = [...sites, ...models.filter((m) => !sites.some((s) => s.modelId === m.id)).map(originSite)];
      const counted = places.filter((s) => sets.sites.has(s.id));
      return {
        modelTypes: sets.modelTypes.size,
        models: sets.models.size,
        sites: sets.sites.size,
        teams: counted.reduce((n, s) => n + s.teams, 0),
        members: counted.reduce((n, s) => n + s.members, 0),
        newModels: sets.newModels.size,
        newSites: sets.newSites.size,
        replicated: sets.replicated.size,
        retired: sets.retired.size,
        effective: sets.effective.size,
        exemplary: sets.exemplary.size,
      };
    };
    fc.assert(
      fc.property(worldArb, periodArb, fc.array(fc.boolean(), { minLength: 12, maxLength: 12 }), (w, period, pick) => {
        const only = w.models.map((_, i) => i).filter((i) => pick[i % pick.length]);
        const chosen = only.map((i) => w.models[i]!);
        const ids = new Set(chosen.map((m) => m.id));
        const places = w.sites.filter((s) => ids.has(s.modelId));
        for (const units of [null, ...w.unitIds.map((u) => subtree(w, u)), ...w.unitIds.map((u) => new Set([u]))]) {
          const sc = scope(period, units);
          expect(hd22Counts(w.models, w.sites, sc)).toEqual(fromSets(w.models, w.sites, sc));
          expect(hd22Counts(w.models, w.sites, sc, only)).toEqual(fromSets(chosen, places, sc));
        }
      }),
      { numRuns: 300 },
    );
  });

  it('counting only some models of a list (by index) gives the counts over those models and their places alone', () => {
    fc.assert(
      fc.property(worldArb, periodArb, fc.array(fc.boolean(), { minLength: 12, maxLength: 12 }), (w, period, pick) => {
        const only = w.models.map((_, i) => i).filter((i) => pick[i % pick.length]);
        const chosen = only.map((i) => w.models[i]!);
        const ids = new Set(chosen.map((m) => m.id));
        const places = w.sites.filter((s) => ids.has(s.modelId));
        for (const root of w.unitIds) {
          const sc = scope(period, subtree(w, root));
          expect(hd22Counts(w.models, w.sites, sc, only), root).toEqual(hd22Counts(chosen, places, sc));
        }
        expect(hd22Counts(w.models, w.sites, scope(period, null), only)).toEqual(hd22Counts(chosen, places, scope(period, null)));
      }),
    );
  });

  it('when every model stays inside one part, every model figure but the types adds up too', () => {
    fc.assert(
      fc.property(worldArb, periodArb, (w, period) => {
        // Put each site at its model's origin unit: then no model crosses a boundary.
        const origin = new Map(w.models.map((m) => [m.id, m.originUnitId]));
        const confined = w.sites.map((s) => ({ ...s, unitId: origin.get(s.modelId)! }));
        const whole = hd22Counts(w.models, confined, scope(period, subtree(w, 'U0')));
        const pieces = parts(w, 'U0').map((p) => hd22Counts(w.models, confined, scope(period, p)));
        for (const f of ['models', 'newModels', 'replicated', 'retired', 'effective', 'exemplary', ...SITE_FIGURES] as const) {
          expect(whole[f], f).toBe(pieces.reduce((n, c) => n + c[f], 0));
        }
        expect(whole.modelTypes).toBeLessThanOrEqual(pieces.reduce((n, c) => n + c.modelTypes, 0));
        expect(whole.modelTypes).toBeGreaterThanOrEqual(Math.max(0, ...pieces.map((c) => c.modelTypes)));
      }),
    );
  });

  it('splitting a period in two: new, replicated and retired figures add up; present models unite', () => {
    fc.assert(
      fc.property(
        worldArb,
        fc.integer({ min: 0, max: 2600 }),
        fc.integer({ min: 0, max: 2600 }),
        fc.integer({ min: 0, max: 2600 }),
        fc.nat(),
        (w, a, b, c, pickUnit) => {
          const [x, y, z] = [a, b, c].sort((p, q) => p - q) as [number, number, number];
          fc.pre(y < z);
          const units = pickUnit % 2 === 0 ? null : subtree(w, w.unitIds[pickUnit % w.unitIds.length]!);
          const sc = (from: number, to: number) => ({ from: day(from), to: day(to), unitIds: units, ratingYear: 2022 });
          const whole = hd22Sets(w.models, w.sites, sc(x, z));
          const first = hd22Sets(w.models, w.sites, sc(x, y));
          const second = hd22Sets(w.models, w.sites, sc(y + 1, z));
          for (const f of ['newModels', 'newSites', 'replicated', 'retired'] as const) {
            expect(whole[f].size, f).toBe(first[f].size + second[f].size);
            expect(sorted(whole[f])).toEqual(sorted(union([first[f], second[f]])));
          }
          for (const f of ['models', 'sites'] as const) expect(sorted(whole[f]), f).toEqual(sorted(union([first[f], second[f]])));
        },
      ),
    );
  });

  it('every figure is drawn from the models and sites it counts', () => {
    fc.assert(
      fc.property(worldArb, periodArb, fc.nat(), (w, period, pickUnit) => {
        const units = subtree(w, w.unitIds[pickUnit % w.unitIds.length]!);
        const sets = hd22Sets(w.models, w.sites, scope(period, units));
        for (const f of ['newModels', 'replicated', 'retired', 'effective', 'exemplary'] as const) {
          for (const id of sets[f]) expect(sets.models.has(id), `${f} ⊆ models`).toBe(true);
        }
        for (const id of sets.newSites) expect(sets.sites.has(id)).toBe(true);
        // a model with no site entered is at its origin (originSite)
        const places = [...w.sites, ...w.models.map(originSite)];
        for (const id of sets.sites) expect(units.has(places.find((s) => s.id === id)!.unitId)).toBe(true);
        const counts = hd22Counts(w.models, w.sites, scope(period, units));
        expect(counts.models).toBe(sets.models.size);
        expect(counts.teams).toBe(w.sites.filter((s) => sets.sites.has(s.id)).reduce((n, s) => n + s.teams, 0));
        // The whole tree, given as every unit or as null, counts the same.
        expect(hd22Counts(w.models, w.sites, scope(period, new Set(w.unitIds)))).toEqual(
          hd22Counts(w.models, w.sites, scope(period, null)),
        );
      }),
    );
  });
});
