/**
 * The seal of a frozen year against someone who edits the database file directly (issue 10 items
 * 5–6). Each test freezes 2025 through the contract, then plays one attack with better-sqlite3 on
 * the file, and checks that the app detects and names it, and that the altered result counts as
 * "không xác định" on the board, in the "x/y" sentences and in the Excel export — never as its
 * stored value. The key lives in the data folder, not in the database.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type BetterSqlite3 from 'better-sqlite3';
import ExcelJS from 'exceljs';
import type { UnitDto } from '../../../shared/ipc/contract';
import type { EvaluationBoardDto } from '../../../shared/ipc/contracts/evaluation.contract';
import { canonicalJson, fnv1a64 } from '../../../shared/domain/criteria';
import { startBackend, type TestBackend } from '../../support/backend';
import { useTempDir } from '../../support/temp-dir';
import { registeredArea } from '../../support/evaluation-inputs';
import { queryAll, queryOne, type Row } from '../../support/sqlite';
import { dropLaterSchema, schemaAfter } from '../../support/schema-rewind';
import { GIA_VIEN_SETUP } from '../../support/offices';
import { SEAL_KEY_FILE } from '../../../electron/backend/seal/key-source';
import { MIGRATIONS } from '../../../electron/backend/db/migrations';
import { editOutsideApp } from '../../support/sqlite';

/** These tests make years frozen in the first form (the whole result per subject), as earlier versions wrote them; form 2 is evaluation-seal-v2.test.ts. */
const FORM_1 = { frozenForm: 1 } as const;

const YEAR = 2025;
const tmp = useTempDir('antq-seal-');
let t: TestBackend;
let chot: UnitDto;
let hai: UnitDto;

const file = () => t.backend.databasePath;
const board = (): Promise<EvaluationBoardDto> => t.call('evaluation.board', { year: YEAR, category: 'khu_dan_cu', unitId: null });
const rowOf = (b: EvaluationBoardDto, u: UnitDto) => b.rows.find((r) => r.subjectId === u.id)!;
const kdc = (b: EvaluationBoardDto) => b.counts.find((c) => c.category === 'khu_dan_cu')!;

/** Runs SQL on the file the way an attacker with an SQLite tool would (foreign keys off). */
function edit(fn: (db: BetterSqlite3.Database) => void, dbFile = file()): void {
  editOutsideApp(dbFile, fn);
}

async function unitNamed(name: string): Promise<UnitDto> {
  const all = await t.call('units.list', { includeEnded: true });
  return all.find((u) => u.name === name)!;
}

/** A residential area that passes every criterion it can from the records. */
async function passingArea(name: string): Promise<UnitDto> {
  const commune = await unitNamed('Xã Gia Hòa');
  const a = await registeredArea(t, commune.id, name, YEAR);
  for (const ruleId of ['KDC-2', 'KDC-4c3']) {
    await t.call('evaluation.attest', {
      subjectType: 'unit',
      subjectId: a.id,
      year: YEAR,
      ruleId,
      value: true,
      by: 'Đại úy Lê Văn Cường',
      on: '2025-11-03',
      note: null,
    });
  }
  const team = await t.call('massOrgs.create', {
    kindId: '9068e308-4a4e-4512-9e34-06939b518384',
    unitId: a.id,
    name: `Tổ bảo vệ ANTT ${name}`,
    decisionIssuer: null,
    decisionNumber: null,
    decisionDate: null,
    validFrom: '2024-01-01',
    note: null,
  });
  await t.call('massOrgs.rate', { id: team.id, year: YEAR, level: 'hoan_thanh_tot', notRatedReason: null, reasonNote: null });
  return a;
}

/** Rewrites Thôn Hai's frozen row to "đạt", recomputing the old unkeyed FNV-1a hash as a forger would. */
function forgeWithRecomputedHash(): void {
  edit((db) => {
    const r = db.prepare('SELECT content FROM evaluation_frozen_results WHERE subject_id = ?').get(hai.id) as { content: string };
    const parsed = JSON.parse(r.content) as {
      hash: string;
      result: { overall: string; rules: { verdict: string; computedVerdict: string }[] };
    };
    parsed.result.overall = 'dat';
    for (const rule of parsed.result.rules) rule.verdict = 'dat';
    const { hash: _old, ...body } = parsed;
    parsed.hash = fnv1a64(canonicalJson(body));
    db.prepare('UPDATE evaluation_frozen_results SET content = ?, overall = ?, hash = ? WHERE subject_id = ?').run(
      JSON.stringify(parsed),
      'dat',
      parsed.hash,
      hai.id,
    );
  });
}

async function exportRows(): Promise<unknown[][]> {
  const out = await t.call('evaluation.export', { year: YEAR, category: 'khu_dan_cu', unitId: null });
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(out.base64, 'base64') as unknown as ArrayBuffer);
  return wb.getWorksheet('Bảng tổng hợp')!.getSheetValues().filter(Boolean) as unknown[][];
}

beforeEach(async () => {
  t = await startBackend(tmp.path(), '2026-11-22T03:00:00.000Z', FORM_1);
  await t.call('office.setup', GIA_VIEN_SETUP);
  chot = await passingArea('Thôn Chốt');
  const commune = await unitNamed('Xã Gia Hòa');
  hai = await t.call('units.create', { parentId: commune.id, name: 'Thôn Hai', kind: 'thon', code: null, validFrom: '2020-01-01' });
  await t.call('evaluation.freeze', { year: YEAR, by: 'Thượng tá Trần Văn Dũng', note: null });
});
afterEach(() => t.close());

describe('sealing a frozen year', () => {
  it('keeps the key in the data folder, not in the database, and seals the freeze in a chained ledger', async () => {
    const keyFile = path.join(tmp.path(), SEAL_KEY_FILE);
    expect(fs.readFileSync(keyFile, 'utf8').trim()).toMatch(/^[0-9a-f]{64}$/);
    const key = fs.readFileSync(keyFile, 'utf8').trim();
    expect(fs.readFileSync(file()).includes(Buffer.from(key))).toBe(false);
    const ledger = queryAll(file(), 'SELECT seq, year, event, mac FROM evaluation_seal_ledger');
    expect(ledger).toEqual([{ seq: 1, year: YEAR, event: 'freeze', mac: expect.stringMatching(/^[0-9a-f]{64}$/) as unknown }]);
    const b = await board();
    expect(rowOf(b, chot)).toMatchObject({ frozen: 'dat', tampered: false, sealProblem: null });
    expect(rowOf(b, hai)).toMatchObject({ frozen: 'chua_dat', tampered: false });
    expect(kdc(b)).toMatchObject({ frozenDat: 1, frozenUnknown: 0 });
    expect(b.warnings.filter((w) => w.includes('niêm phong'))).toEqual([]);
  });
});

describe('attacks on the file', () => {
  it('a row rewritten with a recomputed unkeyed hash counts as "không xác định" on the board, in the sentences and in the export', async () => {
    forgeWithRecomputedHash();
    const b = await board();
    expect(rowOf(b, hai)).toMatchObject({ frozen: null, tampered: true });
    expect(rowOf(b, hai).sealProblem).toContain('sửa ngoài phần mềm');
    expect(rowOf(b, chot)).toMatchObject({ frozen: 'dat', tampered: false });
    expect(kdc(b)).toMatchObject({ total: 2, frozenDat: 1, frozenUnknown: 1 });
    expect(kdc(b).sentences).toContain('1/2 khu dân cư đạt tiêu chuẩn "An toàn về an ninh, trật tự" theo kết quả đã chốt (50,0%).');
    expect(kdc(b).sentences.join(' ')).toContain('1/2 khu dân cư không xác định được kết quả đã chốt');
    expect(b.warnings.join(' ')).toContain('Thôn Hai bị sửa ngoài phần mềm');
    const view = await t.call('evaluation.subject', { subjectType: 'unit', subjectId: hai.id, year: YEAR });
    expect(view.frozen).toBeNull();
    expect(view.warnings.join(' ')).toContain('không xác định');

    const rows = await exportRows();
    const thonHai = rows.find((r) => r[2] === 'Thôn Hai')!;
    expect(thonHai[7]).toBe('Không xác định');
    expect(String(thonHai[13])).toContain('sửa ngoài phần mềm');
    expect(rows.find((r) => r[2] === 'Thôn Chốt')![7]).toBe('Đạt');
    expect(rows.some((r) => String(r[2]).startsWith('1/2 khu dân cư không xác định được kết quả đã chốt'))).toBe(true);
    expect(rows.some((r) => String(r[2]).startsWith('2/2 khu dân cư đạt'))).toBe(false);
  });

  it('a deleted frozen row is named as deleted, not as "a unit added after freezing"', async () => {
    edit((db) => db.prepare('DELETE FROM evaluation_frozen_results WHERE subject_id = ?').run(chot.id));
    const b = await board();
    expect(rowOf(b, chot)).toMatchObject({ frozen: null, tampered: true });
    expect(b.warnings.join(' ')).toContain('Thôn Chốt đã bị xóa khỏi tệp dữ liệu');
    expect(b.warnings.join(' ')).not.toContain('được thêm sau khi chốt');
    expect(kdc(b)).toMatchObject({ frozenDat: 0, frozenUnknown: 1 });
  });

  it('an extra frozen row added for a unit created after freezing is named and not counted', async () => {
    const commune = await unitNamed('Xã Gia Hòa');
    const late = await t.call('units.create', {
      parentId: commune.id,
      name: 'Thôn Muộn',
      kind: 'thon',
      code: null,
      validFrom: '2020-01-01',
    });
    edit((db) => {
      const src = db.prepare('SELECT * FROM evaluation_frozen_results WHERE subject_id = ?').get(chot.id) as Row;
      const parsed = JSON.parse(String(src['content'])) as { unitId: string; result: { unitId: string; unitName: string }; hash: string };
      parsed.unitId = late.id;
      parsed.result.unitId = late.id;
      parsed.result.unitName = 'Thôn Muộn';
      const { hash: _h, ...body } = parsed;
      parsed.hash = fnv1a64(canonicalJson(body));
      db.prepare(
        'INSERT INTO evaluation_frozen_results (id, freeze_id, subject_type, subject_id, year, overall, content, hash, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
      ).run('forged-row', src['freeze_id'], 'unit', late.id, YEAR, 'dat', JSON.stringify(parsed), parsed.hash, src['created_at']);
    });
    const b = await board();
    expect(rowOf(b, late)).toMatchObject({ frozen: null, tampered: false, differs: true });
    expect(b.warnings.join(' ')).toContain('Thôn Muộn không có trong sổ niêm phong');
    expect(kdc(b)).toMatchObject({ total: 3, frozenDat: 1 });
  });

  it('deleting the freeze record does not unlock the year; the loss is named', async () => {
    edit((db) => {
      db.prepare('DELETE FROM evaluation_frozen_results').run();
      db.prepare('DELETE FROM evaluation_freezes').run();
    });
    const b = await board();
    expect(b.frozen).toMatchObject({ by: 'Thượng tá Trần Văn Dũng' });
    expect(b.warnings.join(' ')).toContain('Bản ghi chốt kết quả năm 2025');
    expect(b.warnings.join(' ')).toContain('đã bị xóa');
    expect(kdc(b)).toMatchObject({ frozenDat: 0, frozenUnknown: 2 });
    const refused = await t.fail('evaluation.attest', {
      subjectType: 'unit',
      subjectId: chot.id,
      year: YEAR,
      ruleId: 'KDC-2',
      value: false,
      by: 'A',
      on: '2025-11-20',
      note: null,
    });
    expect(refused.code).toBe('CONFLICT');
    expect(refused.message).toContain('đã được chốt');
    // Refreezing is refused too; the officer can unfreeze in the app, which the ledger records.
    expect((await t.fail('evaluation.freeze', { year: YEAR, by: 'A', note: null })).code).toBe('CONFLICT');
    await t.call('evaluation.unfreeze', {
      year: YEAR,
      reason: 'Bản ghi chốt bị xóa ngoài phần mềm; chốt lại',
      by: 'Thượng tá Trần Văn Dũng',
    });
    expect((await board()).frozen).toBeNull();
    expect(queryAll(file(), 'SELECT event FROM evaluation_seal_ledger ORDER BY seq')).toEqual([{ event: 'freeze' }, { event: 'unfreeze' }]);
  });

  it('an unfreeze faked in the freeze record does not unlock the year', async () => {
    edit((db) =>
      db
        .prepare(
          "UPDATE evaluation_freezes SET unfrozen_at = '2026-11-22T04:00:00.000Z', unfrozen_by = 'Ai đó', unfreeze_reason = 'Giả mạo'",
        )
        .run(),
    );
    const b = await board();
    expect(b.frozen).not.toBeNull();
    expect(b.warnings.join(' ')).toContain('bị sửa thành "đã mở chốt" ngoài phần mềm');
    expect(rowOf(b, chot)).toMatchObject({ frozen: 'dat', tampered: false });
    const refused = await t.fail('evaluation.override', {
      subjectType: 'unit',
      subjectId: hai.id,
      year: YEAR,
      ruleId: 'KDC-1b',
      verdict: 'dat',
      reason: 'x',
      by: 'A',
      on: '2025-11-20',
    });
    expect(refused.code).toBe('CONFLICT');
  });

  it('a faked unfreeze entry in the ledger (no key) is detected and the year stays locked', async () => {
    edit((db) => {
      db.prepare(
        "UPDATE evaluation_freezes SET unfrozen_at = '2026-11-22T04:00:00.000Z', unfrozen_by = 'Ai đó', unfreeze_reason = 'Giả mạo'",
      ).run();
      const f = db.prepare('SELECT * FROM evaluation_seal_ledger WHERE seq = 1').get() as Row;
      db.prepare(
        "INSERT INTO evaluation_seal_ledger (seq, id, year, event, freeze_id, at, body, mac, created_at) VALUES (2, 'x', ?, 'unfreeze', ?, ?, '{}', ?, ?)",
      ).run(YEAR, f['freeze_id'], '2026-11-22T04:00:00.000Z', 'a'.repeat(64), '2026-11-22T04:00:00.000Z');
    });
    const b = await board();
    expect(b.frozen).not.toBeNull();
    expect(b.warnings.join(' ')).toContain('Dòng số 2 của sổ niêm phong (năm 2025) không khớp mã xác thực');
    expect(kdc(b)).toMatchObject({ frozenDat: 0, frozenUnknown: 2 });
    expect(
      (
        await t.fail('evaluation.attest', {
          subjectType: 'unit',
          subjectId: chot.id,
          year: YEAR,
          ruleId: 'KDC-2',
          value: false,
          by: 'A',
          on: '2025-11-20',
          note: null,
        })
      ).code,
    ).toBe('CONFLICT');
  });

  it('an entry removed from the middle of the ledger breaks the chain: named, and the year stays locked', async () => {
    await t.call('evaluation.unfreeze', { year: YEAR, reason: 'Phúc tra', by: 'Thượng tá Trần Văn Dũng' });
    await t.call('evaluation.freeze', { year: YEAR, by: 'Thượng tá Trần Văn Dũng', note: 'Chốt lại' });
    expect((await board()).warnings.filter((w) => w.includes('sổ niêm phong'))).toEqual([]);
    edit((db) => db.prepare('DELETE FROM evaluation_seal_ledger WHERE seq = 2').run());
    const b = await board();
    expect(b.warnings.join(' ')).toContain('Sổ niêm phong kết quả chốt thiếu dòng số 2');
    expect(b.frozen).not.toBeNull();
    expect(kdc(b)).toMatchObject({ frozenDat: 0, frozenUnknown: 2 });
    expect((await t.fail('evaluation.freeze', { year: YEAR, by: 'A', note: null })).code).toBe('CONFLICT');
    // Recovery in the app: unfreeze and freeze again; the old damage no longer concerns the year.
    await t.call('evaluation.unfreeze', {
      year: YEAR,
      reason: 'Sổ niêm phong bị sửa ngoài phần mềm; chốt lại',
      by: 'Thượng tá Trần Văn Dũng',
    });
    await t.call('evaluation.freeze', { year: YEAR, by: 'Thượng tá Trần Văn Dũng', note: 'Chốt lại sau kiểm tra' });
    const again = await board();
    expect(kdc(again)).toMatchObject({ frozenDat: 1, frozenUnknown: 0 });
    expect(again.warnings.filter((w) => w.includes('sổ niêm phong') || w.includes('Sổ niêm phong'))).toEqual([]);
  });

  it('the key file is created once, readable by its owner only, and never replaced', async () => {
    const keyFile = path.join(tmp.path(), SEAL_KEY_FILE);
    const first = fs.readFileSync(keyFile, 'utf8');
    if (process.platform !== 'win32') expect(fs.statSync(keyFile).mode & 0o077).toBe(0);
    await t.call('evaluation.unfreeze', { year: YEAR, reason: 'Phúc tra', by: 'A' });
    await t.call('evaluation.freeze', { year: YEAR, by: 'A', note: null });
    expect(fs.readFileSync(keyFile, 'utf8')).toBe(first);
  });

  it('an edited freeze record (who froze it) is named; the sealed values are shown', async () => {
    edit((db) => db.prepare("UPDATE evaluation_freezes SET frozen_by = 'Người khác'").run());
    const b = await board();
    expect(b.frozen).toMatchObject({ by: 'Thượng tá Trần Văn Dũng' });
    expect(b.warnings.join(' ')).toContain(
      'Bản ghi chốt kết quả năm 2025 (chốt ngày 22/11/2026, người chốt: Thượng tá Trần Văn Dũng) bị sửa ngoài phần mềm',
    );
  });

  it('a database copied to another data folder cannot be verified or re-sealed without the key', async () => {
    t.close();
    const other = path.join(tmp.path(), 'may-khac');
    fs.mkdirSync(other);
    fs.copyFileSync(path.join(tmp.path(), 'antq.db'), path.join(other, 'antq.db'));
    t = await startBackend(other, '2026-11-22T03:00:00.000Z', FORM_1);
    forgeWithRecomputedHash();
    const b = await board();
    expect(b.frozen).not.toBeNull();
    expect(b.warnings.join(' ')).toContain('Không đọc được tệp khóa niêm phong');
    expect(rowOf(b, hai)).toMatchObject({ frozen: null, tampered: true });
    expect(kdc(b)).toMatchObject({ frozenDat: 0, frozenUnknown: 2 });
    expect(fs.existsSync(path.join(other, SEAL_KEY_FILE))).toBe(false);
  });
});

describe('years frozen before the keyed seal (migration 0010)', () => {
  /** Turns the freeze into what migration 0010 leaves for a year frozen by an older version. */
  function makeLegacy(): void {
    edit((db) => {
      const f = db.prepare('SELECT * FROM evaluation_seal_ledger WHERE seq = 1').get() as Row;
      db.prepare('DELETE FROM evaluation_seal_ledger').run();
      db.prepare(
        "INSERT INTO evaluation_seal_ledger (seq, id, year, event, freeze_id, at, body, mac, created_at) VALUES (1, 'legacy', ?, 'legacy', ?, ?, '{}', NULL, ?)",
      ).run(YEAR, f['freeze_id'], f['at'], f['at']);
      // Older versions stored the FNV-1a hash of the content in the hash column.
      for (const r of db.prepare('SELECT id, content FROM evaluation_frozen_results').all() as { id: string; content: string }[]) {
        db.prepare('UPDATE evaluation_frozen_results SET hash = ? WHERE id = ?').run(
          (JSON.parse(r.content) as { hash: string }).hash,
          r.id,
        );
      }
    });
  }

  it('seals them under the key on first need after checking the old hashes; a row already broken stays "không xác định"', async () => {
    makeLegacy();
    edit((db) => {
      const r = db.prepare('SELECT content FROM evaluation_frozen_results WHERE subject_id = ?').get(hai.id) as { content: string };
      db.prepare('UPDATE evaluation_frozen_results SET content = ? WHERE subject_id = ?').run(
        r.content.replace('"unitName":"Thôn Hai"', '"unitName":"Thôn Hai "'),
        hai.id,
      );
    });
    const b = await board();
    expect(b.frozen).not.toBeNull();
    expect(rowOf(b, chot)).toMatchObject({ frozen: 'dat', tampered: false });
    expect(rowOf(b, hai)).toMatchObject({ frozen: null, tampered: true });
    expect(b.warnings.join(' ')).toContain('được niêm phong lại');
    expect(queryAll(file(), 'SELECT seq, event, mac IS NOT NULL AS sealed FROM evaluation_seal_ledger')).toEqual([
      { seq: 1, event: 'freeze', sealed: 1 },
    ]);
  });

  it('migration 0010 gives a year frozen by the previous version a legacy entry, sealed on first use', async () => {
    // Take the file back to what the previous version left: no ledger, FNV-1a hashes, older user_version.
    t.close();
    const before = MIGRATIONS.findIndex((m) => m.name === '0010_evaluation_seal');
    const previous = await schemaAfter(MIGRATIONS.slice(0, before));
    edit(
      (db) => {
        // The ledger and whatever later migrations created: the file as the version before 0010 left it.
        dropLaterSchema(db, previous);
        for (const r of db.prepare('SELECT id, content FROM evaluation_frozen_results').all() as { id: string; content: string }[]) {
          db.prepare('UPDATE evaluation_frozen_results SET hash = ? WHERE id = ?').run(
            (JSON.parse(r.content) as { hash: string }).hash,
            r.id,
          );
        }
        db.pragma(`user_version = ${before}`);
      },
      path.join(tmp.path(), 'antq.db'),
    );
    t = await startBackend(tmp.path(), '2026-11-23T03:00:00.000Z', FORM_1);
    const b = await board();
    expect(b.frozen).toMatchObject({ by: 'Thượng tá Trần Văn Dũng' });
    expect(rowOf(b, chot)).toMatchObject({ frozen: 'dat', tampered: false });
    expect(b.warnings.join(' ')).toContain('được niêm phong lại ngày 23/11/2026');
    expect(queryAll(file(), 'SELECT seq, event, mac IS NOT NULL AS sealed FROM evaluation_seal_ledger')).toEqual([
      { seq: 1, event: 'freeze', sealed: 1 },
    ]);
  });

  it('a legacy entry appearing after the ledger is sealed is a forgery, never adopted', async () => {
    edit((db) =>
      db
        .prepare(
          "INSERT INTO evaluation_seal_ledger (seq, id, year, event, freeze_id, at, body, mac, created_at) VALUES (2, 'legacy-2', 2024, 'legacy', 'x', '2024-12-01T00:00:00.000Z', '{}', NULL, '2024-12-01T00:00:00.000Z')",
        )
        .run(),
    );
    const b = await board();
    expect(b.warnings.join(' ')).toContain('Dòng số 2 của sổ niêm phong (năm 2024) không có mã xác thực');
    expect(queryOne(file(), 'SELECT count(*) AS n FROM evaluation_seal_ledger WHERE mac IS NULL')).toEqual({ n: 1 });
  });
});

/** The tables a database holds after running `steps` on an empty file. */
