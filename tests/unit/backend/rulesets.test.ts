/**
 * Rule-set files and evaluation settings through the real backend: the shipped files are listed
 * and readable, a province's file imports byte-for-byte and exports as it came, bad files are
 * refused with Vietnamese errors and nothing stored, conflicts on id+version are refused, removal
 * works only for imported files, and the settings default to domain.md §5.6's choices.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { startBackend, PROJECT_ROOT, type TestBackend } from '../../support/backend';
import { useTempDir } from '../../support/temp-dir';
import { dumpDatabase, queryAll } from '../../support/sqlite';
import { isVietnameseMessage } from '../../support/vietnamese';
import { GIA_VIEN_SETUP } from '../../support/offices';
import { openDatabase } from '../../../electron/backend/db/open';
import { LATEST_VERSION } from '../../../electron/backend/db/migrations';
import { createClock } from '../../../electron/backend/clock';
import { loadCatalogue } from '../../../electron/backend/catalogue/catalogue';
import { CATALOGUE_PATH } from '../../support/backend';
import type { ServiceContext } from '../../../electron/backend/context';
import { activeRuleSets, evaluationSettings } from '../../../electron/backend/services/rulesets.service';
import { selectRuleSets } from '../../../shared/domain/criteria';
import { refusalChecker } from '../../support/refusals';

const tmp = useTempDir('antq-rulesets-');
let t: TestBackend;
const extraClose: (() => void)[] = [];

beforeEach(async () => {
  t = await startBackend(tmp.path());
  await t.call('office.setup', GIA_VIEN_SETUP);
});
afterEach(() => {
  for (const close of extraClose.splice(0)) close();
  t.close();
});

const file = () => t.backend.databasePath;
const dump = () => dumpDatabase(file());

const SHIPPED_DIR = path.join(PROJECT_ROOT, 'resources', 'rulesets');
const provinceBase = JSON.parse(fs.readFileSync(path.join(SHIPPED_DIR, 'example-province-extra.json'), 'utf8')) as Record<string, unknown>;

/** A province's own rule-set file: written with its own spacing and a BOM, to check byte-for-byte storage. */
function provinceFile(over: Record<string, unknown> = {}): { text: string; base64: string } {
  const value = {
    ...provinceBase,
    id: 'ninh-binh-khu-dan-cu',
    name: 'Tiêu chí bổ sung của tỉnh Ninh Bình cho khu dân cư',
    version: '2025-03-01',
    example: false,
    issuer: 'Ủy ban nhân dân tỉnh Ninh Bình',
    ...over,
  };
  const text = `\uFEFF${JSON.stringify(value, null, 4)}\r\n`;
  return { text, base64: Buffer.from(text, 'utf8').toString('base64') };
}

const expectRefused = refusalChecker(() => t, dump);

function serviceContext(): ServiceContext {
  const opened = openDatabase(file(), LATEST_VERSION);
  extraClose.push(() => opened.raw.close());
  return {
    db: opened.db,
    clock: createClock(() => new Date('2026-11-22T03:00:00Z')),
    newId: () => crypto.randomUUID(),
    catalogue: () => loadCatalogue(CATALOGUE_PATH),
  };
}

describe('ruleSets.list / get', () => {
  it('lists every shipped rule set with its criteria count, kinds and example flag', async () => {
    const list = await t.call('ruleSets.list', {});
    const ids = list.map((r) => r.id);
    expect(ids).toEqual(
      expect.arrayContaining([
        'tt124-khu-dan-cu',
        'tt124-xa',
        'tt124-co-quan-doanh-nghiep',
        'tt124-co-so-giao-duc',
        'vi-du-tinh-bo-sung-khu-dan-cu',
      ]),
    );
    expect(list.every((r) => r.origin === 'shipped')).toBe(true);
    // National sets come first.
    expect(list.findIndex((r) => r.scope === 'tinh')).toBeGreaterThan(list.findLastIndex((r) => r.scope === 'quoc_gia'));
    const kdc = list.find((r) => r.id === 'tt124-khu-dan-cu')!;
    const raw = JSON.parse(fs.readFileSync(path.join(SHIPPED_DIR, 'tt124-khu-dan-cu.json'), 'utf8')) as {
      rules: unknown[];
      version: string;
    };
    expect(kdc.criteria).toBe(raw.rules.length);
    expect(kdc.version).toBe(raw.version);
    expect(kdc.unitKinds).toEqual(['khu_dan_cu']);
    expect(kdc.example).toBe(false);
    expect(kdc.hash).toMatch(/^[0-9a-f]{16}$/);
    expect(list.find((r) => r.id === 'vi-du-tinh-bo-sung-khu-dan-cu')!.example).toBe(true);
    // The rubric shipped in the same folder is not a rule set.
    expect(ids).not.toContain('vi-du-bieu-diem-khu-dan-cu');
  });

  it('gives each criterion with its clause, title and explanation', async () => {
    const d = await t.call('ruleSets.get', { key: 'vi-du-tinh-bo-sung-khu-dan-cu@2025-01-01' });
    expect(d.criteria.map((c) => c.id)).toEqual(['VD-1', 'VD-2']);
    expect(d.criteria[0]).toMatchObject({ clause: 'Điều 2 khoản 1 (ví dụ: quyết định của Ủy ban nhân dân tỉnh)', type: 'MIN' });
    expect(d.criteria[1]!.explanation).toMatch(/camera giám sát/);
    await expectRefused('ruleSets.get', { key: 'khong-co@2025-01-01' }, 'NOT_FOUND');
  });
});

describe('ruleSets.import / export / remove', () => {
  it('imports a province file byte-for-byte, lists it, exports it as it came, and re-import changes nothing', async () => {
    const f = provinceFile();
    const r = await t.call('ruleSets.import', { fileName: 'Tieu chi Ninh Binh.json', base64: f.base64, by: 'Đại úy Lê Văn An' });
    expect(r).toMatchObject({ key: 'ninh-binh-khu-dan-cu@2025-03-01', status: 'imported' });
    expect(r.message).toMatch(
      /Đã nhập bộ tiêu chí "Tiêu chí bổ sung của tỉnh Ninh Bình cho khu dân cư" \(phiên bản 2025-03-01, 2 tiêu chí\)/,
    );
    const stored = queryAll<{ rule_set_id: string; version: string; file_name: string; content: Buffer; imported_by: string }>(
      file(),
      'SELECT * FROM rule_set_files',
    );
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({
      rule_set_id: 'ninh-binh-khu-dan-cu',
      version: '2025-03-01',
      file_name: 'Tieu chi Ninh Binh.json',
      imported_by: 'Đại úy Lê Văn An',
    });
    expect(Buffer.compare(stored[0]!.content, Buffer.from(f.text, 'utf8'))).toBe(0);

    const listed = (await t.call('ruleSets.list', {})).find((x) => x.id === 'ninh-binh-khu-dan-cu')!;
    expect(listed).toMatchObject({
      origin: 'imported',
      scope: 'tinh',
      criteria: 2,
      example: false,
      importedBy: 'Đại úy Lê Văn An',
      frozenYears: [],
    });
    expect((await t.call('ruleSets.get', { key: listed.key })).criteria.map((c) => c.title)).toContain(
      'Có camera giám sát an ninh tại các tuyến đường chính',
    );

    const exported = await t.call('ruleSets.export', { key: listed.key });
    expect(exported.fileName).toBe('Tieu chi Ninh Binh.json');
    expect(Buffer.from(exported.base64, 'base64').toString('utf8')).toBe(f.text);

    const before = dump();
    const again = await t.call('ruleSets.import', { fileName: 'khac.json', base64: f.base64 });
    expect(again.status).toBe('unchanged');
    expect(again.message).toMatch(/đã có, không thay đổi/);
    expect(dump()).toEqual(before);
  });

  it('the engine sees the imported file: activeRuleSets and selectRuleSets pick it for residential areas', async () => {
    await t.call('ruleSets.import', { fileName: 'nb.json', base64: provinceFile().base64 });
    const ctx = serviceContext();
    const all = await activeRuleSets(ctx);
    expect(all.map((r) => `${r.id}@${r.version}`)).toContain('ninh-binh-khu-dan-cu@2025-03-01');
    const chosen = selectRuleSets(all, 'khu_dan_cu', 2025).map((r) => r.id);
    expect(chosen[0]).toBe('tt124-khu-dan-cu');
    expect(chosen).toContain('ninh-binh-khu-dan-cu');
    expect(selectRuleSets(all, 'xa', 2025).map((r) => r.id)).not.toContain('ninh-binh-khu-dan-cu');
  });

  it('refuses a malformed file with every problem in Vietnamese and stores nothing', async () => {
    const bad = provinceFile({
      version: '2025-02-30',
      unitKinds: ['khu_pho_co'],
      rules: [{ id: 'X-1', clause: 'khoản 1', title: 'Thiếu loại', explanation: 'x' }],
    });
    const err = await expectRefused(
      'ruleSets.import',
      { fileName: 'hong.json', base64: bad.base64 },
      'VALIDATION',
      /Không nhập được tệp "hong\.json"/,
    );
    expect(err.message).toMatch(/Ngày không hợp lệ/);
    expect(err.message).toMatch(/Loại đơn vị "khu_pho_co" không có trong danh mục/);
    expect(Object.keys(err.details ?? {}).length).toBeGreaterThanOrEqual(3);
    for (const m of Object.values(err.details ?? {})) expect(isVietnameseMessage(m), m).toBe(true);
    await expectRefused('ruleSets.import', { fileName: 'rong.json', base64: '' }, 'VALIDATION', /Tệp rỗng/);
    await expectRefused(
      'ruleSets.import',
      { fileName: 'latin1.json', base64: Buffer.from([0x7b, 0xe0, 0x7d]).toString('base64') },
      'VALIDATION',
      /UTF-8/,
    );
    // A rubric is not a rule set.
    const rubric = fs.readFileSync(path.join(SHIPPED_DIR, 'rubric-example.json')).toString('base64');
    await expectRefused(
      'ruleSets.import',
      { fileName: 'rubric.json', base64: rubric },
      'VALIDATION',
      /Tệp này là biểu điểm chấm điểm, không phải bộ tiêu chí/,
    );
  });

  it('refuses the same id and version with other content (imported or shipped)', async () => {
    await t.call('ruleSets.import', { fileName: 'nb.json', base64: provinceFile().base64 });
    await expectRefused(
      'ruleSets.import',
      { fileName: 'nb2.json', base64: provinceFile({ name: 'Tên khác' }).base64 },
      'CONFLICT',
      /phiên bản 2025-03-01 \(nhập từ tệp "nb\.json"\) với nội dung khác/,
    );
    await expectRefused(
      'ruleSets.import',
      { fileName: 'gia.json', base64: provinceFile({ id: 'vi-du-tinh-bo-sung-khu-dan-cu', version: '2025-01-01' }).base64 },
      'CONFLICT',
      /đi kèm phần mềm/,
    );
    // A new version of the same id is another file.
    const v2 = await t.call('ruleSets.import', { fileName: 'nb-2026.json', base64: provinceFile({ version: '2026-01-01' }).base64 });
    expect(v2.status).toBe('imported');
    expect(queryAll(file(), 'SELECT version FROM rule_set_files ORDER BY version')).toEqual([
      { version: '2025-03-01' },
      { version: '2026-01-01' },
    ]);
  });

  it('removes imported files only', async () => {
    await t.call('ruleSets.import', { fileName: 'nb.json', base64: provinceFile().base64 });
    const shipped = (await t.call('ruleSets.list', {})).find((r) => r.id === 'tt124-khu-dan-cu')!;
    await expectRefused('ruleSets.remove', { key: shipped.key }, 'RULE', /đi kèm phần mềm, không xóa được/);
    expect(await t.call('ruleSets.remove', { key: 'ninh-binh-khu-dan-cu@2025-03-01' })).toBeNull();
    expect(queryAll(file(), 'SELECT * FROM rule_set_files')).toEqual([]);
    await expectRefused('ruleSets.remove', { key: 'ninh-binh-khu-dan-cu@2025-03-01' }, 'NOT_FOUND');
  });
});

describe('rule sets behind frozen results', () => {
  it('cannot remove a file a frozen year used; after unfreezing it can', async () => {
    await t.call('ruleSets.import', { fileName: 'nb.json', base64: provinceFile().base64 });
    const hoa = (await t.call('units.list', { includeEnded: false })).find((u) => u.name === 'Xã Gia Hòa')!;
    await t.call('units.create', { parentId: hoa.id, name: 'Thôn Đông', kind: 'thon', code: null, validFrom: '2010-01-01' });
    await t.call('evaluation.freeze', { year: 2026, by: 'Trung tá Phạm Minh', note: '' });
    const listed = (await t.call('ruleSets.list', {})).find((r) => r.id === 'ninh-binh-khu-dan-cu')!;
    expect(listed.frozenYears).toEqual([2026]);
    expect((await t.call('ruleSets.list', {})).find((r) => r.id === 'tt124-xa')!.frozenYears).toEqual([2026]);
    await expectRefused('ruleSets.remove', { key: listed.key }, 'RULE', /kết quả đã chốt của năm 2026 được tính theo bộ tiêu chí này/);
    await t.call('evaluation.unfreeze', { year: 2026, reason: 'Bổ sung số liệu', by: 'Trung tá Phạm Minh' });
    expect((await t.call('ruleSets.list', {})).find((r) => r.id === 'ninh-binh-khu-dan-cu')!.frozenYears).toEqual([]);
    expect(await t.call('ruleSets.remove', { key: listed.key })).toBeNull();
  });
});

describe('evaluationSettings', () => {
  it('defaults to ≤ and pooled until saved; saving stores one row and the engine reads it', async () => {
    const first = await t.call('evaluationSettings.get', {});
    expect(first).toEqual({
      settings: { reducedMeans: 'lte', subunitPool: 'pooled' },
      defaults: { reducedMeans: 'lte', subunitPool: 'pooled' },
      saved: false,
      updatedAt: null,
      updatedBy: null,
    });
    const saved = await t.call('evaluationSettings.set', { reducedMeans: 'lt', subunitPool: 'per_category', by: 'Trung tá Phạm Minh' });
    expect(saved).toMatchObject({
      settings: { reducedMeans: 'lt', subunitPool: 'per_category' },
      saved: true,
      updatedBy: 'Trung tá Phạm Minh',
      updatedAt: '2026-11-22T03:00:00.000Z',
    });
    await t.call('evaluationSettings.set', { reducedMeans: 'lte', subunitPool: 'per_category' });
    expect(queryAll(file(), 'SELECT reduced_means, subunit_pool, singleton FROM evaluation_settings')).toEqual([
      { reduced_means: 'lte', subunit_pool: 'per_category', singleton: 1 },
    ]);
    expect(await evaluationSettings(serviceContext())).toEqual({ reducedMeans: 'lte', subunitPool: 'per_category' });
  });

  it('refuses a value outside the options, in Vietnamese, changing nothing', async () => {
    await expectRefused(
      'evaluationSettings.set',
      { reducedMeans: 'bang' as never, subunitPool: 'pooled' },
      'VALIDATION',
      /kiềm chế, kéo giảm/,
    );
  });
});
