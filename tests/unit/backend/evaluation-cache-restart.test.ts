/**
 * The board's verdicts kept in the file across restarts (evaluation-cache.kept.ts; issue 16 item 2):
 * a record changed in one session, the app closed and started again, and the next board decides
 * again only the subjects the change reaches — every row still equal to its subject's view (full
 * pass, never cached). A change the kept state cannot account for (the rule sets, a unit, a commit
 * it does not know of) computes the year whole; skipping that fallback fails these tests.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { BoardRowDto } from '../../../shared/ipc/contracts/evaluation.contract';
import { lastBoardLoad } from '../../../electron/backend/services/evaluation-cache';
import { startBackend, type TestBackend } from '../../support/backend';
import { useTempDir } from '../../support/temp-dir';
import { editOutsideApp, queryAll } from '../../support/sqlite';
import {
  cacheTestGround,
  councilOverride,
  documentedRegistration,
  provinceRuleSetImport,
  seriousIncident,
} from '../../support/evaluation-inputs';
import { GIA_VIEN_SETUP } from '../../support/offices';

const YEAR = 2025;
const NOW = '2026-11-22T03:00:00.000Z';
const tmp = useTempDir('antq-eval-cache-restart-');
let t: TestBackend;
const ids = { hoa: '', hung: '', a1: '', a2: '', b1: '', school: '', incident: '' };

const restart = async () => {
  t.close();
  t = await startBackend(tmp.path(), NOW);
};

beforeEach(async () => {
  t = await startBackend(tmp.path(), NOW);
  await t.call('office.setup', GIA_VIEN_SETUP);
  Object.assign(ids, await cacheTestGround(t));
  const saved = await t.call('activities.save', { kind: 'incidents', id: null, record: seriousIncident(ids.a1, null) });
  ids.incident = (saved as { row: { id: string } }).row.id;
});
afterEach(() => t.close());

type Seen = Pick<BoardRowDto, 'live' | 'failing' | 'missing' | 'status' | 'name'>;

/** The board, every row checked against its subject's view (full pass, not cached). */
async function board(): Promise<Map<string, Seen>> {
  const b = await t.call('evaluation.board', { year: YEAR, category: null, unitId: null });
  const report = lastBoardLoad();
  const out = new Map<string, Seen>();
  for (const r of b.rows) {
    const view = await t.call('evaluation.subject', { subjectType: r.subjectType, subjectId: r.subjectId, year: YEAR });
    const what = `${r.name} (${r.subjectType})`;
    expect(r.live, what).toBe(view.live.overall);
    expect(r.failing, what).toEqual(view.live.rules.filter((x) => x.verdict === 'khong_dat').map((x) => x.ruleId));
    expect(r.missing, what).toEqual(view.live.rules.filter((x) => x.verdict === 'thieu_du_lieu').map((x) => x.ruleId));
    expect(r.status, what).toBe(view.status);
    expect(r.name, what).toBe(view.name);
    out.set(r.subjectId, { live: r.live, failing: r.failing, missing: r.missing, status: r.status, name: r.name });
  }
  lastSeen = report;
  return out;
}
let lastSeen = lastBoardLoad();

const changedRows = (a: Map<string, Seen>, b: Map<string, Seen>) =>
  [...b.keys()].filter((k) => JSON.stringify(a.get(k)) !== JSON.stringify(b.get(k))).sort();

const keptStates = () =>
  queryAll<{ n: number }>(t.backend.databasePath, "SELECT count(*) AS n FROM stored_reads WHERE name = 'evaluation.boardState'")[0]!.n;

describe('the board after a restart with an edit in between', () => {
  it('an incident moved between two sessions updates its old and new places; the rest is read back', async () => {
    const before = await board();
    // Moved from Thôn Đệm (Xã Gia Hòa) to Thôn Thượng (Xã Gia Hưng), then the app closes.
    await t.call('activities.save', { kind: 'incidents', id: ids.incident, record: seriousIncident(ids.b1, null) });
    await restart();
    const after = await board();
    expect(typeof lastSeen.restored, JSON.stringify(lastSeen)).toBe('number');
    expect(lastSeen.restored).toBeGreaterThan(0);
    expect(lastSeen.restored).toBeLessThan(after.size);
    expect(changedRows(before, after)).toEqual(expect.arrayContaining([ids.a1, ids.b1].sort()));
  });

  it('a session that only read the board back from the file carries the kept verdicts through its edits', async () => {
    const before = await board();
    await restart();
    // Read back from the file: nothing computed in this session.
    await t.call('evaluation.board', { year: YEAR, category: null, unitId: null });
    await t.call('activities.save', { kind: 'incidents', id: ids.incident, record: seriousIncident(ids.b1, null) });
    // Asked again in the same session: the kept verdicts with this session's touches.
    const same = await board();
    expect(typeof lastSeen.restored, JSON.stringify(lastSeen)).toBe('number');
    expect(changedRows(before, same)).toEqual(expect.arrayContaining([ids.a1, ids.b1].sort()));
    await restart();
    await t.call('evaluation.board', { year: YEAR, category: null, unitId: null });
    await t.call('activities.save', { kind: 'incidents', id: ids.incident, record: seriousIncident(ids.a2, null) });
    await restart();
    const after = await board();
    expect(typeof lastSeen.restored, JSON.stringify(lastSeen)).toBe('number');
    expect(lastSeen.restored).toBeLessThan(after.size);
    expect(changedRows(same, after)).toEqual(expect.arrayContaining([ids.a2, ids.b1].sort()));
  });

  it('the carried state written while the session is idle still takes the edits after it', async () => {
    const before = await board();
    await restart();
    await t.call('evaluation.board', { year: YEAR, category: null, unitId: null });
    const keyOf = () =>
      queryAll<{ k: string }>(t.backend.databasePath, "SELECT tables_key AS k FROM stored_reads WHERE name = 'evaluation.boardState'")[0]
        ?.k;
    const first = keyOf();
    await t.call('activities.save', { kind: 'incidents', id: ids.incident, record: seriousIncident(ids.b1, null) });
    // Until the idle write has stored the carried state under the new counters.
    for (let i = 0; i < 200 && keyOf() === first; i++) await new Promise((r) => setTimeout(r, 50));
    expect(keyOf()).not.toBe(first);
    await t.call('activities.save', { kind: 'incidents', id: ids.incident, record: seriousIncident(ids.a2, null) });
    await restart();
    const after = await board();
    expect(typeof lastSeen.restored, JSON.stringify(lastSeen)).toBe('number');
    expect(changedRows(before, after)).toEqual(expect.arrayContaining([ids.a1, ids.a2].sort()));
  });

  it('each kind of edit between two sessions reaches its subjects', async () => {
    let before = await board();
    const steps: [string, () => Promise<unknown>][] = [
      ['a registration', () => t.call('evaluation.register', documentedRegistration('unit', ids.a2, YEAR, { householdsRegistered: 120 }))],
      [
        'households',
        () => t.call('unitStats.upsert', { rows: [{ unitId: ids.a2, year: YEAR, households: 400, residents: 450, trongDiem: false }] }),
      ],
      ['an override', () => t.call('evaluation.override', councilOverride(ids.a1, YEAR))],
      [
        "an organisation's incident",
        () => t.call('activities.save', { kind: 'incidents', id: null, record: seriousIncident(ids.hung, ids.school) }),
      ],
      ['a record deleted', () => t.call('activities.delete', { kind: 'incidents', id: ids.incident })],
    ];
    for (const [what, write] of steps) {
      await write();
      await restart();
      const after = await board();
      expect(typeof lastSeen.restored, `${what}: ${JSON.stringify(lastSeen)}`).toBe('number');
      expect(lastSeen.restored, what).toBeLessThan(after.size);
      expect(changedRows(before, after).length, `rows changed after ${what}`).toBeGreaterThan(0);
      before = after;
    }
  });

  it('a rule-set import or a unit change between two sessions computes the year whole', async () => {
    await board();
    await t.call('ruleSets.import', provinceRuleSetImport());
    await restart();
    const imported = await board();
    expect(lastSeen.restored).toBe('the rule sets or settings changed');
    expect([...imported.get(ids.a2)!.failing, ...imported.get(ids.a2)!.missing]).toContain('NB-1');

    const area = (await t.call('units.list', { includeEnded: false })).find((u) => u.id === ids.a2)!;
    await t.call('units.update', { id: ids.a2, name: 'Thôn Hạ Nam', kind: area.kind, code: area.code, validFrom: area.validFrom });
    await restart();
    const renamed = await board();
    // A rename also re-keys the unit's records for the lists (a table the evaluation counts among its
    // rule tables), so either reason may come first: the year is computed whole either way.
    expect(['the units or organisations changed', 'the rule sets or settings changed']).toContain(lastSeen.restored);
    expect(renamed.get(ids.a2)!.name).toBe('Thôn Hạ Nam');
  });

  it('a commit the kept state does not know of (written after it, then a crash) computes the year whole', async () => {
    const before = await board();
    t.close();
    expect(keptStates()).toBe(1);
    // What a commit does (the row and its table's counter), with no session left to note its touch.
    editOutsideApp(t.backend.databasePath, (db) => {
      db.prepare('UPDATE incidents SET unit_id = ? WHERE id = ?').run(ids.b1, ids.incident);
      db.prepare("UPDATE table_versions SET version = version + 1 WHERE name = 'incidents'").run();
    });
    t = await startBackend(tmp.path(), NOW);
    const after = await board();
    expect(lastSeen.restored).toBe('nothing kept under these counters');
    expect(changedRows(before, after)).toEqual(expect.arrayContaining([ids.a1, ids.b1].sort()));
  });
});
