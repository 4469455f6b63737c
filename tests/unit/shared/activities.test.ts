/**
 * The activity records' own rules (shared/domain/activities.ts): the legal time limit of a criminal
 * tip and where a tip stands against it (month ends and leap years included), the cross-field
 * checks of each kind, the placement date, and that an empty record of each kind is what the
 * contract accepts once its required text and ids are filled.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { allowedExcuses } from '../../../shared/domain/incident-categories';
import {
  ACTIVITY_FIELDS,
  ACTIVITY_KIND_INFO,
  ACTIVITY_KINDS,
  INCIDENT_CATEGORIES,
  INCIDENT_CATEGORY_INFO,
  checkActivity,
  checkAward,
  checkEvent,
  checkIncident,
  checkMediation,
  checkTip,
  emptyRecord,
  placementBound,
  placementDate,
  placedByYear,
  recordName,
  recordTitle,
  tipDeadline,
  tipTiming,
  type ActivityRecords,
  type IncidentRecord,
  type TipRecord,
} from '../../../shared/domain/activities';
import { ACTIVITY_INPUTS } from '../../../shared/ipc/contracts/activities.contract';
import { addDaysIso, daysInclusive } from '../../../shared/lib/dates';

const UNIT = '0b6f3c2e-8a4d-4c1b-9e7f-2d5a6b7c8d9e';

type TipTimes = Pick<TipRecord, 'receivedOn' | 'legalType' | 'extensions' | 'status' | 'resolvedOn'>;
const criminal = (receivedOn: string, extensions = 0): TipTimes => ({
  receivedOn,
  legalType: 'to_giac',
  extensions,
  status: 'dang_xu_ly',
  resolvedOn: null,
});

describe('tipDeadline (Criminal Procedure Code art. 147)', () => {
  it('is 20 days after receipt, across month and year ends', () => {
    expect(tipDeadline(criminal('2026-01-25'))).toBe('2026-02-14');
    expect(tipDeadline(criminal('2026-02-15'))).toBe('2026-03-07');
    expect(tipDeadline(criminal('2024-02-15'))).toBe('2024-03-06'); // leap February
    expect(tipDeadline(criminal('2026-12-20'))).toBe('2027-01-09');
  });

  it('is 2 months after receipt when extended once, the last day of a shorter month when the day does not exist', () => {
    expect(tipDeadline(criminal('2026-03-10', 1))).toBe('2026-05-10');
    expect(tipDeadline(criminal('2025-12-31', 1))).toBe('2026-02-28');
    expect(tipDeadline(criminal('2023-12-31', 1))).toBe('2024-02-29');
    expect(tipDeadline(criminal('2026-11-30', 1))).toBe('2027-01-30');
  });

  it('is 4 months after receipt when extended twice', () => {
    expect(tipDeadline(criminal('2026-10-31', 2))).toBe('2027-02-28');
    expect(tipDeadline(criminal('2026-01-15', 2))).toBe('2026-05-15');
  });

  it('does not exist for tips that are not about a crime', () => {
    expect(tipDeadline({ ...criminal('2026-01-25'), legalType: null })).toBeNull();
    expect(tipDeadline({ ...criminal('2026-01-25', 2), legalType: null })).toBeNull();
  });

  it('property: never before receipt, and longer with each extension', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 20_000 }), (offset) => {
        const receivedOn = addDaysIso('2000-01-01', offset);
        const d0 = tipDeadline(criminal(receivedOn, 0))!;
        const d1 = tipDeadline(criminal(receivedOn, 1))!;
        const d2 = tipDeadline(criminal(receivedOn, 2))!;
        expect(daysInclusive(receivedOn, d0)).toBe(21);
        expect(d0 < d1 && d1 < d2).toBe(true);
        // Two months are 59 to 62 days; four months 120 to 123.
        expect(daysInclusive(receivedOn, d1) - 1).toBeGreaterThanOrEqual(59);
        expect(daysInclusive(receivedOn, d1) - 1).toBeLessThanOrEqual(62);
        expect(daysInclusive(receivedOn, d2) - 1).toBeGreaterThanOrEqual(120);
        expect(daysInclusive(receivedOn, d2) - 1).toBeLessThanOrEqual(123);
      }),
    );
  });
});

describe('tipTiming', () => {
  const t = criminal('2026-10-01'); // deadline 2026-10-21

  it('of a pending tip: within the limit up to and including the last day, overdue after it', () => {
    expect(tipTiming(t, '2026-10-01')).toBe('trong_han');
    expect(tipTiming(t, '2026-10-21')).toBe('trong_han');
    expect(tipTiming(t, '2026-10-22')).toBe('qua_han');
  });

  it('of a resolved tip: on time up to the last day, late after it, whatever today is', () => {
    const resolved = (resolvedOn: string): TipTimes => ({ ...t, status: 'da_giai_quyet', resolvedOn });
    expect(tipTiming(resolved('2026-10-21'), '2027-01-01')).toBe('dung_han');
    expect(tipTiming(resolved('2026-10-05'), '2026-10-06')).toBe('dung_han');
    expect(tipTiming(resolved('2026-10-22'), '2026-10-22')).toBe('tre_han');
  });

  it('of a tip passed to the competent agency: "đã chuyển", never late or overdue for this office', () => {
    expect(tipTiming({ ...t, status: 'chuyen_co_quan_khac', resolvedOn: '2026-10-30' }, '2026-11-01')).toBe('da_chuyen');
    expect(tipTiming({ ...t, status: 'chuyen_co_quan_khac', resolvedOn: null }, '2027-06-01')).toBe('da_chuyen');
  });

  it('of a tip marked resolved without a date: still counted against the limit', () => {
    expect(tipTiming({ ...t, status: 'da_giai_quyet', resolvedOn: null }, '2026-10-25')).toBe('qua_han');
  });

  it('of a tip that is not about a crime: no limit', () => {
    expect(tipTiming({ ...t, legalType: null }, '2030-01-01')).toBe('khong_thoi_han');
  });

  it('follows the extended deadline', () => {
    expect(tipTiming(criminal('2026-10-01', 1), '2026-11-22')).toBe('trong_han');
    expect(tipTiming(criminal('2026-10-01', 1), '2026-12-02')).toBe('qua_han');
  });
});

// ---------------------------------------------------------------------------------------------

describe('checkTip', () => {
  const ok: Parameters<typeof checkTip>[0] = {
    receivedOn: '2026-04-02',
    legalType: 'to_giac',
    status: 'da_giai_quyet',
    outcome: 'khoi_to',
    resolvedOn: '2026-04-15',
    extensions: 1,
  };

  it('accepts a consistent tip, pending or resolved', () => {
    expect(checkTip(ok)).toEqual({});
    expect(checkTip({ ...ok, status: 'dang_xu_ly', outcome: null, resolvedOn: null })).toEqual({});
    expect(checkTip({ ...ok, legalType: null, outcome: null, extensions: 0 })).toEqual({});
    expect(checkTip({ ...ok, resolvedOn: '2026-04-02' })).toEqual({});
  });

  it('refuses each inconsistency with its own message', () => {
    expect(checkTip({ ...ok, legalType: null, extensions: 0 })).toEqual({
      outcome: 'Chỉ nguồn tin về tội phạm (tố giác, tin báo, kiến nghị khởi tố) mới có kết quả khởi tố.',
    });
    expect(checkTip({ ...ok, legalType: null, outcome: null })).toEqual({
      extensions: 'Chỉ nguồn tin về tội phạm mới được gia hạn thời hạn giải quyết.',
    });
    expect(checkTip({ ...ok, resolvedOn: null })).toEqual({ resolvedOn: 'Nguồn tin đã giải quyết cần có ngày giải quyết.' });
    expect(checkTip({ ...ok, status: 'dang_xu_ly' })).toEqual({
      status: 'Nguồn tin đang xử lý chưa có kết quả và ngày giải quyết; hãy chọn trạng thái "Đã giải quyết".',
    });
    expect(checkTip({ ...ok, resolvedOn: '2026-04-01' })).toEqual({ resolvedOn: 'Ngày giải quyết không được trước ngày tiếp nhận.' });
  });

  it('reports several problems at once', () => {
    expect(Object.keys(checkTip({ ...ok, legalType: null }))).toEqual(['outcome', 'extensions']);
  });
});

describe('checkIncident', () => {
  const ok: Parameters<typeof checkIncident>[0] = {
    occurredOn: '2026-06-30',
    category: 'toi_pham_nghiem_trong',
    count: 2,
    solved: 2,
    excuse: null,
    excuseReason: null,
    excuseApprovedBy: null,
    excuseApprovedOn: null,
  };
  const excused: Parameters<typeof checkIncident>[0] = {
    ...ok,
    excuse: 'xu_ly_kip_thoi',
    excuseReason: 'Phát hiện, bắt giữ ngay',
    excuseApprovedBy: 'Trưởng Công an huyện',
    excuseApprovedOn: '2026-06-30',
  };

  it('accepts solved up to the count, and a complete excuse on an excusable category', () => {
    expect(checkIncident(ok)).toEqual({});
    expect(checkIncident(excused)).toEqual({});
    expect(checkIncident({ ...excused, category: 'chay_no', solved: 0, excuse: 'bat_kha_khang' })).toEqual({});
  });

  it('refuses an excuse ground the category does not allow (issue 9 item 1)', () => {
    expect(checkIncident({ ...excused, category: 'chay_no', solved: 0 })).toEqual({
      excuse: 'Loại "Cháy, nổ nghiêm trọng" chỉ được loại trừ khi bất khả kháng.',
    });
    expect(checkIncident({ ...excused, excuse: 'bat_kha_khang' })).toEqual({
      excuse: 'Loại "Tội phạm nghiêm trọng" chỉ được loại trừ khi đã phát hiện, xử lý, báo cáo kịp thời.',
    });
    for (const category of INCIDENT_CATEGORIES) {
      for (const excuse of allowedExcuses(category))
        expect(checkIncident({ ...excused, category, solved: 0, excuse }), `${category} ${excuse}`).toEqual({});
    }
  });

  it('refuses counts below one and more solved cases than cases', () => {
    expect(checkIncident({ ...ok, count: 0, solved: 0 })).toEqual({ count: 'Số vụ (số người) phải từ 1 trở lên.' });
    expect(checkIncident({ ...ok, solved: 3 })).toEqual({ solved: 'Số vụ đã điều tra làm rõ không được lớn hơn số vụ.' });
  });

  it('allows solved cases for crimes only', () => {
    for (const category of INCIDENT_CATEGORIES) {
      const out = checkIncident({ ...ok, category, solved: 1 });
      if (INCIDENT_CATEGORY_INFO[category].group === 'toi_pham') expect(out, category).toEqual({});
      else expect(out, category).toEqual({ solved: 'Chỉ vụ phạm tội mới có số vụ điều tra làm rõ.' });
    }
  });

  it('allows an excuse only where Circular 124 does', () => {
    for (const category of INCIDENT_CATEGORIES) {
      const out = checkIncident({ ...excused, category, solved: 0, excuse: allowedExcuses(category)[0] ?? 'bat_kha_khang' });
      if (INCIDENT_CATEGORY_INFO[category].excusable) expect(out, category).toEqual({});
      else expect(out['excuse'], category).toBe(`Loại "${INCIDENT_CATEGORY_INFO[category].label}" không được loại trừ theo Thông tư 124.`);
    }
  });

  it('needs the reason, the approver and the approval date of an excuse, approved no earlier than it happened', () => {
    expect(checkIncident({ ...excused, excuseReason: null })).toEqual({ excuseReason: 'Cần ghi lý do loại trừ.' });
    expect(checkIncident({ ...excused, excuseApprovedBy: null })).toEqual({ excuseApprovedBy: 'Cần ghi người xác nhận loại trừ.' });
    expect(checkIncident({ ...excused, excuseApprovedOn: null })).toEqual({ excuseApprovedOn: 'Cần ghi ngày xác nhận loại trừ.' });
    expect(checkIncident({ ...excused, excuseApprovedOn: '2026-06-29' })).toEqual({
      excuseApprovedOn: 'Ngày xác nhận không được trước ngày xảy ra.',
    });
  });

  it('refuses approval details without an excuse', () => {
    const msg = { excuse: 'Chọn căn cứ loại trừ (bất khả kháng, hoặc đã xử lý kịp thời) hoặc xóa thông tin xác nhận.' };
    expect(checkIncident({ ...ok, excuseReason: 'x' })).toEqual(msg);
    expect(checkIncident({ ...ok, excuseApprovedBy: 'x' })).toEqual(msg);
    expect(checkIncident({ ...ok, excuseApprovedOn: '2026-07-01' })).toEqual(msg);
  });
});

describe('checkMediation', () => {
  it('needs a closing date once concluded, none while pending, never before receipt', () => {
    expect(checkMediation({ receivedOn: '2026-05-04', outcome: 'thanh', closedOn: '2026-05-04' })).toEqual({});
    expect(checkMediation({ receivedOn: '2026-05-04', outcome: 'khong_thanh', closedOn: '2026-06-01' })).toEqual({});
    expect(checkMediation({ receivedOn: '2026-05-04', outcome: 'dang_giai_quyet', closedOn: null })).toEqual({});
    expect(checkMediation({ receivedOn: '2026-05-04', outcome: 'thanh', closedOn: null })).toEqual({
      closedOn: 'Vụ việc đã kết thúc cần có ngày kết thúc.',
    });
    expect(checkMediation({ receivedOn: '2026-05-04', outcome: 'khong_thanh', closedOn: null })).toEqual({
      closedOn: 'Vụ việc đã kết thúc cần có ngày kết thúc.',
    });
    expect(checkMediation({ receivedOn: '2026-05-04', outcome: 'dang_giai_quyet', closedOn: '2026-05-10' })).toEqual({
      closedOn: 'Vụ việc đang giải quyết chưa có ngày kết thúc.',
    });
    expect(checkMediation({ receivedOn: '2026-05-04', outcome: 'thanh', closedOn: '2026-05-03' })).toEqual({
      closedOn: 'Ngày kết thúc không được trước ngày tiếp nhận.',
    });
  });
});

describe('checkEvent', () => {
  it('counts opinions at forums only, answered no more than raised', () => {
    expect(checkEvent({ kind: 'lang_nghe', opinionsRaised: 14, opinionsAnswered: 14 })).toEqual({});
    expect(checkEvent({ kind: 'ngay_hoi', opinionsRaised: 0, opinionsAnswered: 0 })).toEqual({});
    expect(checkEvent({ kind: 'lang_nghe', opinionsRaised: 3, opinionsAnswered: 4 })).toEqual({
      opinionsAnswered: 'Số ý kiến đã trả lời không được lớn hơn số ý kiến nêu ra.',
    });
    expect(checkEvent({ kind: 'so_ket', opinionsRaised: 2, opinionsAnswered: 0 })).toEqual({
      opinionsRaised: 'Chỉ diễn đàn "Công an lắng nghe ý kiến Nhân dân" mới ghi số ý kiến.',
    });
    expect(Object.keys(checkEvent({ kind: 'tong_ket', opinionsRaised: 0, opinionsAnswered: 1 }))).toEqual(['opinionsAnswered']);
  });
});

describe('checkAward', () => {
  it('refuses a decision signed before the achievement year; the year itself and later are fine', () => {
    expect(checkAward({ year: 2025, decisionDate: null })).toEqual({});
    expect(checkAward({ year: 2025, decisionDate: '2025-01-01' })).toEqual({});
    expect(checkAward({ year: 2025, decisionDate: '2026-03-15' })).toEqual({});
    expect(checkAward({ year: 2025, decisionDate: '2024-12-31' })).toEqual({
      decisionDate: 'Quyết định khen thưởng thành tích năm 2025 không thể ký trước năm 2025.',
    });
  });
});

describe('checkActivity', () => {
  it('dispatches to the rules of each kind; propaganda has none of its own', () => {
    expect(checkActivity('propaganda', {})).toEqual({});
    expect(checkActivity('awards', { year: 2025, decisionDate: '2024-01-01' })).toHaveProperty('decisionDate');
    expect(checkActivity('events', { kind: 'so_ket', opinionsRaised: 1, opinionsAnswered: 0 })).toHaveProperty('opinionsRaised');
    expect(checkActivity('mediations', { receivedOn: '2026-01-01', outcome: 'thanh', closedOn: null })).toHaveProperty('closedOn');
    const incident: Parameters<typeof checkIncident>[0] = {
      occurredOn: '2026-01-01',
      category: 'te_nan_xa_hoi',
      count: 1,
      solved: 1,
      excuse: null,
      excuseReason: null,
      excuseApprovedBy: null,
      excuseApprovedOn: null,
    };
    expect(checkActivity('incidents', incident as unknown as Record<string, unknown>)).toHaveProperty('solved');
    expect(
      checkActivity('tips', {
        receivedOn: '2026-01-01',
        legalType: null,
        status: 'dang_xu_ly',
        outcome: 'khoi_to',
        resolvedOn: null,
        extensions: 0,
      }),
    ).toHaveProperty('outcome');
  });
});

// ---------------------------------------------------------------------------------------------

describe('placementDate', () => {
  it('is the date of a session or event, the receipt of a tip or mediation, the occurrence of an incident, 31/12 of an award year', () => {
    const base = { id: 'x', unitId: UNIT, note: null };
    expect(placementDate('propaganda', { ...base, date: '2026-03-10' } as ActivityRecords['propaganda'])).toBe('2026-03-10');
    expect(placementDate('events', { ...base, date: '2026-08-19' } as ActivityRecords['events'])).toBe('2026-08-19');
    expect(placementDate('tips', { ...base, receivedOn: '2026-04-02', resolvedOn: '2026-05-01' } as ActivityRecords['tips'])).toBe(
      '2026-04-02',
    );
    expect(
      placementDate('mediations', { ...base, receivedOn: '2026-05-04', closedOn: '2026-06-01' } as ActivityRecords['mediations']),
    ).toBe('2026-05-04');
    expect(placementDate('incidents', { ...base, occurredOn: '2026-06-30', excuseApprovedOn: '2026-07-10' } as IncidentRecord)).toBe(
      '2026-06-30',
    );
    expect(placementDate('awards', { ...base, year: 2025, decisionDate: '2026-03-20' } as ActivityRecords['awards'])).toBe('2025-12-31');
  });
});

describe('fields and empty records', () => {
  it('list exactly the fields of the contract record of each kind', () => {
    for (const kind of ACTIVITY_KINDS) {
      expect(ACTIVITY_FIELDS[kind].map((f) => f.key).sort(), kind).toEqual(Object.keys(ACTIVITY_INPUTS[kind].shape).sort());
      const labels = ACTIVITY_FIELDS[kind].map((f) => f.label);
      expect(new Set(labels).size, `${kind}: labels are Excel headers and must differ`).toBe(labels.length);
    }
  });

  it.each(ACTIVITY_KINDS)('%s: the empty record passes the contract once required text and ids are filled', (kind) => {
    const r = emptyRecord(kind, '2026-11-22');
    for (const f of ACTIVITY_FIELDS[kind]) {
      if (f.type === 'unit') r[f.key] = UNIT;
      if (f.required && (f.type === 'text' || f.type === 'longtext')) r[f.key] = 'Nội dung';
    }
    const parsed = ACTIVITY_INPUTS[kind].safeParse(r);
    expect(parsed.success, JSON.stringify(parsed.error?.issues)).toBe(true);
    // Dates default to today, years to this year, counts to 0 (an incident row to 1).
    const date = ACTIVITY_FIELDS[kind].find((f) => f.type === 'date' && f.required);
    if (date) expect(r[date.key]).toBe('2026-11-22');
    if (kind === 'awards') expect(r['year']).toBe(2026);
    if (kind === 'incidents') expect(r['count']).toBe(1);
    if (kind === 'tips') expect(r['status']).toBe('dang_xu_ly');
  });

  it('are consistent for the kinds whose defaults satisfy their cross-field rules', () => {
    // Mediations are left out: the default outcome (the first option, "Hòa giải thành") needs a
    // closing date the empty record does not have; the form asks for it.
    for (const kind of ACTIVITY_KINDS.filter((k) => k !== 'mediations')) {
      expect(checkActivity(kind, emptyRecord(kind, '2026-11-22')), kind).toEqual({});
    }
  });
});

describe('the kind table (ACTIVITY_KIND_INFO)', () => {
  it.each(ACTIVITY_KINDS)('%s: names fields of the kind, the category an enum, the placement a required date or year', (kind) => {
    const info = ACTIVITY_KIND_INFO[kind];
    const field = (key: string) => ACTIVITY_FIELDS[kind].find((f) => f.key === key);
    for (const key of [info.placement, info.category, info.name, ...info.title.fields, ...info.naturalKey])
      expect(field(key), `${kind}.${key}`).toBeDefined();
    expect(field(info.category)?.type).toBe('enum');
    expect(field(info.placement)).toMatchObject({ type: placedByYear(kind) ? 'year' : 'date', required: true });
    expect(info.naturalKey).toContain(info.placement);
    expect(info.naturalKey).toContain('unitId');
  });

  it('places only awards on 31/12 of their year, and turns period bounds into years for them', () => {
    expect(ACTIVITY_KINDS.filter(placedByYear)).toEqual(['awards']);
    expect(placementBound('propaganda', '2026-03-01', 'from')).toBe('2026-03-01');
    expect(placementBound('awards', '2026-03-01', 'from')).toBe(2026);
    expect(placementBound('awards', '2026-12-31', 'to')).toBe(2026);
    // A period ending before 31/12 does not hold that year's awards.
    expect(placementBound('awards', '2026-12-30', 'to')).toBe(2025);
    expect(placementBound('awards', '2026-06-30', 'to')).toBe(2025);
  });

  it('names a record by its name field (an enum by its label) and titles it with its detail', () => {
    expect(recordName('propaganda', { topic: 'Phòng, chống ma túy' })).toBe('Phòng, chống ma túy');
    expect(recordName('incidents', { category: 'chay_no', description: 'Cháy kho' })).toBe('Cháy, nổ nghiêm trọng');
    expect(recordTitle('incidents', { category: 'chay_no', description: 'Cháy kho' })).toBe('Cháy, nổ nghiêm trọng: Cháy kho');
    expect(recordTitle('incidents', { category: 'chay_no', description: null })).toBe('Cháy, nổ nghiêm trọng');
    expect(recordTitle('awards', { recipientName: 'Nguyễn Văn A', form: 'giay_khen_ubnd_xa' })).toBe(
      'Nguyễn Văn A – Giấy khen của Chủ tịch UBND xã',
    );
    expect(recordTitle('tips', { summary: 'Tin về trộm cắp' })).toBe('Tin về trộm cắp');
  });
});
