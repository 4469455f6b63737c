/**
 * Schema-invalid records beyond the activity tables (issue 12 item 4): each case adds to the
 * office's valid snapshot a small set of records of one kind — what an office's screens would have
 * saved in its ward and residential area — with exactly one value its screen refuses (a unit with
 * an empty name, a model site started before its model, a member born in 1850, an unknown decision,
 * a rubric score above the item's maximum…). `validRecords` adds the same records without the
 * defect: the control that shows they are refused for that value alone (corpus.test.ts).
 *
 * Each edit is signed and encrypted like the office's own file (corpus.ts forges it), so only the
 * record checks can stop it.
 */
import { TO_BAO_VE_ANTT_KIND_ID } from '../../../../shared/domain/mass-orgs';
import { vietnameseSortKey } from '../../../../shared/lib/sort-key';
import { foldVietnamese } from '../../../../shared/lib/text';
import { shippedFiles } from '../../../../electron/backend/services/rulesets.service';
import { PAYLOAD_COLUMNS } from '../../../../electron/backend/handoff/payload-columns';
import { findRow, setCell, tableOf, type SnapshotPayload } from './snapshot-forge';

/** What the cases need of the world: the office's ward and its residential area (since 01/07/2025). */
export interface OfficeUnits {
  rootUnitId: string;
  communeId: string;
}

type Values = Record<string, string | number | null>;

const AT = '2026-11-20T03:00:00.000Z';
/** A built-in model type (migration 0004: same id in every database). */
const PCCC_TYPE = 'f28d9677-9cf2-42e6-9c30-af2fa94aede5';
const EXAMPLE_RUBRIC = shippedFiles().rubrics.find((f) => f.value.id === 'vi-du-bieu-diem-khu-dan-cu')!;

const ID = {
  model: '5a1e0c3b-7d2f-4b8e-9a61-0c2d3e4f5a01',
  event: '5a1e0c3b-7d2f-4b8e-9a61-0c2d3e4f5a02',
  site: '5a1e0c3b-7d2f-4b8e-9a61-0c2d3e4f5a03',
  team: '5a1e0c3b-7d2f-4b8e-9a61-0c2d3e4f5a04',
  member: '5a1e0c3b-7d2f-4b8e-9a61-0c2d3e4f5a05',
  registration: '5a1e0c3b-7d2f-4b8e-9a61-0c2d3e4f5a06',
  score: '5a1e0c3b-7d2f-4b8e-9a61-0c2d3e4f5a07',
  document: '5a1e0c3b-7d2f-4b8e-9a61-0c2d3e4f5a08',
  stats: '5a1e0c3b-7d2f-4b8e-9a61-0c2d3e4f5a09',
  override: '5a1e0c3b-7d2f-4b8e-9a61-0c2d3e4f5a0a',
} as const;

/** Appends a row built from named values (every column of the table as the file lists it). */
function addRow(p: SnapshotPayload, table: string, values: Values): void {
  const t = tableOf(p, table);
  for (const c of Object.keys(values)) if (!t.columns.includes(c)) throw new Error(`schema-cases: no column ${table}.${c}`);
  t.rows.push(t.columns.map((c) => (c in values ? values[c] : null)));
}

const stamps = { created_at: AT, updated_at: AT };

function model(p: SnapshotPayload, u: OfficeUnits, site: Values = {}): void {
  const name = 'Camera an ninh tổ dân phố';
  addRow(p, 'models', {
    id: ID.model,
    name,
    name_folded: foldVietnamese(name),
    type_id: PCCC_TYPE,
    origin_unit_id: u.rootUnitId,
    origin_level: 'xa',
    founded_on: '2025-08-01',
    status: 'hoat_dong',
    ...stamps,
  });
  addRow(p, 'model_events', { id: ID.event, model_id: ID.model, seq: 1, status: 'hoat_dong', on_date: '2025-08-01', created_at: AT });
  addRow(p, 'model_sites', {
    id: ID.site,
    model_id: ID.model,
    unit_id: u.communeId,
    started_on: '2025-09-01',
    teams: 1,
    members: 6,
    ...stamps,
    ...site,
  });
}

/** A team and one member, with every personal column sent (as a province's policy may ask). */
function team(p: SnapshotPayload, u: OfficeUnits, member: Values = {}): void {
  const name = 'Tổ bảo vệ ANTT tổ dân phố 1';
  addRow(p, 'mass_orgs', {
    id: ID.team,
    kind_id: TO_BAO_VE_ANTT_KIND_ID,
    unit_id: u.communeId,
    name,
    name_folded: foldVietnamese(name),
    valid_from: '2025-07-01',
    ...stamps,
  });
  const t = tableOf(p, 'mass_org_members');
  t.columns = PAYLOAD_COLUMNS['mass_org_members']!.map((c) => c.name);
  t.rows = [];
  delete (p['omitted'] as Record<string, string[]>)['mass_org_members'];
  const fullName = 'Vàng A Dế';
  addRow(p, 'mass_org_members', {
    id: ID.member,
    mass_org_id: ID.team,
    full_name: fullName,
    full_name_folded: foldVietnamese(fullName),
    full_name_sort: vietnameseSortKey(fullName),
    gender: 'nam',
    birth_year: 1980,
    ethnicity: 'Mông',
    role: 'to_vien',
    joined_on: '2025-07-01',
    left_with_org: 0,
    ...stamps,
    ...member,
  });
}

const subject = (u: OfficeUnits) => ({ subject_type: 'unit', subject_id: u.communeId, year: 2026 });

function registration(p: SnapshotPayload, u: OfficeUnits, over: Values = {}): void {
  addRow(p, 'evaluation_registrations', {
    id: ID.registration,
    ...subject(u),
    status: 'khong_cong_nhan',
    registered_on: '2026-02-01',
    self_assessed_on: '2026-11-02',
    self_assessment_chair: 'Tổ trưởng tổ dân phố',
    proposal_number: '3/TTr',
    proposed_on: '2026-11-03',
    appraised_on: '2026-11-04',
    appraised_by: 'Ban Chỉ đạo phường',
    decision: 'khong_cong_nhan',
    decision_number: '9/QĐ-UBND',
    decided_on: '2026-11-05',
    decision_signer: 'Chủ tịch UBND phường',
    ...stamps,
    ...over,
  });
}

function score(p: SnapshotPayload, u: OfficeUnits, inputs = '{"1.1":true,"2":12}'): void {
  addRow(p, 'rubric_scores', {
    id: ID.score,
    ...subject(u),
    rubric_id: EXAMPLE_RUBRIC.value.id,
    rubric_version: EXAMPLE_RUBRIC.value.version,
    rubric_hash: EXAMPLE_RUBRIC.hash,
    kind: 'tu_cham',
    inputs,
    scored_by: 'Tổ trưởng tổ dân phố',
    ...stamps,
  });
}

function leadershipDoc(p: SnapshotPayload, u: OfficeUnits, docType = 'ke_hoach'): void {
  addRow(p, 'leadership_documents', {
    id: ID.document,
    unit_id: u.rootUnitId,
    issued_on: '2026-03-02',
    doc_type: docType,
    number: '12/KH-CAP',
    title: 'Kế hoạch bảo đảm an ninh, trật tự năm 2026',
    ...stamps,
  });
}

function yearStats(p: SnapshotPayload, u: OfficeUnits, residents = 1200): void {
  addRow(p, 'unit_year_stats', { id: ID.stats, unit_id: u.communeId, year: 2026, households: 300, residents, trong_diem: 0, ...stamps });
}

function override(p: SnapshotPayload, u: OfficeUnits, verdict = 'dat'): void {
  addRow(p, 'evaluation_overrides', {
    id: ID.override,
    ...subject(u),
    rule_id: 'KDC-2',
    verdict,
    reason: 'Đã xác minh tại tổ dân phố',
    decided_by: 'Ban Chỉ đạo phường',
    decided_on: '2026-11-03',
    ...stamps,
  });
}

/** Every record of the cases, without any defect. */
export function validRecords(p: SnapshotPayload, u: OfficeUnits): void {
  model(p, u);
  team(p, u);
  registration(p, u);
  score(p, u);
  leadershipDoc(p, u);
  yearStats(p, u);
  override(p, u);
}

export interface SchemaEdit {
  id: string;
  what: string;
  /** The refusal must name the table, the row's id and the reason. */
  message: RegExp;
  edit(p: SnapshotPayload, u: OfficeUnits): void;
}

const at = (table: string, id: string) => new RegExp(`^.*Bảng "${table}" \\(.+\\), dòng \\d+ \\(mã ${id}\\): `);
const and = (a: RegExp, b: RegExp) => new RegExp(`${a.source}${b.source}`);

export const SCHEMA_EDITS: readonly SchemaEdit[] = [
  {
    id: 'q09-unit-empty-name',
    what: 'the residential area renamed to blanks',
    message: /Bảng "units" .*cột "name": Tên đơn vị không được để trống/,
    edit: (p, u) => setCell(p, 'units', findRow(p, 'units', (c) => c('id') === u.communeId).index, 'name', '   '),
  },
  {
    id: 'q10-model-site-before-model',
    what: 'a model site started before its model was founded',
    message: and(at('model_sites', ID.site), /Điểm ".*" bắt đầu \(15\/07\/2025\) trước ngày xây dựng mô hình \(01\/08\/2025\)/),
    edit: (p, u) => model(p, u, { started_on: '2025-07-15' }),
  },
  {
    id: 'q11-member-born-1850',
    what: 'a mass-organisation member born in 1850',
    message: and(at('mass_org_members', ID.member), /cột "birth_year": Năm sinh không hợp lệ \(từ 1900\)/),
    edit: (p, u) => team(p, u, { birth_year: 1850 }),
  },
  {
    id: 'q12-unknown-decision',
    what: 'an evaluation decision step with an unknown outcome',
    message: and(at('evaluation_registrations', ID.registration), /cột "decision": Kết quả quyết định không hợp lệ/),
    edit: (p, u) => registration(p, u, { decision: 'dat_mot_phan' }),
  },
  {
    id: 'q13-rubric-score-out-of-range',
    what: 'a rubric score of 99 for an item worth at most 15 points',
    message: and(at('rubric_scores', ID.score), /cột "inputs": Mục "2" .*điểm phải từ 0 đến 15/),
    edit: (p, u) => score(p, u, '{"1.1":true,"2":99}'),
  },
  {
    id: 'q14-leadership-doc-type',
    what: 'a leadership document of a type the screen does not have',
    message: and(at('leadership_documents', ID.document), /cột "doc_type": Loại văn bản không hợp lệ/),
    edit: (p, u) => leadershipDoc(p, u, 'cong_van'),
  },
  {
    id: 'q15-fewer-residents-than-households',
    what: 'a year with 200 residents in 300 households',
    message: and(at('unit_year_stats', ID.stats), /cột "residents": Số nhân khẩu \(200\) không được nhỏ hơn số hộ \(300\)/),
    edit: (p, u) => yearStats(p, u, 200),
  },
  {
    id: 'q16-override-verdict',
    what: 'an override of a criterion with an unknown verdict',
    message: and(at('evaluation_overrides', ID.override), /cột "verdict": Kết quả không hợp lệ/),
    edit: (p, u) => override(p, u, 'gan_dat'),
  },
];
