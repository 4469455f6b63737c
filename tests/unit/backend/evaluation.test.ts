/**
 * The yearly evaluation end to end in the backend: contract → services → SQLite (Công an huyện Gia
 * Viễn, clock 22/11/2026, evaluating 2025). Every flow goes through dispatch and checks what the
 * person gets back and what the database holds; refusals are Vietnamese and write nothing.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import BetterSqlite3 from 'better-sqlite3';
import ExcelJS from 'exceljs';
import type { MethodInput, UnitDto } from '../../../shared/ipc/contract';
import type { EvaluationSubjectDto } from '../../../shared/ipc/contracts/evaluation.contract';
import { startBackend, type TestBackend } from '../../support/backend';
import { useTempDir } from '../../support/temp-dir';
import { dumpDatabase, queryAll, queryOne, type Row } from '../../support/sqlite';
import { isVietnameseMessage } from '../../support/vietnamese';
import { GIA_VIEN_SETUP } from '../../support/offices';
import {
  agencyInput,
  documentedRegistration,
  provinceRuleSetImport,
  recordedFigures,
  seriousIncident,
} from '../../support/evaluation-inputs';

const TO_BAO_VE_KIND = '9068e308-4a4e-4512-9e34-06939b518384';
const YEAR = 2025;
const tmp = useTempDir('antq-eval-');
let t: TestBackend;

beforeEach(async () => {
  t = await startBackend(tmp.path(), '2026-11-22T03:00:00.000Z');
  await t.call('office.setup', GIA_VIEN_SETUP);
});
afterEach(() => t.close());

const file = () => t.backend.databasePath;
const dump = () => dumpDatabase(file());

async function unitNamed(name: string): Promise<UnitDto> {
  const all = await t.call('units.list', { includeEnded: true });
  const found = all.filter((u) => u.name === name);
  if (found.length !== 1) throw new Error(`expected one unit ${name}, got ${found.length}`);
  return found[0]!;
}

async function area(name: string, communeName = 'Xã Gia Hòa'): Promise<UnitDto> {
  const commune = await unitNamed(communeName);
  return t.call('units.create', { parentId: commune.id, name, kind: 'thon', code: null, validFrom: '2020-01-01' });
}

type SubjectType = 'unit' | 'organization';
const key = (subjectType: SubjectType, subjectId: string, year = YEAR) => ({ subjectType, subjectId, year });

function registration(
  subjectType: SubjectType,
  subjectId: string,
  over: Partial<MethodInput<'evaluation.register'>> = {},
): MethodInput<'evaluation.register'> {
  return documentedRegistration(subjectType, subjectId, YEAR, over);
}

/** Self-assessment → proposal → appraisal → decision, dated in November. */
async function decide(
  subjectType: SubjectType,
  subjectId: string,
  outcome: 'cong_nhan' | 'khong_cong_nhan',
  reason: string | null = null,
): Promise<EvaluationSubjectDto> {
  const k = key(subjectType, subjectId);
  await t.call('evaluation.advance', { ...k, step: 'tu_danh_gia', date: '2025-11-05', chair: 'Nguyễn Văn An, Trưởng thôn' });
  await t.call('evaluation.advance', { ...k, step: 'de_nghi', date: '2025-11-07', number: '15/TTr' });
  await t.call('evaluation.advance', { ...k, step: 'tham_dinh', date: '2025-11-10', by: 'Thường trực Ban Chỉ đạo xã' });
  return t.call('evaluation.advance', {
    ...k,
    step: 'quyet_dinh',
    date: '2025-11-12',
    outcome,
    number: '120/QĐ-UBND',
    signer: 'Phạm Văn Bình, Chủ tịch UBND xã',
    reason,
  });
}

async function figures(
  subjectType: SubjectType,
  subjectId: string,
  year: number,
  over: Partial<MethodInput<'evaluation.recordFigures'>> = {},
) {
  return t.call('evaluation.recordFigures', recordedFigures(subjectType, subjectId, year, over));
}

async function attest(subjectType: SubjectType, subjectId: string, ruleId: string, value = true) {
  return t.call('evaluation.attest', {
    ...key(subjectType, subjectId),
    ruleId,
    value,
    by: 'Đại úy Lê Văn Cường',
    on: '2025-11-03',
    note: null,
  });
}

/** A residential area with every KDC criterion met from the records. */
async function passingArea(name: string): Promise<UnitDto> {
  const a = await area(name);
  await t.call('unitStats.upsert', { rows: [{ unitId: a.id, year: YEAR, households: 120, residents: 450, trongDiem: false }] });
  await t.call('evaluation.register', registration('unit', a.id, { householdsRegistered: 120 }));
  await figures('unit', a.id, YEAR);
  await figures('unit', a.id, YEAR - 1);
  await attest('unit', a.id, 'KDC-2');
  await attest('unit', a.id, 'KDC-4c3');
  const team = await t.call('massOrgs.create', {
    kindId: TO_BAO_VE_KIND,
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

const rule = (v: EvaluationSubjectDto, id: string) => {
  const r = v.live.rules.find((x) => x.ruleId === id);
  if (!r) throw new Error(`no rule ${id}`);
  return r;
};

const orgInput = agencyInput;

describe('residential area: registration to recognition', () => {
  it('computes every criterion from the records and is recognised', async () => {
    const a = await area('Thôn Đông');
    // Before anything is recorded: registration missing after Q1 fails, statistics unknown.
    let v = await t.call('evaluation.subject', key('unit', a.id));
    expect(v.status).toBe('chua_dang_ky');
    expect(rule(v, 'KDC-1b').verdict).toBe('khong_dat');
    expect(rule(v, 'KDC-3a').verdict).toBe('thieu_du_lieu');
    expect(v.live.overall).toBe('chua_dat');

    const team = await t.call('massOrgs.create', {
      kindId: TO_BAO_VE_KIND,
      unitId: a.id,
      name: 'Tổ bảo vệ ANTT thôn Đông',
      decisionIssuer: null,
      decisionNumber: null,
      decisionDate: null,
      validFrom: '2024-01-01',
      note: null,
    });
    await t.call('unitStats.upsert', { rows: [{ unitId: a.id, year: YEAR, households: 120, residents: 450, trongDiem: false }] });
    v = await t.call('evaluation.register', registration('unit', a.id, { householdsRegistered: 118 }));
    expect(v.status).toBe('da_dang_ky');
    expect(v.nextStep).toBe('tu_danh_gia');
    expect(rule(v, 'KDC-1a').verdict).toBe('dat');
    expect(rule(v, 'KDC-1b').verdict).toBe('dat');
    const kdc1c = rule(v, 'KDC-1c');
    expect(kdc1c.verdict).toBe('khong_dat');
    expect(kdc1c.value).toContain('118');
    expect(kdc1c.sources.map((s) => s.kind)).toEqual(expect.arrayContaining(['registration', 'unit_year_stats']));

    v = await t.call('evaluation.register', registration('unit', a.id, { householdsRegistered: 120 }));
    expect(rule(v, 'KDC-1c').verdict).toBe('dat');
    await figures('unit', a.id, YEAR);
    await figures('unit', a.id, YEAR - 1);
    await attest('unit', a.id, 'KDC-2');
    v = await attest('unit', a.id, 'KDC-4c3');
    expect(rule(v, 'KDC-5a').verdict).toBe('thieu_du_lieu');
    await t.call('massOrgs.rate', { id: team.id, year: YEAR, level: 'hoan_thanh', notRatedReason: null, reasonNote: null });

    v = await t.call('evaluation.subject', key('unit', a.id));
    expect(v.live.rules.filter((r) => r.verdict !== 'dat').map((r) => r.ruleId)).toEqual([]);
    expect(v.live.overall).toBe('dat');
    expect(rule(v, 'KDC-5a').sources[0]!.label).toContain('Tổ bảo vệ ANTT thôn Đông');
    expect(rule(v, 'KDC-2').sources[0]!.label).toContain('Lê Văn Cường');
    expect(rule(v, 'KDC-3a').explanation.length).toBeGreaterThan(10);

    v = await decide('unit', a.id, 'cong_nhan');
    expect(v.status).toBe('cong_nhan');
    expect(v.nextStep).toBeNull();
    expect(v.registration?.decisionNumber).toBe('120/QĐ-UBND');
    expect(v.history[0]!.action).toBe('register');
    expect(v.history.map((h) => h.action)).toContain('update_registration');
    expect(v.history.filter((h) => h.action === 'advance')).toHaveLength(4);

    const row = queryOne(file(), 'SELECT * FROM evaluation_registrations WHERE subject_id = ?', a.id) as Row;
    expect(row).toMatchObject({
      status: 'cong_nhan',
      decision: 'cong_nhan',
      decided_on: '2025-11-12',
      decision_signer: 'Phạm Văn Bình, Chủ tịch UBND xã',
      self_assessed_on: '2025-11-05',
      proposal_number: '15/TTr',
      appraised_by: 'Thường trực Ban Chỉ đạo xã',
      households_registered: 120,
    });

    const board = await t.call('evaluation.board', { year: YEAR, category: 'khu_dan_cu', unitId: null });
    const r = board.rows.find((x) => x.subjectId === a.id)!;
    expect(r).toMatchObject({ status: 'cong_nhan', live: 'dat', frozen: null, differs: false, failing: [], parentName: 'Xã Gia Hòa' });
    const kdc = board.counts.find((c) => c.category === 'khu_dan_cu')!;
    expect(kdc).toMatchObject({ total: 1, registered: 1, dat: 1, recognised: 1, frozenDat: null });
    expect(kdc.sentences[1]).toBe('1/1 khu dân cư được công nhận đạt tiêu chuẩn "An toàn về an ninh, trật tự" (100,0%).');
    expect(board.counts.find((c) => c.category === 'xa')!.total).toBe(18);
  });

  it('a year before any rule set shows its board with a plain note instead of failing, nothing written (issue 14 item 4)', async () => {
    await area('Thôn Bắc');
    const before = dump();
    const board = await t.call('evaluation.board', { year: 2019, category: null, unitId: null });
    expect(board.ruleSetNote).toMatch(
      /^Năm 2019 chưa có bộ tiêu chí trong ứng dụng \(trước 10\/02\/2022 áp dụng Thông tư 23\/2012\/TT-BCA\)/,
    );
    expect(isVietnameseMessage(board.ruleSetNote!)).toBe(true);
    expect(board.rows.length).toBeGreaterThan(0);
    expect(board.rows.every((r) => !r.evaluated && r.failing.length === 0)).toBe(true);
    // No computed result is quoted for such a year.
    expect(board.counts.flatMap((c) => c.sentences).some((x) => x.includes('theo kết quả tính hiện tại'))).toBe(false);
    expect(dump()).toEqual(before);
  });

  it('late registration is accepted and fails the Q1 criterion visibly', async () => {
    const a = await area('Thôn Tây');
    const v = await t.call('evaluation.register', registration('unit', a.id, { registeredOn: '2025-04-10' }));
    expect(v.registration?.late).toBe(true);
    const r = rule(v, 'KDC-1b');
    expect(r.verdict).toBe('khong_dat');
    expect(r.explanation).toMatch(/muộn|31\/03/);
    expect(v.warnings.join(' ')).toContain('sau hạn quý I');
    const board = await t.call('evaluation.board', { year: YEAR, category: 'khu_dan_cu', unitId: null });
    expect(board.rows.find((x) => x.subjectId === a.id)!.failing).toContain('KDC-1b');
    expect(v.history[0]!.summary).toContain('sau quý I');
  });

  it('steps go in order, dated, not in the future; refusals write nothing', async () => {
    const a = await area('Thôn Nam');
    const before0 = dump();
    const notRegistered = await t.fail('evaluation.advance', { ...key('unit', a.id), step: 'tu_danh_gia', date: '2025-11-05', chair: 'A' });
    expect(notRegistered.code).toBe('RULE');
    expect(notRegistered.message).toContain('chưa đăng ký');
    expect(dump()).toEqual(before0);

    await t.call('evaluation.register', registration('unit', a.id));
    const before = dump();
    const skip = await t.fail('evaluation.advance', { ...key('unit', a.id), step: 'de_nghi', date: '2025-11-07', number: '1/TTr' });
    expect(skip.code).toBe('RULE');
    expect(skip.message).toContain('bước tiếp theo là "Họp tự đánh giá"');
    const early = await t.fail('evaluation.advance', { ...key('unit', a.id), step: 'tu_danh_gia', date: '2025-02-01', chair: 'A' });
    expect(early.code).toBe('VALIDATION');
    expect(early.details?.['date']).toContain('trước ngày của bước trước');
    const future = await t.fail('evaluation.advance', { ...key('unit', a.id), step: 'tu_danh_gia', date: '2026-12-01', chair: 'A' });
    expect(future.details?.['date']).toContain('tương lai');
    const wrongField = await t.fail('evaluation.register', registration('unit', a.id, { staffBriefed: 3 }));
    expect(wrongField.details?.['staffBriefed']).toContain('Chỉ ghi');
    for (const e of [skip, early, future, wrongField]) expect(isVietnameseMessage(e.message)).toBe(true);
    expect(dump()).toEqual(before);

    // Undoing the registration keeps the row as a tombstone; registering again starts afresh.
    const undone = await t.call('evaluation.undoStep', { ...key('unit', a.id), reason: 'Đăng ký nhầm thôn', by: 'Cán bộ nhập liệu' });
    expect(undone.status).toBe('chua_dang_ky');
    expect(undone.registration).toBeNull();
    const again = await t.call('evaluation.register', registration('unit', a.id, { registeredOn: '2025-03-01' }));
    expect(again.registration?.registeredOn).toBe('2025-03-01');
    expect(
      queryAll(
        file(),
        'SELECT registered_on, deleted_at IS NOT NULL AS gone FROM evaluation_registrations WHERE subject_id = ? ORDER BY rowid',
        a.id,
      ),
    ).toEqual([
      { registered_on: '2025-02-15', gone: 1 },
      { registered_on: '2025-03-01', gone: 0 },
    ]);
    expect(again.history.map((h) => h.action)).toEqual(['register', 'undo', 'register']);
  });

  it('recognising a unit that is not "đạt" needs a reason, which is recorded; undo goes back with a reason', async () => {
    const a = await area('Thôn Bắc');
    await t.call('evaluation.register', registration('unit', a.id));
    const k = key('unit', a.id);
    await t.call('evaluation.advance', { ...k, step: 'tu_danh_gia', date: '2025-11-05', chair: 'Trưởng thôn' });
    await t.call('evaluation.advance', { ...k, step: 'de_nghi', date: '2025-11-07', number: '15/TTr' });
    await t.call('evaluation.advance', { ...k, step: 'tham_dinh', date: '2025-11-10', by: 'BCĐ xã' });
    const before = dump();
    const e = await t.fail('evaluation.advance', {
      ...k,
      step: 'quyet_dinh',
      date: '2025-11-12',
      outcome: 'cong_nhan',
      number: '1/QĐ',
      signer: 'Chủ tịch',
      reason: null,
    });
    expect(e.code).toBe('VALIDATION');
    expect(e.details?.['reason']).toContain('cần ghi lý do');
    expect(dump()).toEqual(before);
    const v = await t.call('evaluation.advance', {
      ...k,
      step: 'quyet_dinh',
      date: '2025-11-12',
      outcome: 'cong_nhan',
      number: '1/QĐ',
      signer: 'Chủ tịch',
      reason: 'Hội đồng xét thấy các tiêu chí còn thiếu không do lỗi của thôn',
    });
    expect(v.status).toBe('cong_nhan');
    expect(v.history.at(-1)!.reason).toContain('Hội đồng xét thấy');
    expect(queryOne(file(), 'SELECT decision_reason FROM evaluation_registrations WHERE subject_id = ?', a.id)).toEqual({
      decision_reason: 'Hội đồng xét thấy các tiêu chí còn thiếu không do lỗi của thôn',
    });
    const undone = await t.call('evaluation.undoStep', { ...k, reason: 'Nhập nhầm số quyết định', by: 'Cán bộ nhập liệu' });
    expect(undone.status).toBe('tham_dinh');
    expect(undone.registration?.decision).toBeNull();
    expect(undone.history.at(-1)).toMatchObject({ action: 'undo', reason: 'Nhập nhầm số quyết định', by: 'Cán bộ nhập liệu' });
  });
});

describe("a province's extra criteria", () => {
  it('an imported rule-set file takes part in the evaluation, recorded with its version', async () => {
    const a = await passingArea('Thôn Bắc');
    let v = await t.call('evaluation.subject', key('unit', a.id));
    expect(v.live.overall).toBe('dat');
    expect(v.live.rules.some((r) => r.ruleId.startsWith('NB-'))).toBe(false);

    // A province file in the shipped example's format: one extra criterion for residential areas.
    await t.call(
      'ruleSets.import',
      provinceRuleSetImport(
        { id: 'ninh-binh-bo-sung-khu-dan-cu', name: 'Tiêu chí bổ sung của tỉnh Ninh Bình cho khu dân cư' },
        { title: 'Tổ chức ít nhất 04 buổi tuyên truyền trong năm' },
      ),
    );

    v = await t.call('evaluation.subject', key('unit', a.id));
    const extra = rule(v, 'NB-1');
    expect(extra.ruleSetId).toBe('ninh-binh-bo-sung-khu-dan-cu');
    expect(extra.verdict).not.toBe('dat'); // no propaganda session recorded for Thôn Bắc
    expect(v.live.overall).not.toBe('dat');
    expect(v.live.ruleSets.map((r) => `${r.id}@${r.version}`)).toContain('ninh-binh-bo-sung-khu-dan-cu@2025-01-01');
  });
});

describe('incident facts', () => {
  const incident = (
    unitId: string,
    occurredOn: string,
    category: 'toi_pham_it_nghiem_trong' | 'te_nan_xa_hoi' | 'chay_no',
    count: number,
  ) =>
    t.call('activities.save', {
      kind: 'incidents',
      id: null,
      record: {
        occurredOn,
        unitId,
        organizationId: null,
        category,
        count,
        solved: 0,
        deaths: 0,
        injuries: 0,
        description: null,
        excuse: null,
        excuseReason: null,
        excuseApprovedBy: null,
        excuseApprovedOn: null,
        note: null,
      },
    });

  it('statistics stay unknown until a record or a declaration; last year is rolled up through merges', async () => {
    const old = await area('Thôn Cũ');
    const kept = await area('Thôn Mới');
    let v = await t.call('evaluation.subject', key('unit', kept.id));
    expect(rule(v, 'KDC-4a').verdict).toBe('thieu_du_lieu');
    expect(rule(v, 'KDC-4b').verdict).toBe('thieu_du_lieu');

    // 2024 window (01/11/2023–31/10/2024): three crimes on the old hamlet, merged into the kept one in 2025.
    await incident(old.id, '2024-05-10', 'toi_pham_it_nghiem_trong', 3);
    await incident(old.id, '2024-10-31', 'te_nan_xa_hoi', 1);
    await incident(kept.id, '2023-10-31', 'te_nan_xa_hoi', 5); // outside both windows
    await t.call('units.merge', {
      unitIds: [old.id, kept.id],
      effectiveDate: '2025-01-01',
      reason: 'Sáp nhập thôn theo Nghị quyết của HĐND tỉnh',
      successor: { mode: 'existing', unitId: kept.id },
      note: null,
    });
    await incident(kept.id, '2025-03-01', 'toi_pham_it_nghiem_trong', 4);
    v = await t.call('evaluation.subject', key('unit', kept.id));
    const cmp = rule(v, 'KDC-4a');
    expect(cmp.verdict).toBe('khong_dat');
    expect(cmp.value).toContain('4');
    expect(cmp.value).toContain('3');
    expect(rule(v, 'KDC-4b').verdict).toBe('dat');
    // Crime rows say nothing of security events (this used to read 'dat', issue 9 item 3).
    const security = rule(v, 'KDC-3a');
    expect(security.verdict).toBe('thieu_du_lieu');
    expect(security.explanation).toBe(
      'Thiếu dữ liệu: thống kê nhóm "Vụ việc về an ninh" kỳ 01/11/2024–31/10/2025: chưa có bản ghi nào và chưa xác nhận "đã nhập đủ".',
    );
    const declared = await t.call('incidentStats.declare', {
      ...key('unit', kept.id),
      groups: ['an_ninh'],
      by: 'Đại úy Lê Văn Cường',
      on: '2025-11-03',
      note: null,
    });
    expect(declared.groups.find((g) => g.group === 'an_ninh')).toMatchObject({
      complete: true,
      rows: 0,
      declaration: { by: 'Đại úy Lê Văn Cường', on: '2025-11-03' },
    });
    expect(declared.groups.find((g) => g.group === 'toi_pham')).toMatchObject({ complete: true, rows: 4, declaration: null });
    expect(declared.groups.find((g) => g.group === 'chay_no_su_co')).toMatchObject({ complete: false, rows: 0 });
    v = await t.call('evaluation.subject', key('unit', kept.id));
    expect(rule(v, 'KDC-3a').verdict).toBe('dat');
    expect(rule(v, 'KDC-3a').sources.map((x) => x.label)).toEqual([
      'Số liệu nhóm "Vụ việc về an ninh" năm 2025 đã nhập đủ: Đại úy Lê Văn Cường xác nhận ngày 03/11/2025',
    ]);
    expect(rule(v, 'KDC-4d').verdict).toBe('thieu_du_lieu');
    expect(
      queryAll(file(), 'SELECT subject_id, year, group_code, declared_by FROM incident_stats_declarations WHERE deleted_at IS NULL'),
    ).toEqual([{ subject_id: kept.id, year: 2025, group_code: 'an_ninh', declared_by: 'Đại úy Lê Văn Cường' }]);
  });

  it("a fire last year does not make last year's crimes 0 (issue 9 item 3)", async () => {
    const a = await area('Thôn Lửa');
    await incident(a.id, '2024-06-01', 'chay_no', 1);
    await incident(a.id, '2025-03-01', 'toi_pham_it_nghiem_trong', 2);
    let v = await t.call('evaluation.subject', key('unit', a.id));
    const cmp = rule(v, 'KDC-4a');
    expect(cmp.verdict).toBe('thieu_du_lieu');
    expect(cmp.missing).toContain(
      'Thống kê nhóm "Tội phạm" kỳ năm 2024 (01/11/2023–31/10/2024): chưa có bản ghi nào và chưa xác nhận "đã nhập đủ"',
    );
    // Declaring 2024's crimes and social evils complete: 2 crimes against 0 is a rise.
    await t.call('incidentStats.declare', {
      ...key('unit', a.id, 2024),
      groups: ['toi_pham', 'te_nan'],
      by: 'Đại úy Lê Văn Cường',
      on: '2025-11-03',
      note: null,
    });
    v = await t.call('evaluation.subject', key('unit', a.id));
    expect(rule(v, 'KDC-4a').verdict).toBe('khong_dat');
    expect(rule(v, 'KDC-4a').explanation).toContain('Tội phạm tăng từ 0 lên 2 vụ');
    // Bad input changes nothing.
    const before = dump();
    const future = await t.fail('incidentStats.declare', {
      ...key('unit', a.id),
      groups: ['an_ninh'],
      by: 'A',
      on: '2027-01-01',
      note: null,
    });
    expect(future.code).toBe('VALIDATION');
    expect(isVietnameseMessage(future.message)).toBe(true);
    const wrongGroup = await t.fail('incidentStats.declare', {
      ...key('unit', a.id),
      groups: ['khong_co'],
      by: 'A',
      on: '2025-11-01',
      note: null,
    } as never);
    expect(wrongGroup.code).toBe('VALIDATION');
    expect(dump()).toEqual(before);
  });

  it('a whole-year declaration of the figures form covers every group until the groups are set one by one', async () => {
    const a = await area('Thôn Cả Năm');
    await figures('unit', a.id, YEAR);
    let v = await t.call('evaluation.subject', key('unit', a.id));
    expect(rule(v, 'KDC-3a').verdict).toBe('dat');
    expect(rule(v, 'KDC-4d').verdict).toBe('dat');
    const c = await t.call('incidentStats.declare', {
      ...key('unit', a.id),
      groups: ['an_ninh'],
      by: 'Đại úy Lê Văn Cường',
      on: '2025-11-04',
      note: null,
    });
    expect(c.groups.every((g) => g.wholeYear === false)).toBe(true);
    v = await t.call('evaluation.subject', key('unit', a.id));
    expect(rule(v, 'KDC-3a').verdict).toBe('dat');
    expect(rule(v, 'KDC-4d').verdict).toBe('thieu_du_lieu');
  });
});

describe('attestations and overrides', () => {
  it('attests only person-judged criteria; overrides keep the computed verdict and need a reason', async () => {
    const a = await area('Thôn Trung');
    await t.call('evaluation.register', registration('unit', a.id, { registeredOn: '2025-04-02' }));
    const before = dump();
    const notAttested = await t.fail('evaluation.attest', {
      ...key('unit', a.id),
      ruleId: 'KDC-1b',
      value: true,
      by: 'A',
      on: '2025-11-01',
      note: null,
    });
    expect(notAttested.code).toBe('VALIDATION');
    expect(notAttested.message).toContain('không do cán bộ xác nhận');
    const unknown = await t.fail('evaluation.override', {
      ...key('unit', a.id),
      ruleId: 'XA-4b',
      verdict: 'dat',
      reason: 'x',
      by: 'A',
      on: '2025-11-01',
    });
    expect(unknown.message).toContain('không thuộc bộ tiêu chí');
    const noReason = await t.fail('evaluation.override', {
      ...key('unit', a.id),
      ruleId: 'KDC-1b',
      verdict: 'dat',
      reason: '  ',
      by: 'A',
      on: '2025-11-01',
    });
    expect(noReason.code).toBe('VALIDATION');
    expect(isVietnameseMessage(noReason.message)).toBe(true);
    expect(dump()).toEqual(before);

    let v = await t.call('evaluation.attest', {
      ...key('unit', a.id),
      ruleId: 'KDC-2',
      value: false,
      by: 'Đại úy Lê Văn Cường',
      on: '2025-11-03',
      note: 'Còn hộ chưa chấp hành quy định',
    });
    expect(rule(v, 'KDC-2')).toMatchObject({ verdict: 'khong_dat', value: 'Không' });
    expect(v.attestations).toEqual([
      { ruleId: 'KDC-2', value: false, by: 'Đại úy Lê Văn Cường', on: '2025-11-03', note: 'Còn hộ chưa chấp hành quy định' },
    ]);

    v = await t.call('evaluation.override', {
      ...key('unit', a.id),
      ruleId: 'KDC-1b',
      verdict: 'dat',
      reason: 'Bản đăng ký nộp đúng hạn, văn thư vào sổ muộn',
      by: 'Thượng tá Trần Văn Dũng',
      on: '2025-11-10',
    });
    const r = rule(v, 'KDC-1b');
    expect(r.verdict).toBe('dat');
    expect(r.computedVerdict).toBe('khong_dat');
    expect(r.override).toMatchObject({ reason: 'Bản đăng ký nộp đúng hạn, văn thư vào sổ muộn', by: 'Thượng tá Trần Văn Dũng' });
    expect(queryAll(file(), 'SELECT rule_id, verdict, reason, decided_by FROM evaluation_overrides WHERE deleted_at IS NULL')).toEqual([
      { rule_id: 'KDC-1b', verdict: 'dat', reason: 'Bản đăng ký nộp đúng hạn, văn thư vào sổ muộn', decided_by: 'Thượng tá Trần Văn Dũng' },
    ]);
    expect(v.history.at(-1)).toMatchObject({ action: 'override', reason: 'Bản đăng ký nộp đúng hạn, văn thư vào sổ muộn' });

    v = await t.call('evaluation.clearOverride', { ...key('unit', a.id), ruleId: 'KDC-1b' });
    expect(rule(v, 'KDC-1b').verdict).toBe('khong_dat');
    expect(v.overrides).toEqual([]);
    const again = await t.fail('evaluation.clearOverride', { ...key('unit', a.id), ruleId: 'KDC-1b' });
    expect(again.code).toBe('NOT_FOUND');
  });
});

describe('commune: sub-units counted from their registrations and decisions', () => {
  it('16/25 recognised → XA-4b chưa đạt; 18/25 → đạt', async () => {
    const commune = await unitNamed('Xã Gia Hưng');
    const areas: UnitDto[] = [];
    for (let i = 1; i <= 25; i++) areas.push(await area(`Thôn ${String(i).padStart(2, '0')}`, 'Xã Gia Hưng'));
    for (const a of areas) await t.call('evaluation.register', registration('unit', a.id));
    let v = await t.call('evaluation.subject', key('unit', commune.id));
    expect(rule(v, 'XA-4a').verdict).toBe('dat');
    expect(rule(v, 'XA-4b').verdict).toBe('thieu_du_lieu');

    for (const [i, a] of areas.entries()) {
      if (i < 16) await decide('unit', a.id, 'cong_nhan', 'Xét theo biên bản họp');
      else await decide('unit', a.id, 'khong_cong_nhan');
    }
    v = await t.call('evaluation.subject', key('unit', commune.id));
    const b16 = rule(v, 'XA-4b');
    expect(b16.verdict).toBe('khong_dat');
    expect(b16.value).toContain('16/25');

    for (const a of areas.slice(16, 18)) {
      await t.call('evaluation.undoStep', { ...key('unit', a.id), reason: 'Xét lại theo kết quả phúc tra', by: 'Chủ tịch UBND xã' });
      await t.call('evaluation.advance', {
        ...key('unit', a.id),
        step: 'quyet_dinh',
        date: '2025-11-14',
        outcome: 'cong_nhan',
        number: '130/QĐ-UBND',
        signer: 'Chủ tịch UBND xã',
        reason: 'Phúc tra đạt',
      });
    }
    v = await t.call('evaluation.subject', key('unit', commune.id));
    const b18 = rule(v, 'XA-4b');
    expect(b18.verdict).toBe('dat');
    expect(b18.value).toContain('18/25');
    expect(b18.sources.some((s) => s.label === 'Thôn 01')).toBe(true);

    const board = await t.call('evaluation.board', { year: YEAR, category: null, unitId: commune.id });
    expect(board.rows.filter((r) => r.category === 'khu_dan_cu')).toHaveLength(25);
    expect(board.counts.find((c) => c.category === 'khu_dan_cu')).toMatchObject({ total: 25, registered: 25, recognised: 18 });
    expect(board.rows.find((r) => r.subjectId === commune.id)!.failing).not.toContain('XA-4b');
  });
});

describe('organisations', () => {
  it('an agency and a school go from registration to recognition; out-of-scope ones are not evaluated', async () => {
    const commune = await unitNamed('Xã Gia Hòa');
    const agency = await t.call('organizations.create', orgInput('Trạm Y tế xã Gia Hòa', commune.id));
    const school = await t.call(
      'organizations.create',
      orgInput('Trường THCS Gia Hòa', commune.id, { kind: 'co_so_giao_duc', subKind: 'thcs', hasSecurityForce: false }),
    );
    const nursery = await t.call(
      'organizations.create',
      orgInput('Trường Mầm non Gia Hòa', commune.id, { kind: 'co_so_giao_duc', subKind: 'mam_non' }),
    );

    let board = await t.call('evaluation.board', { year: YEAR, category: null, unitId: null });
    expect(board.rows.map((r) => r.name)).not.toContain('Trường Mầm non Gia Hòa');
    expect(board.counts.find((c) => c.category === 'co_so_giao_duc')!.total).toBe(1);
    expect(board.counts.find((c) => c.category === 'co_quan_doanh_nghiep')!.total).toBe(1);
    const outOfScope = await t.fail('evaluation.subject', key('organization', nursery.id));
    expect(outOfScope.code).toBe('NOT_FOUND');
    expect(outOfScope.message).toContain('không thuộc phạm vi Thông tư 124');

    // The agency: documents, staff briefed, departments, figures and attestations.
    await t.call(
      'evaluation.register',
      registration('organization', agency.id, { staffBriefed: 30, staffTotal: 30, departmentsGood: 4, departmentsTotal: 5 }),
    );
    await figures('organization', agency.id, YEAR, {
      counts: { ky_luat_luc_luong_bao_ve: 0, ky_luat_can_bo: 0, pham_toi_trong_truong: null, te_nan_trong_truong: null },
      securityForceLevel: 'hoan_thanh_tot_nhiem_vu',
      securityForceEligibleForTitles: true,
    });
    for (const id of ['CQ-1c1', 'CQ-1c2', 'CQ-1c3', 'CQ-1c4', 'CQ-1c5', 'CQ-1c6', 'CQ-2']) await attest('organization', agency.id, id);
    let v = await t.call('evaluation.subject', key('organization', agency.id));
    expect(rule(v, 'CQ-1d').verdict).toBe('dat');
    expect(rule(v, 'CQ-5a').verdict).toBe('dat');
    expect(rule(v, 'CQ-4a').verdict).toBe('dat');
    // No model known for the agency: missing data, not "0 mô hình" (issue 9 item 5).
    expect(rule(v, 'CQ-1e').verdict).toBe('thieu_du_lieu');
    expect(rule(v, 'CQ-1e').explanation).toBe(
      'Thiếu dữ liệu: chưa có mô hình phong trào nào được ghi nhận áp dụng tại đơn vị (điểm mô hình gắn với hồ sơ đơn vị) năm 2025.',
    );
    expect(v.live.overall).toBe('thieu_du_lieu');

    // An effective model with a site at the agency satisfies CQ-1e.
    const types = await t.call('modelTypes.list', { includeInactive: false });
    const model = await t.call('models.create', {
      name: 'Cơ quan an toàn',
      typeId: types[0]!.id,
      originUnitId: commune.id,
      originLevel: 'xa',
      foundedOn: '2024-03-01',
      status: 'hoat_dong',
      note: null,
    });
    // A site that only types the agency's name (with a spelling difference) is not linked to it.
    const typed = await t.call('modelSites.create', {
      modelId: model.id,
      unitId: commune.id,
      organizationId: null,
      organizationName: 'Trạm y tế Gia Hoà',
      startedOn: '2024-03-01',
      teams: 1,
      members: 5,
      note: null,
    });
    await t.call('models.rate', { id: model.id, year: YEAR, rating: 'hieu_qua', note: null });
    v = await t.call('evaluation.subject', key('organization', agency.id));
    expect(rule(v, 'CQ-1e').verdict).toBe('thieu_du_lieu');
    const linked = await t.call('modelSites.update', {
      id: typed.id,
      unitId: commune.id,
      organizationId: agency.id,
      organizationName: null,
      startedOn: '2024-03-01',
      teams: 1,
      members: 5,
      note: null,
    });
    expect(linked).toMatchObject({ organizationId: agency.id, organizationName: 'Trạm Y tế xã Gia Hòa' });
    expect(queryOne(file(), 'SELECT organization_id, organization_name FROM model_sites WHERE id = ?', typed.id)).toEqual({
      organization_id: agency.id,
      organization_name: 'Trạm Y tế xã Gia Hòa',
    });
    v = await t.call('evaluation.subject', key('organization', agency.id));
    expect(rule(v, 'CQ-1e').verdict).toBe('dat');
    expect(rule(v, 'CQ-1e').sources[0]!.label).toContain('Cơ quan an toàn');
    expect(v.live.overall).toBe('dat');
    v = await decide('organization', agency.id, 'cong_nhan');
    expect(v.status).toBe('cong_nhan');

    // The school: no security force → its rules are not applicable; recognised with a reason.
    const tooMany = await t.fail(
      'evaluation.register',
      registration('organization', school.id, { staffBriefed: 40, staffTotal: 45, departmentsGood: 6 }),
    );
    expect(tooMany.details?.['departmentsGood']).toBe('Số phòng, ban đạt (6) không được vượt tổng số phòng, ban (5).');
    await t.call(
      'evaluation.register',
      registration('organization', school.id, { staffBriefed: 40, staffTotal: 45, departmentsGood: 4, by: 'Hiệu trưởng' }),
    );
    v = await t.call('evaluation.subject', key('organization', school.id));
    // Whether the school takes part in emulation titles is not known yet: GD-6a cannot be decided (issue 9 item 6).
    expect(rule(v, 'GD-6a').verdict).toBe('thieu_du_lieu');
    expect(rule(v, 'GD-6a').missing).toEqual(['Thông tin "Đơn vị thuộc đối tượng bình xét thi đua, khen thưởng"']);
    await figures('organization', school.id, YEAR, { securityForceEligibleForTitles: true });
    v = await t.call('evaluation.subject', key('organization', school.id));
    // The number of departments comes from the organisation record (5) when the registration leaves it empty.
    expect(rule(v, 'GD-6a').verdict).toBe('dat');
    expect(rule(v, 'GD-6a').sources.map((x) => x.kind)).toEqual(['organization', 'registration']);
    expect(v.history[0]).toMatchObject({ action: 'register', by: 'Hiệu trưởng' });
    expect(rule(v, 'GD-5a').verdict).toBe('khong_ap_dung');
    expect(rule(v, 'GD-1d').verdict).toBe('khong_dat');
    const refused = await t.fail('evaluation.recordFigures', {
      ...key('unit', commune.id),
      statsComplete: true,
      counts: { ky_luat_luc_luong_bao_ve: 1, ky_luat_can_bo: null, pham_toi_trong_truong: null, te_nan_trong_truong: null },
      securityForceLevel: null,
      securityForceTitles: [],
      by: 'A',
      on: '2025-11-01',
      note: null,
    });
    expect(refused.details?.['counts.ky_luat_luc_luong_bao_ve']).toContain('Chỉ ghi');
    v = await decide('organization', school.id, 'cong_nhan', 'Đã quán triệt bổ sung sau kỳ đánh giá');
    expect(v.status).toBe('cong_nhan');

    board = await t.call('evaluation.board', { year: YEAR, category: null, unitId: null });
    expect(board.counts.find((c) => c.category === 'co_quan_doanh_nghiep')).toMatchObject({
      total: 1,
      registered: 1,
      dat: 1,
      recognised: 1,
    });
    expect(board.counts.find((c) => c.category === 'co_so_giao_duc')).toMatchObject({ total: 1, registered: 1, dat: 0, recognised: 1 });
  });

  it('a commune goes from registration to recognition', async () => {
    const commune = await unitNamed('Xã Gia Hòa');
    const a = await passingArea('Thôn Một');
    await decide('unit', a.id, 'cong_nhan');
    await t.call('evaluation.register', registration('unit', commune.id));
    await figures('unit', commune.id, YEAR);
    await figures('unit', commune.id, YEAR - 1);
    for (const id of ['XA-2.2', 'XA-2.4c3', 'XA-3a']) await attest('unit', commune.id, id);
    let v = await t.call('evaluation.subject', key('unit', commune.id));
    expect(rule(v, 'XA-4a').verdict).toBe('dat');
    expect(rule(v, 'XA-4b').verdict).toBe('dat');
    expect(rule(v, 'XA-1c').verdict).toBe('thieu_du_lieu');
    const types = await t.call('modelTypes.list', { includeInactive: false });
    const model = await t.call('models.create', {
      name: 'Camera an ninh',
      typeId: types[0]!.id,
      originUnitId: commune.id,
      originLevel: 'xa',
      foundedOn: '2023-03-01',
      status: 'hoat_dong',
      note: null,
    });
    await t.call('models.rate', { id: model.id, year: YEAR, rating: 'hieu_qua', note: null });
    v = await t.call('evaluation.subject', key('unit', commune.id));
    expect(v.live.rules.filter((r) => r.verdict !== 'dat' && r.verdict !== 'khong_ap_dung').map((r) => r.ruleId)).toEqual([]);
    expect(v.live.overall).toBe('dat');
    v = await decide('unit', commune.id, 'cong_nhan');
    expect(v.status).toBe('cong_nhan');
    const board = await t.call('evaluation.board', { year: YEAR, category: 'xa', unitId: null });
    expect(board.counts.find((c) => c.category === 'xa')!.sentences[1]).toBe(
      '1/18 xã, phường, thị trấn được công nhận đạt tiêu chuẩn "An toàn về an ninh, trật tự" (5,6%).',
    );
  });
});

describe('XA-4 never loses what it cannot count (issue 9 items 2 and 4)', () => {
  it('a commune with no residential area is missing data; an unsized enterprise is listed and keeps it open', async () => {
    const commune = await unitNamed('Xã Gia Hòa');
    const areas = (await t.call('units.list', { includeEnded: true })).filter((u) => u.parentId === commune.id && u.level === 'khu_dan_cu');
    expect(areas).toEqual([]);
    let v = await t.call('evaluation.subject', key('unit', commune.id));
    for (const id of ['XA-4a', 'XA-4b']) {
      expect(rule(v, id).verdict, id).toBe('thieu_du_lieu');
      expect(rule(v, id).explanation, id).toMatch(/^Thiếu dữ liệu: chưa có khu dân cư nào thuộc xã/);
    }
    // 3 areas registered and recognised: 100 % … unless the unsized enterprise is in scope and unregistered.
    for (const name of ['Thôn A', 'Thôn B', 'Thôn C']) {
      const a = await area(name);
      await t.call('evaluation.register', registration('unit', a.id));
      await decide('unit', a.id, 'cong_nhan', 'Hội đồng xét thấy đạt');
    }
    await t.call(
      'organizations.create',
      orgInput('Công ty TNHH Gia Hòa Xanh', commune.id, { kind: 'doanh_nghiep', subKind: 'tu_nhan', hasPartyOrg: false }),
    );
    v = await t.call('evaluation.subject', key('unit', commune.id));
    const a4 = rule(v, 'XA-4a');
    expect(a4.verdict).toBe('thieu_du_lieu');
    expect(a4.value).toBe('3/3 (100,0%) — khu dân cư 3/3, doanh nghiệp 1 chưa xác định diện áp dụng');
    expect(a4.explanation).toContain(
      '1 doanh nghiệp chưa có số liệu quy mô (chưa xác định thuộc diện áp dụng, chưa tính vào tỷ lệ): Công ty TNHH Gia Hòa Xanh.',
    );
    expect(a4.missing).toContain('Số liệu quy mô của 1 doanh nghiệp: Công ty TNHH Gia Hòa Xanh');
    // XA-4b: 3/3 recognised; even 3/4 is 75 % ≥ 70 %, so the enterprise cannot change it.
    expect(rule(v, 'XA-4b').verdict).toBe('dat');
  });
});

describe('emulation eligibility (issue 9 item 6)', () => {
  it('CQ-5a, GD-5a and GD-6a do not apply where the organisation is not eligible for emulation titles', async () => {
    const commune = await unitNamed('Xã Gia Hòa');
    const firm = await t.call('organizations.create', orgInput('Ban Quản lý chợ Gia Hòa', commune.id));
    const school = await t.call(
      'organizations.create',
      orgInput('Trường THPT Gia Hòa', commune.id, { kind: 'co_so_giao_duc', subKind: 'thpt', hasSecurityForce: true }),
    );
    await t.call(
      'evaluation.register',
      registration('organization', firm.id, { staffBriefed: 30, staffTotal: 30, departmentsGood: 1, departmentsTotal: 5 }),
    );
    await t.call(
      'evaluation.register',
      registration('organization', school.id, { staffBriefed: 30, staffTotal: 30, departmentsGood: 1, departmentsTotal: 5 }),
    );
    let firmView = await t.call('evaluation.subject', key('organization', firm.id));
    expect(rule(firmView, 'CQ-5a').verdict).toBe('thieu_du_lieu');
    await figures('organization', firm.id, YEAR, { securityForceEligibleForTitles: true });
    firmView = await t.call('evaluation.subject', key('organization', firm.id));
    expect(rule(firmView, 'CQ-5a').verdict).toBe('khong_dat'); // 1/5 departments
    await figures('organization', firm.id, YEAR, { securityForceEligibleForTitles: false });
    await figures('organization', school.id, YEAR, { securityForceEligibleForTitles: false });
    firmView = await t.call('evaluation.subject', key('organization', firm.id));
    const schoolView = await t.call('evaluation.subject', key('organization', school.id));
    for (const [v, id] of [
      [firmView, 'CQ-5a'],
      [firmView, 'CQ-4a'],
      [schoolView, 'GD-5a'],
      [schoolView, 'GD-6a'],
    ] as const) {
      expect(rule(v, id).verdict, id).toBe('khong_ap_dung');
      expect(rule(v, id).explanation, id).toBe('Không áp dụng vì đơn vị không thuộc đối tượng bình xét thi đua, khen thưởng.');
    }
  });
});

describe('freezing', () => {
  it('freeze 2025, edit a 2025 incident → live changes, frozen unchanged, board shows the difference; unfreeze with a reason', async () => {
    const a = await passingArea('Thôn Chốt');
    const before = await t.call('evaluation.subject', key('unit', a.id));
    expect(before.live.overall).toBe('dat');

    const noReason = await t.fail('evaluation.freeze', { year: YEAR, by: '', note: null });
    expect(noReason.code).toBe('VALIDATION');
    const frozen = await t.call('evaluation.freeze', { year: YEAR, by: 'Thượng tá Trần Văn Dũng', note: 'Theo biên bản họp hội đồng' });
    expect(frozen.subjects).toBe(19);
    const again = await t.fail('evaluation.freeze', { year: YEAR, by: 'A', note: null });
    expect(again.code).toBe('CONFLICT');
    const stored = queryAll(file(), 'SELECT subject_id, overall, content, hash FROM evaluation_frozen_results ORDER BY subject_id');
    expect(stored).toHaveLength(19);

    let board = await t.call('evaluation.board', { year: YEAR, category: 'khu_dan_cu', unitId: null });
    expect(board.frozen).toMatchObject({ by: 'Thượng tá Trần Văn Dũng', note: 'Theo biên bản họp hội đồng' });
    expect(board.rows[0]).toMatchObject({ live: 'dat', frozen: 'dat', differs: false, tampered: false });
    expect(board.counts.find((c) => c.category === 'khu_dan_cu')!.frozenDat).toBe(1);

    // A serious crime entered afterwards for the 2025 window.
    await t.call('activities.save', { kind: 'incidents', id: null, record: seriousIncident(a.id) });
    const after = await t.call('evaluation.subject', key('unit', a.id));
    expect(after.live.overall).toBe('chua_dat');
    expect(rule(after, 'KDC-4b').verdict).toBe('khong_dat');
    expect(rule(after, 'KDC-4b').sources.some((x) => x.label.includes('Cố ý gây thương tích'))).toBe(true);
    expect(after.frozen?.result.overall).toBe('dat');
    expect(after.frozen?.tampered).toBe(false);
    expect(after.frozen?.differences.map((d) => d.ruleId)).toEqual(expect.arrayContaining([null, 'KDC-4b']));
    expect(queryAll(file(), 'SELECT subject_id, overall, content, hash FROM evaluation_frozen_results ORDER BY subject_id')).toEqual(
      stored,
    );

    board = await t.call('evaluation.board', { year: YEAR, category: 'khu_dan_cu', unitId: null });
    expect(board.rows[0]).toMatchObject({ live: 'chua_dat', frozen: 'dat', differs: true });
    expect(board.counts.find((c) => c.category === 'khu_dan_cu')).toMatchObject({ dat: 0, frozenDat: 1 });

    // The year's workflow is refused while frozen, in Vietnamese, with nothing written.
    const snapshot = dump();
    for (const e of [
      await t.fail('evaluation.attest', { ...key('unit', a.id), ruleId: 'KDC-2', value: false, by: 'A', on: '2025-11-20', note: null }),
      await t.fail('evaluation.advance', { ...key('unit', a.id), step: 'tu_danh_gia', date: '2025-11-05', chair: 'A' }),
      await t.fail('evaluation.register', registration('unit', a.id)),
      await t.fail('evaluation.override', {
        ...key('unit', a.id),
        ruleId: 'KDC-4b',
        verdict: 'dat',
        reason: 'x',
        by: 'A',
        on: '2025-11-20',
      }),
    ]) {
      expect(e.code).toBe('CONFLICT');
      expect(e.message).toContain('đã được chốt');
    }
    expect(dump()).toEqual(snapshot);

    // A frozen row altered outside the app is reported.
    const w = new BetterSqlite3(file());
    const one = stored.find((r) => r['subject_id'] === a.id)!;
    w.prepare('UPDATE evaluation_frozen_results SET content = ? WHERE subject_id = ?').run(
      String(one['content']).replace('"overall":"dat"', '"overall":"chua_dat"'),
      a.id,
    );
    w.close();
    board = await t.call('evaluation.board', { year: YEAR, category: 'khu_dan_cu', unitId: null });
    expect(board.rows[0]!.tampered).toBe(true);
    expect(board.warnings.join(' ')).toContain('Thôn Chốt bị sửa ngoài phần mềm');
    const tamperedView = await t.call('evaluation.subject', key('unit', a.id));
    // A frozen result that fails its seal is never shown as if it were frozen: it is "không xác định".
    expect(tamperedView.frozen).toBeNull();
    expect(tamperedView.warnings.join(' ')).toContain('không xác định');

    const unfreezeNoReason = await t.fail('evaluation.unfreeze', { year: YEAR, reason: ' ', by: 'A' });
    expect(unfreezeNoReason.code).toBe('VALIDATION');
    await t.call('evaluation.unfreeze', {
      year: YEAR,
      reason: 'Phúc tra phát hiện vụ cố ý gây thương tích',
      by: 'Thượng tá Trần Văn Dũng',
    });
    expect(queryOne(file(), 'SELECT unfrozen_by, unfreeze_reason, unfrozen_at FROM evaluation_freezes')).toEqual({
      unfrozen_by: 'Thượng tá Trần Văn Dũng',
      unfreeze_reason: 'Phúc tra phát hiện vụ cố ý gây thương tích',
      unfrozen_at: '2026-11-22T03:00:00.000Z',
    });
    board = await t.call('evaluation.board', { year: YEAR, category: 'khu_dan_cu', unitId: null });
    expect(board.frozen).toBeNull();
    expect(board.rows[0]).toMatchObject({ frozen: null, differs: false });
    expect(await t.call('evaluation.freezes', { year: YEAR })).toEqual([
      expect.objectContaining({
        frozenBy: 'Thượng tá Trần Văn Dũng',
        subjects: 19,
        unfrozenBy: 'Thượng tá Trần Văn Dũng',
        unfreezeReason: 'Phúc tra phát hiện vụ cố ý gây thương tích',
      }),
    ]);
    await attest('unit', a.id, 'KDC-2', true);
    const nothing = await t.fail('evaluation.unfreeze', { year: YEAR, reason: 'x', by: 'A' });
    expect(nothing.code).toBe('RULE');
  });
});

describe('export', () => {
  it('writes the board and a sheet per category, text never a formula', async () => {
    const a = await passingArea('Thôn Xuất');
    await t.call('units.create', {
      parentId: (await unitNamed('Xã Gia Hòa')).id,
      name: '=HYPERLINK("http://x","y")',
      kind: 'thon',
      code: null,
      validFrom: '2020-01-01',
    });
    await decide('unit', a.id, 'cong_nhan');
    const out = await t.call('evaluation.export', { year: YEAR, category: null, unitId: null });
    expect(out.fileName).toBe('danh-gia-antt-2025.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(out.base64, 'base64') as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Bảng tổng hợp', 'Khu dân cư', 'Xã, phường, thị trấn']);
    const summary = wb.getWorksheet('Bảng tổng hợp')!;
    expect(summary.getRow(1).getCell(2).value).toBe('Tên đơn vị');
    const rows = summary.getSheetValues().slice(2).filter(Boolean) as unknown[][];
    const thon = rows.find((r) => r[2] === 'Thôn Xuất')!;
    // Columns: 1 STT, 2 name, 3 category, 4 parent, 5 status, 6 live, 7 frozen, 8 differs, 9 failing, 10 missing, 11 number, 12 date.
    expect([thon[3], thon[4], thon[5], thon[6], thon[7], thon[9], thon[11], thon[12]]).toEqual([
      'Khu dân cư',
      'Xã Gia Hòa',
      'Được công nhận',
      'Đạt',
      undefined,
      undefined,
      '120/QĐ-UBND',
      '12/11/2025',
    ]);
    const formula = rows.find((r) => String(r[2]).startsWith('=HYPERLINK'))!;
    expect(typeof formula[2]).toBe('string');
    summary.eachRow((row) => row.eachCell((c) => expect(c.type).not.toBe(ExcelJS.ValueType.Formula)));
    const kdc = wb.getWorksheet('Khu dân cư')!;
    const header = kdc.getRow(1).values as unknown[];
    expect(String(header[5])).toMatch(/^KDC-1a: /);
    const kdcRow = (kdc.getSheetValues().slice(2) as unknown[][]).find((r) => r && r[2] === 'Thôn Xuất')!;
    expect(kdcRow[4]).toBe('Đạt');
    expect(kdcRow.slice(5).every((v) => v === 'Đạt')).toBe(true);
    expect(rows.some((r) => String(r[2]).startsWith('1/2 khu dân cư được công nhận'))).toBe(true);
  });
});
