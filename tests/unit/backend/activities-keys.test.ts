/**
 * The activity lists' stored keys (migration 0025, repos/activities.keys.ts) stay right on every
 * write path: activities.save (new and edited), activities.saveMany, the Excel import (new and
 * updated rows), a hand-off applied at the province (new rows, then an edited one), a unit renamed
 * (its records re-sort) and rows written by another program (computed when the file opens).
 * Each check recomputes the keys here from the rows and the units (the list's shown texts, sorted
 * with vietnameseSortKey, searched with foldVietnamese) and reads the list's order through
 * activities.page.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { UnitDto } from '../../../shared/ipc/contract';
import { ACTIVITY_FIELDS, ACTIVITY_KINDS, ACTIVITY_KIND_INFO, activityField, type ActivityKind } from '../../../shared/domain/activities';
import { OWNERSHIP_TEXTS } from '../../../shared/domain/ownership';
import { vietnameseSortKey } from '../../../shared/lib/sort-key';
import { foldVietnamese } from '../../../shared/lib/text';
import { startBackend, type TestBackend } from '../../support/backend';
import { useTempDir } from '../../support/temp-dir';
import { queryAll } from '../../support/sqlite';
import { propagandaSheet } from '../../support/propaganda-sheet';
import { LAO_CAI_SETUP, SA_PA_SETUP } from '../../support/handoff-offices';
import { identityOf, payloadOf, snapshotFile } from '../../support/handoff-files';
import { TABLES, activityApi, sampleRecords, setupGiaVien } from './activities-records';

const START = '2026-11-22T03:00:00.000Z';
const tmp = useTempDir('antq-activities-keys-');

type Row = Record<string, string | number | null>;
const snake = (key: string) => key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/** What the list shows for a title field's stored value. */
function shown(kind: ActivityKind, key: string, v: string | number | null): string {
  const f = activityField(kind, key);
  if (f.type === 'enum') return v === null ? '' : (f.options?.[String(v)] ?? String(v));
  return v === null ? (f.required ? OWNERSHIP_TEXTS.unknown : '') : String(v);
}

/** Every row of every kind carries the keys made from it and its unit now; returns how many rows were checked. */
function expectKeysRight(file: string): number {
  const units = new Map(
    queryAll<{ id: string; name: string; sort_key: string | null }>(file, 'SELECT id, name, sort_key FROM units').map((u) => [u.id, u]),
  );
  for (const u of units.values()) expect(u.sort_key, u.name).toBe(vietnameseSortKey(u.name));
  let n = 0;
  for (const kind of ACTIVITY_KINDS) {
    const { fields } = ACTIVITY_KIND_INFO[kind].title;
    for (const r of queryAll<Row>(file, `SELECT * FROM ${TABLES[kind]}`)) {
      const where = `${kind} ${String(r['id'])}`;
      expect(r['sort_unit'], where).toBe(vietnameseSortKey(units.get(String(r['unit_id']))!.name));
      fields.forEach((key, i) => {
        expect(r[i === 0 ? 'sort_title' : `sort_title${i + 1}`], where).toBe(vietnameseSortKey(shown(kind, key, r[snake(key)] ?? null)));
      });
      const own = ACTIVITY_FIELDS[kind].flatMap((f) => {
        const v = r[snake(f.key)] ?? null;
        if (f.type === 'text' || f.type === 'longtext') return [v === null ? '' : String(v)];
        if (f.type === 'enum' && f.options) return [v === null ? '' : (f.options[String(v)] ?? '')];
        return [];
      });
      expect(r['search_folded'], where).toBe(foldVietnamese(own.join(' ')));
      n++;
    }
  }
  return n;
}

/** The default order's page of propaganda: topics in list order. */
async function topics(t: TestBackend, search = ''): Promise<string[]> {
  const out = await t.call('activities.page', {
    kind: 'propaganda',
    unitId: null,
    from: null,
    to: null,
    search,
    category: null,
    page: { offset: 0, limit: 100, sort: 'default', dir: 'asc' },
  });
  return (out.rows as { topic: string }[]).map((r) => r.topic);
}

describe('the stored keys at one office', () => {
  let t: TestBackend;
  let hoa: UnitDto;
  let hung: UnitDto;
  beforeEach(async () => {
    t = await startBackend(tmp.path(), START);
    const unit = await setupGiaVien(t);
    hoa = unit('Xã Gia Hòa');
    hung = unit('Xã Gia Hưng');
  });
  afterEach(() => t.close());

  it('save, an edit, saveMany and every kind: the keys are the row’s', async () => {
    const api = activityApi(t);
    const samples = sampleRecords(hoa.id);
    for (const kind of ACTIVITY_KINDS) await api.save(kind, samples[kind]);
    const p = await api.save('propaganda', { ...samples.propaganda, topic: 'Ước mơ an toàn', date: '2026-03-10' });
    expect(expectKeysRight(t.backend.databasePath)).toBe(7);
    // An edit of the title, the unit and an enum the search looks in.
    await api.save(
      'propaganda',
      { ...samples.propaganda, topic: 'Bà Rịa an ninh', unitId: hung.id, date: '2026-03-10', purpose: 'phat_dong' },
      p.id,
    );
    await t.call(
      'activities.saveMany',
      api.saveManyInput('propaganda', [
        { ...samples.propaganda, topic: 'Đào tạo', date: '2026-03-10' },
        { ...samples.propaganda, topic: 'ba', date: '2026-03-10', venue: null },
      ]),
    );
    expect(expectKeysRight(t.backend.databasePath)).toBe(9);
    // Same day and unit order by title; the edited one moved to Gia Hưng (after Gia Hòa).
    const day = (await topics(t)).filter((x) => ['Đào tạo', 'ba', 'Bà Rịa an ninh'].includes(x));
    expect(day).toEqual(['ba', 'Đào tạo', 'Bà Rịa an ninh']);
    expect(await topics(t, 'gia hung')).toEqual(['Bà Rịa an ninh']);
    expect(await topics(t, 'ba ria hung')).toEqual(['Bà Rịa an ninh']);
  });

  it('the Excel import of new rows: the keys are the row’s (an imported update is an edit: updateActivity)', async () => {
    const sheet = await propagandaSheet(30);
    expect(await t.call('xlsx.commit', { registry: 'propaganda', fileBase64: sheet })).toMatchObject({ created: 30 });
    expect(expectKeysRight(t.backend.databasePath)).toBe(30);
    expect(await topics(t, 'chu de so 17')).toEqual(['Chủ đề số 17']);
  });

  it('a unit renamed: its records carry its new key and the list re-sorts', async () => {
    const api = activityApi(t);
    const rec = sampleRecords(hoa.id).propaganda;
    await api.save('propaganda', { ...rec, topic: 'Ở Gia Hòa', date: '2026-03-10' });
    await api.save('propaganda', { ...rec, topic: 'Ở Gia Hưng', unitId: hung.id, date: '2026-03-10' });
    expect(await topics(t)).toEqual(['Ở Gia Hòa', 'Ở Gia Hưng']);
    expect(await topics(t, 'quynh lam')).toEqual([]);
    await t.call('units.update', { id: hoa.id, name: 'Xã Quỳnh Lâm', kind: hoa.kind, code: hoa.code, validFrom: hoa.validFrom });
    expect(expectKeysRight(t.backend.databasePath)).toBe(2);
    expect(await topics(t)).toEqual(['Ở Gia Hưng', 'Ở Gia Hòa']);
    // The unit's name is searched as it is now ("truyen" holds "yen": a word of the new name only).
    expect(await topics(t, 'quynh lam')).toEqual(['Ở Gia Hòa']);
  });

  it('rows another program wrote without keys get them when the file opens', async () => {
    const api = activityApi(t);
    const rec = sampleRecords(hoa.id).propaganda;
    await api.save('propaganda', { ...rec, topic: 'Một', date: '2026-03-10' });
    const file = t.backend.databasePath;
    t.close();
    const db = new BetterSqlite3(file);
    try {
      db.exec(`UPDATE units SET name = 'Xã Ấp Mới' WHERE id = '${hoa.id}'`);
      const row = db.prepare('SELECT * FROM propaganda_sessions').get() as Row;
      const cols = Object.keys(row).filter((c) => !['sort_unit', 'sort_title', 'search_folded'].includes(c));
      db.prepare(`INSERT INTO propaganda_sessions (${cols.join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`).run(
        cols.map((c) => (c === 'id' ? crypto.randomUUID() : c === 'topic' ? 'Hai' : row[c])),
      );
    } finally {
      db.close();
    }
    t = await startBackend(tmp.path(), START);
    expect(expectKeysRight(t.backend.databasePath)).toBe(2);
  });
});

describe('the stored keys at the province, from a hand-off', () => {
  let office: TestBackend;
  let province: TestBackend;
  afterEach(() => {
    office.close();
    province.close();
  });

  it('rows applied from an office’s file, then one edited there and applied again', async () => {
    office = await startBackend(path.join(tmp.path(), 'office'));
    const root = (await office.call('office.setup', SA_PA_SETUP)).office.rootUnitId;
    const rec = sampleRecords(root).propaganda;
    const first = await office.call('activities.save', { kind: 'propaganda', id: null, record: { ...rec, topic: 'Ấp Đông an toàn' } });
    await office.call('activities.save', { kind: 'propaganda', id: null, record: { ...rec, topic: 'Ba lần' } });
    province = await startBackend(path.join(tmp.path(), 'province'));
    await province.call('office.setup', LAO_CAI_SETUP);
    const officeKey = await identityOf(path.join(tmp.path(), 'office'));
    const provinceKey = await identityOf(path.join(tmp.path(), 'province'));
    const inbox = path.join(tmp.path(), 'usb');
    fs.mkdirSync(inbox);
    const db = new BetterSqlite3(province.backend.databasePath);
    try {
      db.prepare(
        `INSERT INTO handoff_peers (id, role, office_code, name, level, sign_public_key, age_recipient, fingerprint, status, source, confirmed_at, created_at, updated_at)
         VALUES (?, 'office', '03006', 'Công an phường Sa Pa', 'xa', ?, ?, ?, 'trusted', 'key-file', NULL, ?, ?)`,
      ).run(crypto.randomUUID(), officeKey.signPublicKey, officeKey.ageRecipient, officeKey.fingerprint, START, START);
    } finally {
      db.close();
    }
    const apply = async (sequence: number) => {
      const f = await snapshotFile({
        office: officeKey,
        province: provinceKey,
        payload: payloadOf(office.backend.databasePath, 2026, sequence),
      });
      const file = path.join(inbox, f.fileName);
      fs.writeFileSync(file, f.bytes);
      const [ready] = (await province.call('handoffInbox.inspect', { path: file })).files;
      expect(ready).toMatchObject({ status: 'ready' });
      await province.call('handoffInbox.apply', { path: file, sha256: ready!.sha256 });
    };
    await apply(1);
    expect(expectKeysRight(province.backend.databasePath)).toBe(2);
    expect(await topics(province, 'ap dong')).toEqual(['Ấp Đông an toàn']);
    await office.call('activities.save', { kind: 'propaganda', id: first.row.id, record: { ...rec, topic: 'Ước mơ' } });
    await apply(2);
    expect(expectKeysRight(province.backend.databasePath)).toBe(2);
    expect(await topics(province, 'uoc mo')).toEqual(['Ước mơ']);
    expect(await topics(province, 'ap dong')).toEqual([]);
  });
});
