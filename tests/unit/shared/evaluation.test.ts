/**
 * The pure workflow rules of the yearly evaluation (shared/domain/evaluation.ts): order of steps,
 * dates, the reason needed to recognise a unit that is not "đạt", registration dates, deadlines,
 * kinds and categories, and the sentences reports quote.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  ADVANCE_STEPS,
  WORKFLOW_STATES,
  boardCategoryOf,
  checkRegistration,
  checkStep,
  countSentence,
  deadlines,
  evaluatedKindOfUnit,
  isLateRegistration,
  lateWarnings,
  nextStep,
  stateAfter,
  stateBefore,
  type AdvanceStep,
  type WorkflowState,
} from '../../../shared/domain/evaluation';

const base = { date: '2025-11-10', previousDate: '2025-11-05', year: 2025, today: '2026-11-22' };

describe('workflow order', () => {
  it('walks registered → self-assessed → proposed → appraised → decided', () => {
    let state: WorkflowState = 'da_dang_ky';
    const walked: AdvanceStep[] = [];
    for (let step = nextStep(state); step !== null; step = nextStep(state)) {
      walked.push(step);
      state = stateAfter(step, 'cong_nhan');
    }
    expect(walked).toEqual(['tu_danh_gia', 'de_nghi', 'tham_dinh', 'quyet_dinh']);
    expect(state).toBe('cong_nhan');
    expect(nextStep('chua_dang_ky')).toBeNull();
    expect(nextStep('khong_cong_nhan')).toBeNull();
    expect(stateAfter('quyet_dinh', 'khong_cong_nhan')).toBe('khong_cong_nhan');
  });

  it('undo goes back exactly one step; after a step, undo returns to where it was taken', () => {
    expect(stateBefore('chua_dang_ky')).toBeNull();
    expect(stateBefore('da_dang_ky')).toBe('chua_dang_ky');
    expect(stateBefore('cong_nhan')).toBe('tham_dinh');
    expect(stateBefore('khong_cong_nhan')).toBe('tham_dinh');
    for (const s of WORKFLOW_STATES) {
      const step = nextStep(s);
      if (step) expect(stateBefore(stateAfter(step))).toBe(s);
    }
  });

  it('only the next step is allowed from any state', () => {
    fc.assert(
      fc.property(fc.constantFrom(...WORKFLOW_STATES), fc.constantFrom(...ADVANCE_STEPS), (state, step) => {
        const errors = checkStep({ ...base, state, step, outcome: 'khong_cong_nhan' });
        expect('step' in errors).toBe(nextStep(state) !== step);
      }),
    );
  });

  it('names the next step or the missing registration in Vietnamese', () => {
    expect(checkStep({ ...base, state: 'da_dang_ky', step: 'de_nghi' })['step']).toBe(
      'Không thể thực hiện bước "Tờ trình đề nghị công nhận" khi đơn vị đang ở trạng thái "Đã đăng ký"; bước tiếp theo là "Họp tự đánh giá".',
    );
    expect(checkStep({ ...base, state: 'chua_dang_ky', step: 'tu_danh_gia' })['step']).toContain('chưa đăng ký');
    expect(checkStep({ ...base, state: 'cong_nhan', step: 'quyet_dinh' })['step']).toContain('hủy bước trước');
  });
});

describe('step dates', () => {
  it('refuses a date before the previous step, in the future, or outside the year', () => {
    expect(checkStep({ ...base, state: 'da_dang_ky', step: 'tu_danh_gia', date: '2025-11-04' })['date']).toBe(
      'Ngày 04/11/2025 trước ngày của bước trước (05/11/2025).',
    );
    expect(checkStep({ ...base, state: 'da_dang_ky', step: 'tu_danh_gia', date: '2026-11-23' })['date']).toContain('tương lai');
    expect(checkStep({ ...base, state: 'da_dang_ky', step: 'tu_danh_gia', date: '2026-03-01', previousDate: null })['date']).toContain(
      'không thuộc đợt đánh giá năm 2025',
    );
    expect(checkStep({ ...base, state: 'da_dang_ky', step: 'tu_danh_gia', date: '2026-01-31', previousDate: null })).toEqual({});
    expect(checkStep({ ...base, state: 'da_dang_ky', step: 'tu_danh_gia', date: '2025-11-05' })).toEqual({});
  });
});

describe('recognition against the result', () => {
  const decision = { ...base, state: 'tham_dinh' as const, step: 'quyet_dinh' as const };
  it('recognising "đạt" needs no reason', () => {
    expect(checkStep({ ...decision, outcome: 'cong_nhan', result: 'dat', reason: null })).toEqual({});
  });
  it('recognising "chưa đạt" or "thiếu dữ liệu" needs a reason', () => {
    expect(checkStep({ ...decision, outcome: 'cong_nhan', result: 'chua_dat', reason: null })['reason']).toBe(
      'Kết quả đánh giá là "Chưa đạt": muốn công nhận cần ghi lý do.',
    );
    expect(checkStep({ ...decision, outcome: 'cong_nhan', result: 'thieu_du_lieu', reason: '  ' })['reason']).toContain('chưa đủ dữ liệu');
    expect(checkStep({ ...decision, outcome: 'cong_nhan', result: 'chua_dat', reason: 'Hội đồng xét lại' })).toEqual({});
  });
  it('not recognising never needs a reason', () => {
    expect(checkStep({ ...decision, outcome: 'khong_cong_nhan', result: 'dat', reason: null })).toEqual({});
  });
});

describe('registration', () => {
  it('accepts a late registration (it fails the Q1 criterion) but not a future one or another year', () => {
    expect(checkRegistration({ registeredOn: '2025-04-10', year: 2025, today: '2026-11-22' })).toEqual({});
    expect(isLateRegistration('2025-04-01', 2025)).toBe(true);
    expect(isLateRegistration('2025-03-31', 2025)).toBe(false);
    expect(checkRegistration({ registeredOn: '2024-12-31', year: 2025, today: '2026-11-22' })['registeredOn']).toContain(
      'không thuộc năm 2025',
    );
    expect(checkRegistration({ registeredOn: '2026-12-01', year: 2026, today: '2026-11-22' })['registeredOn']).toContain('tương lai');
  });
});

describe('deadlines and warnings (domain.md §8.1, §6.3)', () => {
  it('residential areas are decided by 15/11, communes and organisations by 20/11', () => {
    expect(deadlines('khu_dan_cu', 2025)).toEqual({ registration: '2025-03-31', decision: '2025-11-15' });
    expect(deadlines('xa', 2025).decision).toBe('2025-11-20');
    expect(deadlines('doanh_nghiep', 2025).decision).toBe('2025-11-20');
  });
  it('warns about late registration and decisions without refusing them', () => {
    expect(lateWarnings('khu_dan_cu', 2025, { registeredOn: '2025-04-02', decidedOn: '2025-11-16' })).toEqual([
      'Đăng ký ngày 02/04/2025, sau hạn quý I (31/03/2025).',
      'Quyết định ngày 16/11/2025, sau hạn 15/11/2025.',
    ]);
    expect(lateWarnings('xa', 2025, { registeredOn: '2025-03-31', decidedOn: '2025-11-20' })).toEqual([]);
  });
});

describe('kinds, categories and sentences', () => {
  it('maps registry kinds to rule-set kinds and board categories', () => {
    expect(evaluatedKindOfUnit('thon')).toBe('khu_dan_cu');
    expect(evaluatedKindOfUnit('to_dan_pho')).toBe('khu_dan_cu');
    expect(evaluatedKindOfUnit('phuong')).toBe('phuong');
    expect(evaluatedKindOfUnit('huyen')).toBeNull();
    expect(boardCategoryOf('thi_tran')).toBe('xa');
    expect(boardCategoryOf('co_quan')).toBe('co_quan_doanh_nghiep');
    expect(boardCategoryOf('doanh_nghiep')).toBe('co_quan_doanh_nghiep');
    expect(boardCategoryOf('co_so_giao_duc')).toBe('co_so_giao_duc');
  });
  it('writes the counts reports quote', () => {
    expect(countSentence('khu_dan_cu', 709, 730, 'đạt tiêu chuẩn "An toàn về an ninh, trật tự"')).toBe(
      '709/730 khu dân cư đạt tiêu chuẩn "An toàn về an ninh, trật tự" (97,1%).',
    );
    expect(countSentence('xa', 69, 70, 'được công nhận')).toBe('69/70 xã, phường, thị trấn được công nhận (98,6%).');
    expect(countSentence('xa', 0, 0, 'được công nhận')).toBe('0/0 xã, phường, thị trấn được công nhận.');
  });
});
