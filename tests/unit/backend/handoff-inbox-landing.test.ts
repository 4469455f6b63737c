/**
 * Issue 12 item 4, the landing of an office's snapshot at the province, without the file layer:
 * the office's rows (Công an phường Sa Pa) read from its database, planned and landed in the
 * province's database (Công an tỉnh Lào Cai): units matched by official code, references
 * re-pointed, ownership, removal of what the snapshot no longer holds, idempotence, scope,
 * duplicate and foreign ids.
 */
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Insertable, Kysely } from 'kysely';
import { startBackend } from '../../support/backend';
import { useTempDir } from '../../support/temp-dir';
import { dumpDatabase, queryAll, queryOne } from '../../support/sqlite';
import { LAO_CAI_SETUP, SA_PA_SETUP, rowsOfTables, type Cell } from '../../support/handoff-offices';
import { organizationInput } from '../../support/offices';
import { sampleRecords } from './activities-records';
import { openDatabase } from '../../../electron/backend/db/open';
import { LATEST_VERSION } from '../../../electron/backend/db/migrations';
import type { Database } from '../../../electron/backend/db/schema';
import { insertOfficePeer } from '../../../electron/backend/repos/handoff-inbox.repo';
import {
  countsAfterLanding,
  land,
  liveAmongTouched,
  planLanding,
  provinceCounts,
  type LandingTarget,
} from '../../../electron/backend/handoff/apply';
import { findDuplicateId, findOutOfScope } from '../../../electron/backend/handoff/landing';
import { TABLES } from '../../../shared/domain/table-registry';
import { handoffClassOf } from '../../../electron/backend/handoff/payload-adapter';

const tmp = useTempDir('antq-landing-');
const SENT = TABLES.filter((t) => handoffClassOf(t.name) !== 'never').map((t) => t.name);
const PEER = '11111111-1111-4111-8111-111111111111';

let officeFile: string;
let provinceFile: string;
let office: { id: string; code: string; rootUnitId: string };
let khuId: string;
let province: { db: Kysely<Database>; raw: { close(): void } };

beforeEach(async () => {
  const o = await startBackend(path.join(tmp.path(), 'office'));
  const setup = await o.call('office.setup', SA_PA_SETUP);
  office = { id: setup.office.id, code: setup.office.code, rootUnitId: setup.office.rootUnitId };
  const khu = await o.call('units.create', {
    parentId: office.rootUnitId,
    name: 'Tổ dân phố 1',
    kind: 'to_dan_pho',
    code: null,
    validFrom: '2025-07-01',
  });
  khuId = khu.id;
  await o.call('organizations.create', organizationInput(khuId, 'Trường THCS Sa Pa'));
  const rec = sampleRecords(office.rootUnitId);
  await o.call('activities.save', { kind: 'propaganda', id: null, record: rec.propaganda });
  officeFile = o.backend.databasePath;
  o.close();

  const p = await startBackend(path.join(tmp.path(), 'province'));
  await p.call('office.setup', LAO_CAI_SETUP);
  provinceFile = p.backend.databasePath;
  p.close();
  const opened = openDatabase(provinceFile, LATEST_VERSION);
  province = { db: opened.db, raw: opened.raw };
  await insertOfficePeer(province.db, {
    id: PEER,
    officeCode: '03006',
    name: 'Công an phường Sa Pa',
    level: 'xa',
    signPublicKey: 'RWTEST',
    fingerprint: '0000-0000-0000-0000-0000-0000',
    at: '2026-11-22T03:00:00.000Z',
  });
});
afterEach(() => province.raw.close());

function target(rows = rowsOfTables(officeFile, SENT)): LandingTarget {
  return { peerId: PEER, peerIds: [PEER], office: { code: office.code, rootUnitId: office.rootUnitId }, rows };
}

async function receivedRow(db: Kysely<Database>, id: string) {
  const exists = await db.selectFrom('handoff_received').select('id').where('id', '=', id).executeTakeFirst();
  if (exists) return;
  await db
    .insertInto('handoff_received')
    .values({
      id,
      peer_id: PEER,
      office_code: '03006',
      year: 2026,
      sequence: 1,
      file_name: 'ANTQ_03006_2026_1.antq',
      sha256: 'a'.repeat(64),
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

async function landAll(t: LandingTarget, receivedId = '22222222-2222-4222-8222-222222222222') {
  const plan = await planLanding(province.db, t);
  await province.db.transaction().execute(async (trx) => {
    await receivedRow(trx, receivedId);
    await land(trx, t, plan, receivedId);
  });
  return plan;
}

const sapaAtProvince = () => queryOne<{ id: string }>(provinceFile, "SELECT id FROM units WHERE code = '03006'")!.id;

describe('landing a snapshot at the province', () => {
  it('matches the root by official code, lands the rest as the office own, re-points references', async () => {
    const plan = await landAll(target());
    const sapa = sapaAtProvince();
    expect(plan.unitMap.get(office.rootUnitId)).toBe(sapa);
    expect(queryAll(provinceFile, 'SELECT peer_id, remote_unit_id, local_unit_id FROM handoff_unit_map')).toEqual([
      { peer_id: PEER, remote_unit_id: office.rootUnitId, local_unit_id: sapa },
    ]);
    // The office's root is not written twice; its neighbourhood lands below the province's Sa Pa.
    expect(queryOne(provinceFile, 'SELECT COUNT(*) AS n FROM units WHERE id = ?', office.rootUnitId)).toEqual({ n: 0 });
    expect(queryOne(provinceFile, 'SELECT name, parent_id FROM units WHERE id = ?', khuId)).toEqual({
      name: 'Tổ dân phố 1',
      parent_id: sapa,
    });
    expect(queryOne(provinceFile, 'SELECT unit_id FROM organizations')).toEqual({ unit_id: khuId });
    expect(queryOne(provinceFile, 'SELECT unit_id, attendance FROM propaganda_sessions')).toEqual({ unit_id: sapa, attendance: 120 });
    const owned = queryAll<{ table_name: string }>(provinceFile, 'SELECT table_name FROM handoff_ownership ORDER BY table_name').map(
      (r) => r.table_name,
    );
    expect(owned).toContain('organizations');
    expect(owned).toContain('propaganda_sessions');
    expect(owned).toContain('units');
    // The matched unit's own history stays the province's.
    expect(queryOne(provinceFile, 'SELECT COUNT(*) AS n FROM unit_changes WHERE unit_id = ?', sapa)).toEqual({ n: 1 });
  });

  it('is idempotent: the same rows again change nothing', async () => {
    await landAll(target());
    const before = dumpDatabase(provinceFile);
    const plan = await landAll(target());
    expect(plan.changes.every((c) => c.added === 0 && c.changed === 0 && c.removed === 0)).toBe(true);
    expect(dumpDatabase(provinceFile)).toEqual(before);
  });

  it('removes what a newer snapshot no longer holds, and counts changes', async () => {
    await landAll(target());
    const rows = rowsOfTables(officeFile, SENT);
    rows.set('propaganda_sessions', []);
    const org = rows.get('organizations')![0]!;
    rows.set('organizations', [{ ...org, name: 'Trường THCS Sa Pa 2' }]);
    const plan = await landAll(target(rows));
    expect(plan.changes.find((c) => c.table === 'propaganda_sessions')).toMatchObject({ removed: 1, added: 0 });
    expect(plan.changes.find((c) => c.table === 'organizations')).toMatchObject({ changed: 1 });
    expect(queryOne(provinceFile, 'SELECT COUNT(*) AS n FROM propaganda_sessions')).toEqual({ n: 0 });
    expect(queryOne(provinceFile, 'SELECT name FROM organizations')).toEqual({ name: 'Trường THCS Sa Pa 2' });
    expect(queryOne(provinceFile, "SELECT COUNT(*) AS n FROM handoff_ownership WHERE table_name = 'propaganda_sessions'")).toEqual({
      n: 0,
    });
  });

  it('counts the live rows after a landing from the keys it touched, as a whole count finds them', async () => {
    await landAll(target());
    const rows = rowsOfTables(officeFile, SENT);
    // Propaganda: the landed session removed, a new one added; organisations: the landed one
    // tombstoned, two new ones added; units unchanged.
    const session = rows.get('propaganda_sessions')![0]!;
    rows.set('propaganda_sessions', [{ ...session, id: '44444444-4444-4444-8444-444444444444' }]);
    const org = rows.get('organizations')![0]!;
    rows.set('organizations', [
      { ...org, deleted_at: '2026-11-23T03:00:00.000Z' },
      { ...org, id: '55555555-5555-4555-8555-555555555555', name: 'Trường TH Sa Pa', name_folded: 'truong th sa pa' },
      { ...org, id: '77777777-7777-4777-8777-777777777777', name: 'Trường MN Sa Pa', name_folded: 'truong mn sa pa' },
    ]);
    const t = target(rows);
    const plan = await planLanding(province.db, t);
    const before = await provinceCounts(province.db);
    let derived = new Map<string, number>();
    await province.db.transaction().execute(async (trx) => {
      await receivedRow(trx, '66666666-6666-4666-8666-666666666666');
      const touchedBefore = await liveAmongTouched(trx, plan);
      await land(trx, t, plan, '66666666-6666-4666-8666-666666666666');
      derived = countsAfterLanding(before, touchedBefore, await liveAmongTouched(trx, plan));
    });
    const after = await provinceCounts(province.db);
    expect(derived).toEqual(after);
    expect(after.get('propaganda_sessions')).toBe(before.get('propaganda_sessions'));
    expect(after.get('organizations')).toBe(before.get('organizations')! + 1);
    expect(queryAll(provinceFile, 'SELECT id, deleted_at IS NULL AS live FROM organizations ORDER BY live, id')).toEqual([
      { id: org['id'], live: 0 },
      { id: '55555555-5555-4555-8555-555555555555', live: 1 },
      { id: '77777777-7777-4777-8777-777777777777', live: 1 },
    ]);
    expect(queryAll(provinceFile, 'SELECT id FROM propaganda_sessions')).toEqual([{ id: '44444444-4444-4444-8444-444444444444' }]);
  });

  it('finds an id the province holds itself (foreign) without writing', async () => {
    const rows = rowsOfTables(officeFile, SENT);
    const provinceUnit = queryOne<{ id: string }>(provinceFile, "SELECT id FROM units WHERE code = '02647'")!.id;
    const org = rows.get('organizations')![0]!;
    // The province's own organisation, then a file claiming its id.
    await province.db
      .insertInto('organizations')
      .values({
        ...(org as unknown as Insertable<Database['organizations']>),
        id: '33333333-3333-4333-8333-333333333333',
        unit_id: provinceUnit,
        name: 'Của tỉnh',
        name_folded: 'cua tinh',
      })
      .execute();
    rows.set('organizations', [{ ...org, id: '33333333-3333-4333-8333-333333333333' }]);
    const before = dumpDatabase(provinceFile);
    const plan = await planLanding(province.db, target(rows));
    expect(plan.foreign).toEqual({ table: 'organizations', id: '33333333-3333-4333-8333-333333333333', owner: 'province' });
    expect(dumpDatabase(provinceFile)).toEqual(before);
  });

  it('matches a catalogue row to the province one by folded name and re-points the records, never owning it', async () => {
    const o = await startBackend(path.join(tmp.path(), 'office'));
    const type = await o.call('modelTypes.create', { name: 'Camera an ninh', group: 'tu_quan' });
    const model = await o.call('models.create', {
      name: 'Mô hình camera',
      typeId: type.id,
      originUnitId: office.rootUnitId,
      originLevel: 'xa',
      foundedOn: '2025-08-01',
      status: 'hoat_dong',
      note: '',
    });
    o.close();
    const officeType = queryOne<Record<string, Cell>>(officeFile, 'SELECT * FROM model_types WHERE id = ?', type.id)!;
    const provinceTypeId = '77777777-7777-4777-8777-777777777777';
    await province.db
      .insertInto('model_types')
      .values({ ...(officeType as unknown as Insertable<Database['model_types']>), id: provinceTypeId })
      .execute();
    await landAll(target());
    expect(queryOne(provinceFile, 'SELECT type_id FROM models WHERE id = ?', model.id)).toEqual({ type_id: provinceTypeId });
    expect(queryOne(provinceFile, "SELECT COUNT(*) AS n FROM model_types WHERE name = 'Camera an ninh'")).toEqual({ n: 1 });
    expect(queryOne(provinceFile, "SELECT COUNT(*) AS n FROM handoff_ownership WHERE table_name = 'model_types'")).toEqual({ n: 0 });
  });

  it('refuses rows outside the sender units and duplicate ids', () => {
    const rows = rowsOfTables(officeFile, SENT);
    const o = { code: office.code, rootUnitId: office.rootUnitId };
    expect(findOutOfScope(o, rows)).toBeNull();
    expect(findDuplicateId(rows)).toBeNull();
    const session = rows.get('propaganda_sessions')![0]!;
    const outside: Map<string, Record<string, Cell>[]> = new Map(rows);
    outside.set('propaganda_sessions', [{ ...session, unit_id: '44444444-4444-4444-8444-444444444444' }]);
    expect(findOutOfScope(o, outside)).toEqual({ table: 'propaganda_sessions', id: session['id'] });
    const orphan: Map<string, Record<string, Cell>[]> = new Map(rows);
    orphan.set('units', [
      ...rows.get('units')!,
      { ...rows.get('units')![1]!, id: '55555555-5555-4555-8555-555555555555', parent_id: '66666666-6666-4666-8666-666666666666' },
    ]);
    expect(findOutOfScope(o, orphan)).toEqual({ table: 'units', id: '55555555-5555-4555-8555-555555555555' });
    expect(findOutOfScope({ ...o, code: '02647' }, rows)).toEqual({ table: 'units', id: office.rootUnitId });
    const dup: Map<string, Record<string, Cell>[]> = new Map(rows);
    dup.set('propaganda_sessions', [session, { ...session }]);
    expect(findDuplicateId(dup)).toEqual({ table: 'propaganda_sessions', id: session['id'] });
  });
});

/**
 * Issue 16 item 3: the landing's foreign-key check reads only what it wrote and deleted (not
 * PRAGMA foreign_key_check over every table). A dangling reference of either kind is still refused
 * with the same message, in a dry run (no COMMIT to catch it) as in an apply, and changes nothing.
 */
describe('the landing refuses a reference it leaves pointing at nothing', () => {
  const RECEIVED = '22222222-2222-4222-8222-222222222222';
  const MISSING = '99999999-9999-4999-8999-999999999999';

  /** Lands `t` in a transaction that is kept only when `receivedId` is given (else rolled back: a dry run). */
  async function landOnce(t: LandingTarget, receivedId: string | null): Promise<unknown> {
    const plan = await planLanding(province.db, t);
    return landPlanned(t, plan, receivedId);
  }

  async function landPlanned(t: LandingTarget, plan: Awaited<ReturnType<typeof planLanding>>, receivedId: string | null) {
    try {
      await province.db.transaction().execute(async (trx) => {
        if (receivedId !== null) await receivedRow(trx, receivedId);
        await land(trx, t, plan, receivedId);
        if (receivedId === null) throw new Error('dry run');
      });
    } catch (err) {
      return err;
    }
    return null;
  }

  /** The office's rows without the neighbourhood unit and everything in it. */
  function withoutKhu(): Map<string, Record<string, Cell>[]> {
    const rows = rowsOfTables(officeFile, SENT);
    for (const [table, list] of rows)
      rows.set(
        table,
        list.filter((r) => !Object.values(r).includes(khuId)),
      );
    return rows;
  }

  async function provinceOrganizationIn(unitId: string) {
    const org = rowsOfTables(officeFile, SENT).get('organizations')![0]!;
    await province.db
      .insertInto('organizations')
      .values({
        ...(org as unknown as Insertable<Database['organizations']>),
        id: '33333333-3333-4333-8333-333333333333',
        unit_id: unitId,
        name: 'Của tỉnh',
        name_folded: 'cua tinh',
      })
      .execute();
  }

  for (const receivedId of [null, RECEIVED]) {
    const how = receivedId === null ? 'in a dry run' : 'in an apply';

    it(`a landed row whose parent is missing ${how}`, async () => {
      const t = target();
      const plan = await planLanding(province.db, t);
      const session = plan.writes.get('propaganda_sessions')!.inserted[0]!;
      session['organization_id'] = MISSING;
      const before = dumpDatabase(provinceFile);
      const err = await landPlanned(t, plan, receivedId);
      expect(err).toMatchObject({ reason: 'FOREIGN_ID' });
      expect((err as Error).message).toBe(
        'Có bản ghi trỏ tới dữ liệu không có trong tệp hoặc của đơn vị khác. (bảng propaganda_sessions trỏ tới bản ghi không có trong bảng organizations)',
      );
      expect(dumpDatabase(provinceFile)).toEqual(before);
    });

    it(`a unit the file removes while the province's own row still points at it ${how}`, async () => {
      await landAll(target());
      await provinceOrganizationIn(khuId);
      const before = dumpDatabase(provinceFile);
      const err = await landOnce(target(withoutKhu()), receivedId);
      expect(err).toMatchObject({ reason: 'FOREIGN_ID' });
      expect((err as Error).message).toMatch(/\(bảng organizations trỏ tới bản ghi không có trong bảng units\)$/);
      expect(dumpDatabase(provinceFile)).toEqual(before);
      expect(queryOne(provinceFile, 'SELECT COUNT(*) AS n FROM units WHERE id = ?', khuId)).toEqual({ n: 1 });
    });
  }

  it('the clean file that removes the unit (nothing else points at it) lands, and the unit is gone', async () => {
    await landAll(target());
    await provinceOrganizationIn(sapaAtProvince());
    expect(await landOnce(target(withoutKhu()), RECEIVED)).toBeNull();
    expect(queryOne(provinceFile, 'SELECT COUNT(*) AS n FROM units WHERE id = ?', khuId)).toEqual({ n: 0 });
    expect(queryOne(provinceFile, "SELECT COUNT(*) AS n FROM organizations WHERE name = 'Của tỉnh'")).toEqual({ n: 1 });
    expect(queryAll(provinceFile, 'PRAGMA foreign_key_check')).toEqual([]);
  });
});
