/**
 * Undoing a model's status step (issue 14, item 9): the last step leaves the log, the model is back
 * at the step before, the undone step is kept in model_status_undos and listed by models.get; the
 * first step and a retirement are refused with the database unchanged.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MethodInput } from '../../../shared/ipc/contract';
import { startBackend, type TestBackend } from '../../support/backend';
import { useTempDir } from '../../support/temp-dir';
import { dumpDatabase, queryAll, queryOne } from '../../support/sqlite';
import { GIA_VIEN_SETUP } from '../../support/offices';
import { refusalChecker } from '../../support/refusals';

const PCCC = 'f28d9677-9cf2-42e6-9c30-af2fa94aede5';
const tmp = useTempDir('antq-models-undo-');
let t: TestBackend;

beforeEach(async () => {
  t = await startBackend(tmp.path(), '2026-11-22T03:00:00.000Z');
  await t.call('office.setup', GIA_VIEN_SETUP);
});
afterEach(() => t.close());

const file = () => t.backend.databasePath;
const rows = (sql: string, ...params: unknown[]) => queryAll(file(), sql, ...params);
const expectRefused = refusalChecker(
  () => t,
  () => dumpDatabase(file()),
);

async function createModel(): Promise<string> {
  const root = (await t.call('units.list', { includeEnded: false })).find((u) => u.name === 'Huyện Gia Viễn')!;
  const input: MethodInput<'models.create'> = {
    name: 'Tổ liên gia an toàn PCCC',
    typeId: PCCC,
    originUnitId: root.id,
    originLevel: 'huyen',
    foundedOn: '2022-03-15',
    status: 'hoat_dong',
    note: '',
  };
  return (await t.call('models.create', input)).id;
}

describe('models.undoStatus', () => {
  it('takes back the last step, puts the model back at the step before and keeps the undone step', async () => {
    const id = await createModel();
    await t.call('models.changeStatus', { id, status: 'so_ket', on: '2023-03-20', note: 'Sơ kết 01 năm' });
    await t.call('models.changeStatus', { id, status: 'nhan_rong', on: '2024-06-01', note: 'Nhập nhầm' });

    t.clock.set('2026-11-22T05:00:00.000Z');
    const back = await t.call('models.undoStatus', { id });
    expect(back).toMatchObject({ status: 'so_ket', updatedAt: '2026-11-22T05:00:00.000Z' });
    expect(rows('SELECT seq, status, on_date FROM model_events WHERE model_id = ? ORDER BY seq', id)).toEqual([
      { seq: 1, status: 'hoat_dong', on_date: '2022-03-15' },
      { seq: 2, status: 'so_ket', on_date: '2023-03-20' },
    ]);
    expect(queryOne(file(), 'SELECT status FROM models WHERE id = ?', id)).toEqual({ status: 'so_ket' });
    expect(rows('SELECT model_id, seq, status, on_date, note, undone_at FROM model_status_undos')).toEqual([
      { model_id: id, seq: 3, status: 'nhan_rong', on_date: '2024-06-01', note: 'Nhập nhầm', undone_at: '2026-11-22T05:00:00.000Z' },
    ]);
    const detail = await t.call('models.get', { id });
    expect(detail.nextStatuses).toEqual(['tong_ket', 'nhan_rong']);
    expect(detail.undone).toMatchObject([{ seq: 3, status: 'nhan_rong', on: '2024-06-01', undoneAt: '2026-11-22T05:00:00.000Z' }]);

    // The step can be recorded again (the same position in the log is free).
    await t.call('models.changeStatus', { id, status: 'nhan_rong', on: '2024-07-01', note: '' });
    expect(rows('SELECT seq, status FROM model_events WHERE model_id = ? ORDER BY seq', id)).toEqual([
      { seq: 1, status: 'hoat_dong' },
      { seq: 2, status: 'so_ket' },
      { seq: 3, status: 'nhan_rong' },
    ]);
  });

  it('refuses to undo the first step or a retirement, changing nothing', async () => {
    const id = await createModel();
    await expectRefused('models.undoStatus', { id }, 'RULE', /chưa có bước nào sau bước đầu tiên/);
    await t.call('models.retire', { id, on: '2024-01-01', reason: 'Không còn hoạt động' });
    await expectRefused('models.undoStatus', { id }, 'RULE', /không hoàn tác được bước thanh loại/);
    await expectRefused('models.undoStatus', { id: '6f1d2a3b-0c4d-4e5f-8a9b-0c1d2e3f4a5b' }, 'NOT_FOUND');
  });
});
