/**
 * Issue 10 item 11: every refusal of every contract method is plain Vietnamese (no schema-library
 * terms), and text holding control characters, bidi overrides or lone surrogates, or keys that
 * reach a prototype, are refused at the contract for every method, echoing nothing back.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDispatch, type Handlers } from '../../../electron/backend/dispatch';
import { AppError } from '../../../electron/backend/errors';
import { contract, type Method } from '../../../shared/ipc/contract';
import { badInputs, TECHNICAL_TERMS } from '../../support/hostile-inputs';
import { startBackend, type TestBackend } from '../../support/backend';
import { GIA_VIEN_SETUP } from '../../support/offices';
import { dumpDatabase } from '../../support/sqlite';
import { makeTempDir, removeDir } from '../../support/temp-dir';

const VIETNAMESE = /[àáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ]/i;

// Handlers that are never meant to run: a call that passes validation answers RULE.
const handlers = new Proxy({} as Handlers, {
  get: () => () => {
    throw new AppError('RULE', 'Đã qua bước kiểm tra dữ liệu.');
  },
});

describe('every contract method, fed generated bad inputs', () => {
  const dispatch = createDispatch(handlers, { error: () => undefined });
  const methods = Object.keys(contract) as Method[];

  it('covers all methods', () => {
    expect(methods.length).toBeGreaterThan(100);
  });

  it('refuses what must be refused, in plain Vietnamese without technical terms', async () => {
    const technical: string[] = [];
    const accepted: string[] = [];
    let refusals = 0;
    for (const method of methods) {
      for (const v of badInputs(contract[method].input)) {
        const r = await dispatch(method, v.input);
        if (r.ok || r.error.code !== 'VALIDATION') {
          if (v.mustRefuse) accepted.push(`${method} ${v.what}`);
          continue;
        }
        refusals++;
        for (const text of [r.error.message, ...Object.values(r.error.details ?? {})]) {
          if (TECHNICAL_TERMS.test(text) || !VIETNAMESE.test(text)) technical.push(`${method} ${v.what}: ${text}`);
        }
      }
    }
    expect(refusals).toBeGreaterThan(5_000);
    expect(technical.slice(0, 20)).toEqual([]);
    expect(accepted.slice(0, 20)).toEqual([]);
  }, 120_000);

  it('words the cases the library used to word itself', async () => {
    const search = await dispatch('units.search', { query: 'x'.repeat(201), includeEnded: false, limit: 20 });
    const year = await dispatch('units.search', { query: 'x', includeEnded: false, limit: 2 ** 60 });
    const messages = [search, year].map((r) => (r.ok ? 'ok' : r.error.message));
    for (const m of messages) expect(m).not.toMatch(TECHNICAL_TERMS);
  });
});

describe('forbidden characters through the real backend', () => {
  let dir: string;
  let t: TestBackend;
  let gia: string;
  beforeAll(async () => {
    dir = makeTempDir('antq-chars-');
    t = await startBackend(dir);
    await t.call('office.setup', GIA_VIEN_SETUP);
    const units = await t.call('units.list', { includeEnded: false });
    gia = units.find((u) => u.name === 'Xã Gia Hòa')!.id;
  });
  afterAll(() => {
    t.close();
    removeDir(dir);
  });

  it.each([
    ['NUL', 'Thôn\u00001'],
    ['ESC', 'Thôn\u001b[2J1'],
    ['right-to-left override', 'Thôn \u202E1 nốhT'],
    ['C1 control', 'Thôn\u00851'],
    ['lone surrogate', 'Thôn \uD800'],
  ])('refuses a unit name with %s, stores nothing and echoes nothing', async (_what, name) => {
    const before = JSON.stringify(dumpDatabase(path.join(dir, 'antq.db')));
    const r = await t.send('units.create', { parentId: gia, kind: 'thon', name, code: '', validFrom: '2025-01-01' });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('VALIDATION');
    expect(r.error.message).toMatch(/^Tên chứa ký tự/);
    expect(JSON.stringify(r.error)).not.toContain(name);
    expect(JSON.stringify(dumpDatabase(path.join(dir, 'antq.db')))).toBe(before);
  });

  it('keeps line breaks and tabs in free text', async () => {
    const r = await t.send('units.create', { parentId: gia, kind: 'thon', name: 'Thôn\tMới', code: '', validFrom: '2025-01-01' });
    expect(r.ok || r.error.message).toBe(true);
  });
});
