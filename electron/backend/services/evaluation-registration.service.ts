/**
 * Registrations ("đăng ký phấn đấu") of the yearly evaluation: the one place their rules and their
 * write live. `evaluation.register` (one subject, from the drawer), `evaluation.registerMany` (the
 * board's selection) and the Excel import of registrations (xlsx-import/specs/registrations.spec.ts)
 * all check with `registrationErrors` and write with `writeRegistration`, so no rule is copied.
 */
import type { ServiceContext } from '../context';
import type { Db } from '../repos/units.repo';
import { AppError } from '../errors';
import {
  insertHistory,
  insertRegistration,
  updateRegistrationFields,
  type RegistrationWrite,
  type StoredRegistration,
} from '../repos/evaluation.repo';
import { findSubject, loadRules, subjectKey, type Subject, type YearData } from './evaluation-facts.service';
import { boardRows, loadEvaluationYear } from './evaluation-view.service';
import { refuseIfLocked } from './evaluation-seal.service';
import { registrationDateErrors, registrableUnit } from './evaluation-transition';
import { change, keyOf, notFuture, validation } from './evaluation-steps.service';
import { checkRegistration } from '../../../shared/domain/evaluation';
import type { BoardRowDto, EvaluationSubjectDto } from '../../../shared/ipc/contracts/evaluation.contract';
import type { ParsedInput } from '../../../shared/ipc/contract';
import { formatDateVi } from '../../../shared/lib/dates';

/** What a registration records (the register input without the subject key and the recorder). */
export type RegistrationFields = RegistrationWrite;

/** Field → Vietnamese message for a registration of `s` in `data.year` (empty: it may be recorded). */
export function registrationErrors(data: YearData, s: Subject, f: RegistrationFields, today: string): Record<string, string> {
  const errors = {
    ...registrationDateErrors(data, s, f),
    ...checkRegistration({ registeredOn: f.registeredOn, year: data.year, today }),
  };
  notFuture(today, 'resolutionDate', f.resolutionDate, 'Ngày nghị quyết', errors);
  notFuture(today, 'planDate', f.planDate, 'Ngày kế hoạch', errors);
  if (f.resolutionDate === null && (f.resolutionNumber !== null || f.resolutionForm !== null)) {
    errors['resolutionDate'] = 'Cần ghi ngày ban hành nghị quyết.';
  }
  if (f.planDate === null && f.planNumber !== null) errors['planDate'] = 'Cần ghi ngày ban hành kế hoạch.';
  const isArea = s.type === 'unit' && s.kind === 'khu_dan_cu';
  if (!isArea && f.householdsRegistered !== null) errors['householdsRegistered'] = 'Chỉ ghi số hộ đăng ký đối với khu dân cư.';
  if (s.type !== 'organization') {
    const only = 'Chỉ ghi đối với cơ quan, doanh nghiệp, cơ sở giáo dục.';
    if (f.staffBriefed !== null) errors['staffBriefed'] = only;
    if (f.staffTotal !== null) errors['staffTotal'] = only;
    if (f.departmentsGood !== null) errors['departmentsGood'] = only;
    if (f.departmentsTotal !== null) errors['departmentsTotal'] = only;
  } else {
    if (f.staffBriefed !== null && f.staffTotal !== null && f.staffBriefed > f.staffTotal) {
      errors['staffBriefed'] = `Số người được quán triệt (${f.staffBriefed}) không được vượt tổng số người (${f.staffTotal}).`;
    }
    const departments = f.departmentsTotal ?? s.org?.subUnitCount ?? null;
    if (f.departmentsGood !== null && departments !== null && f.departmentsGood > departments) {
      errors['departmentsGood'] = `Số phòng, ban đạt (${f.departmentsGood}) không được vượt tổng số phòng, ban (${departments}).`;
    }
  }
  const existing = data.registrations.get(subjectKey(s.type, s.id));
  if (existing?.selfAssessedOn && f.registeredOn > existing.selfAssessedOn) {
    errors['registeredOn'] = `Ngày đăng ký không được sau ngày họp tự đánh giá (${formatDateVi(existing.selfAssessedOn)}).`;
  }
  return errors;
}

/** True when the stored registration already holds exactly these fields (a re-import changes nothing). */
export function sameRegistration(r: StoredRegistration, f: RegistrationFields): boolean {
  return (Object.keys(f) as (keyof RegistrationFields)[]).every((k) => r[k] === f[k]);
}

/** Inserts or updates the registration of `s` with its history entry; `data.registrations` is kept current. */
export async function writeRegistration(
  trx: Db,
  ctx: ServiceContext,
  data: YearData,
  s: Subject,
  f: RegistrationFields,
  by: string | null,
): Promise<void> {
  const key = { subjectType: s.type, subjectId: s.id, year: data.year };
  const w: RegistrationWrite = { ...f };
  const existing = data.registrations.get(subjectKey(s.type, s.id));
  const at = ctx.clock.timestamp();
  const late = f.registeredOn > `${data.year}-03-31` ? ' (sau quý I: không đạt tiêu chí đăng ký trong quý I)' : '';
  if (existing) {
    await updateRegistrationFields(trx, existing.id, w, at);
    await insertHistory(trx, ctx.newId(), key, {
      at,
      action: 'update_registration',
      summary: `Sửa thông tin đăng ký: đăng ký ngày ${formatDateVi(f.registeredOn)}${late}.`,
      by,
      reason: null,
      data: w,
    });
  } else {
    await insertRegistration(trx, ctx.newId(), key, w, at);
    await insertHistory(trx, ctx.newId(), key, {
      at,
      action: 'register',
      summary: `Đăng ký phấn đấu đạt tiêu chuẩn năm ${data.year}, ngày ${formatDateVi(f.registeredOn)}${late}.`,
      by,
      reason: null,
      data: w,
    });
  }
}

function fieldsOf(input: ParsedInput<'evaluation.register'>): RegistrationFields {
  return {
    registeredOn: input.registeredOn,
    resolutionNumber: input.resolutionNumber,
    resolutionDate: input.resolutionDate,
    resolutionForm: input.resolutionForm,
    planNumber: input.planNumber,
    planDate: input.planDate,
    householdsRegistered: input.householdsRegistered,
    staffBriefed: input.staffBriefed,
    staffTotal: input.staffTotal,
    departmentsGood: input.departmentsGood,
    departmentsTotal: input.departmentsTotal,
    note: input.note,
  };
}

export async function register(ctx: ServiceContext, input: ParsedInput<'evaluation.register'>): Promise<EvaluationSubjectDto> {
  return change(
    ctx,
    keyOf(input),
    async (trx, data, s) => {
      const f = fieldsOf(input);
      const errors = registrationErrors(data, s, f, ctx.clock.today());
      if (Object.keys(errors).length) throw validation(errors);
      await writeRegistration(trx, ctx, data, s, f, input.by ?? null);
    },
    { registrable: true },
  );
}

/** A subject of the year, or a unit whose registration may still be recorded (it ended before its decision date). */
export function registrableSubject(data: YearData, type: Subject['type'], id: string): Subject | undefined {
  return findSubject(data, type, id) ?? (type === 'unit' ? registrableUnit(data, id) : undefined);
}

const MAX_LISTED = 5;

/** One date and the same documents for many subjects: all registered, or none (the reasons listed by name). */
export async function registerMany(
  ctx: ServiceContext,
  input: ParsedInput<'evaluation.registerMany'>,
): Promise<{ registered: number; rows: BoardRowDto[] }> {
  const rules = await loadRules(ctx);
  const unique = [...new Map(input.subjects.map((k) => [subjectKey(k.subjectType, k.subjectId), k])).values()];
  const f: RegistrationFields = {
    registeredOn: input.registeredOn,
    resolutionNumber: input.resolutionNumber,
    resolutionDate: input.resolutionDate,
    resolutionForm: input.resolutionForm,
    planNumber: input.planNumber,
    planDate: input.planDate,
    householdsRegistered: null,
    staffBriefed: null,
    staffTotal: null,
    departmentsGood: null,
    departmentsTotal: null,
    note: input.note,
  };
  await ctx.db.transaction().execute(async (trx) => {
    const data = await loadEvaluationYear(ctx, trx, input.year, rules);
    await refuseIfLocked(ctx, trx, input.year);
    const today = ctx.clock.today();
    const problems: string[] = [];
    const fields: Record<string, string> = {};
    const subjects: Subject[] = [];
    for (const k of unique) {
      const s = registrableSubject(data, k.subjectType, k.subjectId);
      if (!s) {
        problems.push(`một đơn vị không thuộc diện đánh giá năm ${input.year} (có thể đã bị xóa)`);
        continue;
      }
      const existing = data.registrations.get(subjectKey(s.type, s.id));
      const errors = existing
        ? { registeredOn: `đã đăng ký ngày ${formatDateVi(existing.registeredOn)}; muốn sửa hãy mở đơn vị đó.` }
        : registrationErrors(data, s, f, today);
      const first = Object.entries(errors)[0];
      if (first) {
        problems.push(`${s.name}: ${first[1]}`);
        fields[first[0]] ??= first[1];
      } else subjects.push(s);
    }
    if (problems.length > 0) {
      const listed = problems.slice(0, MAX_LISTED).join('; ');
      const more = problems.length > MAX_LISTED ? ` và ${problems.length - MAX_LISTED} đơn vị khác` : '';
      throw new AppError(
        'VALIDATION',
        `Chưa ghi đơn vị nào: ${problems.length} trong ${unique.length} đơn vị đã chọn không đăng ký được — ${listed}${more}.`,
        fields,
      );
    }
    for (const s of subjects) await writeRegistration(trx, ctx, data, s, f, input.by ?? null);
  });
  return { registered: unique.length, rows: await boardRows(ctx, input.year, unique, rules) };
}
