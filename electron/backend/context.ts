/**
 * What every service receives: the database, the clock and id source, and the catalogue (loaded
 * on first use). Services own their transactions; handlers only translate contract ↔ services.
 */
import type { Kysely } from 'kysely';
import type { Database } from './db/schema';
import type { Clock, NewId } from './clock';
import type { Catalogue } from './catalogue/catalogue';
import type { SealKeySource } from './seal/key-source';
import type { IdentitySource } from './handoff/identity';
import type { BackupService } from './backups/backups.service';
import type { KeyRing } from './keys/keyring';
import type { Jobs } from './jobs/jobs';
import type { SessionUser } from './auth/session';
import type { TableGenerations } from './db/generations';
import type { StoredReads } from './db/stored-reads';
import type { LongWriter } from './db/long-write';
import type { AuditCheckDto } from '../../shared/ipc/contracts/audit.contract';

export interface ServiceContext {
  db: Kysely<Database>;
  clock: Clock;
  newId: NewId;
  catalogue: () => Catalogue;
  /** The key that seals frozen evaluation results, kept outside the database (absent: nothing can be sealed). */
  seal?: SealKeySource;
  /**
   * The form a freeze writes (shared/domain/criteria/frozen-v2.ts): 2, the inputs and verdicts
   * sealed and the rule sets once (default); 1, the whole result per subject, as versions before
   * issue 16's h16-seal wrote — kept so tests can make a year frozen by an earlier version.
   */
  frozenForm?: 1 | 2;
  /** The office's hand-off identity (signing and age keys), kept outside the database (absent: nothing can be signed). */
  identity?: IdentitySource;
  /** The data folder's backups (absent in tests that build a context by hand: no backup is made). */
  backups?: BackupService;
  /** The data key of the open session (absent in tests that build a context by hand: see keys/keyring.ts). */
  keyring?: KeyRing;
  /** Long work that yields to the host and can be watched and cancelled (absent: work still yields, unwatched). */
  jobs?: Jobs;
  /**
   * Who is at the keyboard: the open session's account (id, username, display name, role), or null
   * outside a session (public methods: set-up, login). Inside any non-public method dispatch has
   * already checked there is one. Absent in tests that build a context by hand.
   */
  session?: () => SessionUser | null;
  /** The audit log's last check of its chain in this session (at start, then on demand). */
  auditState?: { lastCheck: AuditCheckDto | null };
  /**
   * Per-table write counters of the open file, for caches of computed figures: key a cache on
   * `generations.key([...tables read])` (db/generations.ts). Absent in hand-built contexts: no cache.
   */
  generations?: TableGenerations;
  /**
   * Values computed once and kept in the file across restarts (db/stored-reads.ts), for the blocks
   * that `storedReadOf` (services/read-cache.ts) computes. Absent in hand-built contexts.
   */
  stored?: StoredReads;
  /**
   * The second connection for long write transactions that yield to the host (db/long-write.ts);
   * use it through jobs/long-write.ts `longTransaction`. Absent in hand-built contexts.
   */
  longWrite?: LongWriter;
  /**
   * Heavy reads off the host's thread: a Kysely over the read-only SQL worker (db/reader.ts), which
   * sees the last committed state. Only for reads outside any transaction; use it through `readDb`.
   * Absent in hand-built contexts.
   */
  reader?: Kysely<Database>;
  /**
   * The backfill of the activity lists' stored keys (repos/activities.keys.ts ListKeysBackfill):
   * while it runs, the lists compute the keys in SQL instead of reading them. Absent: all stored.
   */
  listKeys?: { running(): boolean; progress(): { done: number; total: number } | null };
}

/**
 * The handle for a heavy read-only query: the read-only worker when the file has one (db/reader.ts),
 * else the app's connection. A context whose `db` is a transaction (`{ ...ctx, db: trx }`, as the
 * imports build) reads on that transaction, which must see its own uncommitted rows.
 */
export function readDb(ctx: ServiceContext): Kysely<Database> {
  return ctx.reader && !ctx.db.isTransaction ? ctx.reader : ctx.db;
}
