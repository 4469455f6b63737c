/**
 * The backfill of the activity lists' stored keys in chunks (repos/activities.keys.ts
 * ListKeysBackfill; issue 16 item 3): a file whose keys are missing (the first open after the
 * upgrade to 0025, here keys nulled by SQL) opens at once, the host answers other calls while the
 * keys are computed chunk by chunk, the lists give the same rows meanwhile (computed keys), the keys
 * end up exactly what `fillListKeys` computes in one go, and a backfill stopped midway (the app
 * closed) is taken up again at the next open.
 */
import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ACTIVITY_KINDS, ACTIVITY_KIND_INFO, type ActivityKind } from '../../../shared/domain/activities';
import { kyselyOver, registerFunctions } from '../../../electron/backend/db/open';
import { countPendingKeys, fillListKeys, KEYS_CHUNKS } from '../../../electron/backend/repos/activities.keys';
import { queryActivityPage, titleKeyColumns, type ActivityPageQuery } from '../../../electron/backend/repos/activities.page';
import { startBackend, type StartOptions, type TestBackend } from '../../support/backend';
import { useTempDir } from '../../support/temp-dir';
import { TABLES, activityApi, sampleRecords, setupGiaVien } from './activities-records';

const START = '2026-11-22T03:00:00.000Z';
const tmp = useTempDir('antq-keys-backfill-');
/** Every row keyed after the open, in chunks of one bounded step each (a unit, or 5 records). */
const SMALL_CHUNKS: StartOptions = { listKeys: { atOpenMax: 0, budgetMs: 0, unitsPerStep: 1, rowsPerStep: 5 } };
const RECORDS = 240;

const keyColumns = (kind: ActivityKind) => ['sort_unit', ...titleKeyColumns(kind), 'search_folded'];

/** Every stored key of the file (units, then each kind's records), by id. */
function keysOf(file: string): Record<string, unknown[]> {
  const db = new BetterSqlite3(file, { readonly: true });
  try {
    const out: Record<string, unknown[]> = { units: db.prepare('SELECT id, sort_key FROM units ORDER BY id').all() };
    for (const kind of ACTIVITY_KINDS) {
      out[kind] = db.prepare(`SELECT id, ${keyColumns(kind).join(', ')} FROM ${TABLES[kind]} ORDER BY id`).all();
    }
    return out;
  } finally {
    db.close();
  }
}

/** Every key NULL, as a file upgraded to 0025 holds them (no trigger marks or copies a NULL). */
function nullKeys(file: string): void {
  const db = new BetterSqlite3(file);
  try {
    db.exec('UPDATE units SET sort_key = NULL');
    for (const kind of ACTIVITY_KINDS) {
      db.exec(
        `UPDATE ${TABLES[kind]} SET ${keyColumns(kind)
          .map((c) => `${c} = NULL`)
          .join(', ')}`,
      );
    }
  } finally {
    db.close();
  }
}

/** A copy of the (closed) file with its keys computed by fillListKeys in one transaction. */
function filledCopy(file: string, name: string): string {
  const copy = path.join(tmp.path(), name);
  fs.copyFileSync(file, copy);
  const db = new BetterSqlite3(copy);
  try {
    registerFunctions(db);
    db.transaction(() => fillListKeys(db))();
  } finally {
    db.close();
  }
  return copy;
}

function pending(file: string): number {
  const db = new BetterSqlite3(file, { readonly: true });
  try {
    return countPendingKeys(db);
  } finally {
    db.close();
  }
}

const TOPICS = ['Ấp Đông', 'an ninh', 'Bà Rịa', 'ba', 'Đào tạo', 'Ước mơ', 'phòng chống ma túy', 'Ở Gia Hòa'];
const COMMUNES = ['Xã Gia Hòa', 'Xã Gia Hưng', 'Xã Gia Vân', 'Xã Gia Phú', 'Xã Gia Trung'];

let t: TestBackend;
let file: string;
let firstId: string;

beforeEach(async () => {
  t = await startBackend(tmp.path(), START);
  const unit = await setupGiaVien(t);
  const api = activityApi(t);
  const samples = sampleRecords(unit('Xã Gia Hòa').id);
  for (const kind of ACTIVITY_KINDS) await api.save(kind, samples[kind]);
  const records = Array.from({ length: RECORDS }, (_, i) => ({
    ...samples.propaganda,
    unitId: unit(COMMUNES[i % COMMUNES.length]!).id,
    topic: `${TOPICS[i % TOPICS.length]!} ${i % 7}`,
    date: `2026-0${1 + (i % 9)}-1${i % 10}`,
  }));
  const saved = await t.call('activities.saveMany', api.saveManyInput('propaganda', records));
  firstId = saved.ids[0]!;
  file = t.backend.databasePath;
  t.close();
  nullKeys(file);
});

afterEach(() => t.close());

const pageInput = (search = '', sort = 'default', dir: 'asc' | 'desc' = 'asc') =>
  ({
    kind: 'propaganda',
    unitId: null,
    from: null,
    to: null,
    search,
    category: null,
    page: { offset: 0, limit: 100, sort, dir },
  }) as const;

async function pageIds(search = '', sort = 'default', dir: 'asc' | 'desc' = 'asc'): Promise<string[]> {
  const out = await t.call('activities.page', pageInput(search, sort, dir));
  return out.rows.map((r) => r.id);
}

describe('the lists’ keys computed in chunks after the open', () => {
  it('the host answers while it runs, the lists read the same rows, and the keys are fillListKeys’', async () => {
    const total = pending(file);
    expect(total).toBe(RECORDS + ACTIVITY_KINDS.length + 19);
    // Turns of the host's loop (a backfill that never yields between its chunks would leave none).
    let turns = 0;
    let counting = true;
    const tick = () => {
      turns++;
      if (counting) setImmediate(tick);
    };
    tick();
    // The backfill is held at its 30th chunk while the test calls the backend (so nothing here
    // depends on how fast the machine is); the turns between its 10th and 30th chunks are counted.
    const at: Record<number, number> = {};
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let reached!: () => void;
    const holding = new Promise<void>((resolve) => (reached = resolve));
    t = await startBackend(tmp.path(), START, {
      listKeys: {
        ...SMALL_CHUNKS.listKeys!,
        beforeChunk: async (n) => {
          at[n] = turns;
          if (n === 30) {
            reached();
            await held;
          }
        },
      },
    });
    await holding;
    expect(at[30]! - at[10]!).toBeGreaterThanOrEqual(20);
    let settled = false;
    void t.backend.listKeysSettled().then(() => (settled = true));

    const progress = await t.call('activities.keysProgress', {});
    expect(progress).not.toBeNull();
    expect(progress!.total).toBe(total);
    expect(progress!.done).toBeGreaterThan(0);
    expect(progress!.done).toBeLessThan(total);
    // The lists, while the keys are missing: computed keys (checked below against the stored ones).
    const during = {
      all: await pageIds(),
      search: await pageIds('ba ria'),
      byTopic: await pageIds('', 'topic', 'desc'),
      byUnit: await pageIds('', 'unitId', 'asc'),
    };
    // An edit while the backfill runs: its commit computes nothing (the backfill finds it).
    const api = activityApi(t);
    const edited = await api.get('propaganda', firstId);
    await api.save('propaganda', { ...sampleRecords(edited.unitId).propaganda, topic: 'Zô Bà Rịa mới', date: edited.date }, firstId);
    expect(settled).toBe(false);
    expect(await t.call('activities.keysProgress', {})).not.toBeNull();
    release();

    await t.backend.listKeysSettled();
    counting = false;
    expect(await t.call('activities.keysProgress', {})).toBeNull();
    expect(pending(file)).toBe(0);
    // The same rows from the stored keys (the edited record aside: its topic changed meanwhile).
    const after = {
      all: await pageIds(),
      search: await pageIds('ba ria'),
      byTopic: await pageIds('', 'topic', 'desc'),
      byUnit: await pageIds('', 'unitId', 'asc'),
    };
    const without = (ids: string[]) => ids.filter((id) => id !== firstId);
    expect(without(after.all)).toEqual(without(during.all));
    expect(without(after.byUnit)).toEqual(without(during.byUnit));
    expect(without(after.byTopic).slice(0, 50)).toEqual(without(during.byTopic).slice(0, 50));
    expect(after.search).toContain(firstId);
    expect(without(after.search)).toEqual(without(during.search));
    t.close();
    // Exactly the keys fillListKeys computes from the same rows in one go.
    const keyed = keysOf(file);
    nullKeys(file);
    expect(keysOf(filledCopy(file, 'expected.sqlite'))).toEqual(keyed);
  });

  it('stopped midway (the app closed), it goes on at the next open', async () => {
    const expected = keysOf(filledCopy(file, 'expected.sqlite'));
    const total = pending(file);
    // Held at its 40th chunk, then the app closes (as if the window were closed midway).
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let reached!: () => void;
    const holding = new Promise<void>((resolve) => (reached = resolve));
    const beforeChunk = async (n: number) => {
      if (n === 40) {
        reached();
        await held;
      }
    };
    t = await startBackend(tmp.path(), START, { listKeys: { ...SMALL_CHUNKS.listKeys!, beforeChunk } });
    await holding;
    expect((await t.call('activities.keysProgress', {}))!.done).toBeGreaterThanOrEqual(40);
    t.close();
    release();
    const left = pending(file);
    expect(left).toBeGreaterThan(0);
    expect(left).toBeLessThanOrEqual(total - 40);
    // The next open takes up what is left; held at its first chunk, so the question below never
    // races the backfill's end (it ran to completion during the login in a CI run).
    let resume!: () => void;
    const resumed = new Promise<void>((resolve) => (resume = resolve));
    let started!: () => void;
    const starting = new Promise<void>((resolve) => (started = resolve));
    let first = true;
    const holdFirst = async () => {
      if (!first) return;
      first = false;
      started();
      await resumed;
    };
    t = await startBackend(tmp.path(), START, { listKeys: { ...SMALL_CHUNKS.listKeys!, beforeChunk: holdFirst } });
    await starting;
    expect((await t.call('activities.keysProgress', {}))?.total).toBe(left);
    resume();
    await t.backend.listKeysSettled();
    t.close();
    expect(pending(file)).toBe(0);
    expect(keysOf(file)).toEqual(expected);
  });
});

describe('the chunks on the keys worker (off the host’s thread)', () => {
  /**
   * The whole backfill in one chunk (no time budget), so the turns of the host's loop between the
   * moment it is posted and its end are the turns the host took while the chunk ran: none when the
   * chunk runs on the host's thread (`onHost`, what happens when the worker cannot start).
   */
  async function oneChunk(onHost: boolean) {
    let turns = 0;
    let counting = true;
    const tick = () => {
      turns++;
      if (counting) setImmediate(tick);
    };
    let atStart = -1;
    let asked!: (save: Promise<unknown>) => void;
    const saved = new Promise<Promise<unknown>>((resolve) => (asked = resolve));
    const before = { ...KEYS_CHUNKS };
    // The chunk waits for the login (startBackend logs in after the open, when the backfill has begun).
    let login!: () => void;
    const loggedIn = new Promise<void>((resolve) => (login = resolve));
    t = await startBackend(tmp.path(), START, {
      listKeys: {
        atOpenMax: 0,
        budgetMs: 1e9,
        unitsPerStep: 1,
        rowsPerStep: 1,
        onHost,
        beforeChunk: async (n) => {
          if (n !== 0) return;
          await loggedIn;
          tick();
          atStart = turns;
          // An edit asked for while the chunk runs: it waits for the chunk at the write gate and is saved.
          setImmediate(() => {
            const api = activityApi(t);
            asked(
              api
                .get('propaganda', firstId)
                .then((edited) =>
                  api.save(
                    'propaganda',
                    { ...sampleRecords(edited.unitId).propaganda, topic: 'Zô sửa khi đang tính', date: edited.date },
                    firstId,
                  ),
                ),
            );
          });
        },
      },
    });
    login();
    await t.backend.listKeysSettled();
    counting = false;
    const during = turns - atStart;
    await await saved;
    return {
      during,
      onWorker: KEYS_CHUNKS.onWorker - before.onWorker,
      onHost: KEYS_CHUNKS.onHost - before.onHost,
    };
  }

  it('the host’s loop turns while a chunk runs, an edit meanwhile is saved, and the keys are fillListKeys’', async () => {
    const r = await oneChunk(false);
    expect(r.onWorker).toBeGreaterThanOrEqual(1);
    expect(r.onHost).toBe(0);
    // 265 rows keyed one statement each, then the passes: the host turned all along.
    expect(r.during).toBeGreaterThanOrEqual(20);
    // The edit made while the chunk ran is there, and every key is what fillListKeys computes.
    const api = activityApi(t);
    expect((await api.get('propaganda', firstId)).topic).toBe('Zô sửa khi đang tính');
    expect(await t.call('activities.keysProgress', {})).toBeNull();
    t.close();
    expect(pending(file)).toBe(0);
    const keyed = keysOf(file);
    nullKeys(file);
    expect(keysOf(filledCopy(file, 'expected.sqlite'))).toEqual(keyed);
  });

  it('on the host’s thread (the worker could not start), the same keys, but the host does not turn during the chunk', async () => {
    const r = await oneChunk(true);
    expect(r.onHost).toBeGreaterThanOrEqual(1);
    expect(r.onWorker).toBe(0);
    expect(r.during).toBeLessThan(20);
    t.close();
    expect(pending(file)).toBe(0);
    const keyed = keysOf(file);
    nullKeys(file);
    expect(keysOf(filledCopy(file, 'expected.sqlite'))).toEqual(keyed);
  });
});

describe('the page query with computed keys', () => {
  it('gives the rows of the stored keys (default order, a search, a title and a unit sort)', async () => {
    const keyedFile = filledCopy(file, 'keyed.sqlite');
    const open = (f: string) => {
      const raw = new BetterSqlite3(f, { readonly: true });
      registerFunctions(raw);
      return { raw, db: kyselyOver(raw, { beforeCommit: null }) };
    };
    const bare = open(file);
    const keyed = open(keyedFile);
    try {
      const q = (words: string[]): ActivityPageQuery => ({ unitIds: null, from: null, to: null, category: null, words });
      for (const kind of ['propaganda', 'incidents', 'awards'] as const) {
        const title = ACTIVITY_KIND_INFO[kind].title.fields[0] as string;
        for (const [words, sort, dir] of [
          [[], 'default', 'asc'],
          [['ba', 'ria'], 'default', 'asc'],
          [[], title, 'desc'],
          [[], 'unitId', 'asc'],
        ] as const) {
          const page = { offset: 0, limit: 300, sort, dir } as never;
          const a = await queryActivityPage(bare.db, kind, q([...words]), page, false);
          const b = await queryActivityPage(keyed.db, kind, q([...words]), page, true);
          expect(a.map((r) => r['id'])).toEqual(b.map((r) => r['id']));
        }
      }
    } finally {
      bare.raw.close();
      keyed.raw.close();
    }
  });
});
