/**
 * Issue 16 item 3: the excused incidents the period figures list are read month by month on a
 * transaction (the hand-off's dry run, on the host's thread: period-counts.repo.ts spansOf), in one
 * statement elsewhere. Both give the same rows.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../electron/backend/db/open';
import { LATEST_VERSION } from '../../../electron/backend/db/migrations';
import { excusedIncidents, groupedOnTransaction } from '../../../electron/backend/repos/period-counts.repo';
import { startBackend, type TestBackend } from '../../support/backend';
import { useTempDir } from '../../support/temp-dir';
import { GIA_VIEN_SETUP } from '../../support/offices';
import type { IncidentRecord } from '../../../shared/domain/incident-records';

const tmp = useTempDir('antq-excused-months-');
let t: TestBackend;

const incident = (unitId: string, occurredOn: string, excused: boolean): Omit<IncidentRecord, 'id'> => ({
  occurredOn,
  unitId,
  organizationId: null,
  category: 'toi_pham_nghiem_trong',
  count: 1,
  solved: 1,
  deaths: 0,
  injuries: 0,
  description: `Vụ việc ngày ${occurredOn}`,
  excuse: excused ? 'xu_ly_kip_thoi' : null,
  excuseReason: excused ? 'Phát hiện, bắt giữ ngay' : null,
  excuseApprovedBy: excused ? 'Trưởng Công an huyện' : null,
  excuseApprovedOn: excused ? occurredOn : null,
  note: null,
});

beforeEach(async () => {
  t = await startBackend(tmp.path(), '2026-12-20T03:00:00.000Z');
  await t.call('office.setup', GIA_VIEN_SETUP);
});
afterEach(() => t.close());

describe('the excused incidents of a span', () => {
  it('are the same rows read month by month on a transaction as in one statement outside it', async () => {
    const hoa = (await t.call('units.list', { includeEnded: true })).find((u) => u.name === 'Xã Gia Hòa')!;
    const records = [
      incident(hoa.id, '2025-01-01', true),
      incident(hoa.id, '2025-03-31', true),
      incident(hoa.id, '2025-04-01', false),
      incident(hoa.id, '2026-02-28', true),
      incident(hoa.id, '2026-12-31', true),
      incident(hoa.id, '2027-01-01', true),
    ];
    await t.call('activities.saveMany', { kind: 'incidents', records });
    const span = { from: '2025-01-01', to: '2026-12-31' };
    const opened = openDatabase(t.backend.databasePath, LATEST_VERSION);
    try {
      const before = groupedOnTransaction.statements;
      const whole = (await excusedIncidents(opened.db, span)).map((r) => r.occurredOn).sort();
      expect(groupedOnTransaction.statements).toBe(before);
      expect(whole).toEqual(['2025-01-01', '2025-03-31', '2026-02-28', '2026-12-31']);
      const monthly = await opened.db
        .transaction()
        .execute(async (trx) => (await excusedIncidents(trx, span)).map((r) => r.occurredOn).sort());
      expect(monthly).toEqual(whole);
      // Two calendar years: 24 statements, one a month.
      expect(groupedOnTransaction.statements - before).toBe(24);
    } finally {
      await opened.db.destroy();
    }
  });
});
