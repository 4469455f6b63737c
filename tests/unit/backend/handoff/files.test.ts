import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkFolder, readBoundedFile, writeNewFile } from '../../../../electron/backend/handoff/files';
import { refusalReason } from '../../../support/handoff-refusal';
import { useTempDir } from '../../../support/temp-dir';

const tmp = useTempDir('antq-files-');

describe('hand-off files', () => {
  it('writes a new file once, atomically, leaving no temporary file', () => {
    const dir = tmp.path();
    const bytes = new Uint8Array(100_000).map((_, i) => i & 0xff);
    const written = writeNewFile(dir, 'ANTQ_373_2026_1.antq', bytes);
    expect(written).toBe(path.join(dir, 'ANTQ_373_2026_1.antq'));
    expect(new Uint8Array(fs.readFileSync(written))).toEqual(bytes);
    expect(refusalReason(() => writeNewFile(dir, 'ANTQ_373_2026_1.antq', new Uint8Array([1])))).toBe('FILE_EXISTS');
    expect(new Uint8Array(fs.readFileSync(written))).toEqual(bytes);
    expect(fs.readdirSync(dir)).toEqual(['ANTQ_373_2026_1.antq']);
    expect(() => writeNewFile(dir, '../x.antq', bytes)).toThrow();
  });

  it('refuses folders that are not absolute, missing or not folders', () => {
    const dir = tmp.path();
    fs.writeFileSync(path.join(dir, 'f'), 'x');
    expect(refusalReason(() => checkFolder('relative'))).toBe('FOLDER_INVALID');
    expect(refusalReason(() => checkFolder(path.join(dir, 'missing')))).toBe('FOLDER_INVALID');
    expect(refusalReason(() => checkFolder(path.join(dir, 'f')))).toBe('FOLDER_INVALID');
    expect(checkFolder(dir)).toBe(dir);
  });

  it('reads only regular files within the size bound', () => {
    const dir = tmp.path();
    const f = path.join(dir, 'a.antq');
    fs.writeFileSync(f, new Uint8Array(1000));
    expect(readBoundedFile(f, 1000)).toHaveLength(1000);
    expect(refusalReason(() => readBoundedFile(f, 999))).toBe('FILE_TOO_LARGE');
    expect(refusalReason(() => readBoundedFile(dir, 1e6))).toBe('FILE_MISSING');
    expect(refusalReason(() => readBoundedFile(path.join(dir, 'nope'), 1e6))).toBe('FILE_MISSING');
    expect(refusalReason(() => readBoundedFile('a.antq', 1e6))).toBe('FILE_MISSING');
  });
});
