/**
 * `activities.list` sends at most LIST_MAX_ROWS records (issue 16: no list sends more than a screen's
 * worth plus a page; the screen reads pages). Above that the call is refused in Vietnamese before
 * any row is built; a narrower period or unit is answered in full, in the list's order.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { UnitDto } from '../../../shared/ipc/contract';
import { LIST_MAX_ROWS } from '../../../electron/backend/services/activities-list.service';
import { startBackend, type TestBackend } from '../../support/backend';
import { useTempDir } from '../../support/temp-dir';
import { activityApi, sampleRecords, setupGiaVien, type RecordInput } from './activities-records';

const tmp = useTempDir('antq-activities-bound-');
let t: TestBackend;
let api: ReturnType<typeof activityApi>;
let hoa: UnitDto;
let hung: UnitDto;

beforeEach(async () => {
  t = await startBackend(tmp.path(), '2026-11-22T03:00:00.000Z');
  api = activityApi(t);
  const unit = await setupGiaVien(t);
  hoa = unit('Xã Gia Hòa');
  hung = unit('Xã Gia Hưng');
});
afterEach(() => t.close());

/** `n` propaganda sessions of `unitId` in `year`, saved 5.000 a call (saveMany's most). */
async function saveSessions(unitId: string, year: number, n: number, from = 0): Promise<void> {
  const base = sampleRecords(unitId).propaganda;
  const all: RecordInput<'propaganda'>[] = Array.from({ length: n }, (_, i) => ({
    ...base,
    date: `${year}-${String(1 + ((from + i) % 12)).padStart(2, '0')}-${String(1 + ((from + i) % 28)).padStart(2, '0')}`,
    topic: `Buổi ${from + i}`,
  }));
  for (let i = 0; i < all.length; i += 5000) await t.call('activities.saveMany', api.saveManyInput('propaganda', all.slice(i, i + 5000)));
}

describe('activities.list is bounded', () => {
  it(`answers up to ${LIST_MAX_ROWS} records and refuses one more; a narrower period or unit is answered in full`, async () => {
    const half = LIST_MAX_ROWS / 2;
    await saveSessions(hoa.id, 2025, half);
    await saveSessions(hung.id, 2026, half);
    const whole = await api.list('propaganda');
    expect(whole).toHaveLength(LIST_MAX_ROWS);
    // Newest first: the 2026 sessions, then 2025's.
    expect(whole[0]!.date.slice(0, 4)).toBe('2026');
    expect(whole.at(-1)!.date.slice(0, 4)).toBe('2025');

    await saveSessions(hung.id, 2026, 1, half);
    const refused = await t.backend.dispatch('activities.list', {
      kind: 'propaganda',
      unitId: null,
      from: null,
      to: null,
      search: '',
      category: null,
    });
    expect(refused.ok).toBe(false);
    if (refused.ok) return;
    expect(refused.error.code).toBe('RULE');
    expect(refused.error.message).toBe(
      'Danh sách có hơn 10.000 bản ghi, quá nhiều để gửi một lần. Hãy chọn khoảng thời gian hoặc đơn vị hẹp hơn, hoặc xem danh sách theo trang.',
    );
    // A search does not lift the bound (it is applied after the records of the scope and period are read).
    expect(
      (
        await t.backend.dispatch('activities.list', {
          kind: 'propaganda',
          unitId: null,
          from: null,
          to: null,
          search: 'Buổi 1',
          category: null,
        })
      ).ok,
    ).toBe(false);

    // One year, one unit: answered in full, and as the page reads them.
    const year = await api.list('propaganda', { from: '2026-01-01', to: '2026-12-31' });
    expect(year).toHaveLength(half + 1);
    const ofHoa = await api.list('propaganda', { unitId: hoa.id });
    expect(ofHoa).toHaveLength(half);
    const page = await t.call('activities.page', {
      kind: 'propaganda',
      unitId: hoa.id,
      from: null,
      to: null,
      search: '',
      category: null,
      page: { offset: 0, limit: 100, sort: 'default', dir: 'asc' },
    });
    expect(page.total).toBe(half);
    expect(page.rows.map((r) => r.id)).toEqual(ofHoa.slice(0, 100).map((r) => r.id));
  }, 120_000);
});
