/**
 * The contract (shared/ipc/contract.ts) and the dispatch over it (electron/backend/dispatch.ts):
 * every method has a handler, unknown methods and bad input are refused before any handler runs,
 * and only the closed set of error codes (with Vietnamese messages) ever comes back.
 */
import path from 'node:path';
import { z } from 'zod';
import { afterEach, beforeEach, describe, expect, it, vi, type Mock } from 'vitest';
import { METHODS, contract, isMethod, type Method } from '../../../shared/ipc/contract';
import { ERROR_CODES, GENERIC_MESSAGES, type Result } from '../../../shared/ipc/errors';
import { createDispatch, type DispatchLog, type Handlers } from '../../../electron/backend/dispatch';
import { AppError } from '../../../electron/backend/errors';
import { createHandlers } from '../../../electron/backend/index';
import { openDatabase, type OpenedDatabase } from '../../../electron/backend/db/open';
import { migrate } from '../../../electron/backend/db/migrator';
import { LATEST_VERSION, MIGRATIONS } from '../../../electron/backend/db/migrations';
import { createClock, newUuid } from '../../../electron/backend/clock';
import { loadCatalogue } from '../../../electron/backend/catalogue/catalogue';
import { CATALOGUE_PATH } from '../../support/backend';
import { useTempDir } from '../../support/temp-dir';
import { isVietnameseMessage } from '../../support/vietnamese';
import { GIA_VIEN_SETUP } from '../../support/offices';

const UUID = '3f2b8c1e-9d4a-4e6b-8f1a-2c3d4e5f6a7b';
const UUID2 = '7a6b5c4d-3e2f-4a1b-9c8d-7e6f5a4b3c2d';
const TS = '2026-11-22T03:00:00.000Z';

const UNIT = {
  id: UUID,
  parentId: UUID2,
  level: 'xa',
  kind: 'xa',
  name: 'Xã Gia Hòa',
  code: '14446',
  validFrom: null,
  validTo: null,
  endReason: null,
  source: 'catalogue',
  createdAt: TS,
  updatedAt: TS,
} as const;

const OFFICE = {
  id: UUID2,
  level: 'huyen',
  era: 'truoc_2025',
  name: 'Công an huyện Gia Viễn',
  code: 'CAH-GV',
  provinceCode: '37',
  rootUnitId: UUID,
  createdAt: TS,
} as const;

const CREATE_INPUT = { parentId: UUID2, name: 'Thôn 1', kind: 'thon', code: null, validFrom: '2025-07-01' } as const;
const SETUP_INPUT = { ...GIA_VIEN_SETUP, code: 'CAH-GV' } as const;

/** The methods of the office, catalogue and unit tree (other features add their own methods). */
const CORE = [
  'app.info',
  'office.get',
  'office.setup',
  'catalogue.provinces',
  'catalogue.districts',
  'catalogue.communes',
  'units.list',
  'units.search',
  'units.get',
  'units.create',
  'units.update',
  'units.move',
  'units.end',
  'units.reopen',
  'units.delete',
] as const satisfies readonly Method[];
type Core = (typeof CORE)[number];

/** A valid input and a valid output for every core method. */
const SAMPLES: Record<Core, { input: Record<string, unknown>; output: unknown }> = {
  'app.info': {
    input: {},
    output: { version: '0.1.0', dataDir: '/d', databasePath: '/d/antq.db', today: '2026-11-22', shell: 'web' },
  },
  'office.get': { input: {}, output: OFFICE },
  'office.setup': { input: SETUP_INPUT, output: { office: OFFICE, unitsCreated: 19 } },
  'catalogue.provinces': { input: { era: 'sau_2025' }, output: [{ code: '15', name: 'Tỉnh Lào Cai', kind: 'tinh', parentCode: null }] },
  'catalogue.districts': {
    input: { provinceCode: '37' },
    output: [{ code: '373', name: 'Huyện Gia Viễn', kind: 'huyen', parentCode: '37' }],
  },
  'catalogue.communes': {
    input: { era: 'sau_2025', parentCode: '15' },
    output: [{ code: '03006', name: 'Phường Sa Pa', kind: 'phuong', parentCode: '15' }],
  },
  'units.list': { input: { includeEnded: false }, output: [UNIT] },
  'units.search': {
    input: { query: 'gia hoa', includeEnded: false, limit: 10 },
    output: [{ unit: UNIT, path: ['Huyện Gia Viễn', 'Xã Gia Hòa'] }],
  },
  'units.get': {
    input: { id: UUID },
    output: { unit: UNIT, path: [{ id: UUID, name: 'Xã Gia Hòa' }], activeChildren: 0, endedChildren: 0, history: [] },
  },
  'units.create': { input: CREATE_INPUT, output: { ...UNIT, kind: 'thon', level: 'khu_dan_cu', name: 'Thôn 1' } },
  'units.update': { input: { id: UUID, name: 'Xã Gia Hoà', kind: 'xa', code: '14446', validFrom: null }, output: UNIT },
  'units.move': { input: { id: UUID, newParentId: UUID2 }, output: UNIT },
  'units.end': {
    input: { id: UUID, validTo: '2025-07-01', reason: 'Sáp nhập' },
    output: { unit: UNIT, endedDescendants: 3, transferBatchId: null, transferred: 0 },
  },
  'units.reopen': { input: { id: UUID }, output: UNIT },
  'units.delete': { input: { id: UUID }, output: { id: UUID } },
};

type Spies = Record<Method, Mock>;

function sampleOf(m: Method): { input: Record<string, unknown>; output: unknown } | undefined {
  return (SAMPLES as Partial<Record<Method, { input: Record<string, unknown>; output: unknown }>>)[m];
}

function spyHandlers(): Spies {
  return Object.fromEntries(METHODS.map((m) => [m, vi.fn(() => sampleOf(m)?.output)])) as Spies;
}

function quietLog(): DispatchLog & { error: Mock } {
  return { error: vi.fn() };
}

function makeDispatch(spies: Spies, log: DispatchLog = quietLog()) {
  return createDispatch(spies, log);
}

function totalCalls(spies: Spies): number {
  return METHODS.reduce((n, m) => n + spies[m].mock.calls.length, 0);
}

function expectError(r: Result<unknown>): { code: string; message: string; details?: Record<string, string> } {
  expect(r.ok).toBe(false);
  if (r.ok) throw new Error('unreachable');
  expect(ERROR_CODES).toContain(r.error.code);
  return r.error;
}

describe('the contract', () => {
  it('METHODS lists exactly the keys of the contract, named noun.verb', () => {
    expect([...METHODS].sort()).toEqual(Object.keys(contract).sort());
    for (const m of METHODS) expect(m).toMatch(/^[a-z][a-zA-Z0-9]*\.[a-z][a-zA-Z0-9]*$/);
  });

  it('isMethod accepts contract methods only (not inherited object keys)', () => {
    for (const m of METHODS) expect(isMethod(m)).toBe(true);
    for (const x of ['units.nope', '', 'toString', 'constructor', '__proto__', 'hasOwnProperty', 42, null, undefined, {}]) {
      expect(isMethod(x)).toBe(false);
    }
  });

  it('has the core methods of the office, catalogue and unit tree', () => {
    for (const m of CORE) expect(METHODS).toContain(m);
  });

  it('every sample input and output matches its schema (keeps SAMPLES honest)', () => {
    for (const m of CORE) {
      expect(contract[m].input.safeParse(SAMPLES[m].input).success, `${m} input`).toBe(true);
      expect(contract[m].output.safeParse(SAMPLES[m].output).success, `${m} output`).toBe(true);
    }
  });

  it('every core input refuses unknown keys (inputs are strict)', () => {
    for (const m of CORE) {
      expect(contract[m].input.safeParse({ ...SAMPLES[m].input, unexpected: 1 }).success, m).toBe(false);
    }
  });

  it('every method of the contract has a strict object as its input', () => {
    const loose: string[] = [];
    for (const m of METHODS) {
      const input: unknown = contract[m].input;
      const strictObject = (s: unknown) => s instanceof z.ZodObject && s.def.catchall instanceof z.ZodNever;
      // A discriminated union (one record shape per activity kind) is strict when each option is.
      const strict = strictObject(input) || (input instanceof z.ZodDiscriminatedUnion && input.def.options.every(strictObject));
      if (!strict) loose.push(m);
    }
    expect(loose).toEqual([]);
  });
});

describe('createHandlers', () => {
  const tmp = useTempDir('antq-contract-');
  let opened: OpenedDatabase;

  beforeEach(async () => {
    opened = openDatabase(path.join(tmp.path(), 'antq.db'), LATEST_VERSION);
    await migrate(opened.raw, opened.db, MIGRATIONS, { backupDir: path.join(tmp.path(), 'sao-luu'), now: () => new Date(TS) });
  });
  afterEach(() => {
    opened.raw.close();
  });

  function handlers(): Handlers {
    const clock = createClock(() => new Date(TS));
    const catalogue = () => loadCatalogue(CATALOGUE_PATH);
    return createHandlers(
      { db: opened.db, clock, newId: newUuid, catalogue },
      {
        version: '9.9.9',
        dataDir: tmp.path(),
        databasePath: opened.path,
        shell: 'electron',
        clock,
      },
    );
  }

  it('has a function for every method of the contract and nothing else', () => {
    const h = handlers();
    for (const m of METHODS) expect(typeof h[m], m).toBe('function');
    expect(Object.keys(h).sort()).toEqual([...METHODS].sort());
  });

  it('wires app.info and office.get to real data through dispatch', async () => {
    const dispatch = createDispatch(handlers(), quietLog());
    expect(await dispatch('app.info', {})).toEqual({
      ok: true,
      value: { version: '9.9.9', dataDir: tmp.path(), databasePath: opened.path, today: '2026-11-22', shell: 'electron' },
    });
    expect(await dispatch('office.get', {})).toEqual({ ok: true, value: null });
    expect(await dispatch('units.list', { includeEnded: true })).toEqual({ ok: true, value: [] });
    const provinces = await dispatch('catalogue.provinces', { era: 'sau_2025' });
    expect(provinces.ok && Array.isArray(provinces.value) && provinces.value.length).toBe(34);
  });

  it('refuses unit changes before set-up with SETUP_STATE', async () => {
    const dispatch = createDispatch(handlers(), quietLog());
    const r = await dispatch('units.create', CREATE_INPUT);
    // the parent does not exist either, but the missing office is what the person must fix first
    expect(expectError(r).code).toBe('SETUP_STATE');
  });
});

describe('dispatch', () => {
  let spies: Spies;
  let log: ReturnType<typeof quietLog>;
  let dispatch: ReturnType<typeof makeDispatch>;

  beforeEach(() => {
    spies = spyHandlers();
    log = quietLog();
    dispatch = makeDispatch(spies, log);
  });

  it('passes each valid input to its own handler and returns the handler value', async () => {
    for (const m of CORE) {
      const r = await dispatch(m, SAMPLES[m].input);
      expect(r, m).toEqual({ ok: true, value: SAMPLES[m].output });
      expect(spies[m]).toHaveBeenCalledTimes(1);
    }
    expect(totalCalls(spies)).toBe(CORE.length);
    expect(log.error).not.toHaveBeenCalled();
  });

  it('hands the handler the parsed input (trimmed name, empty code as null)', async () => {
    await dispatch('units.create', { ...CREATE_INPUT, name: '  Thôn 1  ', code: '  ' });
    expect(spies['units.create']).toHaveBeenCalledWith({ ...CREATE_INPUT, name: 'Thôn 1', code: null });
  });

  it('treats a missing input as {} for methods without input', async () => {
    expect((await dispatch('app.info', undefined)).ok).toBe(true);
    expect((await dispatch('office.get', null)).ok).toBe(true);
    expect(spies['app.info']).toHaveBeenCalledWith({});
  });

  it.each([
    'units.nope',
    'units',
    '',
    'UNITS.LIST',
    ' units.list',
    'toString',
    '__proto__',
    'constructor',
    42,
    null,
    undefined,
    ['units.list'],
  ])('refuses the unknown method %j with UNKNOWN_METHOD and runs nothing', async (method) => {
    const r = await dispatch(method, { includeEnded: true });
    expect(expectError(r)).toEqual({ code: 'UNKNOWN_METHOD', message: GENERIC_MESSAGES.UNKNOWN_METHOD });
    expect(isVietnameseMessage(GENERIC_MESSAGES.UNKNOWN_METHOD)).toBe(true);
    expect(totalCalls(spies)).toBe(0);
  });

  /** [label, method, input, the field the first problem is reported on ('_' for the whole input)] */
  const INVALID: [string, Method, unknown, string][] = [
    ['units.list: missing field', 'units.list', {}, 'includeEnded'],
    ['units.list: wrong type', 'units.list', { includeEnded: 'yes' }, 'includeEnded'],
    ['units.list: unknown key', 'units.list', { includeEnded: true, extra: 1 }, '_'],
    ['units.list: not an object', 'units.list', 'all', '_'],
    ['units.list: an array', 'units.list', [true], '_'],
    ['app.info: unknown key', 'app.info', { debug: true }, '_'],
    ['units.create: empty name', 'units.create', { ...CREATE_INPUT, name: '   ' }, 'name'],
    ['units.create: name too long', 'units.create', { ...CREATE_INPUT, name: 'x'.repeat(201) }, 'name'],
    ['units.create: name of the wrong type', 'units.create', { ...CREATE_INPUT, name: 42 }, 'name'],
    ['units.create: impossible date', 'units.create', { ...CREATE_INPUT, validFrom: '2025-02-30' }, 'validFrom'],
    ['units.create: date as people write it', 'units.create', { ...CREATE_INPUT, validFrom: '01/07/2025' }, 'validFrom'],
    ['units.create: bad uuid', 'units.create', { ...CREATE_INPUT, parentId: 'not-a-uuid' }, 'parentId'],
    ['units.create: unknown kind', 'units.create', { ...CREATE_INPUT, kind: 'village' }, 'kind'],
    ['units.create: code with diacritics', 'units.create', { ...CREATE_INPUT, code: 'mã số' }, 'code'],
    ['units.create: code too long', 'units.create', { ...CREATE_INPUT, code: '1'.repeat(21) }, 'code'],
    ['units.create: missing parent', 'units.create', { name: 'Thôn 1', kind: 'thon', code: null, validFrom: '2025-07-01' }, 'parentId'],
    ['units.create: unknown key', 'units.create', { ...CREATE_INPUT, level: 'khu_dan_cu' }, '_'],
    ['units.update: 29 Feb of a common year', 'units.update', { ...SAMPLES['units.update'].input, validFrom: '2025-02-29' }, 'validFrom'],
    ['units.get: bad uuid', 'units.get', { id: 'abc' }, 'id'],
    ['units.get: missing id', 'units.get', {}, 'id'],
    ['units.move: unknown key', 'units.move', { id: UUID, newParentId: UUID2, force: true }, '_'],
    ['units.end: impossible date', 'units.end', { id: UUID, validTo: '2025-13-01', reason: 'Sáp nhập' }, 'validTo'],
    ['units.end: blank reason', 'units.end', { id: UUID, validTo: '2025-07-01', reason: '  ' }, 'reason'],
    ['units.search: limit 0', 'units.search', { query: 'thon', includeEnded: false, limit: 0 }, 'limit'],
    ['units.search: fractional limit', 'units.search', { query: 'thon', includeEnded: false, limit: 1.5 }, 'limit'],
    ['units.search: query too long', 'units.search', { query: 'x'.repeat(201), includeEnded: false, limit: 10 }, 'query'],
    ['office.setup: bad province code', 'office.setup', { ...SETUP_INPUT, provinceCode: 'abc' }, 'provinceCode'],
    ['office.setup: unknown office level', 'office.setup', { ...SETUP_INPUT, level: 'bo' }, 'level'],
    ['office.setup: unknown era', 'office.setup', { ...SETUP_INPUT, era: 'nam_2030' }, 'era'],
    ['office.setup: empty name', 'office.setup', { ...SETUP_INPUT, name: '' }, 'name'],
    ['office.setup: missing importChildren', 'office.setup', { ...SETUP_INPUT, importChildren: undefined }, 'importChildren'],
    ['catalogue.communes: missing parent code', 'catalogue.communes', { era: 'sau_2025' }, 'parentCode'],
  ];

  it.each(INVALID)('%s → VALIDATION with details, handler never called', async (_label, method, input, field) => {
    const r = await dispatch(method, input);
    const error = expectError(r);
    expect(error.code).toBe('VALIDATION');
    expect(typeof error.message).toBe('string');
    expect(error.message.length).toBeGreaterThan(0);
    expect(error.details).toBeDefined();
    expect(Object.keys(error.details ?? {})).toContain(field);
    expect(error.details?.[field]).toBeTruthy();
    expect(totalCalls(spies)).toBe(0);
  });

  it('every VALIDATION message and detail above is Vietnamese (they are shown to the person as they are)', async () => {
    const english: string[] = [];
    for (const [label, method, input, field] of INVALID) {
      const error = expectError(await dispatch(method, input));
      if (!isVietnameseMessage(error.message)) english.push(`${label}: message "${error.message}"`);
      const detail = error.details?.[field];
      if (!isVietnameseMessage(detail)) english.push(`${label}: details.${field} "${String(detail)}"`);
    }
    expect(english).toEqual([]);
  });

  it('uses the schema’s own Vietnamese sentences where it has them', async () => {
    const empty = expectError(await dispatch('units.create', { ...CREATE_INPUT, name: ' ' }));
    expect(empty.message).toBe('Tên đơn vị không được để trống.');
    const date = expectError(await dispatch('units.create', { ...CREATE_INPUT, validFrom: '2025-02-30' }));
    expect(date.message).toBe('Ngày không hợp lệ (cần dạng ngày/tháng/năm có thật).');
    const id = expectError(await dispatch('units.get', { id: 'abc' }));
    expect(id.message).toBe('Mã bản ghi không hợp lệ.');
  });

  it('returns an AppError’s code, message and details as they are', async () => {
    spies['units.create'].mockImplementation(() => {
      throw new AppError('CONFLICT', 'Mã "01" đã được dùng cho "Thôn 1".', { code: 'Mã đã được dùng' });
    });
    const r = await dispatch('units.create', CREATE_INPUT);
    expect(r).toEqual({
      ok: false,
      error: { code: 'CONFLICT', message: 'Mã "01" đã được dùng cho "Thôn 1".', details: { code: 'Mã đã được dùng' } },
    });
    expect(log.error).not.toHaveBeenCalled();
  });

  it('returns an AppError without details without a details key, also when the handler rejects asynchronously', async () => {
    spies['units.delete'].mockImplementation(async () => {
      await Promise.resolve();
      throw new AppError('RULE', 'Không thể xóa đơn vị gốc.');
    });
    const r = await dispatch('units.delete', { id: UUID });
    expect(r).toEqual({ ok: false, error: { code: 'RULE', message: 'Không thể xóa đơn vị gốc.' } });
    expect(r.ok === false && 'details' in r.error).toBe(false);
  });

  it.each([
    ['an Error', () => new Error('SQLITE_CONSTRAINT: UNIQUE constraint failed: units.code at /home/canbo/secret.db')],
    ['a TypeError', () => new TypeError("Cannot read properties of undefined (reading 'secret')")],
    ['a string', () => 'raw secret string'],
    ['an object', () => ({ message: 'secret object' })],
  ])('turns %s thrown by a handler into INTERNAL with the generic message; the raw text does not leak', async (_label, make) => {
    // Handlers may throw anything, not only Error objects.
    const thrown: unknown = make();
    spies['units.list'].mockImplementation(() => {
      throw thrown;
    });
    const r = await dispatch('units.list', { includeEnded: false });
    expect(r).toEqual({ ok: false, error: { code: 'INTERNAL', message: GENERIC_MESSAGES.INTERNAL } });
    expect(JSON.stringify(r)).not.toMatch(/secret|SQLITE|Cannot read/);
    expect(isVietnameseMessage(GENERIC_MESSAGES.INTERNAL)).toBe(true);
    expect(log.error).toHaveBeenCalledTimes(1);
    expect(log.error.mock.calls[0]?.[1]).toBe(thrown);
  });

  it.each([
    ['undefined', undefined],
    ['a unit without its name', { ...UNIT, name: undefined }],
    ['a unit with an unknown kind', { ...UNIT, kind: 'village' }],
    ['a string', 'ok'],
  ])('turns a handler value that breaks the output schema (%s) into INTERNAL', async (_label, value) => {
    spies['units.reopen'].mockImplementation(() => value);
    const r = await dispatch('units.reopen', { id: UUID });
    expect(r).toEqual({ ok: false, error: { code: 'INTERNAL', message: GENERIC_MESSAGES.INTERNAL } });
    expect(log.error).toHaveBeenCalledTimes(1);
    expect(String(log.error.mock.calls[0]?.[0])).toContain('units.reopen');
  });

  it('strips fields the output schema does not declare, so nothing extra crosses the boundary', async () => {
    spies['units.delete'].mockImplementation(() => ({ id: UUID, internalPath: '/home/canbo/antq.db' }));
    expect(await dispatch('units.delete', { id: UUID })).toEqual({ ok: true, value: { id: UUID } });
  });

  it('every error code has a Vietnamese generic message', () => {
    expect(Object.keys(GENERIC_MESSAGES).sort()).toEqual([...ERROR_CODES].sort());
    for (const code of ERROR_CODES) expect(isVietnameseMessage(GENERIC_MESSAGES[code]), code).toBe(true);
  });
});
