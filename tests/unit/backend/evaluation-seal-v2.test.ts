/**
 * The second form of a frozen year (issue 16, shared/domain/criteria/frozen-v2.ts): each row seals
 * the subject's facts, overrides, rule-set references and verdicts, the freeze stores its rule sets
 * once, and the full result is computed again when read.
 *
 * - The same year frozen in form 1 (the whole result per subject, as earlier versions wrote) and then,
 *   unfrozen, frozen again in form 2 shows the same board of every category, the same subject views
 *   (every criterion's value, threshold, explanation, sources, missing list; an override with its
 *   warning) and the same Excel export.
 * - Attacks on form-2 content are detected as on form 1 (evaluation-seal.test.ts): a row rewritten,
 *   the freeze's rule sets altered, a row added for a unit created later.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type BetterSqlite3 from 'better-sqlite3';
import ExcelJS from 'exceljs';
import type { UnitDto } from '../../../shared/ipc/contract';
import type { EvaluationBoardDto } from '../../../shared/ipc/contracts/evaluation.contract';
import { BOARD_CATEGORIES, type BoardCategory } from '../../../shared/domain/evaluation';
import { startBackend, type TestBackend } from '../../support/backend';
import { useTempDir } from '../../support/temp-dir';
import { registeredArea } from '../../support/evaluation-inputs';
import { queryAll, queryOne, type Row } from '../../support/sqlite';
import { GIA_VIEN_SETUP } from '../../support/offices';
import { lastBoardLoad } from '../../../electron/backend/services/evaluation-cache';
import { editOutsideApp } from '../../support/sqlite';

const YEAR = 2025;
const tmp = useTempDir('antq-seal-v2-');
let t: TestBackend;
let chot: UnitDto;
let hai: UnitDto;
let commune: UnitDto;

const file = () => t.backend.databasePath;
const board = (category: BoardCategory = 'khu_dan_cu'): Promise<EvaluationBoardDto> =>
  t.call('evaluation.board', { year: YEAR, category, unitId: null });
const rowOf = (b: EvaluationBoardDto, u: UnitDto) => b.rows.find((r) => r.subjectId === u.id)!;
const kdc = (b: EvaluationBoardDto) => b.counts.find((c) => c.category === 'khu_dan_cu')!;
const view = (u: UnitDto) => t.call('evaluation.subject', { subjectType: 'unit', subjectId: u.id, year: YEAR });
const freeze = () => t.call('evaluation.freeze', { year: YEAR, by: 'Thượng tá Trần Văn Dũng', note: 'Chốt năm' });

function edit(fn: (db: BetterSqlite3.Database) => void): void {
  editOutsideApp(file(), fn);
}

async function unitNamed(name: string): Promise<UnitDto> {
  const all = await t.call('units.list', { includeEnded: true });
  return all.find((u) => u.name === name)!;
}

async function exportRows(category: BoardCategory = 'khu_dan_cu'): Promise<unknown[][]> {
  const out = await t.call('evaluation.export', { year: YEAR, category, unitId: null });
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(out.base64, 'base64') as unknown as ArrayBuffer);
  return wb.worksheets.map((ws) => ws.getSheetValues().filter(Boolean) as unknown[][]).flat();
}

/** A residential area with most of its criteria documented, one of them overridden. */
async function documentedArea(name: string): Promise<UnitDto> {
  const a = await registeredArea(t, commune.id, name, YEAR);
  await t.call('evaluation.attest', {
    subjectType: 'unit',
    subjectId: a.id,
    year: YEAR,
    ruleId: 'KDC-2',
    value: true,
    by: 'Đại úy Lê Văn Cường',
    on: '2025-11-03',
    note: null,
  });
  await t.call('evaluation.override', {
    subjectType: 'unit',
    subjectId: a.id,
    year: YEAR,
    ruleId: 'KDC-4c3',
    verdict: 'dat',
    reason: 'Đã kiểm tra thực tế tại thôn',
    by: 'Thượng tá Trần Văn Dũng',
    on: '2025-11-10',
  });
  return a;
}

/** Everything the screens, the export and the figures show of the frozen year. */
async function shown(): Promise<unknown> {
  const boards: Record<string, unknown> = {};
  const exports: Record<string, unknown> = {};
  for (const c of BOARD_CATEGORIES) {
    const b = await board(c);
    boards[c] = { ...b, frozen: b.frozen ? { ...b.frozen, at: 'AT' } : null };
    exports[c] = JSON.parse(JSON.stringify(await exportRows(c)).replaceAll(/\d{2}\/\d{2}\/\d{4} \(Thượng/g, 'DATE (Thượng')) as unknown;
  }
  // The whole office's board: what the hand-off snapshot's evaluation rows are made from (handoff-snapshot.build.ts).
  const all = await t.call('evaluation.board', { year: YEAR, category: null, unitId: null });
  boards['all'] = { ...all, frozen: all.frozen ? { ...all.frozen, at: 'AT' } : null };
  const views: Record<string, unknown> = {};
  for (const u of [chot, hai, commune]) {
    const v = await view(u);
    views[u.name] = { ...v, frozen: v.frozen ? { ...v.frozen, at: 'AT' } : null };
  }
  return { boards, exports, views };
}

beforeEach(async () => {
  t = await startBackend(tmp.path(), '2026-11-22T03:00:00.000Z');
  await t.call('office.setup', GIA_VIEN_SETUP);
  commune = await unitNamed('Xã Gia Hòa');
  chot = await documentedArea('Thôn Chốt');
  hai = await t.call('units.create', { parentId: commune.id, name: 'Thôn Hai', kind: 'thon', code: null, validFrom: '2020-01-01' });
});
afterEach(() => t.close());

describe('a year frozen in form 2', () => {
  it('shows the same boards, subject views and export as the same year frozen in form 1, from rows a fraction of the size', async () => {
    t.close();
    t = await startBackend(tmp.path(), '2026-11-22T03:00:00.000Z', { frozenForm: 1 });
    await freeze();
    const form1 = await shown();
    const size1 = queryOne(file(), 'SELECT sum(length(content)) AS n FROM evaluation_frozen_results') as { n: number };
    await t.call('evaluation.unfreeze', { year: YEAR, by: 'Thượng tá Trần Văn Dũng', reason: 'Chốt lại theo dạng mới' });
    t.close();

    t = await startBackend(tmp.path(), '2026-11-22T03:00:00.000Z');
    await freeze();
    const open = queryOne(file(), 'SELECT id, rule_texts FROM evaluation_freezes WHERE unfrozen_at IS NULL') as {
      id: string;
      rule_texts: string;
    };
    const rows = queryAll<{ content: string }>(file(), 'SELECT content FROM evaluation_frozen_results WHERE freeze_id = ?', open.id);
    expect(rows.length).toBeGreaterThan(2);
    for (const r of rows) expect(r.content.startsWith('{"format":"antq.frozen-result","formatVersion":2,')).toBe(true);
    // The rule sets once, in the freeze record; no criterion text in the rows.
    expect(open.rule_texts.startsWith('{"format":"antq.frozen-rule-sets"')).toBe(true);
    for (const r of rows) expect(r.content).not.toContain('"explanation"');
    const size2 = queryOne(file(), 'SELECT sum(length(content)) AS n FROM evaluation_frozen_results WHERE freeze_id = ?', open.id) as {
      n: number;
    };
    expect(size2.n).toBeLessThan(size1.n / 2);

    const form2 = await shown();
    expect(form2).toEqual(form1);
    // What is compared is what was frozen: the override and its criterion, the texts of each criterion.
    const v = (
      form2 as { views: Record<string, { frozen: { result: { rules: { ruleId: string; override?: unknown; explanation: string }[] } } }> }
    ).views['Thôn Chốt']!;
    expect(v.frozen.result.rules.find((r) => r.ruleId === 'KDC-4c3')!.override).toMatchObject({ reason: 'Đã kiểm tra thực tế tại thôn' });
    expect(v.frozen.result.rules.every((r) => r.explanation.length > 0)).toBe(true);
  });

  it('a frozen result stays as frozen when the records change afterwards, and the difference is shown', async () => {
    await freeze();
    const before = await view(chot);
    edit((db) => db.prepare("UPDATE evaluation_attestations SET value = 0 WHERE rule_id = 'KDC-2'").run());
    const after = await view(chot);
    expect(after.frozen!.result).toEqual(before.frozen!.result);
    expect(rowOf(await board(), chot).frozen).toBe(before.frozen!.result.overall);
  });
});

describe("the board's cache", () => {
  it('a freeze after the board reads nothing again, takes its kept verdicts, and seals what a freeze from a fresh read seals', async () => {
    const contents = () =>
      new Map(
        queryAll<{ subject_id: string; content: string }>(
          file(),
          'SELECT r.subject_id, r.content FROM evaluation_frozen_results r JOIN evaluation_freezes f ON f.id = r.freeze_id WHERE f.unfrozen_at IS NULL',
        ).map((r) => [r.subject_id, r.content]),
      );
    // A fresh backend (nothing cached): the year read and every verdict decided by the freeze.
    await freeze();
    const fresh = contents();
    expect(lastBoardLoad().keptVerdicts).toBe(0);
    await t.call('evaluation.unfreeze', { year: YEAR, by: 'Thượng tá Trần Văn Dũng', reason: 'Chốt lại sau khi xem bảng' });
    t.close();
    t = await startBackend(tmp.path(), '2026-11-22T03:00:00.000Z');
    await t.call('evaluation.board', { year: YEAR, category: null, unitId: null });
    await freeze();
    // The freeze's load of the year was the board's kept entry: no slice read, its verdicts kept.
    expect(lastBoardLoad().read).toEqual([]);
    expect(lastBoardLoad().keptVerdicts).toBeGreaterThan(2);
    expect(contents()).toEqual(fresh);
  });
});

describe('attacks on form-2 content', () => {
  beforeEach(async () => {
    await freeze();
  });

  it('a row rewritten to "đạt" (verdict letters and overall) counts as "không xác định" on the board, in the view and in the export', async () => {
    edit((db) => {
      const r = db.prepare('SELECT content FROM evaluation_frozen_results WHERE subject_id = ?').get(hai.id) as { content: string };
      const parsed = JSON.parse(r.content) as { result: { computed: string; overall: string } };
      parsed.result.computed = parsed.result.computed.replaceAll(/[kt]/g, 'd');
      parsed.result.overall = 'dat';
      db.prepare('UPDATE evaluation_frozen_results SET content = ?, overall = ? WHERE subject_id = ?').run(
        JSON.stringify(parsed),
        'dat',
        hai.id,
      );
    });
    const b = await board();
    expect(rowOf(b, hai)).toMatchObject({ frozen: null, tampered: true });
    expect(rowOf(b, hai).sealProblem).toContain('sửa ngoài phần mềm');
    expect(b.warnings.join(' ')).toContain('Thôn Hai bị sửa ngoài phần mềm');
    expect(kdc(b)).toMatchObject({ frozenUnknown: 1 });
    const v = await view(hai);
    expect(v.frozen).toBeNull();
    expect(v.warnings.join(' ')).toContain('không xác định');
    const rows = await exportRows();
    expect(rows.find((r) => r[2] === 'Thôn Hai')![7]).toBe('Không xác định');
  });

  it('the freeze\'s rule sets altered outside the app make every row of the year "không xác định"', async () => {
    edit((db) => {
      const f = db.prepare('SELECT id, rule_texts FROM evaluation_freezes').get() as { id: string; rule_texts: string };
      // A threshold lowered in the stored rule sets: every result computed from them could change.
      const altered = f.rule_texts.replace(/"min":(\d+)/, (_m, n: string) => `"min":${Math.max(0, Number(n) - 1)}`);
      expect(altered).not.toBe(f.rule_texts);
      db.prepare('UPDATE evaluation_freezes SET rule_texts = ? WHERE id = ?').run(altered, f.id);
    });
    const b = await board();
    expect(rowOf(b, chot)).toMatchObject({ frozen: null, tampered: true });
    expect(rowOf(b, hai)).toMatchObject({ frozen: null, tampered: true });
    expect(kdc(b)).toMatchObject({ frozenDat: 0, frozenUnknown: 2 });
    expect((await view(chot)).frozen).toBeNull();
  });

  it('an extra frozen row copied for a unit created after freezing is named and not counted', async () => {
    const late = await t.call('units.create', {
      parentId: commune.id,
      name: 'Thôn Muộn',
      kind: 'thon',
      code: null,
      validFrom: '2020-01-01',
    });
    edit((db) => {
      const src = db.prepare('SELECT * FROM evaluation_frozen_results WHERE subject_id = ?').get(chot.id) as Row;
      const parsed = JSON.parse(String(src['content'])) as { unitId: string; facts: { unitId: string; unitName: string } };
      parsed.unitId = late.id;
      parsed.facts.unitId = late.id;
      parsed.facts.unitName = 'Thôn Muộn';
      db.prepare(
        'INSERT INTO evaluation_frozen_results (id, freeze_id, subject_type, subject_id, year, overall, content, hash, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
      ).run('forged-row', src['freeze_id'], 'unit', late.id, YEAR, src['overall'], JSON.stringify(parsed), src['hash'], src['created_at']);
    });
    const b = await board();
    expect(rowOf(b, late)).toMatchObject({ frozen: null, tampered: false, differs: true });
    expect(b.warnings.join(' ')).toContain('Thôn Muộn không có trong sổ niêm phong');
  });
});
