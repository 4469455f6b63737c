/**
 * Issue 10 items 1 and 2: hostile spreadsheets are refused in seconds with a Vietnamese message,
 * the process survives, nothing is written, and the database is not held while a file is read;
 * formulas, external links, error values and hidden characters are errors of their cell; only the
 * visible sheet is read. The corpus is tests/corpus/xlsx (generator: hostile.ts).
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readWorkbook } from '../../../electron/backend/xlsx/workbook';
import { commitImport } from '../../../electron/backend/services/xlsx-import/import.service';
import { AppError } from '../../../electron/backend/errors';
import type { XlsxColumn } from '../../../electron/backend/xlsx/spec';
import { CORPUS_HEADER, CORPUS_TITLE, HOSTILE_CASES, book, sheetXml, workbookParts, zip } from '../../corpus/xlsx/hostile';
import { startBackend, PROJECT_ROOT, type TestBackend } from '../../support/backend';
import { GIA_VIEN_SETUP } from '../../support/offices';
import { dumpDatabase } from '../../support/sqlite';
import { makeTempDir, removeDir } from '../../support/temp-dir';

const CORPUS_DIR = path.join(PROJECT_ROOT, 'tests', 'corpus', 'xlsx');
const COLUMNS: XlsxColumn[] = [
  { key: 'year', header: 'Năm', required: true },
  { key: 'unit', header: 'Đơn vị', required: true },
  { key: 'households', header: 'Số hộ' },
  { key: 'residents', header: 'Số nhân khẩu' },
];
const SECONDS = 5;

function load(file: string): Buffer {
  const c = HOSTILE_CASES.find((x) => x.file === file)!;
  return c.small ? fs.readFileSync(path.join(CORPUS_DIR, file)) : c.build();
}

async function refusal(bytes: Buffer): Promise<{ error: AppError; ms: number }> {
  const started = performance.now();
  const error = await readWorkbook(bytes, COLUMNS, CORPUS_TITLE).then(
    () => null,
    (e: unknown) => e,
  );
  if (!(error instanceof AppError)) throw new Error(`not refused with an AppError: ${String(error)}`);
  return { error, ms: performance.now() - started };
}

describe('the hostile corpus', () => {
  it('is committed as the generator makes it (small files), byte for byte', () => {
    for (const c of HOSTILE_CASES.filter((x) => x.small)) {
      expect(fs.readFileSync(path.join(CORPUS_DIR, c.file)).equals(c.build()), c.file).toBe(true);
    }
    expect(fs.statSync(path.join(CORPUS_DIR, 'far-row.xlsx')).size).toBeLessThan(7_000);
  });

  for (const c of HOSTILE_CASES.filter((x) => x.refusal !== null)) {
    it(`refuses ${c.file} (${c.what}) within ${SECONDS} s with a Vietnamese message`, async () => {
      const { error, ms } = await refusal(load(c.file));
      expect(error.code).toBe('VALIDATION');
      expect(error.message).toContain(c.refusal!);
      expect(ms).toBeLessThan(SECONDS * 1000);
    });
  }

  it('refuses a file over 32 MB before looking inside it', async () => {
    const { error, ms } = await refusal(Buffer.alloc(33 * 1024 * 1024, 0x50));
    expect(error.message).toBe('Tệp quá lớn (tối đa 32 MB). Hãy chia dữ liệu thành nhiều tệp nhỏ hơn.');
    expect(ms).toBeLessThan(1000);
  });

  it('the zip bombs are what they claim: about 4 MB that would inflate to 4 GB', () => {
    const bomb = load('zip-bomb-lying.xlsx');
    expect(bomb.length).toBeGreaterThan(3_000_000);
    expect(bomb.length).toBeLessThan(6_000_000);
  });

  it('reads an empty formatted cell on the last row without materialising the rows before it', async () => {
    const far = book(
      new Map([
        [1, CORPUS_HEADER],
        [2, [2024, 'Xã Gia Hòa', 1, 2]],
        [1_048_576, [{ xml: '<c r="$REF" s="0"/>' }]],
      ]),
    );
    const started = performance.now();
    const rows = await readWorkbook(far, COLUMNS, CORPUS_TITLE);
    expect(rows.map((r) => r.rowNumber)).toEqual([2]);
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it('accepts data up to the row limit by position and refuses the first row past it', async () => {
    const last = new Map([
      [1, CORPUS_HEADER],
      [200_001, [2024, 'Xã Gia Hòa', 1, 2]],
    ]);
    expect((await readWorkbook(book(last), COLUMNS, CORPUS_TITLE)).map((r) => r.rowNumber)).toEqual([200_001]);
    const past = new Map([
      [1, CORPUS_HEADER],
      [200_002, [2024, 'Xã Gia Hòa', 1, 2]],
    ]);
    await expect(readWorkbook(book(past), COLUMNS, CORPUS_TITLE)).rejects.toThrow('dòng 200.002');
  });
});

describe('cells and sheets that cannot be trusted', () => {
  const FORMULA = 'ô chứa công thức: hãy dán giá trị';
  it.each([
    ['formula-no-result.xlsx', FORMULA],
    ['forged-formula-result.xlsx', FORMULA],
    ['external-link.xlsx', FORMULA],
    ['error-value.xlsx', 'ô có giá trị lỗi #REF!'],
  ])('%s: the cell is an error, never a value', async (file, message) => {
    const rows = await readWorkbook(load(file), COLUMNS, CORPUS_TITLE);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.cells['households']).toBe('');
    expect(rows[0]!.errors['households']).toContain(message);
    expect(JSON.stringify(rows)).not.toContain('[object Object]');
  });

  it('control-chars.xlsx: ESC and a right-to-left override make the cell an error', async () => {
    const rows = await readWorkbook(load('control-chars.xlsx'), COLUMNS, CORPUS_TITLE);
    expect(rows[0]!.errors['unit']).toBe('ô chứa ký tự điều khiển hoặc ký tự ẩn không được phép.');
  });

  it('very-hidden-first-sheet.xlsx: only the visible sheet is read', async () => {
    const rows = await readWorkbook(load('very-hidden-first-sheet.xlsx'), COLUMNS, CORPUS_TITLE);
    expect(rows.map((r) => r.cells)).toEqual([{ year: '2024', unit: 'Xã Gia Hòa', households: '120', residents: '480' }]);
  });

  it('prefers the visible sheet the template names over an earlier visible sheet', async () => {
    const bytes = zip(
      workbookParts([
        { name: 'Ghi chú', xml: sheetXml([CORPUS_HEADER, [1999, 'khác', 1, 1]]) },
        { name: CORPUS_TITLE, xml: sheetXml([CORPUS_HEADER, [2024, 'Xã Gia Hòa', 120, 480]]) },
      ]),
    );
    expect((await readWorkbook(bytes, COLUMNS, CORPUS_TITLE)).map((r) => r.cells['year'])).toEqual(['2024']);
  });

  it('refuses a workbook whose sheets are all hidden', async () => {
    const bytes = zip(workbookParts([{ name: CORPUS_TITLE, state: 'hidden', xml: sheetXml([CORPUS_HEADER]) }]));
    await expect(readWorkbook(bytes, COLUMNS, CORPUS_TITLE)).rejects.toThrow('không có trang tính nào đang hiện');
  });
});

describe('through the contract on a real database', () => {
  let dir: string;
  let t: TestBackend;
  beforeAll(async () => {
    dir = makeTempDir('antq-hostile-');
    t = await startBackend(dir);
    await t.call('office.setup', GIA_VIEN_SETUP);
  });
  afterAll(() => {
    t.close();
    removeDir(dir);
  });
  const dump = () => JSON.stringify(dumpDatabase(path.join(dir, 'antq.db')));

  it('refuses every hostile file on preview and commit, writes nothing, and stays alive', async () => {
    const before = dump();
    for (const c of HOSTILE_CASES.filter((x) => x.file !== 'very-hidden-first-sheet.xlsx')) {
      const fileBase64 = load(c.file).toString('base64');
      for (const method of ['xlsx.preview', 'xlsx.commit'] as const) {
        const r = await t.send(method, { registry: 'unit_year_stats', fileBase64 });
        if (c.refusal !== null || method === 'xlsx.commit') {
          expect(r.ok, `${method} ${c.file}`).toBe(false);
          if (!r.ok) {
            expect(r.error.code, `${method} ${c.file}: ${r.error.message}`).toBe('VALIDATION');
            expect(r.error.message).toMatch(/[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]/i);
          }
        } else {
          expect(r.ok, `${method} ${c.file}`).toBe(true);
          if (r.ok) expect((r.value as { counts: { error: number } }).counts.error, c.file).toBeGreaterThan(0);
        }
      }
    }
    expect(dump()).toBe(before);
  }, 120_000);

  it('imports the visible sheet of very-hidden-first-sheet.xlsx, never the hidden figures', async () => {
    const fileBase64 = load('very-hidden-first-sheet.xlsx').toString('base64');
    expect((await t.call('xlsx.commit', { registry: 'unit_year_stats', fileBase64 })).created).toBe(1);
    const stored = JSON.stringify(dumpDatabase(path.join(dir, 'antq.db')).tables['unit_year_stats']);
    expect(stored).toContain('480');
    expect(stored).not.toContain('999999');
  });

  it('shows the formula error on its row in the preview, naming the column', async () => {
    const r = await t.call('xlsx.preview', {
      registry: 'unit_year_stats',
      fileBase64: load('forged-formula-result.xlsx').toString('base64'),
    });
    expect(r.rows).toEqual([
      {
        rowNumber: 2,
        status: 'error',
        label: '',
        errors: ['Cột "Số hộ": ô chứa công thức: hãy dán giá trị (Dán đặc biệt › Giá trị) thay cho công thức.'],
        warnings: [],
        notes: [],
      },
    ]);
  });
});

describe('the write transaction', () => {
  it('opens only after the whole file is read and checked', async () => {
    let opened = 0;
    const db = {
      transaction: () => {
        opened++;
        throw new Error('the transaction was opened');
      },
    };
    const ctx = { db } as unknown as Parameters<typeof commitImport>[0];
    const spec = { title: CORPUS_TITLE, columns: COLUMNS } as unknown as Parameters<typeof commitImport>[1];
    const err = await commitImport(ctx, spec, load('far-row.xlsx').toString('base64')).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).message).toContain('dòng 1.048.576');
    expect(opened).toBe(0);
  });
});
