/**
 * The rotation policy (shared/domain/backup-rotation.ts) with the clock passed in: 3 of today, the
 * newest of each of 14 days, the newest of each of 12 months (Vietnam's calendar), pinned and
 * future-dated backups always kept.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { backupsToKeep, type RotatableBackup } from '../../../shared/domain/backup-rotation';

const HOUR = 3_600_000;
const at = (iso: string, id = iso): RotatableBackup => ({ id, createdAt: new Date(iso).toISOString() });

describe('backupsToKeep', () => {
  it("keeps the 3 newest of today (Vietnam's day), not a 4th", () => {
    const now = new Date('2026-11-22T16:00:00Z'); // 23:00 in Vietnam
    const today = ['2026-11-21T17:30:00Z', '2026-11-22T01:00:00Z', '2026-11-22T05:00:00Z', '2026-11-22T15:00:00Z'].map((i) => at(i));
    const kept = backupsToKeep(today, now);
    expect([...kept].sort()).toEqual([today[1]!.id, today[2]!.id, today[3]!.id].sort());
  });

  it('keeps the newest of each of the last 14 days, then the newest of each month for 12 months', () => {
    const now = new Date('2026-11-22T05:00:00Z');
    const all: RotatableBackup[] = [];
    for (let d = 0; d < 500; d++) {
      for (const h of [1, 9]) all.push(at(new Date(now.getTime() - d * 24 * HOUR - h * HOUR).toISOString()));
    }
    const kept = all.filter((b) => backupsToKeep(all, now).has(b.id));
    const vnDay = (b: RotatableBackup) => new Date(Date.parse(b.createdAt) + 7 * HOUR).toISOString().slice(0, 10);
    const days = new Set(kept.map(vnDay).filter((d) => d >= '2026-11-09'));
    expect(days.size).toBe(14);
    const months = new Set(kept.map((b) => vnDay(b).slice(0, 7)));
    expect([...months].sort()).toEqual([
      '2025-12', '2026-01', '2026-02', '2026-03', '2026-04', '2026-05',
      '2026-06', '2026-07', '2026-08', '2026-09', '2026-10', '2026-11',
    ]); // prettier-ignore
    // Each kept older month holds exactly its newest backup.
    for (const m of ['2025-12', '2026-06']) {
      const ofMonth = all.filter((b) => vnDay(b).startsWith(m)).sort((a, b) => (a.createdAt < b.createdAt ? 1 : -1));
      expect(kept.filter((b) => vnDay(b).startsWith(m)).map((b) => b.id)).toEqual([ofMonth[0]!.id]);
    }
  });

  it('always keeps a pinned backup and one dated after now (the clock was set back)', () => {
    const now = new Date('2026-11-22T05:00:00Z');
    const old = at('2024-01-01T00:00:00Z', 'old');
    const pinned = at('2024-02-01T00:00:00Z', 'pinned');
    const future = at('2027-01-01T00:00:00Z', 'future');
    expect([...backupsToKeep([old, pinned, future], now, new Set(['pinned']))].sort()).toEqual(['future', 'pinned']);
  });

  it('never keeps more than 3 + 14 + 12 unpinned backups, and always keeps the newest', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 800 * 24 }), { minLength: 1, maxLength: 200 }), (hoursAgo) => {
        const now = new Date('2026-11-22T05:00:00Z');
        const list = hoursAgo.map((h, i) => at(new Date(now.getTime() - h * HOUR).toISOString(), `b${i}`));
        const kept = backupsToKeep(list, now);
        expect(kept.size).toBeLessThanOrEqual(3 + 14 + 12);
        const newestAt = list.map((b) => b.createdAt).reduce((a, b) => (a > b ? a : b));
        expect(list.some((b) => b.createdAt === newestAt && kept.has(b.id))).toBe(true);
      }),
    );
  });
});
