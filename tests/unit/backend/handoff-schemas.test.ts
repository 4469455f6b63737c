/**
 * Issue 12 item 4: every record of a snapshot is validated with the schemas the office's own
 * screens use. An office enters one record of every kind through the contract; its snapshot, read
 * as the province reads it, passes every check (with and without its personal fields), and one
 * wrong value in any table the screens save is refused with the table, the row, its id and the
 * column named in Vietnamese. Plus the guard: a scope or catalogue table of the registry without
 * a form or a stated reason fails.
 */
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBackend, type TestBackend } from '../../support/backend';
import { makeTempDir, removeDir } from '../../support/temp-dir';
import { GIA_VIEN_SETUP } from '../../support/offices';
import { provinceIdentity, readSnapshotAsProvince, setPolicy, trustProvince } from '../../support/handoff-send';
import { EXAMPLE_RUBRIC, seedScreenRecords, type ScreenRecords } from '../../support/handoff-records';
import { fileIdentity, type OfficeIdentity } from '../../../electron/backend/handoff/identity';
import { parseSnapshotPayload, validatePayloadRows, type Cell, type SnapshotPayload } from '../../../electron/backend/handoff/payload';
import { NO_SCREEN, TABLE_FORMS, methodsOf } from '../../../electron/backend/handoff/payload-checks';
import { uncheckedTables } from '../../../electron/backend/handoff/payload-coverage';
import type { CheckContext } from '../../../electron/backend/handoff/payload-forms';
import { shippedFiles } from '../../../electron/backend/services/rulesets.service';
import { TABLES, type TableSpec } from '../../../shared/domain/table-registry';
import { contract } from '../../../shared/ipc/contract';
import type { Rubric } from '../../../shared/domain/criteria/rubric';

let dirs: string[] = [];
let t: TestBackend;
let office: OfficeIdentity;
let province: OfficeIdentity;
let seeded: ScreenRecords;
let usb: string;

const rubrics = new Map<string, Rubric>(shippedFiles().rubrics.map((f) => [f.hash, f.value]));
const CONTEXT: CheckContext = { today: '2026-11-22', rubric: (hash) => rubrics.get(hash) ?? null };

beforeAll(async () => {
  const officeDir = makeTempDir('antq-schemas-office-');
  const provinceDir = makeTempDir('antq-schemas-province-');
  usb = makeTempDir('antq-schemas-usb-');
  dirs = [officeDir, provinceDir, usb];
  t = await startBackend(officeDir);
  await t.call('office.setup', GIA_VIEN_SETUP);
  province = await provinceIdentity(provinceDir);
  office = (await fileIdentity(officeDir).read())!;
  trustProvince(t.backend.databasePath, province);
  const commune = (await t.call('units.list', { includeEnded: false })).find((u) => u.name === 'Xã Gia Hòa')!;
  const hamlet = await t.call('units.create', {
    parentId: commune.id,
    name: 'Thôn Đông',
    kind: 'thon',
    code: null,
    validFrom: '2024-01-01',
  });
  seeded = await seedScreenRecords(t, commune.id, hamlet.id);
}, 120_000);

afterAll(() => {
  t?.close();
  dirs.forEach(removeDir);
});

async function snapshot(): Promise<SnapshotPayload> {
  const sent = await t.call('handoffSend.write', { scope: { year: 2026, from: null, to: null }, folder: usb });
  const { json } = await readSnapshotAsProvince(new Uint8Array(fs.readFileSync(sent.path)), office.signPublicKey, province);
  const parsed = parseSnapshotPayload(JSON.parse(json));
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.payload;
}

/** A copy of the payload with one cell of one row changed (`pick` chooses the row). */
function altered(
  payload: SnapshotPayload,
  table: string,
  column: string,
  value: Cell,
  pick: (row: Record<string, Cell>) => boolean = () => true,
): { payload: SnapshotPayload; row: number; id: string } {
  const copy = structuredClone(payload);
  const t = copy.tables[table]!;
  const at = (name: string) => t.columns.indexOf(name);
  const index = t.rows.findIndex((cells) => pick(Object.fromEntries(t.columns.map((c, i) => [c, cells[i] ?? null]))));
  if (index < 0) throw new Error(`no row of ${table} to alter`);
  if (at(column) < 0) throw new Error(`no column ${table}.${column} in the file`);
  t.rows[index]![at(column)] = value;
  return { payload: copy, row: index + 1, id: String(t.rows[index]![at(t.columns.includes('id') ? 'id' : t.columns[0]!)]) };
}

describe('the screens’ schemas at import', () => {
  /** As sent by default (personal fields left out, stand-ins at import), and with every personal field. */
  let payload: SnapshotPayload;
  let full: SnapshotPayload;
  beforeAll(async () => {
    payload = await snapshot();
    setPolicy(t.backend.databasePath, {
      mass_org_members: ['full_name', 'gender', 'birth_year', 'ethnicity', 'phone'],
      awards: ['recipient_name'],
    });
    full = await snapshot();
  }, 60_000);

  it('a snapshot of records entered through the screens passes, with a row in every table a screen saves', () => {
    for (const table of Object.keys(TABLE_FORMS)) expect(payload.tables[table]!.rows.length, table).toBeGreaterThan(0);
    expect(validatePayloadRows(payload, { context: CONTEXT })).toEqual([]);
    expect(payload.omitted['mass_org_members']).toContain('birth_year');
    expect(full.omitted).toEqual({});
    expect(validatePayloadRows(full, { context: CONTEXT })).toEqual([]);
  });

  const RULE = 'Nhận dạng cột và lý do';
  // [table, column, wrong value, the reason, which row] — one per table a screen saves, and the cross-field rules.
  const cases: [string, string, Cell, RegExp, ((r: Record<string, Cell>) => boolean)?, 'full'?][] = [
    ['units', 'name', '   ', /cột "name": Tên đơn vị không được để trống/, (r) => r['name'] === 'Thôn Đông'],
    ['units', 'kind', 'thanh_pho_tw', /cột "level": Loại đơn vị không thuộc cấp/, (r) => r['name'] === 'Thôn Đông'],
    [
      'units',
      'valid_to',
      '2023-12-31',
      /cột "valid_to": Ngày kết thúc \(31\/12\/2023\) không được trước ngày bắt đầu/,
      (r) => r['name'] === 'Xóm đã nhập',
    ],
    ['unit_attributes', 'area_type', 'mien_nui', /cột "area_type": Loại địa bàn không hợp lệ/],
    ['unit_year_stats', 'residents', 50, /cột "residents": Số nhân khẩu \(50\) không được nhỏ hơn số hộ/],
    ['unit_year_stats', 'trong_diem', 3, /cột "trong_diem" chỉ nhận 0 hoặc 1/],
    ['organizations', 'name', '', /cột "name": .*không được để trống/],
    ['model_types', 'category', 'khong_co', /cột "category": Nhóm mô hình không hợp lệ/],
    ['models', 'origin_level', 'thon', /cột "origin_level": Cấp xây dựng không hợp lệ/],
    ['models', 'status', 'dang_ngu', /cột "status": Trạng thái mô hình không hợp lệ/],
    [
      'model_sites',
      'started_on',
      '2023-01-01',
      /Điểm ".*" bắt đầu \(01\/01\/2023\) trước ngày xây dựng mô hình/,
      (r) => r['id'] === seeded.siteId,
    ],
    ['model_sites', 'teams', -1, /cột "teams": Số tổ không được âm/],
    [
      'model_events',
      'status',
      'nhan_rong',
      /Không thể chuyển mô hình từ trạng thái/,
      (r) => r['seq'] === 2 && r['model_id'] === seeded.modelId,
    ],
    ['model_ratings', 'rating', 'tot', /cột "rating": Kết quả đánh giá không hợp lệ/],
    ['model_recognitions', 'recognised_on', '2024-01-01', /Ngày công nhận \(01\/01\/2024\) trước ngày mô hình bắt đầu hoạt động/],
    ['mass_org_kinds', 'rating_scheme', 'sao', /cột "rating_scheme": /],
    ['mass_orgs', 'name', ' ', /cột "name": Tên tổ chức không được để trống/],
    [
      'mass_org_members',
      'birth_year',
      1850,
      /cột "birth_year": Năm sinh không hợp lệ \(từ 1900\)/,
      (r) => r['id'] === seeded.leaderId,
      'full',
    ],
    ['mass_org_members', 'phone', '12345', /cột "phone": /, (r) => r['id'] === seeded.leaderId, 'full'],
    ['mass_org_members', 'role', 'to_pho_1', /cột "role": Chức danh không hợp lệ/],
    [
      'mass_org_members',
      'joined_on',
      '2023-06-01',
      /Ngày tham gia \(01\/06\/2023\) không được trước ngày/,
      (r) => r['id'] === seeded.leaderId,
    ],
    ['mass_org_ratings', 'level', 'gioi', /cột "level": Mức xếp loại không hợp lệ/],
    [
      'mass_org_member_ratings',
      'acting_leader',
      1,
      /Chỉ tổ phó mới có thể được ghi là người phụ trách tổ/,
      (r) => r['member_id'] === seeded.memberId,
    ],
    ['mass_org_ratings', 'level', 'hoan_thanh', /cao hơn mức "Hoàn thành" của tổ/],
    ['evaluation_registrations', 'registered_on', '2025-12-01', /cột "registered_on": Ngày đăng ký 01\/12\/2025 không thuộc năm 2026/],
    ['evaluation_registrations', 'decision', 'dat_mot_nua', /cột "decision": Kết quả quyết định không hợp lệ/],
    ['evaluation_registrations', 'decision_signer', null, /cột "decision_signer": Người ký quyết định là bắt buộc/],
    ['evaluation_registrations', 'proposed_on', '2026-11-01', /cột "proposed_on": Ngày 01\/11\/2026 trước ngày của bước trước/],
    ['evaluation_registrations', 'status', 'cong_nhan', /cột "status": Trạng thái "cong_nhan" không khớp/],
    ['evaluation_attestations', 'attested_by', '', /cột "attested_by": Người xác nhận không được để trống/],
    ['evaluation_overrides', 'verdict', 'gan_dat', /cột "verdict": Kết quả không hợp lệ/],
    ['evaluation_figures', 'security_force_titles', '["khong_co"]', /cột "security_force_titles": Danh hiệu không hợp lệ/],
    ['evaluation_figures', 'security_force_titles', '[khong', /cột "security_force_titles" không phải JSON hợp lệ/],
    ['evaluation_figures', 'ky_luat_can_bo', -2, /cột "ky_luat_can_bo": Số cá nhân bị kỷ luật không được âm/],
    ['rubric_scores', 'inputs', '{"2":16}', /cột "inputs": Mục "2" .*điểm phải từ 0 đến 15/],
    ['rubric_scores', 'kind', 'tu_danh_gia', /cột "kind": Loại chấm điểm không hợp lệ/],
    ['incident_stats_declarations', 'group_code', 'khong_co', /cột "group_code": Nhóm vụ việc không hợp lệ/],
    ['leadership_documents', 'doc_type', 'thong_bao', /cột "doc_type": Loại văn bản không hợp lệ/],
    ['leadership_documents', 'issued_on', '2026-02-30', /cột "issued_on": Ngày không hợp lệ/],
    ['tips', 'summary', '', /cột "summary": /],
  ];

  it.each(cases.map((c) => [`${c[0]}.${c[1]} = ${JSON.stringify(c[2])}`, c] as const))(
    '%s is refused naming the row and the column',
    (_n, c) => {
      const [table, column, value, reason, pick, personal] = c;
      const bad = altered(personal ? full : payload, table, column, value, pick);
      const problems = validatePayloadRows(bad.payload, { context: CONTEXT, maxProblems: 5 });
      expect(problems.length, RULE).toBeGreaterThan(0);
      const first = problems[0]!;
      expect(first.message).toMatch(reason);
      expect(first.message.endsWith('.')).toBe(true);
      // Cross-row rules may name the row they are about (a site, a member); the rest name the altered one.
      expect(first.message).toMatch(/^Bảng "[a-z_]+" \(.+\), dòng \d+ \(mã [0-9a-f-]{36}\): /);
      if (!/Điểm|Ngày công nhận|Không thể chuyển|Chỉ tổ phó|cao hơn mức/.test(first.message)) {
        expect(first.message.startsWith(`Bảng "${table}"`), first.message).toBe(true);
        expect(first.message).toContain(`dòng ${bad.row} (mã ${bad.id})`);
      }
    },
  );

  it('what the app itself may write is not refused: sites of a model brought together by a move, a registration dated again', () => {
    // After a merge, moving the records (unit-history/transfer.ts) can put two open sites of one model at one place.
    const sites = payload.tables['model_sites']!;
    const other = sites.rows.findIndex((r) => r[sites.columns.indexOf('id')] !== seeded.siteId);
    const hamletOf = sites.rows.find((r) => r[sites.columns.indexOf('id')] === seeded.siteId)![sites.columns.indexOf('unit_id')]!;
    let p = altered(payload, 'model_sites', 'unit_id', hamletOf, (r) => r['id'] === sites.rows[other]![0]).payload;
    for (const [column, v] of [
      ['organization_name', null],
      ['ended_on', null],
      ['end_reason', null],
    ] as const) {
      p = altered(p, 'model_sites', column, v, (r) => r['id'] === sites.rows[other]![0]).payload;
    }
    expect(validatePayloadRows(p, { context: CONTEXT })).toEqual([]);
    // evaluation.register may be called again with a later date once steps are taken.
    const again = altered(payload, 'evaluation_registrations', 'registered_on', '2026-11-06');
    expect(validatePayloadRows(again.payload, { context: CONTEXT })).toEqual([]);
  });

  it('a rubric score is checked against the rubric file it was entered with, when the province holds it', () => {
    const bad = altered(payload, 'rubric_scores', 'inputs', '{"2":16}');
    expect(validatePayloadRows(bad.payload, { context: { ...CONTEXT, rubric: () => null } })).toEqual([]);
    const score = payload.tables['rubric_scores']!;
    expect(score.rows[0]![score.columns.indexOf('rubric_id')]).toBe(EXAMPLE_RUBRIC);
  });

  it('dates after the importer’s day are refused as the screens refuse them', () => {
    const early = { ...CONTEXT, today: '2026-11-06' };
    const problems = validatePayloadRows(payload, { context: early });
    expect(problems[0]?.message).toMatch(/^Bảng "evaluation_registrations" .*cột "proposed_on": Ngày 07\/11\/2026 ở tương lai/);
    expect(validatePayloadRows(payload, { context: { ...CONTEXT, today: '2026-11-12' } })).toEqual([]);
  });
});

describe('every scope and catalogue table has its screen’s form or a stated reason', () => {
  it('the registry as it is: nothing unchecked, no table both ways, every reason about a table that is sent', () => {
    expect(uncheckedTables(TABLES)).toEqual([]);
    for (const table of Object.keys(NO_SCREEN)) {
      expect(TABLE_FORMS[table], table).toBeUndefined();
      expect(TABLES.find((s) => s.name === table)?.handoff, table).not.toBe('never');
    }
    for (const table of Object.keys(TABLE_FORMS)) expect(TABLES.find((s) => s.name === table)?.handoff, table).not.toBe('never');
  });

  it('a new scope or catalogue table without a form or a reason fails', () => {
    const base = TABLES.find((s) => s.name === 'leadership_documents')!;
    const added: TableSpec[] = [
      { ...base, name: 'new_records', handoff: 'scope' },
      { ...base, name: 'new_kinds', handoff: 'catalogue' },
      { ...base, name: 'own_settings', handoff: 'never' },
    ];
    expect(uncheckedTables([...TABLES, ...added])).toEqual(['new_records', 'new_kinds']);
  });

  it('every form names a method of the contract, whose schema it uses', () => {
    for (const [table, forms] of Object.entries(TABLE_FORMS)) {
      expect(methodsOf(table).length, table).toBeGreaterThan(0);
      for (const f of forms) expect(Object.keys(contract), `${table}: ${f.method}`).toContain(f.method);
    }
    expect(TABLE_FORMS['units']![0]!.schema).toBe(contract['units.update'].input);
    expect(TABLE_FORMS['leadership_documents']![0]!.schema).toBe(contract['leadershipDocs.save'].input);
  });
});
