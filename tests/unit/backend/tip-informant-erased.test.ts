/**
 * A deleted tip's informant is erased for good (issue 15 item 2) and the app says so (issue 15,
 * h15-keys): `tips.hasInformant` for the delete's warning, the bin's `informantErased` mark, the
 * restored tip without an informant row; roles that may not see informants learn nothing of them.
 */
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startBackend, TEST_ADMIN, type TestBackend } from '../../support/backend';
import { useTempDir } from '../../support/temp-dir';
import { queryAll } from '../../support/sqlite';
import { activityApi, sampleRecords, setupGiaVien } from './activities-records';

const tmp = useTempDir('antq-tip-erased-');
let t: TestBackend;
afterEach(() => t?.close());

const INFORMANT = { name: 'Lò Văn Kín', phone: '0912345678', address: 'Bản Khoang', idNumber: null, note: null };
const CAN_BO = { username: 'canbo', displayName: 'Phạm Văn Cán', role: 'can_bo', password: 'CanBo2026!!' } as const;
const CHI_XEM = { username: 'chixem', displayName: 'Hoàng Thị Xem', role: 'chi_xem', password: 'ChiXem2026!' } as const;

async function office() {
  t = await startBackend(path.join(tmp.path(), 'office'));
  const unit = await setupGiaVien(t);
  const hoa = unit('Xã Gia Hòa');
  const api = activityApi(t);
  const withInformant = await api.save('tips', sampleRecords(hoa.id).tips);
  const without = await api.save('tips', { ...sampleRecords(hoa.id).tips, summary: 'Nguồn tin không có người cung cấp' });
  await t.call('tips.setInformant', { tipId: withInformant.id, informant: INFORMANT });
  for (const who of [CAN_BO, CHI_XEM]) await t.call('accounts.create', who);
  return { withInformant, without, file: t.backend.databasePath };
}

async function loginAs(who: { username: string; password: string }): Promise<void> {
  await t.call('auth.logout', {});
  await t.call('auth.login', { username: who.username, password: who.password });
}

const informantRows = (file: string) =>
  queryAll(file, 'SELECT tip_id, name, phone, address, id_number, note FROM tip_informants ORDER BY tip_id');

describe('a deleted tip’s informant', () => {
  it('is told before the delete (to the roles that see informants), erased, marked in the bin, and not restored', async () => {
    const o = await office();
    expect(await t.call('tips.hasInformant', { tipId: o.withInformant.id })).toEqual({ hasInformant: true });
    expect(await t.call('tips.hasInformant', { tipId: o.without.id })).toEqual({ hasInformant: false });

    await t.call('activities.delete', { kind: 'tips', id: o.withInformant.id });
    await t.call('activities.delete', { kind: 'tips', id: o.without.id });
    // Only the mark stays: no identity column of the deleted tip's row holds anything.
    expect(informantRows(o.file)).toEqual([
      { tip_id: o.withInformant.id, name: null, phone: null, address: null, id_number: null, note: null },
    ]);
    const bin = await t.call('activities.deleted', { kind: 'tips' });
    const mark = Object.fromEntries(bin.rows.map((r) => [r.id, r.informantErased]));
    expect(mark).toEqual({ [o.withInformant.id]: true, [o.without.id]: false });

    const restored = await t.call('activities.restore', { kind: 'tips', id: o.withInformant.id });
    expect(restored.row.id).toBe(o.withInformant.id);
    expect(informantRows(o.file)).toEqual([]);
    expect(await t.call('tips.informant', { tipId: o.withInformant.id })).toEqual({ informant: null });
    expect(await t.call('tips.hasInformant', { tipId: o.withInformant.id })).toEqual({ hasInformant: false });
    // Deleted again, it has nothing to erase: no mark.
    await t.call('activities.delete', { kind: 'tips', id: o.withInformant.id });
    expect((await t.call('activities.deleted', { kind: 'tips' })).rows.every((r) => r.informantErased === false)).toBe(true);
  });

  it('is not even mentioned to Cán bộ and Chỉ xem: no mark in the bin, hasInformant refused', async () => {
    const o = await office();
    await t.call('activities.delete', { kind: 'tips', id: o.withInformant.id });
    for (const who of [CAN_BO, CHI_XEM]) {
      await loginAs(who);
      const bin = await t.call('activities.deleted', { kind: 'tips' });
      expect(bin.rows.map((r) => r.id)).toEqual([o.withInformant.id]);
      expect(bin.rows[0]).not.toHaveProperty('informantErased');
      const refused = await t.fail('tips.hasInformant', { tipId: o.without.id });
      expect(refused.code).toBe('FORBIDDEN');
    }
    // Cán bộ restores it: the tip is back, the mark gone, and nothing tells Cán bộ there was one.
    await loginAs(CAN_BO);
    await t.call('activities.restore', { kind: 'tips', id: o.withInformant.id });
    expect(informantRows(o.file)).toEqual([]);
    await loginAs(TEST_ADMIN);
    expect(await t.call('tips.informant', { tipId: o.withInformant.id })).toEqual({ informant: null });
  });

  it('of a tip binned before the erasing existed (an upgraded file) stays with it when restored', async () => {
    const o = await office();
    // As an older version left it: the tip in the bin with its informant row whole.
    const before = informantRows(o.file);
    await t.call('activities.delete', { kind: 'tips', id: o.without.id });
    const { default: Database } = await import('better-sqlite3');
    const raw = new Database(o.file);
    raw.prepare('UPDATE tips SET deleted_at = ? WHERE id = ?').run('2026-11-22T03:00:00.000Z', o.withInformant.id);
    raw.close();
    const bin = await t.call('activities.deleted', { kind: 'tips' });
    expect(Object.fromEntries(bin.rows.map((r) => [r.id, r.informantErased]))).toEqual({
      [o.withInformant.id]: false,
      [o.without.id]: false,
    });
    await t.call('activities.restore', { kind: 'tips', id: o.withInformant.id });
    expect(informantRows(o.file)).toEqual(before);
    expect((await t.call('tips.informant', { tipId: o.withInformant.id })).informant).toMatchObject(INFORMANT);
  });
});
