/**
 * Incremental recomputation of the board (evaluation-cache.ts, evaluation-invalidate.ts; issue 16
 * item 2): after each kind of edit only the slices of the written tables are read again and only
 * the subjects the change reaches are decided again — and yet EVERY row of the board equals the
 * subject view of that subject, computed in full from the records and never cached. An incident
 * moved from a residential area of one commune to one of another must update both areas and both
 * communes (the old place and the new one).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { BoardRowDto } from '../../../shared/ipc/contracts/evaluation.contract';
import { lastBoardLoad } from '../../../electron/backend/services/evaluation-cache';
import { startBackend, type TestBackend } from '../../support/backend';
import { useTempDir } from '../../support/temp-dir';
import {
  cacheTestGround,
  councilOverride,
  documentedRegistration,
  provinceRuleSetImport,
  seriousIncident,
} from '../../support/evaluation-inputs';
import { GIA_VIEN_SETUP } from '../../support/offices';

const TO_BAO_VE_KIND = '9068e308-4a4e-4512-9e34-06939b518384';
const YEAR = 2025;
const tmp = useTempDir('antq-eval-cache-subjects-');
let t: TestBackend;
const ids = { hoa: '', hung: '', a1: '', a2: '', b1: '', school: '' };

beforeEach(async () => {
  t = await startBackend(tmp.path(), '2026-11-22T03:00:00.000Z');
  await t.call('office.setup', GIA_VIEN_SETUP);
  Object.assign(ids, await cacheTestGround(t));
});
afterEach(() => t.close());

const incident = (unitId: string, organizationId: string | null = null) => seriousIncident(unitId, organizationId);

type Seen = Pick<BoardRowDto, 'live' | 'failing' | 'missing' | 'status' | 'name' | 'parentName'>;

/** The board, every row checked against its subject's view (full pass, not cached). */
async function board(): Promise<Map<string, Seen>> {
  const b = await t.call('evaluation.board', { year: YEAR, category: null, unitId: null });
  const out = new Map<string, Seen>();
  for (const r of b.rows) {
    const view = await t.call('evaluation.subject', { subjectType: r.subjectType, subjectId: r.subjectId, year: YEAR });
    const what = `${r.name} (${r.subjectType})`;
    expect(r.live, what).toBe(view.live.overall);
    expect(r.failing, what).toEqual(view.live.rules.filter((x) => x.verdict === 'khong_dat').map((x) => x.ruleId));
    expect(r.missing, what).toEqual(view.live.rules.filter((x) => x.verdict === 'thieu_du_lieu').map((x) => x.ruleId));
    expect(r.status, what).toBe(view.status);
    expect(r.name, what).toBe(view.name);
    expect(r.parentName, what).toBe(view.parentName);
    out.set(r.subjectId, {
      live: r.live,
      failing: r.failing,
      missing: r.missing,
      status: r.status,
      name: r.name,
      parentName: r.parentName,
    });
  }
  return out;
}

const changedRows = (a: Map<string, Seen>, b: Map<string, Seen>) =>
  [...b.keys()].filter((k) => JSON.stringify(a.get(k)) !== JSON.stringify(b.get(k))).sort();

describe('the board recomputes only what an edit reaches, and every row stays right', () => {
  it('an incident moved from one commune to another updates both places; other edits reach their subjects', async () => {
    const saved = await t.call('activities.save', { kind: 'incidents', id: null, record: incident(ids.a1) });
    const incidentId = (saved as { row: { id: string } }).row.id;
    let before = await board();

    // Moved from Thôn Đệm (Xã Gia Hòa) to Thôn Thượng (Xã Gia Hưng): only the incidents are read.
    await t.call('activities.save', { kind: 'incidents', id: incidentId, record: incident(ids.b1) });
    let after = await board();
    expect(lastBoardLoad().read, 'after moving an incident').toEqual(['incidents']);
    expect(changedRows(before, after)).toEqual(expect.arrayContaining([ids.a1, ids.b1].sort()));
    before = after;

    const steps: [string, () => Promise<unknown>, string[]][] = [
      [
        'a registration',
        () => t.call('evaluation.register', documentedRegistration('unit', ids.a2, YEAR, { householdsRegistered: 120 })),
        ['registrations'],
      ],
      [
        'households',
        () => t.call('unitStats.upsert', { rows: [{ unitId: ids.a2, year: YEAR, households: 400, residents: 450, trongDiem: false }] }),
        ['households'],
      ],
      [
        'an attestation',
        () =>
          t.call('evaluation.attest', {
            subjectType: 'unit',
            subjectId: ids.b1,
            year: YEAR,
            ruleId: 'KDC-2',
            value: true,
            by: 'Đại úy Lê Văn Cường',
            on: '2025-11-03',
            note: null,
          }),
        ['attestations'],
      ],
      [
        "a team's rating",
        async () => {
          const team = await t.call('massOrgs.create', {
            kindId: TO_BAO_VE_KIND,
            unitId: ids.a2,
            name: 'Tổ bảo vệ ANTT Thôn Hạ',
            decisionIssuer: null,
            decisionNumber: null,
            decisionDate: null,
            validFrom: '2024-01-01',
            note: null,
          });
          await t.call('massOrgs.rate', { id: team.id, year: YEAR, level: 'hoan_thanh_tot', notRatedReason: null, reasonNote: null });
        },
        ['teamRatings'],
      ],
      ['an override', () => t.call('evaluation.override', councilOverride(ids.a1, YEAR)), ['overrides']],
      [
        "an organisation's incident",
        () => t.call('activities.save', { kind: 'incidents', id: null, record: incident(ids.hung, ids.school) }),
        ['incidents'],
      ],
      ['a record deleted', () => t.call('activities.delete', { kind: 'incidents', id: incidentId }), ['incidents']],
    ];
    for (const [what, write, slices] of steps) {
      // Loaded again before the write: the next board is computed from this one.
      await t.call('evaluation.board', { year: YEAR, category: null, unitId: null });
      await write();
      const b = await t.call('evaluation.board', { year: YEAR, category: null, unitId: null });
      const report = lastBoardLoad();
      expect(report.read, `slices read after ${what}`).toEqual(slices);
      expect(report.keptVerdicts, `verdicts kept after ${what}`).toBeGreaterThan(0);
      expect(report.keptVerdicts, `verdicts kept after ${what}`).toBeLessThan(b.rows.length);
      after = await board();
      expect(changedRows(before, after).length, `rows changed after ${what}`).toBeGreaterThan(0);
      before = after;
    }
  });

  it('a unit change and a rule-set import recompute the year, and every row is right', async () => {
    await t.call('activities.save', { kind: 'incidents', id: null, record: incident(ids.a2) });
    const before = await board();
    const area = (await t.call('units.list', { includeEnded: false })).find((u) => u.id === ids.a2)!;
    await t.call('units.update', { id: ids.a2, name: 'Thôn Hạ Nam', kind: area.kind, code: area.code, validFrom: area.validFrom });
    await t.call('evaluation.board', { year: YEAR, category: null, unitId: null });
    // A rename re-keys the unit's records for the lists (migration 0025: the incident saved above), so
    // the incidents slice is read again with the units; nothing else is.
    expect(lastBoardLoad()).toMatchObject({ read: ['units', 'incidents'], keptVerdicts: 0 });
    const renamed = await board();
    expect(renamed.get(ids.a2)!.name).toBe('Thôn Hạ Nam');
    expect(changedRows(before, renamed)).toContain(ids.a2);

    await t.call('ruleSets.import', provinceRuleSetImport());
    await t.call('evaluation.board', { year: YEAR, category: null, unitId: null });
    expect(lastBoardLoad()).toMatchObject({ read: [], rulesRead: true, keptVerdicts: 0 });
    const imported = await board();
    expect([...imported.get(ids.a2)!.failing, ...imported.get(ids.a2)!.missing]).toContain('NB-1');
  });
});
