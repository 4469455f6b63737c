/** Command-line parsing of the desktop app (`--data-dir`). */
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { parseArgs } from '../../../electron/main/args';

// Loading the real 'electron' package here would be a bug (its binary is absent in CI): fail loudly.
vi.mock('electron', () => {
  throw new Error("tests must not load 'electron'");
});

const CWD = '/home/canbo';
const EXE = '/opt/antq/antq-desktop';

describe('parseArgs', () => {
  it('returns no data dir when the flag is absent (packaged and development argv)', () => {
    expect(parseArgs([EXE], CWD)).toEqual({ ok: true, dataDir: null });
    expect(parseArgs(['/x/electron', 'dist/electron/main.cjs', '--no-sandbox'], CWD)).toEqual({ ok: true, dataDir: null });
    expect(parseArgs([], CWD)).toEqual({ ok: true, dataDir: null });
  });

  it('reads --data-dir=PATH', () => {
    expect(parseArgs([EXE, '--data-dir=/srv/antq'], CWD)).toEqual({ ok: true, dataDir: '/srv/antq' });
  });

  it('reads --data-dir PATH', () => {
    expect(parseArgs([EXE, '--data-dir', '/srv/antq'], CWD)).toEqual({ ok: true, dataDir: '/srv/antq' });
  });

  it('keeps spaces and Vietnamese letters in the path', () => {
    expect(parseArgs([EXE, '--data-dir', '/srv/Dữ liệu ANTQ'], CWD)).toEqual({ ok: true, dataDir: '/srv/Dữ liệu ANTQ' });
    expect(parseArgs([EXE, '--data-dir=/srv/Công an xã'], CWD)).toEqual({ ok: true, dataDir: '/srv/Công an xã' });
  });

  it('makes a relative path absolute against cwd', () => {
    expect(parseArgs([EXE, '--data-dir=du-lieu'], CWD)).toEqual({ ok: true, dataDir: path.resolve(CWD, 'du-lieu') });
    expect(parseArgs([EXE, '--data-dir', './a/../b'], CWD)).toEqual({ ok: true, dataDir: path.resolve(CWD, 'b') });
  });

  it('lets the last occurrence win and ignores other options around it', () => {
    expect(parseArgs([EXE, '--enable-logging', '--data-dir=/a', '--lang=vi', '--data-dir', '/b', '--foo'], CWD)).toEqual({
      ok: true,
      dataDir: '/b',
    });
  });

  it('does not take the value of a look-alike flag', () => {
    expect(parseArgs([EXE, '--data-dirs=/a', '--data-directory', '/b'], CWD)).toEqual({ ok: true, dataDir: null });
  });

  it('stops at --', () => {
    expect(parseArgs([EXE, '--', '--data-dir=/a'], CWD)).toEqual({ ok: true, dataDir: null });
  });

  it.each([
    [[EXE, '--data-dir']],
    [[EXE, '--data-dir=']],
    [[EXE, '--data-dir=   ']],
    [[EXE, '--data-dir', '']],
    [[EXE, '--data-dir', '--enable-logging']],
  ])('refuses a missing value: %j', (argv) => {
    const r = parseArgs(argv, CWD);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toMatch(/^Tham số --data-dir cần một đường dẫn thư mục/);
  });
});
