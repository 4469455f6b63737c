import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readTar, TAR_BLOCK, TarError, writeTar, type TarReadRules } from '../../../../electron/backend/handoff/tar';

const enc = (s: string) => new TextEncoder().encode(s);
const RULES: TarReadRules = { names: [['a.json'], ['a.json.sig'], ['p.bin', 'q.bin']], minEntries: 2, maxSize: () => 10_000 };
const ENTRIES = [
  { name: 'a.json', data: enc('{"x":1}') },
  { name: 'a.json.sig', data: enc('sig') },
  { name: 'p.bin', data: new Uint8Array(700).fill(9) },
];

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

function errorOf(bytes: Uint8Array, rules = RULES): TarError {
  try {
    readTar(bytes, rules);
  } catch (err) {
    if (err instanceof TarError) return err;
    throw err;
  }
  throw new Error('expected a TarError');
}

function withHeaderByte(bytes: Uint8Array, headerAt: number, offset: number, value: number, fixChecksum = true): Uint8Array {
  const out = bytes.slice();
  out[headerAt + offset] = value;
  if (fixChecksum) {
    let sum = 0;
    for (let i = 0; i < TAR_BLOCK; i++) sum += i >= 148 && i < 156 ? 32 : out[headerAt + i]!;
    out.set(enc(`${sum.toString(8).padStart(6, '0')}\0 `), headerAt + 148);
  }
  return out;
}

describe('tar', () => {
  it('writes deterministic ustar that reads back, and that GNU tar lists with our metadata', () => {
    const bytes = writeTar(ENTRIES);
    expect(bytes.length).toBe(512 * 9);
    expect(writeTar(ENTRIES)).toEqual(bytes);
    expect(readTar(bytes, RULES)).toEqual(ENTRIES);
    expect(readTar(writeTar(ENTRIES.slice(0, 2)), RULES)).toEqual(ENTRIES.slice(0, 2));
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'antq-tar-'));
    dirs.push(dir);
    fs.writeFileSync(path.join(dir, 'x.tar'), bytes);
    const listing = execFileSync('tar', ['--numeric-owner', '--full-time', '-tvf', path.join(dir, 'x.tar')], {
      encoding: 'utf8',
      env: { ...process.env, TZ: 'UTC' },
    });
    expect(listing.trim().split('\n')).toEqual([
      '-rw-r--r-- 0/0               7 1970-01-01 00:00:00 a.json',
      '-rw-r--r-- 0/0               3 1970-01-01 00:00:00 a.json.sig',
      '-rw-r--r-- 0/0             700 1970-01-01 00:00:00 p.bin',
    ]);
    execFileSync('tar', ['-xf', path.join(dir, 'x.tar'), '-C', dir]);
    expect(fs.readFileSync(path.join(dir, 'a.json'), 'utf8')).toBe('{"x":1}');
  });

  it('in canonical mode accepts only the bytes the writer makes', () => {
    const good = writeTar(ENTRIES);
    // mtime changed to 1 with a correct checksum: a valid ustar, but not ours.
    const other = withHeaderByte(good, 0, 146, 0x31);
    expect(readTar(other, RULES)).toEqual(ENTRIES);
    expect(errorOf(other, { ...RULES, canonical: true }).entries).toBe(false);
    // The checksum's trailing space replaced by NUL: the same number, another serialisation.
    const nul = good.slice();
    nul[155] = 0;
    expect(readTar(nul, RULES)).toEqual(ENTRIES);
    expect(() => readTar(nul, { ...RULES, canonical: true })).toThrow(TarError);
    expect(readTar(good, { ...RULES, canonical: true })).toEqual(ENTRIES);
  });

  it('refuses names it would not write', () => {
    for (const name of ['../x', '/abs', 'a b', '', 'é', 'x'.repeat(101)])
      expect(() => writeTar([{ name, data: new Uint8Array() }])).toThrow(TarError);
  });

  it('refuses hostile archives', () => {
    const good = writeTar(ENTRIES);
    const p = 512 * 4; // header of p.bin
    const cases: [string, Uint8Array, boolean][] = [
      ['empty', new Uint8Array(0), false],
      ['not a multiple of 512', good.slice(0, good.length - 1), false],
      ['no end blocks', good.slice(0, good.length - 1024), false],
      ['one end block', good.slice(0, good.length - 512), false],
      ['three end blocks', new Uint8Array([...good, ...new Uint8Array(512)]), false],
      ['garbage after', new Uint8Array([...good, ...new Uint8Array(511), 1]), false],
      ['non-zero end block', withHeaderByte(good, good.length - 512, 3, 1, false), false],
      ['bad checksum', withHeaderByte(good, 0, 0, 0x62, false), false],
      ['symlink', withHeaderByte(good, p, 156, 0x32), false],
      ['hard link', withHeaderByte(withHeaderByte(good, p, 156, 0x31), p, 157, 0x61), false],
      ['directory', withHeaderByte(good, p, 156, 0x35), false],
      ['pax header', withHeaderByte(good, p, 156, 0x78), false],
      ['GNU long name', withHeaderByte(good, p, 156, 0x4c), false],
      ['sparse', withHeaderByte(good, p, 156, 0x53), false],
      ['old-style NUL type', withHeaderByte(good, p, 156, 0), false],
      ['link name set', withHeaderByte(good, p, 157, 0x61), false],
      ['prefix set', withHeaderByte(good, p, 345, 0x61), false],
      ['GNU magic', withHeaderByte(withHeaderByte(good, p, 262, 0x20), p, 263, 0x20), false],
      ['non-octal size', withHeaderByte(good, p, 124, 0x38), false],
      [
        'non-zero data padding',
        (() => {
          const b = good.slice();
          b[p + 512 + 700] = 1;
          return b;
        })(),
        false,
      ],
      ['non-zero header tail', withHeaderByte(good, p, 505, 1), false],
      ['control char in name', withHeaderByte(good, p, 2, 0x0a), false],
      ['size beyond the end', withHeaderByte(good, p, 124 + 7, 0x37), false],
      ['unexpected name', withHeaderByte(good, p, 0, 0x72), true],
      ['only one entry', writeTar(ENTRIES.slice(0, 1)), true],
      ['entries swapped', writeTar([ENTRIES[1]!, ENTRIES[0]!]), true],
      ['a fourth entry', writeTar([...ENTRIES, { name: 'q.bin', data: new Uint8Array(1) }]), true],
      ['too large', writeTar([ENTRIES[0]!, ENTRIES[1]!, { name: 'q.bin', data: new Uint8Array(10_001) }]), true],
    ];
    for (const [what, bytes, entries] of cases) {
      const err = errorOf(bytes);
      expect(err.entries, what).toBe(entries);
    }
  });
});
