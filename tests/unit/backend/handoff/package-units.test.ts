/**
 * The unit list of a province package applied at an office (issue 12 item 9), on two real
 * backends: Công an tỉnh Ninh Bình (pre-2025 catalogue, its districts and communes) and Công an
 * huyện Gia Viễn. Each change kind goes through the units service's rules and writes its history
 * with the package's reason; conflicts are applied as chosen; units outside the district are
 * ignored; a refusal of any change rolls the whole package back; the same list twice changes nothing.
 */
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startBackend, type TestBackend } from '../../../support/backend';
import { makeTempDir, removeDir } from '../../../support/temp-dir';
import { queryAll, queryOne } from '../../../support/sqlite';
import { tableChecksums } from '../../../support/handoff-package';
import { GIA_VIEN_SETUP, NINH_BINH_SETUP, organizationInput } from '../../../support/offices';
import { fileIdentity } from '../../../../electron/backend/handoff/identity';
import type { MethodInput } from '../../../../shared/ipc/contract';

let dirs: string[] = [];
let province: TestBackend;
let office: TestBackend;
let out: string;

function dir(prefix: string): string {
  const d = makeTempDir(prefix);
  dirs.push(d);
  return d;
}

beforeEach(async () => {
  province = await startBackend(dir('antq-pku-tinh-'));
  office = await startBackend(dir('antq-pku-huyen-'));
  out = dir('antq-pku-usb-');
  await province.call('office.setup', { ...NINH_BINH_SETUP, importChildren: true });
  await office.call('office.setup', GIA_VIEN_SETUP);
});
afterEach(() => {
  province.close();
  office.close();
  for (const d of dirs) removeDir(d);
  dirs = [];
});

/** The reason every history row of package n carries (the test clock: 22/11/2026). */
const REASON = (n: number) => `Theo gói dữ liệu Công an tỉnh số ${n} ngày 22/11/2026`;

async function unitOf(b: TestBackend, code: string) {
  const u = (await b.call('units.list', { includeEnded: true })).find((x) => x.code === code);
  if (!u) throw new Error(`no unit ${code}`);
  return u;
}

async function rename(b: TestBackend, code: string, name: string, newCode?: string) {
  const u = await unitOf(b, code);
  return b.call('units.update', { id: u.id, name, kind: u.kind, code: newCode ?? u.code, validFrom: u.validFrom });
}

async function make(): Promise<string> {
  return (await province.call('handoffPackage.make', { folder: out, rotateKey: false })).path;
}

type Choices = MethodInput<'handoffPackage.apply'>['unitChoices'];

async function apply(file: string, unitChoices: Choices = []) {
  const preview = await office.call('handoffPackage.inspect', { path: file });
  const confirm = preview.signer.status === 'unpinned' ? preview.signer.fingerprint : null;
  return office.call('handoffPackage.apply', { path: file, sha256: preview.sha256, confirmFingerprint: confirm, unitChoices });
}

const applicable = async (file: string) =>
  (await office.call('handoffPackage.inspect', { path: file })).units.changes.filter((c) => c.applicable);

/** The unit tree's tables (units and their history). */
function unitTables(file: string) {
  const all = tableChecksums(file);
  return { units: all['units'], unit_changes: all['unit_changes'], unit_names: all['unit_names'], unit_parents: all['unit_parents'] };
}

describe("a package's unit list at an office", () => {
  it('applies renames, code changes, ends and new units in scope with the history an edit writes; ignores the rest', async () => {
    const db = office.backend.databasePath;
    const giaPhu = await unitOf(office, '14482');
    const org = await office.call('organizations.create', organizationInput(giaPhu.id, 'Trường THCS Gia Phú'));
    const root = await unitOf(office, '373');
    await office.call('units.create', {
      parentId: root.id,
      name: 'Xã Riêng Của Huyện',
      kind: 'xa',
      code: '88888',
      validFrom: '2026-01-01',
    });

    await rename(province, '14467', 'Xã Gia Hòa Mới');
    await rename(province, '14470', 'Xã Gia Hưng', '14471');
    await province.call('units.end', { id: (await unitOf(province, '14482')).id, validTo: '2026-10-31', reason: 'Sáp nhập' });
    const district = await unitOf(province, '373');
    await province.call('units.create', { parentId: district.id, name: 'Xã Gia Mới', kind: 'xa', code: '99001', validFrom: '2026-11-01' });
    // Another district's commune: outside Gia Viễn's scope.
    await rename(province, '14320', 'Phường Đông Thành Mới');

    const file = await make();
    const preview = await office.call('handoffPackage.inspect', { path: file });
    expect(preview.units.compared).toBe(true);
    expect(preview.units.changes.map((c) => [c.kind, c.code, c.name, c.before, c.after, c.applicable, c.conflict])).toEqual([
      ['renamed', '14467', 'Xã Gia Hòa', 'Xã Gia Hòa', 'Xã Gia Hòa Mới', true, null],
      ['recoded', '14471', 'Xã Gia Hưng', '14470', '14471', true, null],
      ['ended', '14482', 'Xã Gia Phú', null, '2026-10-31', true, null],
      ['missing', '88888', 'Xã Riêng Của Huyện', null, null, false, null],
      ['added', '99001', 'Xã Gia Mới', null, 'Xã Gia Mới', true, null],
    ]);

    const applied = await apply(file);
    expect(applied.units).toEqual({ renamed: 1, recoded: 1, ended: 1, added: 1 });
    expect(applied.message).toContain('đơn vị hành chính: đổi tên 1, đổi mã 1, kết thúc 1, thêm 1');
    const row = (code: string) =>
      queryOne<{ name: string; valid_to: string | null; end_reason: string | null; deleted_at: string | null }>(
        db,
        'SELECT name, valid_to, end_reason, deleted_at FROM units WHERE code = ?',
        code,
      );
    expect(row('14467')).toMatchObject({ name: 'Xã Gia Hòa Mới', valid_to: null });
    expect(row('14470')).toBeUndefined();
    expect(row('14471')).toMatchObject({ name: 'Xã Gia Hưng', valid_to: null });
    // Ended, not removed: its organisation is still there, in it.
    expect(row('14482')).toEqual({ name: 'Xã Gia Phú', valid_to: '2026-10-31', end_reason: REASON(1), deleted_at: null });
    expect(queryOne(db, 'SELECT unit_id, deleted_at FROM organizations WHERE id = ?', org.id)).toEqual({
      unit_id: giaPhu.id,
      deleted_at: null,
    });
    expect(row('99001')).toMatchObject({ name: 'Xã Gia Mới', valid_to: null, deleted_at: null });
    expect(queryOne(db, 'SELECT valid_from FROM units WHERE code = ?', '99001')).toEqual({ valid_from: '2026-11-01' });
    expect(row('88888')).toMatchObject({ name: 'Xã Riêng Của Huyện', valid_to: null });
    expect(queryOne(db, "SELECT count(*) AS n FROM units WHERE code = '14320' OR deleted_at IS NOT NULL")).toEqual({ n: 0 });
    // The history rows an officer's edit writes, with the package's reason.
    expect(
      queryAll(
        db,
        'SELECT u.code, c.action, c.summary FROM unit_changes c JOIN units u ON u.id = c.unit_id WHERE c.reason = ? ORDER BY u.code, c.action',
        REASON(1),
      ),
    ).toEqual([
      { code: '14467', action: 'update', summary: 'Đổi tên "Xã Gia Hòa" thành "Xã Gia Hòa Mới".' },
      { code: '14471', action: 'update', summary: 'Đổi mã "14470" thành "14471".' },
      { code: '14482', action: 'end', summary: 'Kết thúc hoạt động từ ngày 31/10/2026.' },
      { code: '99001', action: 'create', summary: 'Thêm xã "Xã Gia Mới" thuộc "Huyện Gia Viễn", hoạt động từ 01/11/2026.' },
    ]);
    // The old name stays the name of the unit's past (unit_names), as after an edit on screen.
    expect(queryAll(db, "SELECT n.name FROM unit_names n JOIN units u ON u.id = n.unit_id WHERE u.code = '14467'")).toEqual([
      { name: 'Xã Gia Hòa' },
    ]);

    // The same package again is refused as a replay; the same list in the next package changes no unit.
    const before = tableChecksums(db);
    expect((await office.fail('handoffPackage.inspect', { path: file })).details?.['reason']).toBe('REPLAY');
    expect(tableChecksums(db)).toEqual(before);
    const second = await make();
    expect(await applicable(second)).toEqual([]);
    const trees = unitTables(db);
    expect((await apply(second)).units).toEqual({ renamed: 0, recoded: 0, ended: 0, added: 0 });
    expect(unitTables(db)).toEqual(trees);
  });

  it('shows conflicts and applies each as the officer chose; an unchosen conflict refuses the package', async () => {
    const db = office.backend.databasePath;
    await apply(await make());
    // The office renames two communes itself and gives Liên Sơn a code of its own.
    await rename(office, '14467', 'Xã Gia Hòa (huyện đặt)');
    await rename(office, '14470', 'Xã Gia Hưng (huyện đặt)');
    await rename(office, '14473', 'Xã Liên Sơn', '55555');
    // The province renames the same two and adds a commune with that code.
    await rename(province, '14467', 'Xã Gia Hòa Mới');
    await rename(province, '14470', 'Xã Gia Hưng Mới');
    const district = await unitOf(province, '373');
    await province.call('units.create', { parentId: district.id, name: 'Xã Năm Năm', kind: 'xa', code: '55555', validFrom: '2026-11-01' });

    const file = await make();
    const changes = await applicable(file);
    expect(changes.map((c) => [c.kind, c.code, c.before, c.after, c.conflict, c.ours])).toEqual([
      ['renamed', '14467', 'Xã Gia Hòa (huyện đặt)', 'Xã Gia Hòa Mới', 'office-changed', 'Xã Gia Hòa (huyện đặt)'],
      ['renamed', '14470', 'Xã Gia Hưng (huyện đặt)', 'Xã Gia Hưng Mới', 'office-changed', 'Xã Gia Hưng (huyện đặt)'],
      ['added', '55555', null, 'Xã Năm Năm', 'code-taken', 'Xã Liên Sơn'],
    ]);
    const key = (code: string) => changes.find((c) => c.code === code)!.key;

    const before = tableChecksums(db);
    const preview = await office.call('handoffPackage.inspect', { path: file });
    const missing = await office.fail('handoffPackage.apply', {
      path: file,
      sha256: preview.sha256,
      confirmFingerprint: null,
      unitChoices: [{ key: key('14467'), choice: 'office' }],
    });
    expect(missing.code).toBe('VALIDATION');
    expect(missing.message).toContain('"Xã Gia Hưng (huyện đặt)" (mã 14470)');
    expect(missing.message).toContain('"Xã Năm Năm" (mã 55555)');
    expect(tableChecksums(db)).toEqual(before);

    await apply(file, [
      { key: key('14467'), choice: 'office' },
      { key: key('14470'), choice: 'province' },
      { key: key('55555'), choice: 'province' },
    ]);
    const names = queryAll(
      db,
      "SELECT code, name FROM units WHERE name LIKE 'Xã Gia H%' OR name IN ('Xã Liên Sơn', 'Xã Năm Năm') ORDER BY name",
    );
    expect(names).toEqual([
      { code: '14467', name: 'Xã Gia Hòa (huyện đặt)' },
      { code: '14470', name: 'Xã Gia Hưng Mới' },
      { code: null, name: 'Xã Liên Sơn' },
      { code: '55555', name: 'Xã Năm Năm' },
    ]);
    expect(
      queryAll(
        db,
        "SELECT c.summary FROM unit_changes c JOIN units u ON u.id = c.unit_id WHERE u.name = 'Xã Liên Sơn' AND c.reason = ?",
        REASON(2),
      ),
    ).toEqual([{ summary: 'Đổi mã "55555" thành "—".' }]);
    // Kept ours: the next package (the province unchanged) does not ask again.
    expect(await applicable(await make())).toEqual([]);
  });

  it('rolls the whole package back when one change is refused by the units service', async () => {
    const db = office.backend.databasePath;
    await make();
    // The office records that Gia Phú began on 15/11/2026; the province ends it on 31/10/2026.
    const giaPhu = await unitOf(office, '14482');
    await office.call('units.update', { id: giaPhu.id, name: giaPhu.name, kind: giaPhu.kind, code: giaPhu.code, validFrom: '2026-11-15' });
    await province.call('handoffPackage.setPolicy', { policy: { mass_org_members: ['phone'] } });
    await rename(province, '14467', 'Xã Gia Hòa Mới');
    await province.call('units.end', { id: (await unitOf(province, '14482')).id, validTo: '2026-10-31', reason: 'Sáp nhập' });
    const file = await make();

    const before = tableChecksums(db);
    const preview = await office.call('handoffPackage.inspect', { path: file });
    expect(preview.units.changes.filter((c) => c.applicable).map((c) => c.kind)).toEqual(['renamed', 'ended']);
    const e = await office.fail('handoffPackage.apply', {
      path: file,
      sha256: preview.sha256,
      confirmFingerprint: preview.signer.fingerprint,
      unitChoices: [],
    });
    expect(e.code).toBe('RULE');
    expect(e.message).toBe(
      'Không áp dụng được gói (không có gì thay đổi): đơn vị "Xã Gia Phú" (mã 14482): Ngày kết thúc (31/10/2026) không được trước ngày bắt đầu (15/11/2026).',
    );
    // Nothing: not the rename before it, not the key, the policy or the package record.
    expect(tableChecksums(db)).toEqual(before);
    expect(queryOne(db, "SELECT name FROM units WHERE code = '14467'")).toEqual({ name: 'Xã Gia Hòa' });
  });

  it('compares nothing with a province on the other era and changes no unit', async () => {
    const other = await startBackend(dir('antq-pku-tinh2-'));
    try {
      await other.call('office.setup', { ...NINH_BINH_SETUP, era: 'sau_2025', importChildren: true, code: 'T37B' });
      const made = await other.call('handoffPackage.make', { folder: out, rotateKey: false });
      const preview = await office.call('handoffPackage.inspect', { path: made.path });
      expect(preview.units).toMatchObject({ era: 'sau_2025', compared: false, changes: [] });
      const trees = unitTables(office.backend.databasePath);
      const fp = (await fileIdentity(path.dirname(other.backend.databasePath)).readOrCreate()).fingerprint;
      await office.call('handoffPackage.apply', { path: made.path, sha256: preview.sha256, confirmFingerprint: fp, unitChoices: [] });
      expect(unitTables(office.backend.databasePath)).toEqual(trees);
    } finally {
      other.close();
    }
  });
});
