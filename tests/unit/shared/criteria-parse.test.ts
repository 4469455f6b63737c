/**
 * Loading rule-set files (parseRuleSet) and validating facts (parseUnitFacts): a province's file
 * with a mistake is refused with Vietnamese messages that say where the mistake is, and never a
 * default English message from the validation library.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseRuleSet, ruleSetToJson } from '../../../shared/domain/criteria/ruleset';
import { parseUnitFacts } from '../../../shared/domain/criteria/facts';
import { readResource, passingKdc } from './criteria-fixtures';

const valid = () =>
  JSON.parse(readResource('example-province-extra.json')) as Record<string, unknown> & { rules: Record<string, unknown>[] };

function errorsOf(value: unknown): string[] {
  const r = parseRuleSet(typeof value === 'string' ? value : JSON.stringify(value));
  if (r.ok) throw new Error('expected the file to be refused');
  return r.errors;
}

/** Words of zod's default English messages; none may reach a person. */
const ENGLISH = /\b(Invalid|expected|received|Unrecognized|Required|Too (small|big)|must|input)\b/;

describe('parseRuleSet refuses bad files in Vietnamese', () => {
  it('not JSON, empty, or another kind of file', () => {
    expect(errorsOf('{ "format": ')[0]).toMatch(/^Tệp không phải JSON hợp lệ/);
    expect(errorsOf('   ')).toEqual(['Tệp rỗng, không có nội dung.']);
    expect(errorsOf(JSON.parse(readResource('rubric-example.json')))).toContain(
      'Trường "format": Tệp không phải bộ tiêu chí của phần mềm (cần "format": "antq.ruleset").',
    );
    expect(errorsOf([1, 2])).toEqual(['Cần một đối tượng, nhưng nhận được một danh sách.']);
  });

  it('never shows the parser\'s English text or the word "undefined"', () => {
    const bad = errorsOf('{ "format": "antq.ruleset", ');
    expect(bad).toEqual(['Tệp không phải JSON hợp lệ (sai cú pháp, có thể tệp bị hỏng hoặc không phải tệp tiêu chí).']);
    const f = valid();
    delete (f as Record<string, unknown>)['unitKinds'];
    f.rules[0]!['params'] = { min: 1 };
    const messages = errorsOf(f);
    expect(messages.some((m) => m.includes('Thiếu chỉ số'))).toBe(true);
    for (const m of messages) expect(m).not.toMatch(/undefined/);
  });

  it('names the criterion and the field', () => {
    const f = valid();
    f.rules[0]!['params'] = { count: 'buoi_tuyen_truyen', min: 0 };
    expect(errorsOf(f)).toEqual(['Tiêu chí thứ 1 ("VD-1"), trường "params.min": Số tối thiểu phải từ 1 trở lên.']);
  });

  it.each([
    [
      'an unknown rule type',
      (f: ReturnType<typeof valid>) => (f.rules[1]!['type'] = 'BOOL'),
      'Tiêu chí thứ 2 ("VD-2"), trường "type": Loại tiêu chí không hợp lệ; chỉ chấp nhận: ATTESTED, DATE_IN_Q1, ZERO, MIN, PCT, CMP_PREV, RATING.',
    ],
    [
      'a missing rule type',
      (f: ReturnType<typeof valid>) => delete f.rules[1]!['type'],
      'Tiêu chí thứ 2 ("VD-2"), trường "type": Thiếu loại tiêu chí ("type").',
    ],
    [
      'a duplicate criterion id',
      (f: ReturnType<typeof valid>) => (f.rules[1]!['id'] = 'VD-1'),
      'Tiêu chí thứ 2 ("VD-1"), trường "id": Mã tiêu chí "VD-1" trùng với tiêu chí thứ 1.',
    ],
    [
      'a clause without an article',
      (f: ReturnType<typeof valid>) => (f.rules[0]!['clause'] = 'khoản 1'),
      'Tiêu chí thứ 1 ("VD-1"), trường "clause": Điều khoản phải ghi rõ điều (ví dụ "Điều 4 khoản 4 điểm b").',
    ],
    [
      'an empty title',
      (f: ReturnType<typeof valid>) => (f.rules[0]!['title'] = '  '),
      'Tiêu chí thứ 1 ("VD-1"), trường "title": Tên tiêu chí không được để trống.',
    ],
    [
      'a misspelt field',
      (f: ReturnType<typeof valid>) => (f.rules[0]!['paramz'] = {}),
      'Tiêu chí thứ 1 ("VD-1"): Trường không được phép: "paramz".',
    ],
    [
      'an unknown count',
      (f: ReturnType<typeof valid>) => (f.rules[0]!['params'] = { count: 'so_buoi', min: 4 }),
      'Tiêu chí thứ 1 ("VD-1"), trường "params.count": Chỉ số "so_buoi" không có trong danh mục của phần mềm; chỉ chấp nhận: mo_hinh_hieu_qua, ky_luat_luc_luong_bao_ve, ky_luat_can_bo, pham_toi_trong_truong, te_nan_trong_truong, buoi_tuyen_truyen, nguon_tin_co_gia_tri.',
    ],
    [
      'an unknown unit kind',
      (f: ReturnType<typeof valid>) => (f['unitKinds'] = ['thon']),
      'Trường "unitKinds[0]": Loại đơn vị "thon" không có trong danh mục của phần mềm; chỉ chấp nhận: khu_dan_cu, xa, phuong, thi_tran, dac_khu, co_quan, doanh_nghiep, co_so_giao_duc.',
    ],
    [
      'an invalid version date',
      (f: ReturnType<typeof valid>) => (f['version'] = '2025-02-30'),
      'Trường "version": Ngày không hợp lệ (cần dạng yyyy-MM-dd, ngày có thật).',
    ],
    ['no criteria', (f: ReturnType<typeof valid>) => (f.rules = []), 'Trường "rules": Bộ tiêu chí phải có ít nhất một tiêu chí.'],
    ['a missing name', (f: ReturnType<typeof valid>) => delete f['name'], 'Trường "name": Cần tên bộ tiêu chí.'],
    [
      'an unknown flag',
      (f: ReturnType<typeof valid>) => (f.rules[1]!['notApplicableIf'] = [{ flag: 'coDang', equals: false }]),
      'Tiêu chí thứ 2 ("VD-2"), trường "notApplicableIf[0].flag": Thông tin "coDang" không có trong danh mục của phần mềm; chỉ chấp nhận: hasPartyOrg, hasSecurityForce, generalEducation, eligibleForTitles.',
    ],
  ])('%s', (_name, mutate, message) => {
    const f = valid();
    mutate(f);
    expect(errorsOf(f)).toEqual([message]);
  });

  it("checks each rule type's parameters", () => {
    const withRule = (rule: object) => {
      const f = valid();
      f.rules = [{ id: 'T-1', clause: 'Điều 2 khoản 1', title: 'Thử', explanation: 'Thử nghiệm.', ...rule }];
      return errorsOf(f);
    };
    expect(withRule({ type: 'PCT', params: { ratio: 'ho_gia_dinh', min: 120 } })).toEqual([
      'Tiêu chí thứ 1 ("T-1"), trường "params.min": Tỷ lệ tối thiểu không được quá 100%.',
    ]);
    expect(withRule({ type: 'PCT', params: { ratio: 'ho_gia_dinh', min: 70.125 } })).toEqual([
      'Tiêu chí thứ 1 ("T-1"), trường "params.min": Tỷ lệ tối thiểu chỉ được có tối đa 2 chữ số thập phân.',
    ]);
    expect(withRule({ type: 'PCT', params: { ratio: 'ti_le', min: 70 } })[0]).toContain('Tỷ lệ "ti_le" không có trong danh mục');
    expect(withRule({ type: 'ZERO', params: {} })).toEqual([
      'Tiêu chí thứ 1 ("T-1"), trường "params": Tiêu chí "không để xảy ra" cần ít nhất một loại vụ việc ("incidents") hoặc chỉ số ("counts").',
    ]);
    expect(withRule({ type: 'ZERO', params: { incidents: ['toi_pham_xyz'] } })[0]).toMatch(
      /^Tiêu chí thứ 1 \("T-1"\), trường "params.incidents\[0\]": Loại vụ việc "toi_pham_xyz" không có trong danh mục/,
    );
    expect(withRule({ type: 'ZERO', params: { incidents: ['chay_no', 'chay_no'] } })).toEqual([
      'Tiêu chí thứ 1 ("T-1"), trường "params.incidents": Danh sách loại vụ việc có phần tử trùng nhau.',
    ]);
    expect(withRule({ type: 'RATING', params: { subject: 'to_bao_ve_antt', scale: 'hd01', min: 'hoan_thanh_tot_nhiem_vu' } })).toEqual([
      'Tiêu chí thứ 1 ("T-1"), trường "params.min": Mức "hoan_thanh_tot_nhiem_vu" không thuộc thang "hd01"; chỉ chấp nhận: hoan_thanh_xuat_sac, hoan_thanh_tot, hoan_thanh, khong_hoan_thanh.',
    ]);
    expect(withRule({ type: 'DATE_IN_Q1', params: { documents: [] } })).toEqual([
      'Tiêu chí thứ 1 ("T-1"), trường "params.documents": Danh sách văn bản không được rỗng.',
    ]);
    expect(withRule({ type: 'CMP_PREV', params: { groups: [] } })).toEqual([
      'Tiêu chí thứ 1 ("T-1"), trường "params.groups": Cần ít nhất một nhóm so sánh.',
    ]);
    expect(
      withRule({ type: 'CMP_PREV', params: { groups: [{ label: 'Tội phạm', incidents: ['toi_pham_nghiem_trong'] }], compare: 'sum' } })[0],
    ).toContain('Cách so sánh "sum" không có trong danh mục');
    expect(withRule({ type: 'MIN', params: { count: 'mo_hinh_hieu_qua', min: 1.5 } })).toEqual([
      'Tiêu chí thứ 1 ("T-1"), trường "params.min": Số tối thiểu phải là số nguyên.',
    ]);
    expect(withRule({ type: 'ATTESTED', params: { x: 1 } })).toEqual([
      'Tiêu chí thứ 1 ("T-1"), trường "params": Trường không được phép: "x".',
    ]);
  });

  it('lists every problem at once', () => {
    const f = valid();
    f['version'] = 'hôm nay';
    f.rules[0]!['clause'] = '';
    f.rules[1]!['type'] = 'X';
    expect(errorsOf(f)).toHaveLength(3);
  });

  it('never shows an English message, whatever is wrong', () => {
    const junk = fc.oneof(
      fc.constant(undefined),
      fc.constant(null),
      fc.integer(),
      fc.string(),
      fc.boolean(),
      fc.array(fc.integer(), { maxLength: 2 }),
      fc.object({ maxDepth: 1 }),
    );
    const paths = [
      ['format'],
      ['formatVersion'],
      ['id'],
      ['name'],
      ['version'],
      ['unitKinds'],
      ['source'],
      ['scope'],
      ['rules'],
      ['rules', 0, 'type'],
      ['rules', 0, 'params'],
      ['rules', 0, 'params', 'min'],
      ['rules', 1, 'notApplicableIf'],
      ['rules', 0, 'id'],
      ['example'],
    ];
    fc.assert(
      fc.property(fc.constantFrom(...paths), junk, (path, value) => {
        const f = valid() as Record<string, unknown>;
        let target = f as Record<string | number, unknown>;
        for (const p of path.slice(0, -1)) target = target[p] as Record<string | number, unknown>;
        const last = path[path.length - 1]!;
        if (value === undefined) delete target[last];
        else target[last] = value;
        const r = parseRuleSet(JSON.stringify(f));
        if (!r.ok) for (const e of r.errors) expect(e).not.toMatch(ENGLISH);
      }),
      { numRuns: 300 },
    );
  });

  it('an exported rule set imports back unchanged', () => {
    const first = parseRuleSet(readResource('example-province-extra.json'));
    if (!first.ok) throw new Error(first.errors.join('\n'));
    expect(parseRuleSet(ruleSetToJson(first.value))).toEqual(first);
    // a byte-order mark from Windows editors is accepted
    expect(parseRuleSet(`\uFEFF${ruleSetToJson(first.value)}`)).toEqual(first);
  });
});

describe('parseUnitFacts', () => {
  it('accepts facts built by the app and refuses inconsistent ones in Vietnamese', () => {
    expect(parseUnitFacts(JSON.parse(JSON.stringify(passingKdc())))).toMatchObject({ ok: true });
    const bad = passingKdc() as unknown as Record<string, unknown>;
    bad['year'] = 1800;
    (bad['households'] as Record<string, unknown>)['registered'] = -1;
    (bad['incidents'] as { byCategory: Record<string, unknown> }).byCategory['toi_pham_xyz'] = { count: 1 };
    bad['ratings'] = { to_bao_ve_antt: { scale: 'hd01', level: 'tot' } };
    const r = parseUnitFacts(bad);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors).toEqual([
      'Trường "year": Giá trị phải từ 1990 trở lên.',
      'Trường "incidents.byCategory": Trường không được phép: "toi_pham_xyz".',
      'Trường "households.registered": Giá trị phải từ 0 trở lên.',
      'Trường "ratings.to_bao_ve_antt.level": Mức xếp loại không thuộc thang xếp loại đã chọn.',
    ]);
    for (const e of r.errors) expect(e).not.toMatch(ENGLISH);
  });

  it('refuses sub-unit counts that do not add up', () => {
    const f = passingKdc() as unknown as Record<string, unknown>;
    f['subUnits'] = { khu_dan_cu: { eligible: 5, registered: 6, recognised: 0, undecided: 0 } };
    const r = parseUnitFacts(f);
    expect(r.ok).toBe(false);
    if (!r.ok)
      expect(r.errors).toEqual([
        'Trường "subUnits.khu_dan_cu": Số đơn vị đăng ký, công nhận, chưa quyết định không được vượt số đơn vị thuộc diện.',
      ]);
  });
});
