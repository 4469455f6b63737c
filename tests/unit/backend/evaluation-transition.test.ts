/**
 * The 2025 transition year in the evaluation (issue 9 item 8), through the contract: communes that
 * ended on 30/06/2025 are not subjects of 2025 and leave every "x/y" count and XA-4 denominator; the
 * commune formed on 01/07/2025 is judged on its predecessors' Q1 documents, shown as carried
 * ("kế thừa từ …"); a registration dated before a unit existed is refused naming the predecessor.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MethodInput, UnitDto } from '../../../shared/ipc/contract';
import type { EvaluationSubjectDto } from '../../../shared/ipc/contracts/evaluation.contract';
import { startBackend, type TestBackend } from '../../support/backend';
import { useTempDir } from '../../support/temp-dir';
import { dumpDatabase, queryAll } from '../../support/sqlite';
import { isVietnameseMessage } from '../../support/vietnamese';
import { GIA_VIEN_SETUP } from '../../support/offices';

const YEAR = 2025;
const tmp = useTempDir('antq-transition-');
let t: TestBackend;

beforeEach(async () => {
  t = await startBackend(tmp.path(), '2026-11-22T03:00:00.000Z');
  await t.call('office.setup', GIA_VIEN_SETUP);
});
afterEach(() => t.close());

async function unitNamed(name: string): Promise<UnitDto> {
  const all = await t.call('units.list', { includeEnded: true });
  const found = all.filter((u) => u.name === name);
  if (found.length !== 1) throw new Error(`expected one unit ${name}, got ${found.length}`);
  return found[0]!;
}

function registration(subjectId: string, over: Partial<MethodInput<'evaluation.register'>> = {}): MethodInput<'evaluation.register'> {
  return {
    subjectType: 'unit',
    subjectId,
    year: YEAR,
    registeredOn: '2025-02-15',
    resolutionNumber: '05-NQ/ĐU',
    resolutionDate: '2025-01-20',
    resolutionForm: 'chuyen_de_rieng',
    planNumber: '12/KH-UBND',
    planDate: '2025-02-10',
    householdsRegistered: null,
    staffBriefed: null,
    staffTotal: null,
    departmentsGood: null,
    departmentsTotal: null,
    note: null,
    ...over,
  };
}

const rule = (v: EvaluationSubjectDto, id: string) => v.live.rules.find((r) => r.ruleId === id)!;

/** Xã Gia Hòa and Xã Gia Hưng end on 30/06/2025; Xã Hòa Hưng begins on 01/07/2025. */
async function mergeCommunes(): Promise<UnitDto> {
  const hoa = await unitNamed('Xã Gia Hòa');
  const hung = await unitNamed('Xã Gia Hưng');
  const out = await t.call('units.merge', {
    unitIds: [hoa.id, hung.id],
    effectiveDate: '2025-07-01',
    reason: 'Sắp xếp đơn vị hành chính cấp xã năm 2025',
    successor: { mode: 'new', name: 'Xã Hòa Hưng', kind: 'xa', code: null },
    note: null,
  });
  return unitNamed(out.successor.name);
}

describe('subjects of the transition year', () => {
  it('communes that ended before the decision date are not subjects; their successor is, and carries their registrations', async () => {
    const hoa = await unitNamed('Xã Gia Hòa');
    const hung = await unitNamed('Xã Gia Hưng');
    await t.call('evaluation.register', registration(hoa.id));
    await t.call(
      'evaluation.register',
      registration(hung.id, {
        registeredOn: '2025-03-05',
        resolutionNumber: '07-NQ/ĐU',
        resolutionDate: '2025-01-28',
        planDate: '2025-02-20',
      }),
    );
    const before = await t.call('evaluation.board', { year: YEAR, category: 'xa', unitId: null });
    expect(before.counts.find((c) => c.category === 'xa')!.total).toBe(18);

    const successor = await mergeCommunes();
    const board = await t.call('evaluation.board', { year: YEAR, category: 'xa', unitId: null });
    const names = board.rows.map((r) => r.name);
    expect(names).not.toContain('Xã Gia Hòa');
    expect(names).not.toContain('Xã Gia Hưng');
    expect(names).toContain('Xã Hòa Hưng');
    const xa = board.counts.find((c) => c.category === 'xa')!;
    expect(xa.total).toBe(17);
    expect(xa.registered).toBe(1);
    expect(xa.sentences[0]).toBe('1/17 xã, phường, thị trấn đã đăng ký phấn đấu (5,9%).');
    expect(board.rows.find((r) => r.subjectId === successor.id)!.carriedFrom).toEqual(['Xã Gia Hòa', 'Xã Gia Hưng']);

    const v = await t.call('evaluation.subject', { subjectType: 'unit', subjectId: successor.id, year: YEAR });
    for (const id of ['XA-1a', 'XA-1b']) {
      expect(rule(v, id).verdict).toBe('dat');
      expect(
        rule(v, id)
          .sources.map((s) => s.label)
          .join(' '),
      ).toContain('kế thừa từ Xã Gia Hòa, Xã Gia Hưng');
    }
    // The latest of the predecessors' dates counts.
    expect(rule(v, 'XA-1a').value).toContain('28/01/2025');
    expect(
      rule(v, 'XA-1b')
        .sources.map((s) => s.label)
        .join(' '),
    ).toContain('Xã Gia Hưng: số 12/KH-UBND ngày 20/02/2025');
    expect(v.warnings.join(' ')).toContain('kế thừa từ Xã Gia Hòa, Xã Gia Hưng');
    // Nothing was copied: the registrations stay on the units that made them.
    expect(
      queryAll(tmp.path() + '/antq.db', 'SELECT subject_id FROM evaluation_registrations WHERE deleted_at IS NULL ORDER BY registered_on'),
    ).toEqual([{ subject_id: hoa.id }, { subject_id: hung.id }]);
  });

  it('a predecessor without a resolution leaves the successor without one; a late one makes it late', async () => {
    const hoa = await unitNamed('Xã Gia Hòa');
    const hung = await unitNamed('Xã Gia Hưng');
    await t.call('evaluation.register', registration(hoa.id));
    await t.call(
      'evaluation.register',
      registration(hung.id, { resolutionNumber: null, resolutionDate: null, resolutionForm: null, planDate: '2025-04-02' }),
    );
    const successor = await mergeCommunes();
    const v = await t.call('evaluation.subject', { subjectType: 'unit', subjectId: successor.id, year: YEAR });
    expect(rule(v, 'XA-1a').verdict).toBe('khong_dat');
    expect(rule(v, 'XA-1b').verdict).toBe('khong_dat');
    expect(rule(v, 'XA-1b').explanation).toContain('muộn');
  });

  it('an ended unit can still have its Q1 registration recorded afterwards, and it carries on', async () => {
    const hoa = await unitNamed('Xã Gia Hòa');
    const hung = await unitNamed('Xã Gia Hưng');
    const successor = await mergeCommunes();
    let v = await t.call('evaluation.subject', { subjectType: 'unit', subjectId: successor.id, year: YEAR });
    expect(rule(v, 'XA-1a').verdict).toBe('khong_dat');
    const ended = await t.call('evaluation.register', registration(hoa.id));
    expect(ended.warnings.join(' ')).toContain('không thuộc diện đánh giá năm 2025');
    await t.call('evaluation.register', registration(hung.id));
    v = await t.call('evaluation.subject', { subjectType: 'unit', subjectId: successor.id, year: YEAR });
    expect(rule(v, 'XA-1a').verdict).toBe('dat');
    // Workflow steps are for subjects only.
    const step = await t.fail('evaluation.advance', {
      subjectType: 'unit',
      subjectId: hoa.id,
      year: YEAR,
      step: 'tu_danh_gia',
      date: '2025-11-05',
      chair: 'A',
    });
    expect(step.code).toBe('NOT_FOUND');
  });

  it('a registration dated before the unit existed is refused, naming the predecessor; after it ended, naming the successor', async () => {
    const hoa = await unitNamed('Xã Gia Hòa');
    const successor = await mergeCommunes();
    const before = dumpDatabase(tmp.path() + '/antq.db');
    const early = await t.fail('evaluation.register', registration(successor.id));
    expect(early.code).toBe('VALIDATION');
    expect(early.details?.['registeredOn']).toBe(
      'Ngày đăng ký 15/02/2025 trước ngày Xã Hòa Hưng bắt đầu hoạt động (01/07/2025). Hồ sơ trước ngày đó thuộc về "Xã Gia Hòa", "Xã Gia Hưng": hãy ghi nhận cho đơn vị đó, hồ sơ quý I sẽ được chuyển sang Xã Hòa Hưng.',
    );
    expect(early.details?.['resolutionDate']).toContain('"Xã Gia Hòa", "Xã Gia Hưng"');
    expect(isVietnameseMessage(early.message)).toBe(true);
    const late = await t.fail('evaluation.register', registration(hoa.id, { registeredOn: '2025-08-01' }));
    expect(late.details?.['registeredOn']).toContain('sau ngày Xã Gia Hòa kết thúc hoạt động (30/06/2025): hãy ghi nhận cho "Xã Hòa Hưng"');
    expect(dumpDatabase(tmp.path() + '/antq.db')).toEqual(before);
    // Its own registration, dated after it began, is accepted (for its workflow) and is not "late".
    const own = await t.call(
      'evaluation.register',
      registration(successor.id, {
        registeredOn: '2025-07-10',
        resolutionNumber: null,
        resolutionDate: null,
        resolutionForm: null,
        planNumber: null,
        planDate: null,
      }),
    );
    expect(own.status).toBe('da_dang_ky');
    expect(own.warnings.join(' ')).not.toContain('sau hạn quý I');
  });

  it('residential areas that ended before the decision date leave the XA-4 denominator; their successor counts, registered through them', async () => {
    const hoa = await unitNamed('Xã Gia Hòa');
    const a1 = await t.call('units.create', { parentId: hoa.id, name: 'Thôn Một', kind: 'thon', code: null, validFrom: '2020-01-01' });
    const a2 = await t.call('units.create', { parentId: hoa.id, name: 'Thôn Hai', kind: 'thon', code: null, validFrom: '2020-01-01' });
    await t.call(
      'evaluation.register',
      registration(a1.id, { resolutionNumber: null, resolutionDate: null, resolutionForm: null, planNumber: null, planDate: null }),
    );
    await t.call(
      'evaluation.register',
      registration(a2.id, { resolutionNumber: null, resolutionDate: null, resolutionForm: null, planNumber: null, planDate: null }),
    );
    await t.call('units.merge', {
      unitIds: [a1.id, a2.id],
      effectiveDate: '2025-07-01',
      reason: 'Sáp nhập thôn',
      successor: { mode: 'new', name: 'Thôn Mới', kind: 'thon', code: null },
      note: null,
    });
    const v = await t.call('evaluation.subject', { subjectType: 'unit', subjectId: hoa.id, year: YEAR });
    const xa4a = rule(v, 'XA-4a');
    expect(xa4a.value).toContain('1/1');
    expect(xa4a.verdict).toBe('dat');
    const board = await t.call('evaluation.board', { year: YEAR, category: 'khu_dan_cu', unitId: null });
    expect(board.rows.map((r) => r.name)).toEqual(['Thôn Mới']);
    expect(board.counts.find((c) => c.category === 'khu_dan_cu')).toMatchObject({ total: 1, registered: 1 });
  });
});
