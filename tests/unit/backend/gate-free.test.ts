/**
 * A job's progress and its cancel are never held by the gate (electron/backend/index.ts
 * `throughGate`): while a backup's exclusive section waits for a read job in flight to end, every
 * other call waits, but `jobs.progress` and `jobs.cancel` are answered, so the screen shows how far
 * the job got and "Hủy" reaches it.
 */
import { describe, expect, it } from 'vitest';
import { CallGate } from '../../../electron/backend/backups/gate';
import { throughGate } from '../../../electron/backend/index';

const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('calls that need no database', () => {
  it('are answered while a backup waits for a read job in flight; other calls wait for the backup', async () => {
    const gate = new CallGate();
    let endJob!: () => void;
    const job = throughGate(gate, 'xlsx.export', true, () => new Promise<string>((resolve) => (endJob = () => resolve('file'))));
    let backupDone = false;
    // The backup (from inside a call, as backups.create and the timer run it) waits for the export to end.
    const backup = throughGate(gate, 'backups.create', false, () => gate.exclusive(async () => void (backupDone = true)));
    await turn();
    expect(backupDone).toBe(false);

    let readDone = false;
    const read = throughGate(gate, 'app.info', true, async () => void (readDone = true));
    let progress: string | null = null;
    await throughGate(gate, 'jobs.progress', true, async () => void (progress = 'Đã ghi 1.000/8.000 dòng vào tệp Excel'));
    let cancelled = false;
    await throughGate(gate, 'jobs.cancel', true, async () => void (cancelled = true));
    expect(progress).toBe('Đã ghi 1.000/8.000 dòng vào tệp Excel');
    expect(cancelled).toBe(true);
    for (let i = 0; i < 5; i++) await turn();
    expect(readDone).toBe(false);
    expect(backupDone).toBe(false);

    endJob();
    expect(await job).toBe('file');
    await backup;
    await read;
    expect(backupDone).toBe(true);
    expect(readDone).toBe(true);
  });
});
