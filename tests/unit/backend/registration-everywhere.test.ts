/**
 * Registration figures where the year's key figures are shown (issue 14, finished by h14-finish):
 * the dashboard (dashboard.get) and the meeting deck (slides.deck, slides.exportPptx) carry the
 * block period.figures counts — the same figures and sentence, not a second count —, and a year
 * without a rule set (2015) is "không đánh giá" on the deck's evaluation slide and in the board's
 * Excel export, never 0/y or "Thiếu dữ liệu".
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import type { UnitDto } from '../../../shared/ipc/contract';
import { startBackend, type TestBackend } from '../../support/backend';
import { useTempDir } from '../../support/temp-dir';
import { queryOne } from '../../support/sqlite';
import { GIA_VIEN_SETUP } from '../../support/offices';
import { registrationInput } from '../../support/evaluation-inputs';
import { cellText } from '../../support/cells';

const tmp = useTempDir('antq-regall-');
let t: TestBackend;

beforeEach(async () => {
  t = await startBackend(tmp.path(), '2026-11-22T03:00:00.000Z');
  await t.call('office.setup', GIA_VIEN_SETUP);
});
afterEach(() => t.close());

async function unitNamed(name: string): Promise<UnitDto> {
  const found = (await t.call('units.list', { includeEnded: true })).filter((u) => u.name === name);
  if (found.length !== 1) throw new Error(`expected one unit ${name}, got ${found.length}`);
  return found[0]!;
}

/** Xã Gia Hòa with three residential areas since 2010; two registered in `year`, one with its households. */
async function arrange(year: number): Promise<{ commune: UnitDto; areas: UnitDto[] }> {
  const commune = await unitNamed('Xã Gia Hòa');
  const areas: UnitDto[] = [];
  for (const name of ['Thôn Đông', 'Thôn Tây', 'Thôn Nam'])
    areas.push(await t.call('units.create', { parentId: commune.id, name, kind: 'thon', code: null, validFrom: '2010-01-01' }));
  await t.call('evaluation.register', registrationInput('unit', areas[0]!.id, year, { householdsRegistered: 215 }));
  await t.call('evaluation.register', registrationInput('unit', areas[1]!.id, year));
  await t.call('evaluation.register', registrationInput('unit', commune.id, year));
  const n = queryOne(
    t.backend.databasePath,
    'SELECT count(*) AS n FROM evaluation_registrations WHERE year = ? AND deleted_at IS NULL',
    year,
  );
  expect(n).toEqual({ n: 3 });
  return { commune, areas };
}

const textOf = (xml: string) =>
  [...xml.matchAll(/<a:t>([^<]*)<\/a:t>/g)].map((m) => m[1]!.replace(/&quot;/g, '"').replace(/&amp;/g, '&')).join(' ');

describe('registrations on the dashboard and the slides', () => {
  it('the dashboard carries the year’s registration block of period.figures, for the office and a commune', async () => {
    const { commune } = await arrange(2015);
    const p = await t.call('period.figures', { from: '2015-01-01', to: '2015-12-31', unitId: null });
    const d = await t.call('dashboard.get', { year: 2015, unitId: null });
    expect(d.registrations).toEqual(p.registrations);
    expect(d.registrations.figures.groups.khu_dan_cu).toEqual({ total: 3, registered: 2, recognised: 0 });
    expect(d.registrations.figures.households).toEqual({ registered: 215, recorded: 1, missing: 1 });
    expect(d.registrations.sentences.registration).toContain('2/3 khu dân cư với 215 hộ gia đình');
    const inCommune = await t.call('dashboard.get', { year: 2015, unitId: commune.id });
    expect(inCommune.registrations.figures.groups.xa).toEqual({ total: 1, registered: 1, recognised: 0 });
    // A year with none recorded says so (thiếu dữ liệu), never 0/3.
    const y2016 = await t.call('dashboard.get', { year: 2016, unitId: null });
    expect(y2016.registrations.sentences.registration).toContain('thiếu dữ liệu: chưa ghi nhận bản đăng ký nào');
  });

  it('the deck has a registration slide with the period figures’ sentence, and the 2015 evaluation slide says "không đánh giá"', async () => {
    await arrange(2015);
    const p = await t.call('period.figures', { from: '2015-01-01', to: '2015-12-31', unitId: null });
    const deck = await t.call('slides.deck', { year: 2015, unitId: null });
    const reg = deck.slides.find((s) => s.key === 'registrations')!;
    if (reg.kind !== 'evaluation') throw new Error('kind');
    expect(reg.note).toBe(p.registrations.sentences.registration);
    const xa = p.registrations.figures.groups.xa.total;
    expect(reg.rows.map((r) => [r.label, r.ratio])).toEqual([
      ['Khu dân cư', '2/3'],
      ['Xã, phường, thị trấn', `1/${xa}`],
    ]);
    expect(reg.rows[0]!.detail).toBe('Công nhận: thiếu dữ liệu · 215 hộ gia đình đăng ký (1 khu dân cư chưa ghi số hộ)');

    const ev = deck.slides.find((s) => s.key === 'evaluation')!;
    if (ev.kind !== 'evaluation') throw new Error('kind');
    expect(ev.rows.length).toBeGreaterThan(0);
    for (const r of ev.rows) {
      expect(r.achieved).toBeNull();
      expect(r.ratio).toBe('không đánh giá');
      expect(r.percent).toBeNull();
    }
    expect(ev.rows.find((r) => r.label === 'Khu dân cư')!.detail).toBe('Đăng ký: 2/3 · Công nhận: thiếu dữ liệu');
    expect(ev.note).toContain('Năm 2015 chưa có bộ tiêu chí trong ứng dụng');

    // The PPTX writes the same: the registration sentence, "không đánh giá", no 0 đạt.
    const file = await t.call('slides.exportPptx', { year: 2015, unitId: null });
    const zip = await JSZip.loadAsync(Buffer.from(file.base64, 'base64'));
    const names = Object.keys(zip.files).filter((n) => /^ppt\/slides\/slide\d+\.xml$/.test(n));
    const texts = await Promise.all(names.map(async (n) => textOf(await zip.file(n)!.async('string'))));
    const regText = texts.find((x) => x.includes('Đăng ký xây dựng "An toàn về an ninh, trật tự" năm 2015'))!;
    expect(regText).toContain(p.registrations.sentences.registration);
    expect(regText).toContain('đăng ký xây dựng "An toàn về an ninh, trật tự"');
    const evText = texts.find((x) => x.includes('Kết quả xây dựng "An toàn về an ninh, trật tự" năm 2015'))!;
    expect(evText).toContain('không đánh giá');
    // Before: "0/3" and "0,0%" as the đạt ratio of each kind.
    expect(evText).not.toContain('0,0%');
  });

  it('a year under Circular 124 keeps its computed đạt counts on the evaluation slide', async () => {
    await arrange(2025);
    const deck = await t.call('slides.deck', { year: 2025, unitId: null });
    const ev = deck.slides.find((s) => s.key === 'evaluation')!;
    if (ev.kind !== 'evaluation') throw new Error('kind');
    const kdc = ev.rows.find((r) => r.label === 'Khu dân cư')!;
    expect(kdc.achieved).not.toBeNull();
    expect(kdc.ratio).toMatch(/^\d+\/3$/);
    expect(ev.note).toBeNull();
  });
});

describe('the board’s Excel export', () => {
  async function summaryLive(year: number): Promise<Map<string, string>> {
    const file = await t.call('evaluation.export', { year, category: null, unitId: null });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(file.base64, 'base64') as unknown as ArrayBuffer);
    const sheet = wb.getWorksheet('Bảng tổng hợp')!;
    const cols = (sheet.getRow(1).values as unknown[]).map(cellText);
    const live = cols.indexOf('Kết quả tính hiện tại');
    const out = new Map<string, string>();
    for (let r = 2; r <= sheet.rowCount; r++) {
      const name = cellText(sheet.getRow(r).getCell(2).value);
      if (name) out.set(name, cellText(sheet.getRow(r).getCell(live).value));
    }
    // The category sheet says the same for its rows.
    const kdc = wb.getWorksheet('Khu dân cư');
    if (kdc)
      for (let r = 2; r <= kdc.rowCount; r++)
        expect(cellText(kdc.getRow(r).getCell(4).value)).toBe(out.get(cellText(kdc.getRow(r).getCell(2).value)));
    return out;
  }

  it('writes "Không đánh giá" as the live result of a year without a rule set, the computed result otherwise', async () => {
    await arrange(2015);
    const old = await summaryLive(2015);
    expect(old.get('Thôn Đông')).toBe('Không đánh giá');
    expect(old.get('Xã Gia Hòa')).toBe('Không đánh giá');
    expect([...old.values()].some((v) => v === 'Thiếu dữ liệu')).toBe(false);
    const now = await summaryLive(2025);
    expect(now.get('Thôn Đông')).not.toBe('Không đánh giá');
    expect(['Đạt', 'Chưa đạt', 'Thiếu dữ liệu']).toContain(now.get('Thôn Đông'));
  });
});
