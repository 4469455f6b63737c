/**
 * The fast-entry grid's pure model (renderer/src/features/activities/grid): its columns from the
 * renderer's layout, the carry-down of the row above into the empty row kept at the end, cell
 * normalisation (short dates take the year of the row above), pasting a block with its header row,
 * the spreadsheet moves of Tab, Enter and the arrows, the rows kept in the DOM, which rows are
 * saved, the check that refuses what the backend would, and the backend's errors placed on rows.
 * Plain Node: nothing here touches the DOM.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { gridColumns, type GridColumn, type GridLookups } from '../../../renderer/src/features/activities/grid/columns';
import {
  blankRow,
  columnTotals,
  defaultYear,
  duplicateRow,
  includedRows,
  initialRows,
  makeChecker,
  normalizeCell,
  pasteBlock,
  removeRow,
  setCell,
  type GridRow,
} from '../../../renderer/src/features/activities/grid/model';
import {
  OVERSCAN,
  ROW_HEIGHT,
  cycleHighlight,
  enterColumn,
  moveFrom,
  rowRuns,
  scrollTopFor,
} from '../../../renderer/src/features/activities/grid/navigation';
import { clipboardBlock } from '../../../renderer/src/features/activities/grid/paste';
import {
  cellKeyFor,
  errorLines,
  firstInvalidCell,
  mergeErrors,
  serverErrorsOf,
} from '../../../renderer/src/features/activities/grid/errors';

const HOA = '0b6f3c2e-8a4d-4c1b-9e7f-2d5a6b7c8d9e';
const HUNG = '1c7a4d3f-9b5e-4d2c-8f1a-3e6b7c8d9e0f';
const LOOKUPS: GridLookups = {
  unit: [
    { value: HOA, label: 'Xã Gia Hòa', keys: ['14470'] },
    { value: HUNG, label: 'Xã Gia Hưng', keys: ['14473'] },
  ],
  team: [],
  org: [],
};
const TODAY = '2026-11-22';
const columns = gridColumns('propaganda', LOOKUPS);
const col = (key: string): GridColumn => columns.find((c) => c.key === key)!;
const keys = columns.map((c) => c.key);

/** Types `text` into (row, key) as the cell's change does, then commits it as leaving the cell does. */
function type(rows: readonly GridRow[], index: number, key: string, text: string): readonly GridRow[] {
  const typed = setCell(rows, columns, index, key, text);
  return setCell(typed, columns, index, key, normalizeCell(col(key), text, defaultYear(typed, index, key, TODAY)));
}

describe('grid columns', () => {
  it('are the grid fields of the layout in the field order, the carried ones first for propaganda', () => {
    expect(keys).toEqual([
      'date',
      'unitId',
      'form',
      'topic',
      'venue',
      'attendance',
      'leaflets',
      'loudspeakerMinutes',
      'posts',
      'newsletters',
      'commitments',
    ]);
    expect(columns.filter((c) => c.carry).map((c) => c.key)).toEqual(['date', 'unitId', 'form', 'topic']);
    expect(enterColumn(columns)).toBe(4);
  });

  it('give each cell its kind and a width that fits a propaganda grid into 1366 px', () => {
    expect(columns.map((c) => c.kind)).toEqual([
      'date',
      'choice',
      'choice',
      'text',
      'text',
      'count',
      'count',
      'count',
      'count',
      'count',
      'count',
    ]);
    expect(col('date').width).toBe(108);
    expect(col('unitId').width).toBe(170);
    expect(col('form').width).toBe(170);
    expect(col('topic')).toMatchObject({ width: 180, flex: true });
    expect(col('attendance')).toMatchObject({ width: 76, total: true });
    // Row number and actions (44 + 56) plus the columns, inside the full-screen modal's 1366 px.
    expect(44 + 56 + columns.reduce((n, c) => n + c.width, 0)).toBeLessThanOrEqual(1366 - 40);
  });

  it('pick the units of the lookups and the enum values by their labels', () => {
    expect(col('unitId').choices?.resolve('gia hoa')?.value).toBe(HOA);
    expect(col('form').choices?.resolve('loa')?.value).toBe('loa_truyen_thanh');
  });
});

describe('rows and the carry-down', () => {
  it('keep one empty row at the end that shows the carried values of the row above', () => {
    let rows: readonly GridRow[] = initialRows(columns);
    expect(rows).toHaveLength(1);
    rows = type(rows, 0, 'date', '5/3');
    rows = type(rows, 0, 'unitId', 'gia hoa');
    rows = type(rows, 0, 'form', 'loa');
    rows = type(rows, 0, 'topic', 'An toàn giao thông');
    rows = type(rows, 0, 'venue', 'Chợ');
    expect(rows).toHaveLength(2);
    expect(rows[0]!.cells).toMatchObject({ date: '05/03/2026', unitId: 'Xã Gia Hòa', form: 'Loa truyền thanh, xe loa' });
    expect(rows[1]!.edited).toBe(false);
    expect(rows[1]!.cells).toMatchObject({
      date: '05/03/2026',
      unitId: 'Xã Gia Hòa',
      form: 'Loa truyền thanh, xe loa',
      topic: 'An toàn giao thông',
      venue: '',
    });
    // Changing a carried value above changes the empty row below it.
    rows = type(rows, 0, 'date', '6/3');
    expect(rows[1]!.cells['date']).toBe('06/03/2026');
  });

  it('give a short date the year of the nearest date above, else this year', () => {
    const rows = [blankRow(columns, null), blankRow(columns, null)];
    expect(defaultYear(rows, 1, 'date', TODAY)).toBe(2026);
    const withYear = setCell(rows, columns, 0, 'date', '31/12/2024');
    expect(defaultYear(withYear, 1, 'date', TODAY)).toBe(2024);
    expect(normalizeCell(col('date'), '5/3', 2024)).toBe('05/03/2024');
  });

  it('normalise counts, choices and dates, and leave what does not parse as typed', () => {
    expect(normalizeCell(col('attendance'), '1250', 2026)).toBe('1.250');
    expect(normalizeCell(col('unitId'), '14473', 2026)).toBe('Xã Gia Hưng');
    expect(normalizeCell(col('unitId'), 'zzz', 2026)).toBe('zzz');
    expect(normalizeCell(col('date'), '31/2', 2026)).toBe('31/2');
    expect(normalizeCell(col('topic'), '  giữ nguyên  ', 2026)).toBe('  giữ nguyên  ');
  });

  it('duplicate and remove only rows that were typed into', () => {
    let rows: readonly GridRow[] = type(initialRows(columns), 0, 'topic', 'Một');
    expect(duplicateRow(rows, columns, 1)).toHaveLength(2);
    rows = duplicateRow(rows, columns, 0);
    expect(rows.map((r) => r.cells['topic'])).toEqual(['Một', 'Một', 'Một']);
    expect(removeRow(rows, columns, 2).removed).toBeNull();
    const { rows: left, removed } = removeRow(rows, columns, 0);
    expect(removed?.id).toBe(rows[0]!.id);
    expect(left).toHaveLength(2);
  });

  it('never end without exactly one empty row, whatever is typed (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(6), fc.constantFrom(...keys), fc.string({ maxLength: 3 })), { maxLength: 30 }), (edits) => {
        let rows: readonly GridRow[] = initialRows(columns);
        for (const [i, key, text] of edits) rows = setCell(rows, columns, Math.min(i, rows.length - 1), key, text);
        expect(rows[rows.length - 1]!.edited).toBe(false);
        expect(rows.slice(0, -1).every((r) => r.edited)).toBe(true);
      }),
    );
  });
});

describe('pasting a block', () => {
  it('drops a header row made of the grid labels and fills rows from the cell, adding rows as needed', () => {
    const text = ['Ngày\tĐơn vị (xã, khu dân cư)\tHình thức', '14/3\tgia hoa\tTrực tiếp', '15/03/2026\t14473\tloa'].join('\r\n');
    const block = clipboardBlock(text, columns, 0)!;
    expect(block).toEqual([
      ['14/3', 'gia hoa', 'Trực tiếp'],
      ['15/03/2026', '14473', 'loa'],
    ]);
    const { rows, extraColumns } = pasteBlock(initialRows(columns), columns, 0, 0, block, TODAY);
    expect(extraColumns).toBe(0);
    expect(rows).toHaveLength(3);
    expect(rows.map((r) => [r.cells['date'], r.cells['unitId'], r.cells['form']])).toEqual([
      ['14/03/2026', 'Xã Gia Hòa', 'Trực tiếp'],
      ['15/03/2026', 'Xã Gia Hưng', 'Loa truyền thanh, xe loa'],
      ['15/03/2026', 'Xã Gia Hưng', 'Loa truyền thanh, xe loa'],
    ]);
  });

  it('keeps a first row that is data, leaves a single value to the input, and counts columns past the edge', () => {
    expect(clipboardBlock('gia hoa\tloa\nxa\tb', columns, 1)).toEqual([
      ['gia hoa', 'loa'],
      ['xa', 'b'],
    ]);
    expect(clipboardBlock('một giá trị', columns, 0)).toBeNull();
    const last = columns.length - 1;
    expect(pasteBlock(initialRows(columns), columns, 0, last, [['1', '2', '3']], TODAY).extraColumns).toBe(2);
  });
});

describe('keys', () => {
  const size = { rows: 3, cols: 5 };
  const move = (key: Parameters<typeof moveFrom>[0], shift: boolean, row: number, c: number) =>
    moveFrom(key, shift, { row, col: c }, size.rows, size.cols, 2);

  it('Tab moves right and wraps to the next row; Shift+Tab moves left and wraps back', () => {
    expect(move('Tab', false, 0, 1)).toEqual({ row: 0, col: 2 });
    expect(move('Tab', false, 0, 4)).toEqual({ row: 1, col: 0 });
    expect(move('Tab', false, 2, 4)).toBeNull();
    expect(move('Tab', true, 1, 0)).toEqual({ row: 0, col: 4 });
    expect(move('Tab', true, 0, 0)).toBeNull();
  });

  it('Enter goes to the next row at its first column that is not carried', () => {
    expect(move('Enter', false, 0, 4)).toEqual({ row: 1, col: 2 });
    expect(move('Enter', true, 1, 0)).toEqual({ row: 2, col: 2 });
    expect(move('Enter', false, 2, 0)).toBeNull();
  });

  it('the arrows change rows in the same column and stop at the edges; in a list they cycle', () => {
    expect(move('ArrowDown', false, 0, 3)).toEqual({ row: 1, col: 3 });
    expect(move('ArrowUp', false, 0, 3)).toBeNull();
    expect(move('ArrowDown', false, 2, 3)).toBeNull();
    expect(cycleHighlight(0, 'ArrowUp', 4)).toBe(3);
    expect(cycleHighlight(3, 'ArrowDown', 4)).toBe(0);
  });
});

describe('windowing', () => {
  it('renders the rows in view with an overscan, and the row being edited wherever it is', () => {
    expect(rowRuns(0, 330, 1000, -1)).toEqual([[0, 10 + OVERSCAN]]);
    const top = 500 * ROW_HEIGHT;
    expect(rowRuns(top, 330, 1000, 3)).toEqual([
      [3, 4],
      [500 - OVERSCAN, 510 + OVERSCAN],
    ]);
    expect(rowRuns(0, 330, 1000, 900)).toEqual([
      [0, 20],
      [900, 901],
    ]);
    expect(rowRuns(0, 330, 5, -1)).toEqual([[0, 5]]);
    expect(scrollTopFor(10, 200)).toBe(10 * ROW_HEIGHT - 100);
    expect(scrollTopFor(1, 200)).toBe(0);
  });
});

describe('checking and saving', () => {
  it('saves rows typed into, not a trailing row holding only what was carried', () => {
    let rows: readonly GridRow[] = type(initialRows(columns), 0, 'topic', 'Một');
    rows = type(rows, 1, 'date', rows[1]!.cells['date'] ?? '');
    expect(includedRows(rows, columns)).toEqual([true, false]);
    rows = type(rows, 1, 'venue', 'Chợ');
    expect(includedRows(rows, columns)).toEqual([true, true, false]);
  });

  it('refuses what the backend would, keyed by field, and finds the first invalid cell', () => {
    let rows: readonly GridRow[] = initialRows(columns);
    rows = type(rows, 0, 'date', '5/3');
    rows = type(rows, 0, 'unitId', 'zzz');
    rows = type(rows, 0, 'attendance', '-3');
    const check = makeChecker('propaganda', columns, TODAY)(rows);
    expect(check.included).toHaveLength(1);
    expect(Object.keys(check.errors.get(rows[0]!.id)!).sort()).toEqual(['attendance', 'form', 'topic', 'unitId']);
    expect(check.errors.get(rows[0]!.id)!['unitId']).toBe('không có "zzz" trong danh sách.');
    expect(firstInvalidCell(check, columns)).toEqual({ rowId: rows[0]!.id, key: 'unitId' });
  });

  it('turns a valid row into the record the contract takes, fields outside the grid at their defaults', () => {
    let rows: readonly GridRow[] = initialRows(columns);
    for (const [key, text] of [
      ['date', '5/3'],
      ['unitId', 'gia hoa'],
      ['form', 'loa'],
      ['topic', 'Ma túy'],
      ['attendance', '1.250'],
    ] as const)
      rows = type(rows, 0, key, text);
    const check = makeChecker('propaganda', columns, TODAY)(rows);
    expect(check.errorCount).toBe(0);
    expect(check.included[0]!.record).toMatchObject({
      date: '2026-03-05',
      unitId: HOA,
      form: 'loa_truyen_thanh',
      topic: 'Ma túy',
      attendance: 1250,
      purpose: 'tuyen_truyen',
      organizationId: null,
    });
    expect(columnTotals(columns, rows).find((t) => t.column.key === 'attendance')?.value).toBe(1250);
  });

  it("places the backend's errors on the rows sent, and keeps them only while the row is unchanged", () => {
    let rows: readonly GridRow[] = type(initialRows(columns), 0, 'topic', 'Một');
    rows = type(rows, 1, 'topic', 'Hai');
    const included = [
      { row: rows[0]!, index: 0, record: {} },
      { row: rows[1]!, index: 1, record: {} },
    ];
    const { byRow, other, cells } = serverErrorsOf(
      { 'records.1.unitId': 'Đơn vị đã kết thúc.', 'records.0': 'Dòng lỗi.', other: 'Khác.' },
      included,
      columns,
    );
    expect(cells).toBe(2);
    expect(other).toEqual(['Khác.']);
    expect(byRow.get(rows[1]!.id)?.errors).toEqual({ unitId: 'Đơn vị đã kết thúc.' });
    expect(byRow.get(rows[0]!.id)?.errors).toEqual({ date: 'Dòng lỗi.' });
    const merged = mergeErrors(null, byRow, rows);
    expect(new Set(merged.keys())).toEqual(new Set([rows[0]!.id, rows[1]!.id]));
    const label = (key: string) => col(key)?.label ?? key;
    expect(errorLines(merged, rows, label).map((l) => l.text)).toEqual([
      'Dòng 1, Ngày: Dòng lỗi.',
      'Dòng 2, Đơn vị (xã, khu dân cư): Đơn vị đã kết thúc.',
    ]);
    // Row 2 edited since: its server error no longer shows.
    const changed = type(rows, 1, 'venue', 'Chợ');
    expect([...mergeErrors(null, byRow, changed).keys()]).toEqual([rows[0]!.id]);
    expect(cellKeyFor('purpose', columns)).toBe('date');
    expect(cellKeyFor('venue', columns)).toBe('venue');
  });
});
