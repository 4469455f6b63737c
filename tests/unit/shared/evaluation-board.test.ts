/**
 * The board's counts from its rows (shared/domain/evaluation-board.ts), patching rows, and the
 * decision step in a year without a rule set (issue 14 items 2 and 4).
 */
import { describe, expect, it } from 'vitest';
import { boardCounts, patchRows, type CountedRow } from '../../../shared/domain/evaluation-board';
import { checkStep, noRuleSetNote } from '../../../shared/domain/evaluation';

const row = (over: Partial<CountedRow> = {}): CountedRow => ({
  category: 'khu_dan_cu',
  status: 'chua_dang_ky',
  registered: false,
  evaluated: true,
  live: 'chua_dat',
  frozen: null,
  tampered: false,
  ...over,
});

describe('boardCounts', () => {
  it('counts registered (own or carried), recognised and đạt per category, with the sentences', () => {
    const rows = [
      row({ registered: true, status: 'da_dang_ky', live: 'dat' }),
      row({ registered: true, status: 'chua_dang_ky' }), // carried from its predecessors
      row({ status: 'cong_nhan', registered: true, live: 'dat' }),
      row(),
      row({ category: 'xa' }),
    ];
    const kdc = boardCounts(rows, false).find((c) => c.category === 'khu_dan_cu')!;
    expect(kdc).toMatchObject({ total: 4, registered: 3, recognised: 1, dat: 2, frozenDat: null });
    expect(kdc.sentences).toEqual([
      '3/4 khu dân cư đã đăng ký phấn đấu (75,0%).',
      '1/4 khu dân cư được công nhận đạt tiêu chuẩn "An toàn về an ninh, trật tự" (25,0%).',
      '2/4 khu dân cư đạt tiêu chuẩn "An toàn về an ninh, trật tự" theo kết quả tính hiện tại (50,0%).',
    ]);
    expect(boardCounts(rows, false).find((c) => c.category === 'co_so_giao_duc')!.sentences).toEqual([]);
  });

  it('quotes no computed result where nothing was evaluated (a year without a rule set)', () => {
    const rows = [row({ evaluated: false, live: 'thieu_du_lieu', registered: true, status: 'cong_nhan' }), row({ evaluated: false })];
    const kdc = boardCounts(rows, false).find((c) => c.category === 'khu_dan_cu')!;
    // "Không đánh giá": the đạt count is missing, never 0 (slides, dashboard and the hand-off read it).
    expect(kdc).toMatchObject({ total: 2, registered: 1, recognised: 1, dat: null });
    expect(kdc.sentences).toHaveLength(2);
    expect(kdc.sentences.join(' ')).not.toContain('theo kết quả tính hiện tại');
    // A category without rows has nothing to evaluate: 0 of 0, not missing.
    expect(boardCounts(rows, false).find((c) => c.category === 'xa')).toMatchObject({ total: 0, dat: 0 });
    // One evaluated row is enough for a count (the others are simply not đạt).
    const mixed = boardCounts([...rows, row({ live: 'dat' })], false).find((c) => c.category === 'khu_dan_cu')!;
    expect(mixed.dat).toBe(1);
  });

  it('patchRows replaces rows by key and keeps the order', () => {
    const rows = [
      { k: 'a', v: 1 },
      { k: 'b', v: 2 },
      { k: 'c', v: 3 },
    ];
    expect(
      patchRows(
        rows,
        [
          { k: 'c', v: 30 },
          { k: 'x', v: 9 },
          { k: 'a', v: 10 },
        ],
        (r) => r.k,
      ),
    ).toEqual([
      { k: 'a', v: 10 },
      { k: 'b', v: 2 },
      { k: 'c', v: 30 },
    ]);
  });
});

describe('a decision in a year without a rule set', () => {
  const base = {
    state: 'tham_dinh',
    step: 'quyet_dinh',
    date: '2015-11-12',
    previousDate: '2015-11-08',
    year: 2015,
    today: '2026-11-22',
    outcome: 'cong_nhan',
    reason: null,
  } as const;
  it('recognises without a reason when nothing was evaluated (result null)', () => {
    expect(checkStep({ ...base, result: null })).toEqual({});
  });
  it('still asks a reason against a computed result that is not đạt', () => {
    expect(checkStep({ ...base, result: 'thieu_du_lieu' })['reason']).toContain('cần ghi lý do');
    expect(checkStep({ ...base })['reason']).toContain('cần ghi lý do');
  });
  it('names Circular 23/2012 before 10/02/2022 only', () => {
    expect(noRuleSetNote(2015)).toContain('(trước 10/02/2022 áp dụng Thông tư 23/2012/TT-BCA)');
    expect(noRuleSetNote(2030)).not.toContain('23/2012');
  });
});
