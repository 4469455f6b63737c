/**
 * The tables each cached block of the period figures and the overview declares (services/read-tables.ts)
 * cover every table it reads: the blocks run on a second connection whose Kysely plugin records the
 * tables each query names, attributed to the block computing (read-cache.ts `readProbe`, through
 * AsyncLocalStorage so that blocks computing at once are told apart; a block inside another counts
 * for both). A table read but not declared would let that block serve a stale figure after an edit.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { KyselyPlugin, PluginTransformQueryArgs, PluginTransformResultArgs, QueryResult, RootOperationNode, UnknownRow } from 'kysely';
import { ACTIVITY_KINDS } from '../../../shared/domain/activities';
import { TABLES } from '../../../shared/domain/table-registry';
import { openDatabase } from '../../../electron/backend/db/open';
import { LATEST_VERSION } from '../../../electron/backend/db/migrations';
import { createClock, newUuid } from '../../../electron/backend/clock';
import { loadCatalogue } from '../../../electron/backend/catalogue/catalogue';
import type { ServiceContext } from '../../../electron/backend/context';
import { readProbe } from '../../../electron/backend/services/read-cache';
import { BLOCK_TABLES, FIGURES_TABLES } from '../../../electron/backend/services/read-tables';
import { periodFigures } from '../../../electron/backend/services/period.service';
import { registryOverview } from '../../../electron/backend/services/overview.service';
import { CATALOGUE_PATH, startBackend, type TestBackend } from '../../support/backend';
import { useTempDir } from '../../support/temp-dir';
import { organizationInput } from '../../support/offices';
import { registrationInput } from '../../support/evaluation-inputs';
import { activityApi, sampleRecords, setupGiaVien } from './activities-records';

const tmp = useTempDir('antq-block-tables-');
let t: TestBackend;

beforeEach(async () => {
  t = await startBackend(tmp.path());
  await setupGiaVien(t);
  const units = await t.call('units.list', { includeEnded: false });
  const root = units.find((u) => u.parentId === null)!;
  const commune = units.find((u) => u.parentId === root.id)!;
  const s = sampleRecords(commune.id);
  const api = activityApi(t);
  for (const kind of ACTIVITY_KINDS) await api.save(kind, s[kind]);
  const school = await t.call('organizations.create', organizationInput(commune.id, 'Trường THCS thử', { validFrom: '2010-01-01' }));
  await t.send('evaluation.register', registrationInput('organization', school.id, 2026));
}, 60_000);
afterEach(() => {
  readProbe.wrap = null;
  t.close();
});

const NAMES = TABLES.map((x) => x.name);
/** The registered tables a query names (identifiers, and words of raw SQL fragments). */
function tablesOf(node: RootOperationNode): string[] {
  const text = JSON.stringify(node);
  return NAMES.filter((name) => new RegExp(`(^|[^A-Za-z0-9_])${name}([^A-Za-z0-9_]|$)`).test(text));
}

describe('the tables each cached block reads', () => {
  it('every table a block reads is among the tables it is keyed on', async () => {
    const blocks = new AsyncLocalStorage<{ name: string; parent: unknown }>();
    const read = new Map<string, Set<string>>();
    readProbe.wrap = (name, compute) => blocks.run({ name, parent: blocks.getStore() }, compute);
    const recorder: KyselyPlugin = {
      transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
        const tables = tablesOf(args.node);
        for (let b = blocks.getStore(); b; b = b.parent as typeof b) {
          const set = read.get(b.name) ?? new Set<string>();
          for (const x of tables) set.add(x);
          read.set(b.name, set);
        }
        return args.node;
      },
      transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
        return Promise.resolve(args.result);
      },
    };
    const opened = openDatabase(t.backend.databasePath, LATEST_VERSION);
    try {
      const ctx: ServiceContext = {
        db: opened.db.withPlugin(recorder),
        clock: createClock(t.clock.now),
        newId: newUuid,
        catalogue: () => loadCatalogue(CATALOGUE_PATH),
        keyring: t.backend.keyring,
      };
      const units = await t.call('units.list', { includeEnded: false });
      const commune = units.find((u) => u.level === 'xa')!;
      for (const unitId of [null, commune.id]) {
        await periodFigures(ctx, { from: '2026-01-01', to: '2026-12-31', unitId });
        await periodFigures(ctx, { from: '2025-07-01', to: '2026-06-30', unitId });
        await registryOverview(ctx, { from: '2026-01-01', to: '2026-12-31', unitId });
      }
    } finally {
      opened.raw.close();
    }
    // The figures as a whole are kept in the file too, keyed on every table but a few (read-tables.ts).
    const declared: Record<string, readonly string[]> = { ...BLOCK_TABLES, 'period.figures': FIGURES_TABLES };
    expect([...read.keys()].sort()).toEqual(Object.keys(declared).sort());
    for (const [name, tables] of read) {
      expect(
        [...tables].filter((x) => !declared[name]!.includes(x)),
        name,
      ).toEqual([]);
    }
  });
});
