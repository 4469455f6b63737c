/**
 * Point rubrics (shared/domain/criteria/rubric.ts): the shipped example, band boundaries,
 * per-occurrence deductions with a floor of 0, sub-item caps, knock-outs that cap the class,
 * re-normalisation over applicable items, missing and invalid scores, self vs reviewed scores, a
 * province file with other bands changing the class of the same scores, and parse errors.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { CLASS_IDS, parseRubric, rubricToJson, scoreRubric, type Rubric, type RubricInputs } from '../../../shared/domain/criteria/rubric';
import { readResource } from './criteria-fixtures';

const TEXT = readResource('rubric-example.json');
const parsed = parseRubric(TEXT);
if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
const EXAMPLE: Rubric = parsed.value;

/** Full marks everywhere, no deductions, no knock-outs: 100 points. */
function full(): Record<string, number | boolean | 'khong_ap_dung'> {
  return { '1.1': true, '1.2': true, '1.3': 7, '2': 15, '3': 10, '4': 15, '5': 10, '6.1': 0, '6.2': 0, '6.3': 0, L1: false, L2: false };
}

/** Full marks minus what it takes to reach `total` (≥ 43), taken from the range items in turn. */
function scoring(total: number): RubricInputs {
  const inputs = full();
  let loss = 100 - total;
  for (const [id, max] of [
    ['2', 15],
    ['4', 15],
    ['3', 10],
    ['5', 10],
    ['1.3', 7],
  ] as const) {
    const take = Math.min(loss, max);
    inputs[id] = max - take;
    loss -= take;
  }
  return inputs;
}

describe('the shipped example rubric', () => {
  it('is clearly labelled as an example, with the common provincial bands in the file', () => {
    expect(EXAMPLE.name).toContain('Ví dụ minh họa — không phải biểu điểm chính thức');
    expect(EXAMPLE.example).toBe(true);
    expect(EXAMPLE.bands.map((b) => [b.class, b.min])).toEqual([
      ['xuat_sac', 90],
      ['kha', 70],
      ['trung_binh', 50],
      ['yeu', 0],
    ]);
    expect(EXAMPLE.maxTotal).toBe(100);
  });

  it('full marks → 100, Xuất sắc', () => {
    const s = scoreRubric(EXAMPLE, full());
    expect(s.total).toBe(100);
    expect(s.class).toBe('xuat_sac');
    expect(s.classLabel).toBe('Xuất sắc');
    expect(s.explanation).toBe('100/100 điểm: Xuất sắc (từ 90 điểm).');
    expect(s.errors).toEqual([]);
    expect(s.missing).toEqual([]);
  });

  it.each([
    [90, 'xuat_sac'],
    [89.5, 'kha'],
    [70, 'kha'],
    [69.5, 'trung_binh'],
    [50, 'trung_binh'],
    [49.5, 'yeu'],
  ])('%s points → %s (bands inclusive at their minimum)', (total, cls) => {
    const s = scoreRubric(EXAMPLE, scoring(total));
    expect(s.total).toBe(total);
    expect(s.class).toBe(cls);
  });

  it('explains the band a score falls in', () => {
    expect(scoreRubric(EXAMPLE, scoring(87.5)).explanation).toBe('87,5/100 điểm: Khá (từ 70 đến dưới 90 điểm).');
  });

  it('deducts per occurrence and never below 0', () => {
    const two = scoreRubric(EXAMPLE, { ...full(), '6.1': 2 });
    const item = two.items.find((i) => i.id === '6')!.items!.find((i) => i.id === '6.1')!;
    expect(item.points).toBe(9);
    expect(item.explanation).toBe('2 lần × 3 điểm = trừ 6: còn 9 điểm.');
    expect(two.total).toBe(94);
    const many = scoreRubric(EXAMPLE, { ...full(), '6.1': 10 });
    const floor = many.items.find((i) => i.id === '6')!.items!.find((i) => i.id === '6.1')!;
    expect(floor.points).toBe(0);
    expect(floor.explanation).toBe('10 lần × 3 điểm = trừ 30 (không trừ quá 15): còn 0 điểm.');
    expect(many.total).toBe(85);
  });

  it('a knock-out forces the lowest class whatever the points', () => {
    const s = scoreRubric(EXAMPLE, { ...full(), L1: true });
    expect(s.total).toBe(100);
    expect(s.classByPoints).toBe('xuat_sac');
    expect(s.class).toBe('yeu');
    expect(s.explanation).toBe(
      '100/100 điểm: Xuất sắc (từ 90 điểm); do "Xảy ra hoạt động chống Đảng, chính quyền hoặc phá hoại khối đại đoàn kết" nên xếp loại Yếu.',
    );
  });

  it('a knock-out to a named class caps the class but never raises it', () => {
    expect(scoreRubric(EXAMPLE, { ...full(), L2: true }).class).toBe('kha');
    expect(scoreRubric(EXAMPLE, { ...scoring(60), L2: true }).class).toBe('trung_binh');
  });

  it('no class while a score is missing or invalid, with what to fix', () => {
    const missing = full();
    delete missing['3'];
    const s = scoreRubric(EXAMPLE, missing);
    expect(s.class).toBeNull();
    expect(s.missing).toEqual(['3: Tổ chức, hưởng ứng Ngày hội toàn dân bảo vệ an ninh Tổ quốc']);
    expect(s.explanation).toBe('90/100 điểm — chưa xếp loại: còn 1 mục chưa chấm.');
    const bad = scoreRubric(EXAMPLE, { ...full(), '2': 16, '1.3': 6.25, '6.2': 1.5, '1.1': 4, L1: 'khong_ap_dung', ghost: 1, '6': 3 });
    expect(bad.class).toBeNull();
    expect(bad.errors).toEqual([
      'Mục "1.1" (Chi bộ có nghị quyết về công tác bảo đảm an ninh, trật tự trong quý I): cần ghi đạt hoặc không đạt (true/false).',
      'Mục "1.3" (Sơ kết, tổng kết, thông tin, báo cáo đầy đủ, kịp thời): điểm phải là bội số của 0,5.',
      'Mục "2" (Tuyên truyền, vận động Nhân dân tham gia phong trào): điểm phải từ 0 đến 15, tối đa 2 chữ số thập phân.',
      'Mục "6.2" (Cháy, nổ, tai nạn, sự cố nghiêm trọng (trừ 5 điểm mỗi vụ)): cần số lần xảy ra (số nguyên không âm).',
      'Mục "L1" (Xảy ra hoạt động chống Đảng, chính quyền hoặc phá hoại khối đại đoàn kết): biểu điểm không cho phép ghi "không áp dụng".',
      'Mục "ghost" không có trong biểu điểm "Ví dụ minh họa — không phải biểu điểm chính thức (chấm điểm phong trào ở khu dân cư)".',
      'Mục "6" là nhóm; hãy chấm từng mục con.',
    ]);
  });

  it('self-score and reviewed score are two calls on the same rubric', () => {
    const self = scoreRubric(EXAMPLE, scoring(92));
    const reviewed = scoreRubric(EXAMPLE, { ...scoring(92), '6.3': 2 });
    expect([self.total, self.class]).toEqual([92, 'xuat_sac']);
    expect([reviewed.total, reviewed.class]).toEqual([88, 'kha']);
  });

  it('the total is the sum of the items and never exceeds the maximum', () => {
    const range = (max: number) => fc.integer({ min: 0, max: max * 2 }).map((n) => n / 2);
    fc.assert(
      fc.property(
        fc.record({
          '1.1': fc.boolean(),
          '1.2': fc.boolean(),
          '1.3': range(7),
          '2': range(15),
          '3': range(10),
          '4': range(15),
          '5': range(10),
          '6.1': fc.nat(8),
          '6.2': fc.nat(3),
          '6.3': fc.nat(6),
          L1: fc.boolean(),
          L2: fc.boolean(),
        }),
        (inputs) => {
          const s = scoreRubric(EXAMPLE, inputs);
          expect(s.errors).toEqual([]);
          const sum = s.items.reduce((t, i) => t + Math.round((i.points ?? 0) * 100), 0) / 100;
          expect(s.total).toBe(sum);
          expect(s.total).toBeGreaterThanOrEqual(0);
          expect(s.total).toBeLessThanOrEqual(100);
          expect(CLASS_IDS).toContain(s.class);
          // more points never give a worse class by points
          const better = scoreRubric(EXAMPLE, { ...inputs, '6.1': 0 });
          expect(CLASS_IDS.indexOf(better.classByPoints!)).toBeLessThanOrEqual(CLASS_IDS.indexOf(s.classByPoints!));
        },
      ),
    );
  });
});

describe("a province's own rubric file", () => {
  it('changes the classes of the same scores without any code change', () => {
    const province = JSON.parse(TEXT) as Record<string, unknown>;
    province['id'] = 'tinh-x-bieu-diem-khu-dan-cu';
    province['name'] = 'Biểu điểm khu dân cư của tỉnh X';
    province['example'] = false;
    province['bands'] = [
      { class: 'xuat_sac', min: 95 },
      { class: 'kha', min: 80 },
      { class: 'trung_binh', min: 65 },
      { class: 'yeu', min: 0 },
    ];
    const r = parseRubric(JSON.stringify(province));
    if (!r.ok) throw new Error(r.errors.join('\n'));
    const same = scoring(92);
    expect(scoreRubric(EXAMPLE, same).class).toBe('xuat_sac');
    expect(scoreRubric(r.value, same).class).toBe('kha');
    expect(scoreRubric(EXAMPLE, scoring(68)).class).toBe('trung_binh');
    expect(scoreRubric(r.value, scoring(68)).class).toBe('trung_binh');
    expect(scoreRubric(r.value, scoring(64.5)).class).toBe('yeu');
  });

  it('may use three classes and its own wording', () => {
    const r = parseRubric(
      JSON.stringify({
        ...JSON.parse(TEXT),
        bands: [
          { class: 'xuat_sac', label: 'Tốt', min: 80 },
          { class: 'trung_binh', min: 50 },
          { class: 'yeu', label: 'Chưa đạt', min: 0 },
        ],
        items: (JSON.parse(TEXT) as { items: object[] }).items.filter((i) => (i as { id: string }).id !== 'L2'),
      }),
    );
    if (!r.ok) throw new Error(r.errors.join('\n'));
    const inputs = { ...scoring(85) };
    delete (inputs as Record<string, unknown>)['L2'];
    const s = scoreRubric(r.value, inputs);
    expect([s.class, s.classLabel]).toEqual(['xuat_sac', 'Tốt']);
    const low = scoreRubric(r.value, { ...inputs, L1: true });
    expect([low.class, low.classLabel]).toEqual(['yeu', 'Chưa đạt']);
  });

  it('re-normalises over applicable items when the rubric says so', () => {
    const r = parseRubric(
      JSON.stringify({
        format: 'antq.rubric',
        formatVersion: 1,
        id: 'thu-quy-doi',
        name: 'Biểu điểm thử quy đổi',
        version: '2024-01-01',
        source: 'Thử nghiệm',
        unitKinds: ['co_so_giao_duc'],
        maxTotal: 100,
        renormalise: true,
        items: [
          { id: 'a', kind: 'range', title: 'Mục a', max: 60 },
          { id: 'b', kind: 'fixed', title: 'Mục b (chỉ trường phổ thông)', points: 40, allowNotApplicable: true },
        ],
        bands: [
          { class: 'xuat_sac', min: 90 },
          { class: 'yeu', min: 0 },
        ],
      }),
    );
    if (!r.ok) throw new Error(r.errors.join('\n'));
    const s = scoreRubric(r.value, { a: 55, b: 'khong_ap_dung' });
    expect(s.earned).toBe(55);
    expect(s.applicableMax).toBe(60);
    expect(s.total).toBe(91.66);
    expect(s.class).toBe('xuat_sac');
    expect(s.explanation).toBe('91,66/100 điểm (quy đổi từ 55/60 điểm của các mục áp dụng): Xuất sắc (từ 90 điểm).');
    expect(scoreRubric(r.value, { a: 55, b: true }).total).toBe(95);
  });

  it('exports and imports back unchanged', () => {
    expect(parseRubric(rubricToJson(EXAMPLE))).toEqual(parsed);
  });
});

describe('parseRubric refuses bad files in Vietnamese', () => {
  const base = () => JSON.parse(TEXT) as Record<string, unknown> & { items: Record<string, unknown>[]; bands: Record<string, unknown>[] };
  const errorsOf = (v: unknown) => {
    const r = parseRubric(typeof v === 'string' ? v : JSON.stringify(v));
    if (r.ok) throw new Error('expected the file to be refused');
    return r.errors;
  };

  it.each([
    [
      'a total that does not add up',
      (f: ReturnType<typeof base>) => (f['maxTotal'] = 95),
      'Trường "maxTotal": Tổng điểm tối đa khai báo (95) khác tổng điểm các mục (100).',
    ],
    [
      'bands out of order',
      (f: ReturnType<typeof base>) => (f.bands[1]!['min'] = 95),
      'Trường "bands": Điểm tối thiểu của mức "Khá" (95) phải thấp hơn của mức "Xuất sắc" (90).',
    ],
    [
      'a lowest band above 0',
      (f: ReturnType<typeof base>) => (f.bands[3]!['min'] = 10),
      'Trường "bands": Mức thấp nhất ("Yếu") phải bắt đầu từ 0 điểm để mọi tổng điểm đều được xếp loại.',
    ],
    [
      'a class twice',
      (f: ReturnType<typeof base>) => (f.bands[1]!['class'] = 'xuat_sac'),
      'Trường "bands": Mỗi mức xếp loại chỉ được khai báo một lần.',
    ],
    [
      'an unknown class',
      (f: ReturnType<typeof base>) => (f.bands[0]!['class'] = 'gioi'),
      'Mức xếp loại thứ 1, trường "class": Xếp loại "gioi" không hợp lệ; chỉ chấp nhận: xuat_sac, kha, trung_binh, yeu.',
    ],
    [
      'a duplicate item id',
      (f: ReturnType<typeof base>) => (f.items[1]!['id'] = '5'),
      'Mục thứ 5 ("5"), trường "id": Mã mục "5" bị trùng.',
    ],
    [
      'an unknown item kind',
      (f: ReturnType<typeof base>) => (f.items[1]!['kind'] = 'bonus'),
      'Mục thứ 2 ("2"), trường "kind": Loại mục không hợp lệ; chỉ chấp nhận: fixed, range, deduction, knockout, group.',
    ],
    [
      'a knock-out to a class without a band',
      (f: ReturnType<typeof base>) => f.bands.splice(1, 1),
      'Mục thứ 8 ("L2"), trường "forcesClass": Mức xếp loại "Khá" không có trong danh sách mức xếp loại của biểu điểm.',
    ],
    [
      'a negative deduction',
      (f: ReturnType<typeof base>) => ((f.items[5]!['items'] as Record<string, unknown>[])[0]!['perOccurrence'] = -3),
      'Mục thứ 6 ("6"), trường "items[0].perOccurrence": Số điểm trừ mỗi lần phải lớn hơn 0.',
    ],
    [
      'a group cap above its sub-items',
      (f: ReturnType<typeof base>) => (f.items[0]!['max'] = 20),
      'Mục thứ 1 ("1"), trường "max": Điểm tối đa của nhóm (20) lớn hơn tổng điểm các mục con (15).',
    ],
    [
      'a range max not a multiple of its step',
      (f: ReturnType<typeof base>) => (f.items[1]!['max'] = 15.25),
      'Mục thứ 2 ("2"), trường "step": Điểm tối đa phải là bội số của bước chấm điểm.',
    ],
    ['a rule-set file instead', () => undefined, 'Trường "format": Tệp không phải biểu điểm của phần mềm (cần "format": "antq.rubric").'],
  ])('%s', (name, mutate, message) => {
    const f = name === 'a rule-set file instead' ? (JSON.parse(readResource('tt124-xa.json')) as ReturnType<typeof base>) : base();
    mutate(f);
    expect(errorsOf(f)).toContain(message);
  });

  it('not JSON', () => {
    expect(errorsOf('biểu điểm')[0]).toMatch(/^Tệp không phải JSON hợp lệ/);
  });
});
