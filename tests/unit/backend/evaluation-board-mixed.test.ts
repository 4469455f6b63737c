/**
 * The board's verdicts on a larger mixed year (issue 16 item 2, h18-writes): the board decides each
 * subject from facts built without their sources (`buildFacts(…, lean)`, the verdicts-only pass),
 * with the rule-set lists checked once per kind and the rows ordered by ranked names. On a district
 * with residential areas, schools and agencies, incidents of every category in both windows (some
 * excused on an allowed ground, some with several occurrences), propaganda sessions,
 * tips, registrations with and without documents and households, every board row must carry the
 * verdicts the subject view computes in full (every criterion with its sources), and the rows must
 * come in the board's order (category, parent's name and name in Vietnamese order, id).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { INCIDENT_CATEGORIES } from '../../../shared/domain/incident-records';
import { allowedExcuses } from '../../../shared/domain/incident-categories';
import { compareVietnamese } from '../../../shared/lib/text';
import type { BoardRowDto } from '../../../shared/ipc/contracts/evaluation.contract';
import { startBackend, type TestBackend } from '../../support/backend';
import { useTempDir } from '../../support/temp-dir';
import { GIA_VIEN_SETUP, organizationInput } from '../../support/offices';
import { agencyInput, documentedRegistration, registrationInput } from '../../support/evaluation-inputs';
import { NO_TIP_RESULTS } from '../../support/tip-results';

const YEAR = 2025;
const tmp = useTempDir('antq-eval-mixed-');
let t: TestBackend;

beforeEach(async () => {
  t = await startBackend(tmp.path(), '2026-11-22T03:00:00.000Z');
  await t.call('office.setup', GIA_VIEN_SETUP);
});
afterEach(() => t.close());

/** A small deterministic generator (the same year on every run). */
function generator(seed: number) {
  let s = seed >>> 0;
  const next = () => {
    s = (Math.imul(s, 1_664_525) + 1_013_904_223) >>> 0;
    return s / 2 ** 32;
  };
  const int = (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1));
  const pick = <T>(xs: readonly T[]): T => xs[int(0, xs.length - 1)]!;
  /** A day of the evaluation window or of the one before it (2023-11 … 2025-11). */
  const day = () => {
    const d = new Date(Date.UTC(2023, 10, 1) + int(0, 745) * 86_400_000);
    return d.toISOString().slice(0, 10);
  };
  return { next, int, pick, day };
}

describe('the board on a mixed year', () => {
  it('gives every subject the verdicts of the full pass, in the board order', async () => {
    const g = generator(20251122);
    const communes = (await t.call('units.list', { includeEnded: false })).filter((u) => u.level === 'xa').slice(0, 6);
    const places: string[] = [];
    const areas: string[] = [];
    for (const [i, c] of communes.entries()) {
      places.push(c.id);
      for (let k = 0; k < 3; k++) {
        const a = await t.call('units.create', {
          parentId: c.id,
          name: `Thôn ${k + 1}`,
          kind: 'thon',
          code: null,
          validFrom: '2020-01-01',
        });
        areas.push(a.id);
        places.push(a.id);
      }
      const school = await t.call('organizations.create', organizationInput(c.id, `Trường THCS số ${i + 1}`));
      const agency = await t.call('organizations.create', agencyInput(`Ủy ban nhân dân ${c.name}`, c.id));
      if (i % 2 === 0) await t.call('evaluation.register', documentedRegistration('organization', school.id, YEAR));
      else await t.call('evaluation.register', registrationInput('organization', agency.id, YEAR, { staffBriefed: 9, staffTotal: 10 }));
    }
    for (const [i, a] of areas.entries()) {
      if (i % 3 === 0) await t.call('evaluation.register', documentedRegistration('unit', a, YEAR, { householdsRegistered: 100 + i }));
      else if (i % 3 === 1) await t.call('evaluation.register', registrationInput('unit', a, YEAR));
      if (i % 2 === 0)
        await t.call('unitStats.upsert', { rows: [{ unitId: a, year: YEAR, households: 110 + i, residents: 400, trongDiem: false }] });
    }
    for (const [i, c] of communes.entries())
      if (i % 2 === 1) await t.call('evaluation.register', documentedRegistration('unit', c.id, YEAR));

    const incidents = Array.from({ length: 240 }, () => {
      const category = g.pick(INCIDENT_CATEGORIES);
      const count = g.int(1, 3);
      const grounds = allowedExcuses(category);
      const excused = grounds.length > 0 && g.next() < 0.4;
      const occurredOn = g.day();
      return {
        occurredOn,
        unitId: g.pick(places),
        organizationId: null,
        category,
        count,
        solved: category.startsWith('toi_pham') ? g.int(0, count) : 0,
        deaths: 0,
        injuries: 0,
        description: g.next() < 0.5 ? 'Vụ việc tại địa bàn' : null,
        excuse: excused ? g.pick(grounds) : null,
        excuseReason: excused ? 'Có lý do được chấp nhận' : null,
        excuseApprovedBy: excused ? 'Nguyễn Văn An' : null,
        excuseApprovedOn: excused ? occurredOn : null,
        note: null,
      };
    });
    await t.call('activities.saveMany', { kind: 'incidents', records: incidents });
    const propaganda = Array.from({ length: 150 }, (_, i) => ({
      date: g.day(),
      unitId: g.pick(places),
      organizationId: null,
      purpose: 'tuyen_truyen' as const,
      form: 'truc_tiep' as const,
      topic: `Tuyên truyền phòng chống tội phạm ${i + 1}`,
      venue: null,
      attendance: g.int(20, 200),
      leaflets: g.int(0, 50),
      loudspeakerMinutes: 0,
      posts: 0,
      newsletters: 0,
      commitments: g.int(0, 3),
      note: null,
    }));
    await t.call('activities.saveMany', { kind: 'propaganda', records: propaganda });
    const tips = Array.from({ length: 90 }, () => {
      const receivedOn = g.day();
      return {
        receivedOn,
        unitId: g.pick(places),
        channel: 'truc_tiep' as const,
        category: 'trat_tu' as const,
        legalType: null,
        valuable: g.next() < 0.6,
        summary: 'Phản ánh vụ việc về an ninh, trật tự',
        status: 'da_giai_quyet' as const,
        outcome: null,
        resolvedOn: receivedOn,
        ...NO_TIP_RESULTS,
        note: null,
      };
    });
    await t.call('activities.saveMany', { kind: 'tips', records: tips });

    const board = await t.call('evaluation.board', { year: YEAR, category: null, unitId: null });
    expect(board.rows.length).toBeGreaterThanOrEqual(communes.length * 6);
    const seen = new Set<string>();
    for (const r of board.rows) {
      const view = await t.call('evaluation.subject', { subjectType: r.subjectType, subjectId: r.subjectId, year: YEAR });
      expect(r.live, r.name).toBe(view.live.overall);
      expect(r.failing, r.name).toEqual(view.live.rules.filter((x) => x.verdict === 'khong_dat').map((x) => x.ruleId));
      expect(r.missing, r.name).toEqual(view.live.rules.filter((x) => x.verdict === 'thieu_du_lieu').map((x) => x.ruleId));
      seen.add(view.live.overall);
    }
    // A board of one verdict only would prove little: the year decides more than one overall result.
    expect(seen.size).toBeGreaterThanOrEqual(2);
    expect(board.rows.some((r) => r.failing.length > 0)).toBe(true);
    expect(board.rows.some((r) => r.missing.length > 0)).toBe(true);

    // The board's order, with the collator compared directly.
    const categories = [...new Set(board.rows.map((r) => r.category))];
    const order = (a: BoardRowDto, b: BoardRowDto) =>
      categories.indexOf(a.category) - categories.indexOf(b.category) ||
      compareVietnamese(a.parentName ?? '', b.parentName ?? '') ||
      compareVietnamese(a.name, b.name) ||
      (a.subjectId < b.subjectId ? -1 : 1);
    expect(board.rows.map((r) => r.subjectId)).toEqual([...board.rows].sort(order).map((r) => r.subjectId));
  }, 120_000);
});
