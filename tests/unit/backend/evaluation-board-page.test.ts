/**
 * The evaluation board read by pages (evaluation.boardPage, issue 16 item 2), through the contract
 * against a fresh database (Công an huyện Gia Viễn, clock 22/11/2026): every order both ways in
 * pages of 3 equals the whole board ordered as the table ordered it; the category filter and the
 * search (diacritics ignored, name and commune) equal the whole board filtered as the screen did;
 * the counts, warnings and notes are the whole board's; a foreign order and an oversized page are
 * refused; a change is on the next page asked; the board kept in the file is read back by slices.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MethodInput, UnitDto } from '../../../shared/ipc/contract';
import { PAGE_LIMIT_MAX } from '../../../shared/ipc/common';
import { BOARD_SORT_KEYS, BOARD_SORT_VALUE, boardSearchText, type BoardSortKey } from '../../../shared/domain/evaluation-board';
import type { BoardRowDto, EvaluationBoardDto } from '../../../shared/ipc/contracts/evaluation.contract';
import { compareVietnamese, matchesQuery } from '../../../shared/lib/text';
import { BOARD_CODEC } from '../../../electron/backend/services/evaluation-view.service';
import { readStats } from '../../../electron/backend/services/read-cache';
import { startBackend, type TestBackend } from '../../support/backend';
import { useTempDir } from '../../support/temp-dir';
import { GIA_VIEN_SETUP, organizationInput } from '../../support/offices';
import { queryAll } from '../../support/sqlite';

const tmp = useTempDir('antq-board-page-');
let t: TestBackend;
let hoa: UnitDto;
let hung: UnitDto;

beforeEach(async () => {
  t = await startBackend(tmp.path(), '2026-11-22T03:00:00.000Z');
  await t.call('office.setup', GIA_VIEN_SETUP);
  const units = await t.call('units.list', { includeEnded: true });
  hoa = units.find((u) => u.name === 'Xã Gia Hòa')!;
  hung = units.find((u) => u.name === 'Xã Gia Hưng')!;
  for (const [parent, name] of [
    [hoa, 'Thôn Đoài'],
    [hoa, 'Thôn Bắc'],
    [hoa, 'Thôn Nam'],
    [hung, 'Thôn Ấp Mới'],
    [hung, 'Khu 2'],
    [hung, 'Thôn Đông'],
  ] as const) {
    await t.call('units.create', { parentId: parent.id, name, kind: 'thon', code: null, validFrom: '2010-01-01' });
  }
  await t.call('organizations.create', organizationInput(hoa.id, 'Trường THCS Gia Hòa', { validFrom: '2010-01-01' }));
  await t.call('organizations.create', organizationInput(hung.id, 'Trạm Y tế Gia Hưng', { validFrom: '2010-01-01' }));
}, 60_000);
afterEach(() => t.close());

type Filter = { category?: MethodInput<'evaluation.boardPage'>['category']; search?: string; unitId?: string | null };
const page = (f: Filter, sort: BoardSortKey, dir: 'asc' | 'desc', offset: number, limit: number) =>
  t.call('evaluation.boardPage', {
    year: 2026,
    unitId: f.unitId ?? null,
    category: f.category ?? null,
    search: f.search ?? '',
    page: { offset, limit, sort, dir },
  });

/** Every row of a question, read 3 at a time. */
async function allPages(f: Filter, sort: BoardSortKey, dir: 'asc' | 'desc'): Promise<BoardRowDto[]> {
  const rows: BoardRowDto[] = [];
  for (let offset = 0; ; offset += 3) {
    const p = await page(f, sort, dir, offset, 3);
    expect(p.offset).toBe(offset);
    expect(p.rows.length).toBeLessThanOrEqual(3);
    rows.push(...p.rows);
    if (offset + 3 >= p.total) {
      expect(rows.length).toBe(p.total);
      return rows;
    }
  }
}

/** The table's own order before the board was paged: a stable sort of the board's rows, empty last going up. */
function tableOrder(rows: readonly BoardRowDto[], key: BoardSortKey, dir: 'asc' | 'desc'): BoardRowDto[] {
  if (key === 'default') return dir === 'asc' ? [...rows] : [...rows].reverse();
  const get = BOARD_SORT_VALUE[key];
  const cmp = (a: string | number | null, b: string | number | null) => {
    if (a === null || a === '') return b === null || b === '' ? 0 : 1;
    if (b === null || b === '') return -1;
    return typeof a === 'number' && typeof b === 'number' ? a - b : compareVietnamese(String(a), String(b));
  };
  const sign = dir === 'asc' ? 1 : -1;
  return [...rows].sort((a, b) => sign * cmp(get(a), get(b)));
}

const whole = (unitId: string | null = null) => t.call('evaluation.board', { year: 2026, category: null, unitId });
const ids = (rows: readonly BoardRowDto[]) => rows.map((r) => `${r.subjectType}:${r.subjectId}`);

describe('evaluation.boardPage', () => {
  it('every order, both ways, page by page, equals the whole board ordered as the table ordered it', async () => {
    const board = await whole();
    expect(board.rows.length).toBeGreaterThan(8);
    for (const key of BOARD_SORT_KEYS) {
      for (const dir of ['asc', 'desc'] as const) {
        expect(ids(await allPages({}, key, dir)), `${key} ${dir}`).toEqual(ids(tableOrder(board.rows, key, dir)));
      }
    }
  });

  it('filters by category and unit and searches without diacritics, as the screen did; counts stay the scope’s', async () => {
    const board = await whole();
    const first = await page({ category: 'khu_dan_cu' }, 'default', 'asc', 0, 100);
    expect(ids(first.rows)).toEqual(ids(board.rows.filter((r) => r.category === 'khu_dan_cu')));
    expect(first.rows.length).toBeGreaterThan(0);
    // The counts, warnings and notes are the whole scope's, whatever the category or search.
    expect(first.counts).toEqual(board.counts);
    expect(first.warnings).toEqual(board.warnings);
    expect(first.ruleSetNote).toBe(board.ruleSetNote);
    expect(first.frozen).toBeNull();
    expect(first.year).toBe(2026);

    for (const search of ['thon doai', 'Thôn Đoài', 'THON DOAI', 'doai', 'gia hung', 'ấp mới', 'ap moi', 'khong co dau ca']) {
      const p = await page({ search }, 'default', 'asc', 0, 100);
      const expected = board.rows.filter((r) => matchesQuery(boardSearchText(r), search));
      expect(ids(p.rows), search).toEqual(ids(expected));
      expect(p.total).toBe(expected.length);
    }
    expect((await page({ search: 'thon doai' }, 'default', 'asc', 0, 100)).rows.map((r) => r.name)).toEqual(['Thôn Đoài']);
    // The commune is searched too: "gia hung" finds the commune itself and what lies under it.
    const hungRows = (await page({ search: 'gia hung', category: 'khu_dan_cu' }, 'name', 'asc', 0, 100)).rows;
    expect(hungRows.map((r) => r.name)).toEqual(['Khu 2', 'Thôn Ấp Mới', 'Thôn Đông']);
    expect((await page({ search: 'không có đâu cả' }, 'default', 'asc', 0, 10)).total).toBe(0);

    const scoped = await whole(hung.id);
    const unitPage = await page({ unitId: hung.id }, 'default', 'asc', 0, 100);
    expect(ids(unitPage.rows)).toEqual(ids(scoped.rows));
    expect(unitPage.counts).toEqual(scoped.counts);
  });

  it('a page past the end is empty, with the total', async () => {
    const p = await page({}, 'default', 'asc', 1000, 10);
    expect(p.rows).toEqual([]);
    expect(p.total).toBe((await whole()).rows.length);
  });

  it('refuses a foreign sort key, an oversized page and an unknown category, with a Vietnamese message for a long search', async () => {
    const bad = (input: unknown) => t.backend.dispatch('evaluation.boardPage', input);
    const base = { year: 2026, unitId: null, category: null, search: '', page: { offset: 0, limit: 10, sort: 'name', dir: 'asc' } };
    expect(await bad(base)).toMatchObject({ ok: true });
    expect(await bad({ ...base, page: { ...base.page, sort: 'subjectId' } })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(await bad({ ...base, page: { ...base.page, limit: PAGE_LIMIT_MAX + 1 } })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION' },
    });
    expect(await bad({ ...base, category: 'tinh' })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    const long = await bad({ ...base, search: 'x'.repeat(201) });
    expect(long).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(JSON.stringify(long)).toContain('Từ khóa tìm kiếm quá dài');
  });

  it('the page asked after a change shows it, with the counts moved', async () => {
    const before = await page({ search: 'thon bac' }, 'default', 'asc', 0, 10);
    expect(before.rows[0]).toMatchObject({ name: 'Thôn Bắc', status: 'chua_dang_ky', registered: false });
    const registeredBefore = before.counts.find((c) => c.category === 'khu_dan_cu')!.registered;
    // A later page, asked before the change, is read from the board the first page computed.
    const names = (await page({}, 'name', 'asc', 0, 100)).rows.map((r) => r.name);
    const at = names.indexOf('Thôn Bắc');
    expect(at).toBeGreaterThan(0);
    expect((await page({}, 'name', 'asc', at, 1)).rows[0]).toMatchObject({ name: 'Thôn Bắc', status: 'chua_dang_ky' });
    await t.call('evaluation.registerMany', {
      year: 2026,
      subjects: [{ subjectType: 'unit', subjectId: before.rows[0]!.subjectId }],
      registeredOn: '2026-02-20',
      resolutionNumber: null,
      resolutionDate: null,
      resolutionForm: null,
      planNumber: '07/KH-UBND',
      planDate: '2026-02-10',
      note: null,
      by: null,
    });
    // The later page asked first after the change: the board it read before is not served again.
    expect((await page({}, 'name', 'asc', at, 1)).rows[0]).toMatchObject({ name: 'Thôn Bắc', status: 'da_dang_ky' });
    const after = await page({ search: 'thon bac' }, 'default', 'asc', 0, 10);
    expect(after.rows[0]).toMatchObject({ name: 'Thôn Bắc', status: 'da_dang_ky', registered: true });
    expect(after.counts.find((c) => c.category === 'khu_dan_cu')!.registered).toBe(registeredBefore + 1);
    const byStatus = await page({ category: 'khu_dan_cu' }, 'status', 'desc', 0, 100);
    expect(byStatus.rows[0]!.name).toBe('Thôn Bắc');
    // A renamed area is found by its new name at once (the search's folded texts are of the new rows).
    const doai = (await page({ search: 'doai' }, 'default', 'asc', 0, 10)).rows[0]!;
    await t.call('units.update', {
      id: doai.subjectId,
      name: 'Thôn Đoài Mới',
      kind: 'thon',
      code: null,
      validFrom: '2010-01-01',
      effectiveDate: '2026-01-01',
    });
    expect((await page({ search: 'doai moi' }, 'default', 'asc', 0, 10)).rows.map((r) => r.name)).toEqual(['Thôn Đoài Mới']);
  });

  it('a frozen year: the first page of a question checks the seal, its later pages read the same board', async () => {
    await t.call('evaluation.freeze', { year: 2026, by: 'Thượng tá Trần Văn Dũng', note: null });
    const first = await page({}, 'default', 'asc', 0, 3);
    expect(first.frozen).not.toBeNull();
    const rest = await allPages({}, 'default', 'asc');
    expect(ids(rest)).toEqual(ids((await whole()).rows));
    expect(rest.every((r) => r.frozen !== null || r.tampered)).toBe(true);
  });
});

const unregistered = (f: Filter) =>
  t.call('evaluation.boardUnregistered', { year: 2026, unitId: f.unitId ?? null, category: f.category ?? null, search: f.search ?? '' });
const keysOf = (subjects: readonly { subjectType: string; subjectId: string }[]) => subjects.map((k) => `${k.subjectType}:${k.subjectId}`);
const registerAll = (subjects: MethodInput<'evaluation.registerMany'>['subjects']) =>
  t.call('evaluation.registerMany', {
    year: 2026,
    subjects,
    registeredOn: '2026-02-20',
    resolutionNumber: null,
    resolutionDate: null,
    resolutionForm: null,
    planNumber: '09/KH-UBND',
    planDate: '2026-02-10',
    note: null,
    by: null,
  });

describe('evaluation.boardUnregistered (the board\'s "choose all" of a filter read by pages)', () => {
  it("answers every unregistered subject of the category, unit and search, in the board's order; the page counts them", async () => {
    const board = await whole();
    for (const f of [
      {},
      { category: 'khu_dan_cu' },
      { search: 'gia hung' },
      { unitId: hung.id },
      { category: 'khu_dan_cu', search: 'thon' },
    ] as Filter[]) {
      const scoped = f.unitId ? await whole(f.unitId) : board;
      const expected = scoped.rows.filter(
        (r) =>
          r.status === 'chua_dang_ky' &&
          (f.category === undefined || r.category === f.category) &&
          matchesQuery(boardSearchText(r), f.search ?? ''),
      );
      expect(expected.length, JSON.stringify(f)).toBeGreaterThan(0);
      expect(keysOf((await unregistered(f)).subjects), JSON.stringify(f)).toEqual(ids(expected));
      // The page's count is the same, whatever page or order is asked.
      expect((await page(f, 'name', 'desc', 0, 1)).unregistered, JSON.stringify(f)).toBe(expected.length);
      expect((await page(f, 'default', 'asc', 2, 1)).unregistered, JSON.stringify(f)).toBe(expected.length);
    }
  });

  it('its keys register in one call; then the filter has none left, and the rows registered before are left out', async () => {
    const areas = await unregistered({ category: 'khu_dan_cu' });
    const first = areas.subjects[0]!;
    await registerAll([first]);
    const rest = await unregistered({ category: 'khu_dan_cu' });
    expect(keysOf(rest.subjects)).toEqual(keysOf(areas.subjects.slice(1)));
    expect((await page({ category: 'khu_dan_cu' }, 'default', 'asc', 0, 100)).unregistered).toBe(rest.subjects.length);

    const r = await registerAll(rest.subjects);
    expect(r.registered).toBe(rest.subjects.length);
    const stored = queryAll<{ subject_id: string; plan_number: string }>(
      t.backend.databasePath,
      "SELECT subject_id, plan_number FROM evaluation_registrations WHERE year = 2026 AND deleted_at IS NULL AND plan_number = '09/KH-UBND' ORDER BY subject_id",
    );
    // The first one and the rest: every area the filter had.
    expect(stored.map((x) => x.subject_id)).toEqual(areas.subjects.map((k) => k.subjectId).sort());
    expect((await unregistered({ category: 'khu_dan_cu' })).subjects).toEqual([]);
    const after = await page({ category: 'khu_dan_cu' }, 'default', 'asc', 0, 100);
    expect(after.unregistered).toBe(0);
    expect(after.rows.every((row) => row.status !== 'chua_dang_ky')).toBe(true);
    // Other categories are untouched.
    expect((await unregistered({ category: 'xa' })).subjects.length).toBeGreaterThan(0);
  });

  it('a frozen year has nothing to choose; bad input is refused with a Vietnamese message', async () => {
    const bad = (input: unknown) => t.backend.dispatch('evaluation.boardUnregistered', input);
    const base = { year: 2026, unitId: null, category: null, search: '' };
    const long = await bad({ ...base, search: 'x'.repeat(201) });
    expect(long).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(JSON.stringify(long)).toContain('Từ khóa tìm kiếm quá dài');
    expect(await bad({ ...base, category: 'tinh' })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(await bad({ ...base, page: { offset: 0, limit: 10, sort: 'name', dir: 'asc' } })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION' },
    });
    await t.call('evaluation.freeze', { year: 2026, by: 'Thượng tá Trần Văn Dũng', note: null });
    expect((await unregistered({})).subjects).toEqual([]);
    expect((await page({}, 'default', 'asc', 0, 3)).unregistered).toBe(0);
  });
});

describe('the board kept in the file, read back by slices', () => {
  it('its text is the board as JSON, one row per line, and reads back equal through the codec', async () => {
    const board = await whole();
    const text = BOARD_CODEC.encode(board);
    expect(JSON.parse(text)).toEqual(board);
    expect(text.split('\n').length).toBe(board.rows.length + 2);
    expect(await BOARD_CODEC.decode(text)).toEqual(board);
    // A board kept whole on one line (before the slices) still reads back.
    expect(await BOARD_CODEC.decode(JSON.stringify(board))).toEqual(board);
    // Rows with quotes, line breaks and the separator inside their values, many slices, none at all.
    const odd = (i: number): BoardRowDto => ({
      ...board.rows[0]!,
      subjectId: `id-${i}`,
      name: `Thôn "${i}",\n{"rows":[\n]}`,
      parentName: ',\n',
    });
    const big: EvaluationBoardDto = { ...board, warnings: [',"rows":[\n'], rows: Array.from({ length: 1234 }, (_, i) => odd(i)) };
    expect(await BOARD_CODEC.decode(BOARD_CODEC.encode(big))).toEqual(big);
    const empty: EvaluationBoardDto = { ...board, rows: [] };
    expect(JSON.parse(BOARD_CODEC.encode(empty))).toEqual(empty);
    expect(await BOARD_CODEC.decode(BOARD_CODEC.encode(empty))).toEqual(empty);
  });

  it('after a restart the first page reads the kept board back, not computed, and equals the page before', async () => {
    const before = await page({ category: 'khu_dan_cu' }, 'name', 'desc', 0, 5);
    t.close();
    t = await startBackend(tmp.path(), '2026-11-22T03:00:00.000Z');
    const kept = queryAll<{ value: string }>(t.backend.databasePath, "SELECT value FROM stored_reads WHERE name = 'evaluation.board'");
    expect(kept.length).toBe(1);
    expect(kept[0]!.value).toContain(',"rows":[\n');
    const at = readStats.computed['evaluation.board'] ?? 0;
    expect(await page({ category: 'khu_dan_cu' }, 'name', 'desc', 0, 5)).toEqual(before);
    expect(readStats.computed['evaluation.board'] ?? 0).toBe(at);
  });
});
