/**
 * The backend as one object: opens (and migrates) the office's database in a data directory and
 * returns the dispatch that both the Electron IPC and the web host call. Never imports 'electron'.
 */
import path from 'node:path';
import type { OpenedDatabase } from './db/open';
import { openDatabaseChecked } from './db/open-checked';
import { BACKUP_FOLDER } from './db/texts';
import { AppError } from './errors';
import { migrate } from './db/migrator';
import { LATEST_VERSION, MIGRATIONS } from './db/migrations';
import { flushStoredReads, StoredReads } from './db/stored-reads';
import { BACKFILL_AT_OPEN_MAX, backfillListKeys, countPendingKeys, installListKeys, ListKeysBackfill } from './repos/activities.keys';
import { createDispatch, type Dispatch, type Handlers } from './dispatch';
import { createClock, newUuid, type Clock, type NewId } from './clock';
import { defaultCataloguePath, loadCatalogue, type Catalogue } from './catalogue/catalogue';
import type { ServiceContext } from './context';
import { fileSealKey } from './seal/key-source';
import { rotatableIdentity } from './handoff/identity-rotate';
import { officeHandlers, type AppInfo } from './handlers/office.handlers';
import { unitsHandlers } from './handlers/units.handlers';
import { unitHistoryHandlers } from './handlers/unit-history.handlers';
import { organizationsHandlers } from './handlers/organizations.handlers';
import { modelsHandlers } from './handlers/models.handlers';
import { massOrgsHandlers } from './handlers/mass-orgs.handlers';
import { registryHandlers } from './handlers/registry.handlers';
import { activitiesHandlers } from './handlers/activities.handlers';
import { periodHandlers } from './handlers/period.handlers';
import { dashboardHandlers } from './handlers/dashboard.handlers';
import { slidesHandlers } from './handlers/slides.handlers';
import { evaluationHandlers } from './handlers/evaluation.handlers';
import { incidentStatsHandlers } from './handlers/incident-stats.handlers';
import { rubricsHandlers } from './handlers/rubrics.handlers';
import { handoffKeysHandlers } from './handlers/handoff-keys.handlers';
import { handoffSendHandlers } from './handlers/handoff-send.handlers';
import { handoffInboxHandlers } from './handlers/handoff-inbox.handlers';
import { handoffPackageHandlers } from './handlers/handoff-package.handlers';
import { reportsHandlers } from './handlers/reports.handlers';
import { guardHandlers } from './services/ownership-guard';
import { backupsHandlers } from './handlers/backups.handlers';
import { jobsHandlers } from './handlers/jobs.handlers';
import { BackupService, type DatabaseHost } from './backups/backups.service';
import { CallGate } from './backups/gate';
import { KeyRing } from './keys/keyring';
import { Jobs } from './jobs/jobs';
import { BACKUP_TEXTS } from './backups/texts';
import { authHandlers } from './handlers/auth.handlers';
import { SessionState } from './auth/session';
import { DEFAULT_SCRYPT, type ScryptParams } from './auth/password';
import { revalidate, type AuthDeps } from './auth/auth.service';
import { sealProtectedAfterSetup } from './auth/after-setup';
import { createAccessCheck } from './auth/access-check';
import { snapshotAccounts, type AccountsSnapshot } from './repos/accounts.repo';
import { auditHandlers } from './handlers/audit.handlers';
import { installAudit } from './audit/recorder';
import { scopeHandlers, sessionActor } from './audit/audit-scope-handlers';
import { verifyAudit } from './services/audit.service';
import { auditCheckpoint } from './audit/checkpoint';
import { backupAuditNotes } from './audit/backup-notes';
import { LongWriter } from './db/long-write';
import { Checkpointer } from './db/checkpointer';
import { Reader } from './db/reader';
import { METHOD_ACCESS } from './services/ownership-guard';

export const DATABASE_FILE = 'antq.db';
export const APP_FOLDER = 'antq-desktop';

export interface BackendOptions {
  dataDir: string;
  shell: 'electron' | 'web';
  appVersion: string;
  now?: () => Date;
  newId?: NewId;
  cataloguePath?: string;
  /**
   * Tests only: a lower scrypt cost for new password hashes and key wraps (each test file would
   * otherwise spend seconds per login). Production leaves it out: DEFAULT_SCRYPT (auth/password.ts).
   */
  testPasswordCost?: ScryptParams;
  /** Tests only: the idle lock's clock (milliseconds that only move forward; default performance.now). */
  idleClock?: () => number;
  /** Tests only: the backfill of the lists' keys in small chunks, whatever the file's size (ListKeysBackfill). */
  testListKeys?: {
    atOpenMax: number;
    budgetMs: number;
    unitsPerStep: number;
    rowsPerStep: number;
    beforeChunk?: (n: number) => Promise<void> | void;
    /** Run the chunks on the host's thread, as when the keys worker cannot start. */
    onHost?: boolean;
  };
  /**
   * Tests only: files above this many bytes have the open's quick_check on a worker (default
   * OPEN_CHECK_ON_HOST_MAX_BYTES, db/open-checked.ts); 0 sends every file's check there.
   */
  testOpenCheckOnHostMax?: number;
  /** Tests only: awaited before each checkpoint is sent to its worker (db/checkpointer.ts), inside the call gate. */
  testBeforeCheckpoint?: () => Promise<void> | void;
  /**
   * Start the read-only SQL worker (db/reader.ts) as the file opens, not at the first heavy read: the
   * first screen (the evaluation board, period figures) then does not wait for the thread's start
   * (45–60 ms of CPU, docs/decisions-h21-board.md). The app's two shells set it; tests and benches
   * leave it off and start it when they need to (Backend.readerStarted).
   */
  readerAtOpen?: boolean;
  /** Tests only: the form a freeze writes (ServiceContext.frozenForm; default 2). */
  frozenForm?: 1 | 2;
}

export interface Backend {
  dispatch: Dispatch;
  databasePath: string;
  /** The backups of this data folder (its timer runs while the backend is open). */
  backups: BackupService;
  /** Locks the session (the OS screen locked, under Electron): the data key is forgotten. */
  lock(): void;
  /** The open session's data key (tests look at it; the backend's services use ctx.keyring). */
  readonly keyring: KeyRing;
  /** Resolves when the lists' keys missing at open are computed (benches and tests wait for it). */
  listKeysSettled(): Promise<void>;
  /** Resolves when no checkpoint of the WAL is asked for or running on its worker (db/checkpointer.ts). */
  checkpointsSettled(): Promise<void>;
  /**
   * Starts the read-only SQL worker (db/reader.ts; otherwise started by the first heavy read) and
   * resolves once it has answered: the province benchmark counts its start with the opening, not
   * with the first timed call, and prints what it cost.
   */
  readerStarted(): Promise<void>;
  close(): void;
}

/** The OS per-user app-data folder, as Electron's app.getPath('appData') would give it. */
export function defaultDataDir(env: NodeJS.ProcessEnv, platform: NodeJS.Platform, home: string): string {
  if (platform === 'win32') {
    return path.win32.join(env['APPDATA'] ?? path.win32.join(home, 'AppData', 'Roaming'), APP_FOLDER);
  }
  if (platform === 'darwin') return path.posix.join(home, 'Library', 'Application Support', APP_FOLDER);
  const config =
    env['XDG_CONFIG_HOME'] && env['XDG_CONFIG_HOME'].startsWith('/') ? env['XDG_CONFIG_HOME'] : path.posix.join(home, '.config');
  return path.posix.join(config, APP_FOLDER);
}

/**
 * Every feature's handlers, listed: each lives in handlers/<feature>.handlers.ts. The methods that
 * may change rows go through the read-only guard for data owned by an office (ownership-guard.ts).
 */
export function createHandlers(ctx: ServiceContext, info: AppInfo, auth?: AuthDeps): Handlers {
  const authDeps = auth ?? { ctx, state: new SessionState(ctx.keyring ?? new KeyRing()), kdf: DEFAULT_SCRYPT };
  const guarded = guardHandlers(ctx, {
    ...authHandlers(authDeps),
    ...officeHandlers(ctx, info),
    ...unitsHandlers(ctx),
    ...unitHistoryHandlers(ctx),
    ...organizationsHandlers(ctx),
    ...modelsHandlers(ctx),
    ...massOrgsHandlers(ctx),
    ...registryHandlers(ctx),
    ...activitiesHandlers(ctx),
    ...periodHandlers(ctx),
    ...dashboardHandlers(ctx),
    ...slidesHandlers(ctx),
    ...evaluationHandlers(ctx),
    ...rubricsHandlers(ctx),
    ...incidentStatsHandlers(ctx),
    ...handoffKeysHandlers(ctx),
    ...handoffSendHandlers(ctx),
    ...handoffInboxHandlers(ctx),
    ...handoffPackageHandlers(ctx),
    ...reportsHandlers(ctx),
    ...backupsHandlers(ctx),
    ...jobsHandlers(ctx),
    ...auditHandlers(ctx),
  });
  // Every call runs in an audit scope: what it commits is logged with its method and the session's account.
  return scopeHandlers(guarded, sessionActor(ctx));
}

/** One open database and everything built on it; replaced whole by a restore (backups.service.ts). */
interface Session {
  opened: OpenedDatabase;
  longWrite: LongWriter;
  /** The read-only SQL worker's connection (db/reader.ts), stopped with the file. */
  reader: Reader;
  dispatch: Dispatch;
  /** The lists' keys computed after the open (null: none were missing, or few, computed at open). */
  keys: ListKeysBackfill | null;
  /** The WAL's checkpoints on a worker (db/checkpointer.ts), stopped with the file. */
  checkpointer: Checkpointer;
}

/**
 * Calls that may run while a long write holds the file (db/long-write.ts): those that never write,
 * and cancelling (which is how the long write is stopped). Every other call waits for it to end
 * before it starts, so it never waits at the database holding the connection others read through.
 */
/**
 * Calls that touch no database, only the in-memory registry of jobs: never held by the gate. A
 * backup's exclusive section holds new calls back until the calls in flight end; a read job in
 * flight (an Excel export) then ends without its progress ever being answered, and its "Hủy" could
 * not reach it. Seen in a clean-clone run: the automatic backup's timer fired during an export.
 */
const GATE_FREE: ReadonlySet<string> = new Set(['jobs.progress', 'jobs.cancel']);

/** Runs a dispatched call through the gate, unless it is one of the calls that need no database. */
export function throughGate<T>(gate: CallGate, method: unknown, readsOnly: boolean, run: () => Promise<T>): Promise<T> {
  if (typeof method === 'string' && GATE_FREE.has(method)) return run();
  return gate.run(run, readsOnly);
}

export function passesDuringLongWrite(method: unknown): boolean {
  if (method === 'jobs.cancel') return true;
  return typeof method === 'string' && (METHOD_ACCESS as Record<string, unknown>)[method] === 'read';
}

/**
 * Opens the database through the normal path (header check, quick_check, pragmas, migrations with
 * the backup before them) and builds the services on it.
 */
interface Shared {
  backups: BackupService;
  /** The open session's data key (outlives a restore's re-open; accounts decide when it is cleared). */
  keyring: KeyRing;
  jobs: Jobs;
  /** Who is logged in (or whose session is locked): outlives a restore too, checked again after it. */
  session: SessionState;
  /** The accounts tables as they were just before a restore swapped the file (auth.service.ts revalidate). */
  carried: AccountsSnapshot | null;
  /** The backend's call gate (the backfill of the lists' keys and the stored figures write through it). */
  gate: CallGate;
}

/**
 * No commit on the host checkpoints the WAL: the checkpoints run on a worker after long writes and
 * when the -wal passes its bound (db/checkpointer.ts), through the call gate as a writing call.
 */
function sessionCheckpointer(opts: BackendOptions, opened: OpenedDatabase, gate: CallGate): Checkpointer {
  const before = opts.testBeforeCheckpoint;
  const checkpointer = new Checkpointer(opened.path, (fn) =>
    gate.run(async () => {
      await before?.();
      await fn();
    }),
  );
  checkpointer.attach(opened.raw);
  return checkpointer;
}

async function openSession(opts: BackendOptions, databasePath: string, clock: Clock, shared: Shared): Promise<Session> {
  const { backups, keyring, jobs, session } = shared;
  const opened = await openDatabaseChecked(databasePath, LATEST_VERSION, opts.testOpenCheckOnHostMax);
  try {
    await migrate(opened.raw, opened.db, MIGRATIONS, {
      backupDir: backups.folder,
      now: () => clock.now(),
      backup: (raw, from) => path.join(backups.folder, backups.beforeMigration(raw, from)),
    });
  } catch (err) {
    await opened.db.destroy();
    throw err;
  }
  // The activity lists' stored keys no commit computed yet (after 0025, rows written by another
  // program): a few at once, many (the first open after the upgrade) in chunks after the host is up.
  const unkeyed = countPendingKeys(opened.raw);
  const atOpenMax = opts.testListKeys?.atOpenMax ?? BACKFILL_AT_OPEN_MAX;
  if (unkeyed > 0 && unkeyed <= atOpenMax) backfillListKeys(opened.raw);
  const later = unkeyed > atOpenMax;
  let keys: ListKeysBackfill | null = null;
  const deferred = () => (keys ? keys.running() : later);
  // Every change from here on is logged in its own transaction (audit/recorder.ts); the lists' keys
  // marked by the change are computed before it (repos/activities.keys.ts).
  installAudit(opened, () => clock.now());
  installListKeys(opened, deferred);
  const checkpointer = sessionCheckpointer(opts, opened, shared.gate);
  const longWrite = new LongWriter(
    opened,
    (conn) => {
      installAudit(conn, () => clock.now());
      installListKeys(conn, deferred);
      checkpointer.attach(conn.raw);
    },
    () => checkpointer.request(),
  );
  // Heavy reads run on a worker thread with its own read-only connection (started on first use, or
  // now where the shell asks: the thread starts while the person logs in).
  const reader = new Reader(databasePath, (sql, parameters) => opened.raw.prepare(sql).all(parameters) as Record<string, unknown>[]);
  if (opts.readerAtOpen) reader.start();
  // The catalogue is ~2 MB of JSON: read it the first time a screen needs it, not at start-up.
  let catalogue: Catalogue | null = null;
  const getCatalogue = () => (catalogue ??= loadCatalogue(opts.cataloguePath ?? defaultCataloguePath()));
  const ctx: ServiceContext = {
    db: opened.db,
    clock,
    newId: opts.newId ?? newUuid,
    catalogue: getCatalogue,
    seal: fileSealKey(opts.dataDir),
    ...(opts.frozenForm ? { frozenForm: opts.frozenForm } : {}),
    // h12-core's file identity, with the province's key rotation (handoff/identity-rotate.ts).
    identity: rotatableIdentity(opts.dataDir, () => clock.now()),
    backups,
    keyring,
    jobs,
    auditState: { lastCheck: null },
    session: () => session.peek(),
    generations: opened.generations,
    stored: new StoredReads(opened.raw, `${opts.appVersion}|${LATEST_VERSION}`, {
      whenIdle: (fn) => shared.gate.runIfIdle(fn),
      busy: () => opened.gate.busy(),
    }),
    longWrite,
    reader: reader.db,
    listKeys: { running: deferred, progress: () => (keys ? keys.progress() : later ? { done: 0, total: unkeyed } : null) },
  };
  const auth: AuthDeps = { ctx, state: session, kdf: opts.testPasswordCost ?? DEFAULT_SCRYPT };
  // A restore may have put another file under an open session: keep it only if it still holds.
  await revalidate(auth, shared.carried);
  shared.carried = null;
  // A restored backup made before set-up holds protected values in clear: the session that kept its
  // key seals them now, as set-up does (nothing to do, and no key, at start).
  if (keyring.has() && session.peek()) await sealProtectedAfterSetup(ctx);
  // The chain is checked at every start, from the point the last check reached (a checkpoint file
  // beside the database: fast at 100.000 entries); a break is shown on the log's screen, the app
  // still opens. "Kiểm tra tính toàn vẹn" checks it all.
  const checkpoint = auditCheckpoint(opts.dataDir);
  await verifyAudit(ctx, { checkpoint: checkpoint.read(), save: (p) => checkpoint.write(p) });
  // The office's hand-off identity exists from the first start (issue 12 item 1); if the folder
  // refuses the file, the app still opens and the hand-off screens say why.
  await ctx.identity?.readOrCreate().catch((err: unknown) => console.error('handoff: identity not created', err));
  const dispatch = createDispatch(
    createHandlers(
      ctx,
      {
        version: opts.appVersion,
        dataDir: opts.dataDir,
        databasePath,
        shell: opts.shell,
        clock,
      },
      auth,
    ),
    console,
    { databasePath },
    createAccessCheck(session),
  );
  if (later) {
    keys = new ListKeysBackfill({
      file: databasePath,
      total: unkeyed,
      ...(opts.testListKeys ? { budgetMs: opts.testListKeys.budgetMs, steps: opts.testListKeys } : {}),
      ...(opts.testListKeys?.beforeChunk ? { beforeChunk: opts.testListKeys.beforeChunk } : {}),
      ...(opts.testListKeys?.onHost ? { onHost: true } : {}),
      // A chunk writes like a call (held during a backup's copy), never beside an open transaction.
      // It runs on the keys worker holding the write gate, as a long write does: the app's writes
      // wait for it before BEGIN, asynchronously (db/open.ts), never at the database, and nothing
      // of the app's can commit between a transaction's first read and its first write.
      run: (chunk) =>
        shared.gate.run(async () => {
          while (longWrite.busy() || opened.raw.inTransaction) {
            if (longWrite.busy()) await longWrite.idle();
            else await new Promise<void>((resolve) => setTimeout(resolve, 10));
          }
          // Taken in the same turn as the check above (hold takes a free gate at once).
          await opened.gate.hold(chunk);
        }),
    });
  }
  return { opened, longWrite, reader, dispatch, keys, checkpointer };
}

/**
 * Closes the file: the worker stopped, the second connection closed, the WAL checkpointed. A read
 * still running on the worker would make the TRUNCATE checkpoint wait for it (holding the host up
 * to the busy timeout): then only a PASSIVE checkpoint is made, and the -wal, which the next start
 * reads, keeps the rest. Callers that replace the file await `reader.close()` first (swap).
 */
function closeOpened(opened: OpenedDatabase, longWrite?: LongWriter, reader?: Reader, checkpointer?: Checkpointer): void {
  const reading = (reader?.inFlight() ?? 0) > 0;
  // Figures computed but not yet kept in the file are written now (db/stored-reads.ts).
  flushStoredReads(opened.raw);
  void reader?.close();
  longWrite?.close();
  // The checkpoint worker's connection closed (after a checkpoint running ends) before the final one.
  checkpointer?.close();
  // Checkpoint so the main file holds everything when the app closes (or a restore replaces it). On
  // a full or read-only disk the checkpoint is refused: every committed change is still in the -wal,
  // which the next start reads, so closing goes on (tests/unit/backend/storage-failures.test.ts).
  try {
    opened.raw.pragma(reading ? 'wal_checkpoint(PASSIVE)' : 'wal_checkpoint(TRUNCATE)');
  } catch (err) {
    console.error('close: the final checkpoint was refused; the -wal keeps every saved change', err);
  } finally {
    opened.raw.close();
  }
}

/** How often the timer looks whether an automatic backup is due (backups.service.ts decides). */
const AUTO_BACKUP_CHECK_MS = 60_000;

export async function openBackend(opts: BackendOptions): Promise<Backend> {
  // openDatabase creates the folder, or refuses it with a message that says what is wrong.
  const databasePath = path.join(opts.dataDir, DATABASE_FILE);
  const clock = createClock(opts.now);
  const gate = new CallGate();
  const backups = new BackupService({
    folder: path.join(opts.dataDir, BACKUP_FOLDER),
    latestVersion: LATEST_VERSION,
    now: () => clock.now(),
    exclusive: (fn) => gate.exclusive(fn),
    audit: backupAuditNotes(() => clock.now()),
  });
  const keyring = new KeyRing();
  const shared: Shared = { backups, keyring, jobs: new Jobs(), session: new SessionState(keyring, opts.idleClock), carried: null, gate };
  let session = await openSession(opts, databasePath, clock, shared);
  const host: DatabaseHost = {
    file: databasePath,
    connection: () => session.opened.raw,
    checkpoint: () => session.checkpointer.checkpointHeld(),
    async swap(replace, rollback) {
      shared.carried = await snapshotAccounts(session.opened.db);
      await session.reader.close();
      session.keys?.stop();
      closeOpened(session.opened, session.longWrite, undefined, session.checkpointer);
      try {
        replace();
      } catch (err) {
        // The file was not replaced (the copy or the rename failed): the same file opens again.
        console.error('backups: the database file could not be replaced', err);
        session = await openSession(opts, databasePath, clock, shared);
        backups.attach(host);
        throw new AppError('RULE', BACKUP_TEXTS.swapFailed);
      }
      try {
        session = await openSession(opts, databasePath, clock, shared);
      } catch (err) {
        console.error('backups: the restored file did not open; the file before the restore is put back', err);
        rollback();
        session = await openSession(opts, databasePath, clock, shared);
        backups.attach(host);
        throw new AppError('RULE', BACKUP_TEXTS.reopenFailed(err instanceof Error ? err.message : String(err)));
      }
      backups.attach(host);
    },
  };
  backups.attach(host);
  const timer = setInterval(() => {
    void gate.runIfIdle(async () => void (await backups.autoTickInSteps())).catch((err: unknown) => console.error('backups: timer', err));
  }, AUTO_BACKUP_CHECK_MS);
  timer.unref();
  return {
    dispatch: (method, input) =>
      throughGate(gate, method, passesDuringLongWrite(method), async () => {
        if (session.longWrite.busy() && !passesDuringLongWrite(method)) await session.longWrite.idle();
        try {
          return await session.dispatch(method, input);
        } finally {
          // Any call may have written (reads store figures too): a checkpoint once the -wal passed its bound.
          session.checkpointer.afterCall();
        }
      }),
    databasePath,
    backups,
    lock: () => shared.session.lock(),
    keyring,
    listKeysSettled: () => session.keys?.settled() ?? Promise.resolve(),
    checkpointsSettled: () => session.checkpointer.settled(),
    readerStarted: async () => void (await session.reader.run('SELECT 1 AS started', [])),
    close: () => {
      clearInterval(timer);
      shared.session.logout();
      session.keys?.stop();
      closeOpened(session.opened, session.longWrite, session.reader, session.checkpointer);
    },
  };
}
