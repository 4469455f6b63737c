import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { openDatabase, type OpenedDatabase } from '../../../electron/backend/db/open';
import { migrate } from '../../../electron/backend/db/migrator';
import { LATEST_VERSION, MIGRATIONS } from '../../../electron/backend/db/migrations';
import { createClock } from '../../../electron/backend/clock';
import type { ServiceContext } from '../../../electron/backend/context';
import { readWorkbook, sheetName, writeWorkbook } from '../../../electron/backend/xlsx/workbook';
import { commitImport, exportFile, previewImport, templateFile } from '../../../electron/backend/services/xlsx-import/import.service';
import type { ImportSpec, XlsxColumn } from '../../../electron/backend/xlsx/spec';
import { RowReader, headerMap } from '../../../electron/backend/xlsx/cells';
import { UnitIndex } from '../../../electron/backend/xlsx/unit-index';
import { AppError } from '../../../electron/backend/errors';
import { EMPTY_FILTER } from '../../../shared/domain/registries';
import type { UnitDto } from '../../../shared/ipc/contract';

const COLUMNS: XlsxColumn[] = [
  { key: 'name', header: 'Tên', required: true },
  { key: 'kind', header: 'Loại', options: ['Thôn', 'Tổ dân phố'] },
  { key: 'count', header: 'Số hộ' },
  { key: 'date', header: 'Ngày thành lập' },
];

async function toBase64(
  rows: (string | number | Date | null)[][],
  headers = ['Tên (*)', 'Loại', 'Số hộ', 'Ngày thành lập'],
): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Dữ liệu');
  ws.addRow(headers);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
}

interface Item {
  name: string;
  kind: string | null;
  count: number | null;
  date: string | null;
}

/** An in-memory registry: enough to exercise the generic flow end to end. */
function fakeSpec(store: Map<string, Item>, applied: Item[][]): ImportSpec<Item, null> {
  const headers = headerMap(COLUMNS);
  return {
    id: 'organizations',
    title: 'Danh sách thử',
    columns: COLUMNS,
    prepare: async () => null,
    parseRow(cells) {
      const r = new RowReader(cells, headers);
      const name = r.text('name', { required: true });
      const kind = r.choice('kind', { thon: 'Thôn', to_dan_pho: 'Tổ dân phố' });
      const count = r.int('count', { min: 0 });
      const date = r.date('date');
      if (r.issues.length > 0 || name === null) return { ok: false, errors: r.issues };
      return { ok: true, value: { name, kind, count, date }, label: name };
    },
    naturalKey: (v) => v.name.toLowerCase(),
    classify: async (_db, values) =>
      values.map((v) => {
        const existing = store.get(v.name.toLowerCase());
        if (!existing) return 'new';
        return JSON.stringify(existing) === JSON.stringify(v) ? 'unchanged' : 'update';
      }),
    apply: async (_db, _ctx, values) => {
      applied.push([...values]);
      for (const v of values) store.set(v.name.toLowerCase(), v);
    },
    exportRows: async () =>
      [...store.values()].map((v) => ({
        name: v.name,
        kind: v.kind === 'thon' ? 'Thôn' : v.kind ? 'Tổ dân phố' : null,
        count: v.count,
        date: v.date ? v.date.split('-').reverse().join('/') : null,
      })),
  };
}

let dir: string;
let opened: OpenedDatabase;
let ctx: ServiceContext;

beforeEach(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'antq-xlsx-'));
  opened = openDatabase(path.join(dir, 'antq.db'), LATEST_VERSION);
  await migrate(opened.raw, opened.db, MIGRATIONS, { backupDir: dir, now: () => new Date() });
  ctx = {
    db: opened.db,
    clock: createClock(() => new Date('2026-11-22T03:00:00Z')),
    newId: () => crypto.randomUUID(),
    catalogue: () => {
      throw new Error('not used');
    },
  };
});

afterEach(async () => {
  await opened.db.destroy();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('workbook', () => {
  it('writes and reads back Vietnamese text, numbers and dates by header', async () => {
    const buffer = await writeWorkbook({
      title: 'Thử',
      columns: COLUMNS,
      rows: [{ name: 'Thôn Đông Xuyên', kind: 'Thôn', count: 51511, date: '01/07/2025' }],
      template: false,
    });
    const rows = await readWorkbook(buffer, COLUMNS);
    expect(rows).toEqual([
      { rowNumber: 2, cells: { name: 'Thôn Đông Xuyên', kind: 'Thôn', count: '51511', date: '01/07/2025' }, errors: {} },
    ]);
  });

  it('writes text that starts with = + - @ as text, never as a formula', async () => {
    const hostile = ['=HYPERLINK("http://x","bấm")', '+1+1', '-2+3', '@SUM(A1)', '=1+1'];
    const buffer = await writeWorkbook({ title: 'Thử', columns: COLUMNS, rows: hostile.map((name) => ({ name })), template: false });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(buffer as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    hostile.forEach((text, i) => {
      const cell = ws.getCell(i + 2, 1);
      expect(cell.type).toBe(ExcelJS.ValueType.String);
      expect(cell.formula).toBeUndefined();
      expect(cell.value).toBe(text);
    });
    const rows = await readWorkbook(buffer, COLUMNS);
    expect(rows.map((r) => r.cells['name'])).toEqual(hostile);
  });

  it('puts dropdowns on columns with options in templates, and an instructions sheet', async () => {
    const buffer = await writeWorkbook({ title: 'Mẫu: thử/1', columns: COLUMNS, rows: [], template: true });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(buffer as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Mẫu  thử 1', 'Hướng dẫn']);
    expect(wb.worksheets[0]!.getCell('B2').dataValidation).toMatchObject({ type: 'list', formulae: ['"Thôn,Tổ dân phố"'] });
    expect(wb.worksheets[0]!.getCell('A1').value).toBe('Tên (*)');
  });

  // Changed by h3-hostile (issue 10 item 2): a formula's stored result can be forged, so a formula
  // cell is an error of that cell ("hãy dán giá trị"), no longer read by its result.
  it('reads Excel date cells as dd/MM/yyyy, rich text as its text, and formula cells as errors', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('A');
    ws.addRow(['Tên', 'Ngày thành lập', 'Số hộ', 'Loại']);
    ws.addRow([
      'Thôn 1',
      new Date(Date.UTC(2025, 6, 1)),
      { formula: '1+1', result: 2 },
      { richText: [{ text: 'Thô' }, { text: 'n', font: { bold: true } }] },
    ]);
    ws.addRow(['Thôn 2', null, 0.1 + 0.2, true]);
    const buffer = Buffer.from(await wb.xlsx.writeBuffer());
    const rows = await readWorkbook(buffer, COLUMNS);
    expect(rows[0]!.cells).toEqual({ name: 'Thôn 1', kind: 'Thôn', count: '', date: '01/07/2025' });
    expect(rows[0]!.errors).toEqual({ count: 'ô chứa công thức: hãy dán giá trị (Dán đặc biệt › Giá trị) thay cho công thức.' });
    expect(rows[1]!.cells).toEqual({ name: 'Thôn 2', kind: 'Có', count: '0.3', date: '' });
  });

  it('refuses a file that is not xlsx, and one without a required column', async () => {
    await expect(readWorkbook(Buffer.from('không phải excel'), COLUMNS)).rejects.toThrow(
      'Không đọc được tệp: đây không phải tệp Excel (.xlsx) hợp lệ.',
    );
    const base64 = await toBase64([['x']], ['Loại', 'Số hộ']);
    await expect(readWorkbook(Buffer.from(base64, 'base64'), COLUMNS)).rejects.toThrow('Tệp thiếu cột bắt buộc: "Tên".');
  });

  it('sanitises sheet names', () => {
    expect(sheetName('a[b]c:d*e?f/g\\h')).toBe('a b c d e f g h');
    expect(sheetName('x'.repeat(40))).toHaveLength(31);
  });
});

describe('import flow', () => {
  it('previews without writing, refuses to commit a file with errors, then commits and is idempotent', async () => {
    const store = new Map<string, Item>();
    const applied: Item[][] = [];
    const spec = fakeSpec(store, applied);
    const bad = await toBase64([
      ['Thôn 1', 'Thôn', 120, '01/07/2025'],
      ['', 'Thôn', 5, null],
      ['Thôn 2', 'Xóm', -1, '31/02/2025'],
      ['thôn 1', 'Thôn', 1, null],
    ]);
    const preview = await previewImport(ctx, spec, bad);
    expect(preview.counts).toEqual({ new: 1, update: 0, unchanged: 0, error: 3 });
    expect(preview.rows.find((r) => r.rowNumber === 3)?.errors).toEqual(['Cột "Tên": không được để trống.']);
    expect(preview.rows.find((r) => r.rowNumber === 4)?.errors).toEqual([
      'Cột "Loại": "Xóm" không thuộc danh sách cho phép (Thôn, Tổ dân phố).',
      'Cột "Số hộ": không được nhỏ hơn 0.',
      'Cột "Ngày thành lập": "31/02/2025" không phải là ngày hợp lệ (ngày/tháng/năm).',
    ]);
    expect(preview.rows.find((r) => r.rowNumber === 5)?.errors).toEqual([
      'Trùng với dòng 2 (cùng một bản ghi được ghi hai lần trong tệp, với nội dung khác nhau).',
    ]);
    await expect(commitImport(ctx, spec, bad)).rejects.toThrow('Tệp còn 3 dòng lỗi; chưa ghi dữ liệu nào.');
    expect(applied).toHaveLength(0);

    const good = await toBase64([
      ['Thôn 1', 'Thôn', 120, '01/07/2025'],
      ['Tổ dân phố 5', 'to dan pho', '1.234', null],
    ]);
    expect(await commitImport(ctx, spec, good)).toEqual({ created: 2, updated: 0, unchanged: 0 });
    expect(store.get('tổ dân phố 5')).toEqual({ name: 'Tổ dân phố 5', kind: 'to_dan_pho', count: 1234, date: null });
    expect(await commitImport(ctx, spec, good)).toEqual({ created: 0, updated: 0, unchanged: 2 });
    expect(applied).toHaveLength(1);

    const changed = await toBase64([['Thôn 1', 'Thôn', 121, '01/07/2025']]);
    expect((await previewImport(ctx, spec, changed)).rows[0]).toMatchObject({ status: 'update', label: 'Thôn 1' });
  });

  it('skips a row repeated exactly in the file for every registry, and keeps a conflicting repeat an error (issue 14 item 5)', async () => {
    const store = new Map<string, Item>();
    const applied: Item[][] = [];
    const spec = fakeSpec(store, applied);
    const file = await toBase64([
      ['Thôn 1', 'Thôn', 120, '01/07/2025'],
      ['Thôn 2', 'Thôn', 5, null],
      ['Thôn 1', 'Thôn', 120, '01/07/2025'],
    ]);
    const preview = await previewImport(ctx, spec, file);
    expect(preview.rows.map((r) => [r.status, r.notes])).toEqual([
      ['new', []],
      ['new', []],
      ['duplicate', ['Giống hệt dòng 2: bỏ qua, chỉ ghi một lần.']],
    ]);
    expect({ counts: preview.counts, duplicates: preview.duplicates }).toEqual({
      counts: { new: 2, update: 0, unchanged: 0, error: 0 },
      duplicates: 1,
    });
    expect(await commitImport(ctx, spec, file)).toEqual({ created: 2, updated: 0, unchanged: 0 });
    expect(applied[0]!.map((v) => v.name)).toEqual(['Thôn 1', 'Thôn 2']);
  });

  it('exports rows that import back unchanged, and a template with no rows', async () => {
    const store = new Map<string, Item>([['thôn 1', { name: 'Thôn 1', kind: 'thon', count: 12, date: '2025-07-01' }]]);
    const spec = fakeSpec(store, []);
    const exported = await exportFile(ctx, spec, EMPTY_FILTER);
    expect(exported.fileName).toBe('Danh sách thử - 2026-11-22.xlsx');
    expect(exported.rows).toBe(1);
    expect((await previewImport(ctx, spec, exported.base64)).counts).toEqual({ new: 0, update: 0, unchanged: 1, error: 0 });
    const template = await templateFile(spec);
    expect(template.fileName).toBe('Danh sách thử - mẫu nhập.xlsx');
    expect(await readWorkbook(Buffer.from(template.base64, 'base64'), COLUMNS)).toEqual([]);
  });

  it('refuses an empty payload with a Vietnamese message', async () => {
    const spec = fakeSpec(new Map(), []);
    const err = await previewImport(ctx, spec, '').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).message).toBe('Tệp rỗng.');
  });
});

describe('UnitIndex in record sheets', () => {
  const unit = (id: string, name: string, parentId: string | null, code: string | null = null, validTo: string | null = null): UnitDto => ({
    id,
    parentId,
    level: parentId ? 'khu_dan_cu' : 'huyen',
    kind: parentId ? 'thon' : 'huyen',
    name,
    code,
    validFrom: null,
    validTo,
    endReason: null,
    source: 'manual',
    createdAt: '',
    updatedAt: '',
  });
  const units = [
    unit('r', 'Huyện Gia Viễn', null, '373'),
    unit('a', 'Xã Gia Hòa', 'r', '14467'),
    unit('b', 'Xã Gia Hưng', 'r', '14470'),
    unit('a1', 'Thôn 1', 'a'),
    unit('b1', 'Thôn 1', 'b'),
    unit('b2', 'Thôn Đông', 'b'),
  ];
  const resolver = new UnitIndex(units);
  const resolve = (t: string) => resolver.resolve(t, 'record');

  it('finds a unit by code, unique name (case and spacing ignored, diacritics kept) or path', () => {
    expect(resolve('14470')).toMatchObject({ ok: true, unit: { id: 'b' } });
    expect(resolve('thôn  đông')).toMatchObject({ ok: true, unit: { id: 'b2' } });
    expect(resolve('Xã Gia Hòa / Thôn 1')).toMatchObject({ ok: true, unit: { id: 'a1' } });
    expect(resolve('xã gia hưng › thôn 1')).toMatchObject({ ok: true, unit: { id: 'b1' } });
  });

  it('takes a name typed with no diacritics when it folds to one unit; wrong diacritics only suggest', () => {
    expect(resolve('thon dong')).toMatchObject({ ok: true, unit: { id: 'b2' } });
    expect(resolve('xa gia hung / thon 1')).toMatchObject({ ok: true, unit: { id: 'b1' } });
    expect(resolve('Thôn Dông')).toEqual({
      ok: false,
      message: 'không tìm thấy đơn vị "Thôn Dông" (tên phải ghi đúng dấu). Có phải: "Xã Gia Hưng / Thôn Đông"?',
    });
    expect(resolve('thon 1')).toMatchObject({ ok: false });
  });

  it('explains ambiguity and absence in Vietnamese', () => {
    expect(resolve('Thôn 1')).toEqual({
      ok: false,
      message:
        'có 2 đơn vị "Thôn 1": "Xã Gia Hòa / Thôn 1"; "Xã Gia Hưng / Thôn 1". Hãy ghi đường dẫn đầy đủ (ví dụ "Xã Gia Hòa / Thôn 1") hoặc mã đơn vị.',
    });
    expect(resolve('Thôn 9')).toEqual({ ok: false, message: 'không tìm thấy đơn vị "Thôn 9".' });
  });

  it('labels units so that the label resolves back to the same unit', () => {
    for (const u of units) expect(resolve(resolver.label(u))).toMatchObject({ ok: true, unit: { id: u.id } });
  });
});
