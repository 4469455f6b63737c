/**
 * Point rubrics through the real backend: the shipped example is always there and labelled as an
 * example; the office imports its province's rubric file (byte-for-byte, refused with Vietnamese
 * errors when malformed); units and covered organisations of a year are scored (self and reviewed)
 * with totals and classes; and a newer rubric file with other bands changes the classes of the same
 * stored scores — no code change, no re-entry.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import type { MethodInput, UnitDto } from '../../../shared/ipc/contract';
import type { RubricInput } from '../../../shared/domain/criteria';
import { startBackend, PROJECT_ROOT, type TestBackend } from '../../support/backend';
import { useTempDir } from '../../support/temp-dir';
import { dumpDatabase, queryAll } from '../../support/sqlite';
import { GIA_VIEN_SETUP } from '../../support/offices';
import { refusalChecker } from '../../support/refusals';

const tmp = useTempDir('antq-rubrics-');
let t: TestBackend;

const EXAMPLE_ID = 'vi-du-bieu-diem-khu-dan-cu';
const PROVINCE_ID = 'ninh-binh-bieu-diem-khu-dan-cu';
const exampleRaw = JSON.parse(fs.readFileSync(path.join(PROJECT_ROOT, 'resources', 'rulesets', 'rubric-example.json'), 'utf8')) as Record<
  string,
  unknown
>;

/** A province rubric with the example's items and its own bands. */
function provinceRubric(over: Record<string, unknown> = {}): { text: string; base64: string } {
  const value = {
    ...exampleRaw,
    id: PROVINCE_ID,
    name: 'Biểu điểm chấm điểm phong trào ở khu dân cư tỉnh Ninh Bình',
    version: '2025-01-01',
    source: 'Quyết định của Công an tỉnh Ninh Bình',
    example: false,
    note: undefined,
    bands: [
      { class: 'xuat_sac', min: 90 },
      { class: 'kha', min: 70 },
      { class: 'trung_binh', min: 50 },
      { class: 'yeu', min: 0 },
    ],
    ...over,
  };
  const text = `${JSON.stringify(value, null, 1)}\n`;
  return { text, base64: Buffer.from(text, 'utf8').toString('base64') };
}

/** 86 points under the example's items (6.1: one incident, −3). */
const INPUTS_86: Record<string, RubricInput> = {
  '1.1': true,
  '1.2': true,
  '1.3': 6,
  '2': 12,
  '3': 8,
  '4': 12,
  '5': 8,
  '6.1': 1,
  '6.2': 0,
  '6.3': 0,
  L1: false,
  L2: false,
};

beforeEach(async () => {
  t = await startBackend(tmp.path());
  await t.call('office.setup', GIA_VIEN_SETUP);
});
afterEach(() => t.close());

const file = () => t.backend.databasePath;
const dump = () => dumpDatabase(file());

async function unit(name: string): Promise<UnitDto> {
  const found = (await t.call('units.list', { includeEnded: true })).filter((u) => u.name === name);
  if (found.length !== 1) throw new Error(`expected one unit named ${name}, found ${found.length}`);
  return found[0]!;
}

const expectRefused = refusalChecker(() => t, dump);

async function villages(): Promise<{ dong: UnitDto; tay: UnitDto; bac: UnitDto; hoa: UnitDto }> {
  const hoa = await unit('Xã Gia Hòa');
  const dong = await t.call('units.create', { parentId: hoa.id, name: 'Thôn Đông', kind: 'thon', code: null, validFrom: '2010-01-01' });
  const tay = await t.call('units.create', { parentId: hoa.id, name: 'Thôn Tây', kind: 'thon', code: null, validFrom: '2010-01-01' });
  const bac = await t.call('units.create', { parentId: hoa.id, name: 'Thôn Bắc', kind: 'thon', code: null, validFrom: '2010-01-01' });
  return { dong, tay, bac, hoa };
}

const score = (
  subject: string,
  items: Record<string, RubricInput>,
  over: Partial<MethodInput<'rubrics.score'>> = {},
): MethodInput<'rubrics.score'> => ({
  subject,
  year: 2026,
  rubricId: EXAMPLE_ID,
  kind: 'tu_cham',
  items,
  by: 'Trưởng thôn Nguyễn Văn Bình',
  note: '',
  ...over,
});

describe('rubrics.list / get / export', () => {
  it('always lists the shipped example, labelled as an example', async () => {
    const list = await t.call('rubrics.list', {});
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ id: EXAMPLE_ID, example: true, origin: 'shipped', maxTotal: 100, unitKinds: ['khu_dan_cu'] });
    expect(list[0]!.name).toMatch(/^Ví dụ minh họa — không phải biểu điểm chính thức/);
    expect(list[0]!.bands).toEqual([
      { class: 'xuat_sac', label: 'Xuất sắc', min: 90 },
      { class: 'kha', label: 'Khá', min: 70 },
      { class: 'trung_binh', label: 'Trung bình', min: 50 },
      { class: 'yeu', label: 'Yếu', min: 0 },
    ]);
    const d = await t.call('rubrics.get', { key: list[0]!.key });
    expect(d.rubric.items.map((i) => i.id)).toEqual(['1', '2', '3', '4', '5', '6', 'L1', 'L2']);
    const exported = await t.call('rubrics.export', { key: list[0]!.key });
    expect(
      Buffer.from(exported.base64, 'base64').equals(
        fs.readFileSync(path.join(PROJECT_ROOT, 'resources', 'rulesets', 'rubric-example.json')),
      ),
    ).toBe(true);
  });
});

describe('rubrics.import', () => {
  it('stores a province file byte-for-byte; the same file again changes nothing', async () => {
    const f = provinceRubric();
    const r = await t.call('rubrics.import', { fileName: 'Bieu diem Ninh Binh.json', base64: f.base64, by: 'Đại úy Lê Văn An' });
    expect(r).toMatchObject({ status: 'imported', key: `${PROVINCE_ID}@2025-01-01` });
    const rows = queryAll<{ rubric_id: string; content: Buffer; file_name: string }>(
      file(),
      'SELECT rubric_id, content, file_name FROM rubric_files',
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]!.content.toString('utf8')).toBe(f.text);
    // The province's rubric is listed before the example.
    expect((await t.call('rubrics.list', {})).map((x) => x.id)).toEqual([PROVINCE_ID, EXAMPLE_ID]);
    const before = dump();
    expect((await t.call('rubrics.import', { fileName: 'lai.json', base64: f.base64 })).message).toMatch(/đã có, không thay đổi/);
    expect(dump()).toEqual(before);
    expect(Buffer.from((await t.call('rubrics.export', { key: r.key })).base64, 'base64').toString('utf8')).toBe(f.text);
  });

  it('refuses a malformed rubric with every problem in Vietnamese, storing nothing', async () => {
    const bad = provinceRubric({
      maxTotal: 90,
      bands: [
        { class: 'xuat_sac', min: 60 },
        { class: 'kha', min: 70 },
        { class: 'yeu', min: 10 },
      ],
    });
    const err = await expectRefused(
      'rubrics.import',
      { fileName: 'sai.json', base64: bad.base64 },
      'VALIDATION',
      /Không nhập được tệp "sai\.json"/,
    );
    expect(err.message).toMatch(/Tổng điểm tối đa khai báo \(90\) khác tổng điểm các mục \(100\)/);
    expect(err.message).toMatch(/phải thấp hơn/);
    expect(err.message).toMatch(/phải bắt đầu từ 0 điểm/);
    await expectRefused('rubrics.import', { fileName: 'x.json', base64: Buffer.from('   ').toString('base64') }, 'VALIDATION', /Tệp rỗng/);
    const ruleSet = fs.readFileSync(path.join(PROJECT_ROOT, 'resources', 'rulesets', 'tt124-xa.json')).toString('base64');
    await expectRefused('rubrics.import', { fileName: 'xa.json', base64: ruleSet }, 'VALIDATION', /là bộ tiêu chí, không phải biểu điểm/);
  });

  it('refuses another content under an id and version already there', async () => {
    await t.call('rubrics.import', { fileName: 'nb.json', base64: provinceRubric().base64 });
    await expectRefused(
      'rubrics.import',
      { fileName: 'nb2.json', base64: provinceRubric({ name: 'Khác' }).base64 },
      'CONFLICT',
      /nội dung khác/,
    );
    await expectRefused(
      'rubrics.import',
      { fileName: 'vd.json', base64: provinceRubric({ id: EXAMPLE_ID, version: '2022-01-20' }).base64 },
      'CONFLICT',
      /đi kèm phần mềm/,
    );
  });
});

describe('rubrics.scores / rubrics.score', () => {
  it('lists the residential areas of the year, scores self and reviewed, and counts the classes', async () => {
    const { dong, tay, bac, hoa } = await villages();
    const ended = await t.call('units.create', { parentId: hoa.id, name: 'Thôn Cũ', kind: 'thon', code: null, validFrom: '2010-01-01' });
    await t.call('units.end', { id: ended.id, validTo: '2024-12-31', reason: 'Sáp nhập' });

    const empty = await t.call('rubrics.scores', { year: 2026, rubricId: EXAMPLE_ID, category: null });
    // Communes are not in the example's scope; the ended village is not in 2026.
    expect(empty.rows.map((r) => r.name)).toEqual(['Thôn Bắc', 'Thôn Đông', 'Thôn Tây']);
    expect(empty.rows.every((r) => r.parentName === 'Xã Gia Hòa' && r.category === 'khu_dan_cu' && r.finalClass === null)).toBe(true);
    expect(empty.countsText).toBe('3 chưa xếp loại');
    expect((await t.call('rubrics.scores', { year: 2024, rubricId: EXAMPLE_ID, category: null })).rows.map((r) => r.name)).toContain(
      'Thôn Cũ',
    );

    const saved = await t.call('rubrics.score', score(dong.id, INPUTS_86));
    expect(saved.self!.score).toMatchObject({ total: 86, class: 'kha', classLabel: 'Khá' });
    expect(saved).toMatchObject({ finalClass: 'kha', finalFrom: 'tu_cham', reviewed: null });

    // The reviewed score decides once there is one.
    await t.call(
      'rubrics.score',
      score(
        dong.id,
        { ...INPUTS_86, '2': 15, '4': 15, '6.1': 0 },
        { kind: 'tham_dinh', by: 'Thiếu tá Trần Hùng', note: 'Thẩm định 20/11' },
      ),
    );
    await t.call('rubrics.score', score(tay.id, { ...INPUTS_86, '2': 5, '3': 2, '4': 3 }));
    await t.call('rubrics.score', score(bac.id, { ...INPUTS_86, L1: true }));

    const s = await t.call('rubrics.scores', { year: 2026, rubricId: EXAMPLE_ID, category: 'khu_dan_cu' });
    const byName = Object.fromEntries(s.rows.map((r) => [r.name, r]));
    expect(byName['Thôn Đông']!.reviewed!.score.total).toBe(95);
    expect(byName['Thôn Đông']).toMatchObject({ finalClass: 'xuat_sac', finalFrom: 'tham_dinh' });
    expect(byName['Thôn Đông']!.reviewed).toMatchObject({ by: 'Thiếu tá Trần Hùng', note: 'Thẩm định 20/11' });
    expect(byName['Thôn Tây']!.self!.score.total).toBe(64);
    expect(byName['Thôn Tây']!.finalClass).toBe('trung_binh');
    // L1 has no forced class: the lowest band.
    expect(byName['Thôn Bắc']!.self!.score).toMatchObject({ total: 86, classByPoints: 'kha', class: 'yeu' });
    expect(s.counts).toEqual({ xuat_sac: 1, kha: 0, trung_binh: 1, yeu: 1, chua_xep_loai: 0 });
    expect(s.countsText).toBe('1 Xuất sắc, 1 Trung bình, 1 Yếu');

    const stored = queryAll<{ subject_id: string; kind: string; inputs: string; rubric_version: string; subject_type: string }>(
      file(),
      'SELECT subject_id, kind, inputs, rubric_version, subject_type FROM rubric_scores WHERE subject_id = ? ORDER BY kind',
      dong.id,
    );
    expect(stored.map((r) => r.kind)).toEqual(['tham_dinh', 'tu_cham']);
    expect(JSON.parse(stored[1]!.inputs)).toEqual(INPUTS_86);
    expect(stored[1]).toMatchObject({ rubric_version: '2022-01-20', subject_type: 'unit' });

    // Scoring again replaces the score of that kind (one per unit, year, rubric and kind).
    await t.call('rubrics.score', score(dong.id, { ...INPUTS_86, '6.1': 6 }));
    expect(queryAll(file(), 'SELECT id FROM rubric_scores WHERE subject_id = ?', dong.id)).toHaveLength(2);
    const again = (await t.call('rubrics.scores', { year: 2026, rubricId: EXAMPLE_ID, category: null })).rows.find(
      (r) => r.subjectId === dong.id,
    )!;
    expect(again.self!.score.total).toBe(74); // deductions floor at 0: 6 × 3 = 18 > 15, so 6.1 gives 0 (not −3)
  });

  it('keeps a partial score as "chưa xếp loại" and names what is missing', async () => {
    const { dong } = await villages();
    const { L2: _, '5': __, ...partial } = INPUTS_86;
    const r = await t.call('rubrics.score', score(dong.id, partial));
    expect(r.self!.score.class).toBeNull();
    expect(r.self!.score.missing).toEqual([
      '5: Phát hiện, cung cấp nguồn tin, tố giác tội phạm',
      'L2: Không được công nhận đạt tiêu chuẩn "An toàn về an ninh, trật tự" trong năm',
    ]);
    expect(r.finalClass).toBeNull();
  });

  it('refuses values the rubric does not allow, in Vietnamese, storing nothing', async () => {
    const { dong, hoa } = await villages();
    const e1 = await expectRefused('rubrics.score', score(dong.id, { ...INPUTS_86, '2': 16, '1.1': 3, '6.2': 1.5, ZZ: 1 }), 'VALIDATION');
    expect(e1.message).toMatch(/Mục "2" \(Tuyên truyền, vận động Nhân dân tham gia phong trào\): điểm phải từ 0 đến 15/);
    expect(e1.message).toMatch(/Mục "1\.1".*cần ghi đạt hoặc không đạt/);
    expect(e1.message).toMatch(/Mục "6\.2".*cần số lần xảy ra/);
    expect(e1.message).toMatch(/Mục "ZZ" không có trong biểu điểm/);
    expect(e1.details).toMatchObject({ 'items.2': expect.stringMatching(/từ 0 đến 15/) as unknown });
    await expectRefused('rubrics.score', score(dong.id, { ...INPUTS_86, '3': 7.25 }), 'VALIDATION', /bội số của 0,5/);
    await expectRefused('rubrics.score', score(dong.id, { ...INPUTS_86, '1': 5 }), 'VALIDATION', /là nhóm; hãy chấm từng mục con/);
    await expectRefused('rubrics.score', score(hoa.id, INPUTS_86), 'RULE', /không áp dụng cho Xã Gia Hòa/);
    await expectRefused('rubrics.score', score(crypto.randomUUID(), INPUTS_86), 'NOT_FOUND', /Không tìm thấy đơn vị/);
    await expectRefused('rubrics.score', score(dong.id, INPUTS_86, { by: '  ' }), 'VALIDATION', /Người chấm/);
    await expectRefused(
      'rubrics.score',
      score(dong.id, INPUTS_86, { rubricId: 'khong-co' }),
      'NOT_FOUND',
      /Không có biểu điểm mã "khong-co"/,
    );
    await expectRefused('rubrics.scores', { year: 2026, rubricId: 'khong-co', category: null }, 'NOT_FOUND');
  });

  it('a province rubric file changes the classes of the same scores without any code change', async () => {
    const { dong, tay } = await villages();
    await t.call('rubrics.import', { fileName: 'nb-2025.json', base64: provinceRubric().base64 });
    await t.call('rubrics.score', score(dong.id, INPUTS_86, { rubricId: PROVINCE_ID }));
    await t.call('rubrics.score', score(tay.id, { ...INPUTS_86, '2': 3 }, { rubricId: PROVINCE_ID })); // 77
    const before = await t.call('rubrics.scores', { year: 2026, rubricId: PROVINCE_ID, category: null });
    expect(before.rubric.version).toBe('2025-01-01');
    expect(before.rows.filter((r) => r.finalClass).map((r) => [r.name, r.finalLabel])).toEqual([
      ['Thôn Đông', 'Khá'],
      ['Thôn Tây', 'Khá'],
    ]);
    const scoresBefore = queryAll(file(), 'SELECT * FROM rubric_scores ORDER BY id');

    // The province re-issues its rubric in 2026 with other bands and its own wording of a class.
    await t.call('rubrics.import', {
      fileName: 'nb-2026.json',
      base64: provinceRubric({
        version: '2026-02-01',
        bands: [
          { class: 'xuat_sac', min: 85, label: 'Hoàn thành xuất sắc' },
          { class: 'kha', min: 80 },
          { class: 'trung_binh', min: 60 },
          { class: 'yeu', min: 0 },
        ],
      }).base64,
    });
    const after = await t.call('rubrics.scores', { year: 2026, rubricId: PROVINCE_ID, category: null });
    expect(after.rubric.version).toBe('2026-02-01');
    expect(after.rows.filter((r) => r.finalClass).map((r) => [r.name, r.finalLabel, r.self!.enteredVersion])).toEqual([
      ['Thôn Đông', 'Hoàn thành xuất sắc', '2025-01-01'],
      ['Thôn Tây', 'Trung bình', '2025-01-01'],
    ]);
    expect(after.countsText).toBe('1 Hoàn thành xuất sắc, 1 Trung bình, 1 chưa xếp loại');
    // Nothing stored changed: only the rubric did.
    expect(queryAll(file(), 'SELECT * FROM rubric_scores ORDER BY id')).toEqual(scoresBefore);
    // 2025 still uses the version in force then.
    expect((await t.call('rubrics.scores', { year: 2025, rubricId: PROVINCE_ID, category: null })).rubric.version).toBe('2025-01-01');
    await expectRefused(
      'rubrics.scores',
      { year: 2024, rubricId: PROVINCE_ID, category: null },
      'RULE',
      /có hiệu lực từ 01\/01\/2025, chưa áp dụng cho năm 2024/,
    );
  });

  it('scores covered organisations and leaves out those outside Circular 124', async () => {
    const { hoa } = await villages();
    await t.call('rubrics.import', {
      fileName: 'nb-org.json',
      base64: provinceRubric({ id: 'nb-co-quan', unitKinds: ['co_quan', 'co_so_giao_duc'] }).base64,
    });
    const org = (extra: Partial<MethodInput<'organizations.create'>>): MethodInput<'organizations.create'> => ({
      name: 'UBND xã Gia Hòa',
      kind: 'co_quan',
      subKind: 'co_quan_nha_nuoc',
      isArmedForces: false,
      unitId: hoa.id,
      managingLevel: 'xa',
      bcaMonitored: false,
      hasPartyOrg: true,
      hasSecurityForce: false,
      subUnitCount: null,
      sectorGroup: null,
      insuredEmployees: null,
      revenueBillion: null,
      capitalBillion: null,
      taxCode: null,
      address: null,
      validFrom: null,
      ...extra,
    });
    const ubnd = await t.call('organizations.create', org({}));
    await t.call('organizations.create', org({ name: 'Trường Tiểu học Gia Hòa', kind: 'co_so_giao_duc', subKind: 'tieu_hoc' }));
    const thpt = await t.call('organizations.create', org({ name: 'Trường THPT Gia Viễn A', kind: 'co_so_giao_duc', subKind: 'thpt' }));
    const s = await t.call('rubrics.scores', { year: 2026, rubricId: 'nb-co-quan', category: null });
    expect(s.rows.map((r) => [r.name, r.category, r.subjectType])).toEqual([
      ['Trường THPT Gia Viễn A', 'co_so_giao_duc', 'organization'],
      ['UBND xã Gia Hòa', 'co_quan', 'organization'],
    ]);
    expect(
      (await t.call('rubrics.scores', { year: 2026, rubricId: 'nb-co-quan', category: 'co_quan' })).rows.map((r) => r.subjectId),
    ).toEqual([ubnd.id]);
    const r = await t.call('rubrics.score', score(thpt.id, INPUTS_86, { rubricId: 'nb-co-quan' }));
    expect(r.finalLabel).toBe('Khá');
    expect(queryAll(file(), 'SELECT subject_type FROM rubric_scores')).toEqual([{ subject_type: 'organization' }]);
  });
});
