/** Picker order: a unit's own name before its parent's (issue 14, item 7). */
import { describe, expect, it } from 'vitest';
import { optionRank, ownName, rankByQuery } from '../../../shared/lib/option-rank';

// As unitOptions lists them: top of the tree first, so the town and its wards come before the ward
// that bears the town's name (one level deeper under another commune in this made-up tree).
const OPTIONS = [
  'Tỉnh Lào Cai',
  'Tỉnh Lào Cai › Thị xã Sa Pa',
  'Tỉnh Lào Cai › Thị xã Sa Pa › Phường Cầu Mây',
  'Tỉnh Lào Cai › Thị xã Sa Pa › Phường Ô Quý Hồ',
  'Tỉnh Lào Cai › Thị xã Sa Pa › Phường Sa Pa',
  'Tỉnh Lào Cai › Thị xã Sa Pa › Phường Hàm Rồng',
  'Tỉnh Lào Cai › Thị xã Sa Pa › Phường Cầu Mây › Tổ dân phố Sa Pa 2',
  'Tỉnh Lào Cai › Huyện Bát Xát › Xã Bản Qua',
];

describe('optionRank', () => {
  it('ranks the own name exactly, then its start, then inside it, then the path', () => {
    expect(optionRank('Tỉnh Lào Cai › Thị xã Sa Pa › Phường Sa Pa', 'phường sa pa')).toBe(0);
    expect(optionRank('Tỉnh Lào Cai › Thị xã Sa Pa › Phường Sa Pa', 'sa pa')).toBe(0);
    expect(optionRank('Tỉnh Lào Cai › Thị xã Sa Pa › Phường Cầu Mây › Tổ dân phố Sa Pa 2', 'sa pa')).toBe(1);
    expect(optionRank('Tỉnh Lào Cai › Thị xã Sa Pa › Phường Hàm Rồng', 'rong')).toBe(2);
    expect(optionRank('Tỉnh Lào Cai › Thị xã Sa Pa › Phường Hàm Rồng', 'sa pa')).toBe(3);
    expect(optionRank('Tỉnh Lào Cai › Huyện Bát Xát › Xã Bản Qua', 'sa pa')).toBeNull();
  });

  it('ignores diacritics and case, and a leading kind word of several words', () => {
    expect(optionRank('Tổ dân phố Số 3', 'so 3')).toBe(0);
    expect(optionRank('Xã Gia Hòa', 'GIA HOA')).toBe(0);
    expect(optionRank('Thôn Đông', 'dong')).toBe(0);
    expect(optionRank('Thôn Đông Xuân', 'dong')).toBe(1);
  });

  it('matches every option when nothing is typed', () => {
    expect(optionRank('Tỉnh Lào Cai', '  ')).toBe(0);
  });
});

describe('rankByQuery', () => {
  it('puts the ward named Sa Pa before the wards of the town named Sa Pa', () => {
    // The town and the ward both bear the name exactly (tree order between them); the wards that
    // only sit under the town come last, after a residential area whose name starts with it.
    const out = rankByQuery(OPTIONS, 'sa pa', (o) => o);
    expect(out.map(ownName)).toEqual([
      'Thị xã Sa Pa',
      'Phường Sa Pa',
      'Tổ dân phố Sa Pa 2',
      'Phường Cầu Mây',
      'Phường Ô Quý Hồ',
      'Phường Hàm Rồng',
    ]);
    expect(rankByQuery(OPTIONS, 'phuong sa pa', (o) => o).map(ownName)[0]).toBe('Phường Sa Pa');
  });

  it('keeps the given order within a rank and drops what does not match', () => {
    expect(rankByQuery(OPTIONS, 'phuong', (o) => o).map(ownName)).toEqual([
      'Phường Cầu Mây',
      'Phường Ô Quý Hồ',
      'Phường Sa Pa',
      'Phường Hàm Rồng',
      'Tổ dân phố Sa Pa 2',
    ]);
    expect(rankByQuery(OPTIONS, '', (o) => o)).toEqual(OPTIONS);
  });
});
