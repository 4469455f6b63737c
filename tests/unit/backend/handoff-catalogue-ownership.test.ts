/**
 * Issue 12 loose ends: catalogue rows an office brings (a model type it created) are owned by that
 * office at the province like its scope rows. A newer file without them removes them when nothing
 * uses them, keeps them (still the office's, read-only) while a row of the province or of another
 * office points at them, and a roll-back to the older file brings them back.
 */
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Kysely } from 'kysely';
import { startBackend } from '../../support/backend';
import { useTempDir } from '../../support/temp-dir';
import { queryAll, queryOne } from '../../support/sqlite';
import { LAO_CAI_SETUP, SA_PA_SETUP, rowsOfTables, type Cell } from '../../support/handoff-offices';
import { openDatabase } from '../../../electron/backend/db/open';
import { LATEST_VERSION } from '../../../electron/backend/db/migrations';
import type { Database } from '../../../electron/backend/db/schema';
import { insertOfficePeer } from '../../../electron/backend/repos/handoff-inbox.repo';
import { firstOwned } from '../../../electron/backend/repos/handoff-ownership.repo';
import { land, planLanding, type LandingTarget } from '../../../electron/backend/handoff/apply';
import { TABLES } from '../../../shared/domain/table-registry';
import { handoffClassOf } from '../../../electron/backend/handoff/payload-adapter';

const tmp = useTempDir('antq-catalogue-');
const SENT = TABLES.filter((t) => handoffClassOf(t.name) !== 'never').map((t) => t.name);
const PEER = '11111111-1111-4111-8111-111111111111';
const OTHER = '12121212-1212-4212-8212-121212121212';
const FILE_1 = '22222222-2222-4222-8222-222222222222';
const FILE_2 = '23232323-2323-4323-8323-232323232323';
const FILE_OTHER = '24242424-2424-4424-8424-242424242424';

type Rows = Map<string, Record<string, Cell>[]>;

let officeFile: string;
let provinceFile: string;
let office: { code: string; rootUnitId: string };
let typeId: string;
let modelId: string;
let province: { db: Kysely<Database>; raw: { close(): void } };

beforeEach(async () => {
  const o = await startBackend(path.join(tmp.path(), 'office'));
  const setup = await o.call('office.setup', SA_PA_SETUP);
  office = { code: setup.office.code, rootUnitId: setup.office.rootUnitId };
  const type = await o.call('modelTypes.create', { name: 'Camera an ninh khu phố', group: 'tu_quan' });
  typeId = type.id;
  const model = await o.call('models.create', {
    name: 'Mô hình camera',
    typeId,
    originUnitId: office.rootUnitId,
    originLevel: 'xa',
    foundedOn: '2025-08-01',
    status: 'hoat_dong',
    note: '',
  });
  modelId = model.id;
  officeFile = o.backend.databasePath;
  o.close();

  const p = await startBackend(path.join(tmp.path(), 'province'));
  await p.call('office.setup', LAO_CAI_SETUP);
  provinceFile = p.backend.databasePath;
  p.close();
  const opened = openDatabase(provinceFile, LATEST_VERSION);
  province = { db: opened.db, raw: opened.raw };
  for (const [id, code, name] of [
    [PEER, '03006', 'Công an phường Sa Pa'],
    [OTHER, '03010', 'Công an xã Tả Van'],
  ] as const) {
    await insertOfficePeer(province.db, {
      id,
      officeCode: code,
      name,
      level: 'xa',
      signPublicKey: `RW${code}`,
      fingerprint: '0000-0000-0000-0000-0000-0000',
      at: '2026-11-22T03:00:00.000Z',
    });
  }
});
afterEach(() => province.raw.close());

function target(rows: Rows, peerId = PEER, o = office): LandingTarget {
  return { peerId, peerIds: [peerId], office: o, rows };
}

async function landAll(t: LandingTarget, receivedId: string) {
  const plan = await planLanding(province.db, t);
  await province.db.transaction().execute(async (trx) => {
    const exists = await trx.selectFrom('handoff_received').select('id').where('id', '=', receivedId).executeTakeFirst();
    if (!exists) {
      await trx
        .insertInto('handoff_received')
        .values({
          id: receivedId,
          peer_id: t.peerId,
          office_code: t.office.code,
          year: 2026,
          sequence: 1,
          file_name: `ANTQ_${t.office.code}_2026_1.antq`,
          sha256: receivedId.replace(/-/g, '').padEnd(64, '0').slice(0, 64),
          bytes: 1,
          status: 'applied',
          reason_code: null,
          reason: null,
          file: new Uint8Array([1]),
          summary_json: null,
          received_at: '2026-11-22T03:00:00.000Z',
          applied_at: '2026-11-22T03:00:00.000Z',
          receipt_written_at: null,
        })
        .execute();
    }
    await land(trx, t, plan, receivedId);
  });
  return plan;
}

/** The office's rows without its model and everything that hangs on it (a newer file after it deleted them). */
function withoutModel(): Rows {
  const rows: Rows = rowsOfTables(officeFile, SENT);
  rows.set('model_types', []);
  rows.set('models', []);
  for (const t of ['model_events', 'model_ratings', 'model_recognitions', 'model_sites'])
    rows.set(
      t,
      (rows.get(t) ?? []).filter((r) => r['model_id'] !== modelId),
    );
  return rows;
}

const typeRow = () => queryOne<{ name: string }>(provinceFile, 'SELECT name FROM model_types WHERE id = ?', typeId);
const typeOwner = () =>
  queryAll<{ peer_id: string; received_id: string }>(
    provinceFile,
    "SELECT peer_id, received_id FROM handoff_ownership WHERE table_name = 'model_types' AND row_id = ?",
    typeId,
  );

describe('catalogue rows an office brings', () => {
  it('are owned by the office, removed by a newer file that no longer uses them, restored by a roll-back', async () => {
    const first = rowsOfTables(officeFile, SENT);
    expect(first.get('model_types')!.map((r) => r['id'])).toContain(typeId);
    await landAll(target(first), FILE_1);
    expect(typeRow()).toEqual({ name: 'Camera an ninh khu phố' });
    expect(typeOwner()).toEqual([{ peer_id: PEER, received_id: FILE_1 }]);
    // Read-only at the province: the guard's lookup names the office.
    expect(await firstOwned(province.db, [{ table: 'model_types', id: typeId }])).toMatchObject({ officeName: 'Công an phường Sa Pa' });

    const plan = await landAll(target(withoutModel()), FILE_2);
    expect(plan.changes.find((c) => c.table === 'model_types')).toMatchObject({ removed: 1 });
    expect(typeRow()).toBeUndefined();
    expect(typeOwner()).toEqual([]);

    // Roll-back: the first file landed again.
    await landAll(target(first), FILE_1);
    expect(typeRow()).toEqual({ name: 'Camera an ninh khu phố' });
    expect(queryOne(provinceFile, 'SELECT type_id FROM models WHERE id = ?', modelId)).toEqual({ type_id: typeId });
    expect(typeOwner()).toEqual([{ peer_id: PEER, received_id: FILE_1 }]);
  });

  it('are kept, still the office own and read-only, while the province uses them', async () => {
    await landAll(target(rowsOfTables(officeFile, SENT)), FILE_1);
    const model = queryOne<Record<string, Cell>>(provinceFile, 'SELECT * FROM models WHERE id = ?', modelId)!;
    const provinceUnit = queryOne<{ id: string }>(provinceFile, "SELECT id FROM units WHERE code = '02647'")!.id;
    const ownModel = '31313131-3131-4131-8131-313131313131';
    await province.db
      .insertInto('models')
      .values({ ...(model as never as Database['models']), id: ownModel, origin_unit_id: provinceUnit, name: 'Mô hình của tỉnh' })
      .execute();

    const plan = await landAll(target(withoutModel()), FILE_2);
    expect(plan.changes.find((c) => c.table === 'model_types')).toMatchObject({ removed: 0 });
    expect(plan.retained?.get('model_types')).toEqual([typeId]);
    expect(typeRow()).toEqual({ name: 'Camera an ninh khu phố' });
    expect(typeOwner()).toEqual([{ peer_id: PEER, received_id: FILE_2 }]);
    expect(queryOne(provinceFile, 'SELECT COUNT(*) AS n FROM models WHERE id = ?', modelId)).toEqual({ n: 0 });
    expect(queryOne(provinceFile, 'SELECT type_id FROM models WHERE id = ?', ownModel)).toEqual({ type_id: typeId });

    // Once the province no longer uses it, the office's next file removes it.
    await province.db.deleteFrom('models').where('id', '=', ownModel).execute();
    const third = '25252525-2525-4525-8525-252525252525';
    await landAll(target(withoutModel()), third);
    expect(typeRow()).toBeUndefined();
  });

  it('another office sending the same catalogue row shares it (not a foreign id) and keeps it in use', async () => {
    const first = rowsOfTables(officeFile, SENT);
    await landAll(target(first), FILE_1);
    // Tả Van: its own tree (a copy of Sa Pa's rows under new ids) using the same model type row.
    const otherRoot = '41414141-4141-4141-8141-414141414141';
    const otherModel = '42424242-4242-4242-8242-424242424242';
    const other: Rows = new Map(SENT.map((t) => [t, [] as Record<string, Cell>[]]));
    const root = first.get('units')!.find((u) => u['id'] === office.rootUnitId)!;
    other.set('units', [{ ...root, id: otherRoot, code: '03010', name: 'Xã Tả Van', name_folded: 'xa ta van' }]);
    other.set('model_types', first.get('model_types')!);
    const model = first.get('models')!.find((m) => m['id'] === modelId)!;
    other.set('models', [{ ...model, id: otherModel, origin_unit_id: otherRoot }]);
    const plan = await landAll(target(other, OTHER, { code: '03010', rootUnitId: otherRoot }), FILE_OTHER);
    expect(plan.foreign).toBeNull();
    expect(typeOwner()).toEqual([{ peer_id: PEER, received_id: FILE_1 }]);

    // Sa Pa drops it: Tả Van's model still uses it, so it stays (Sa Pa's, read-only).
    await landAll(target(withoutModel()), FILE_2);
    expect(typeRow()).toEqual({ name: 'Camera an ninh khu phố' });
    expect(queryOne(provinceFile, 'SELECT type_id FROM models WHERE id = ?', otherModel)).toEqual({ type_id: typeId });
    expect(typeOwner()).toEqual([{ peer_id: PEER, received_id: FILE_2 }]);
  });
});
