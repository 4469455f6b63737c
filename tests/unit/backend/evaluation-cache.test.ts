/**
 * The board's cache (evaluation-cache.ts, issue 16 item 4): the board is computed from cached
 * records and verdicts while no input table is written, so every kind of write the evaluation
 * reads must show on the next board — a residential area's figures, its registration, an incident,
 * its team's rating, an attestation, an override, the evaluation settings and an imported rule set —
 * and a restore must bring back the board of the restored file. At every step the board's row is
 * what the subject view (computed in full, never cached) says.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { BoardRowDto } from '../../../shared/ipc/contracts/evaluation.contract';
import { startBackend, type TestBackend } from '../../support/backend';
import { useTempDir } from '../../support/temp-dir';
import { councilOverride, documentedRegistration, provinceRuleSetImport, seriousIncident } from '../../support/evaluation-inputs';
import { GIA_VIEN_SETUP } from '../../support/offices';

const TO_BAO_VE_KIND = '9068e308-4a4e-4512-9e34-06939b518384';
const YEAR = 2025;
const tmp = useTempDir('antq-eval-cache-');
let t: TestBackend;
let areaId = '';

beforeEach(async () => {
  t = await startBackend(tmp.path(), '2026-11-22T03:00:00.000Z');
  await t.call('office.setup', GIA_VIEN_SETUP);
  const commune = (await t.call('units.list', { includeEnded: false })).find((u) => u.name === 'Xã Gia Hòa')!;
  areaId = (await t.call('units.create', { parentId: commune.id, name: 'Thôn Đệm', kind: 'thon', code: null, validFrom: '2020-01-01' })).id;
});
afterEach(() => t.close());

const subject = { subjectType: 'unit' as const, year: YEAR };

/** The area's board row, checked against the subject view (full pass, no cache). */
async function row(): Promise<Pick<BoardRowDto, 'live' | 'failing' | 'missing' | 'status'>> {
  const board = await t.call('evaluation.board', { year: YEAR, category: null, unitId: null });
  const r = board.rows.find((x) => x.subjectId === areaId)!;
  const view = await t.call('evaluation.subject', { ...subject, subjectId: areaId });
  expect(r.live).toBe(view.live.overall);
  expect(r.failing).toEqual(view.live.rules.filter((x) => x.verdict === 'khong_dat').map((x) => x.ruleId));
  expect(r.missing).toEqual(view.live.rules.filter((x) => x.verdict === 'thieu_du_lieu').map((x) => x.ruleId));
  return { live: r.live, failing: r.failing, missing: r.missing, status: r.status };
}

describe('the evaluation board cache', () => {
  it('every write the evaluation reads shows on the next board', async () => {
    let before = await row();
    // Loading twice with nothing written gives the same board (served from the cache).
    expect(await row()).toEqual(before);
    const changes: [string, () => Promise<unknown>][] = [
      ['registration', () => t.call('evaluation.register', documentedRegistration('unit', areaId, YEAR, { householdsRegistered: 120 }))],
      [
        'households',
        () => t.call('unitStats.upsert', { rows: [{ unitId: areaId, year: YEAR, households: 120, residents: 450, trongDiem: false }] }),
      ],
      [
        'attestation',
        () =>
          t.call('evaluation.attest', {
            ...subject,
            subjectId: areaId,
            ruleId: 'KDC-2',
            value: true,
            by: 'Đại úy Lê Văn Cường',
            on: '2025-11-03',
            note: null,
          }),
      ],
      [
        "the team's rating",
        async () => {
          const team = await t.call('massOrgs.create', {
            kindId: TO_BAO_VE_KIND,
            unitId: areaId,
            name: 'Tổ bảo vệ ANTT Thôn Đệm',
            decisionIssuer: null,
            decisionNumber: null,
            decisionDate: null,
            validFrom: '2024-01-01',
            note: null,
          });
          await t.call('massOrgs.rate', { id: team.id, year: YEAR, level: 'hoan_thanh_tot', notRatedReason: null, reasonNote: null });
        },
      ],
      ['an incident', () => t.call('activities.save', { kind: 'incidents', id: null, record: seriousIncident(areaId) })],
      ['an override', () => t.call('evaluation.override', councilOverride(areaId, YEAR))],
    ];
    for (const [what, write] of changes) {
      await write();
      const after = await row();
      expect(after, `the board did not change after ${what}`).not.toEqual(before);
      before = after;
    }
  });

  it('the settings and an imported rule set show on the next board', async () => {
    await t.call('activities.save', { kind: 'incidents', id: null, record: seriousIncident(areaId) });
    const before = await row();
    await t.call('ruleSets.import', provinceRuleSetImport());
    const imported = await row();
    expect([...imported.failing, ...imported.missing]).toContain('NB-1');
    expect(before.failing.concat(before.missing)).not.toContain('NB-1');
    const settings = await t.call('evaluationSettings.get', {});
    await t.call('evaluationSettings.set', {
      reducedMeans: settings.settings.reducedMeans === 'lte' ? 'lt' : 'lte',
      subunitPool: settings.settings.subunitPool,
      by: 'Quản trị',
    });
    // The row is checked against the subject view inside row(): the settings were read afresh.
    await row();
  });

  it('a restore brings back the board of the restored file', async () => {
    const clean = await row();
    const backup = await t.call('backups.create', {});
    await t.call('activities.save', { kind: 'incidents', id: null, record: seriousIncident(areaId) });
    const edited = await row();
    expect(edited).not.toEqual(clean);
    await t.call('backups.restore', { id: backup.id });
    expect(await row()).toEqual(clean);
  });
});
