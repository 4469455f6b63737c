/**
 * The process the crash proof kills (issue 15 item 5). Arguments: dataDir ackLog seed unitId
 * cataloguePath. Loads its code, prints LOADED and waits for a line on stdin (so the parent can
 * start the next child while the current one works: module loading is most of a child's start),
 * then opens the office's database with the app's own open path (openDatabase: folder,
 * header and quick_check, pragmas; then the migration runner), installs the audit log, builds the
 * services' context as openBackend does (clock, ids, the seal key file of the data folder, the
 * backups service of the data folder with its audit entries), prints READY, then runs
 * operations of tests/crash/ops.ts one after another until it is killed. After each operation
 * returned (its transaction committed) it appends the acknowledgement to the log and fsyncs it,
 * and only then starts the next one.
 *
 * It calls the services, not the whole dispatch: loading every contract and handler costs a child
 * ~2.5 times the start-up CPU, and a fresh child per kill is the point of the test.
 */
import fs from 'node:fs';
import path from 'node:path';
import { openDatabase } from '../../electron/backend/db/open';
import { migrate } from '../../electron/backend/db/migrator';
import { LATEST_VERSION, MIGRATIONS } from '../../electron/backend/db/migrations';
import { createClock, newUuid } from '../../electron/backend/clock';
import { loadCatalogue } from '../../electron/backend/catalogue/catalogue';
import { fileSealKey } from '../../electron/backend/seal/key-source';
import type { ServiceContext } from '../../electron/backend/context';
import { mulberry32, pickOp } from './ops';
import { installAudit } from '../../electron/backend/audit/recorder';
import { withAuditScope } from '../../electron/backend/audit/scope';
import { backupAuditNotes } from '../../electron/backend/audit/backup-notes';
import { BackupService } from '../../electron/backend/backups/backups.service';

async function main(): Promise<void> {
  const [dataDir, ackLog, seedText, unitId, cataloguePath] = process.argv.slice(2);
  if (!dataDir || !ackLog || !seedText || !unitId || !cataloguePath)
    throw new Error('usage: child dataDir ackLog seed unitId cataloguePath');
  const seed = Number(seedText);
  const random = mulberry32(seed);
  process.stdout.write('LOADED\n');
  // Nothing touches the data folder before the parent says go (the previous child may still run).
  await new Promise<void>((resolve) => process.stdin.once('data', () => resolve()));
  const opened = openDatabase(path.join(dataDir, 'antq.db'), LATEST_VERSION);
  const clock = createClock();
  await migrate(opened.raw, opened.db, MIGRATIONS, { backupDir: path.join(dataDir, 'sao-luu'), now: () => clock.now() });
  installAudit(opened, () => clock.now());
  const backups = new BackupService({
    folder: path.join(dataDir, 'sao-luu'),
    latestVersion: LATEST_VERSION,
    now: () => clock.now(),
    audit: backupAuditNotes(() => clock.now()),
  });
  const file = path.join(dataDir, 'antq.db');
  backups.attach({
    file,
    connection: () => opened.raw,
    swap: () => Promise.reject(new Error('crash child: no restore')),
  });
  const ctx: ServiceContext = {
    db: opened.db,
    clock,
    newId: newUuid,
    catalogue: () => loadCatalogue(cataloguePath),
    seal: fileSealKey(dataDir),
    backups,
  };
  const log = fs.openSync(ackLog, 'a');
  process.stdout.write('READY\n');
  for (let n = 1; ; n++) {
    const op = pickOp(random);
    const ack = await withAuditScope(null, op.method, () => op.run({ ctx, unitId, op: `${seed}-${n}` }));
    fs.writeSync(log, `${JSON.stringify(ack)}\n`);
    fs.fsyncSync(log);
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`crash child failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(2);
});
