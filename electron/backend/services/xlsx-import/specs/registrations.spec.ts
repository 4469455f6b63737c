/**
 * Excel layout of the year's registrations ("đăng ký phấn đấu", 'evaluation_registrations'): one
 * row per subject and year — a residential area, a commune or an organisation — with the
 * registration date, the Q1 documents and the figures `evaluation.register` takes. Natural key:
 * subject + year, so a re-import changes nothing and an edited row updates its registration.
 *
 * Subjects are named by official code (units) or tax code (organisations), by name, or by a path
 * "Xã … / Thôn …" ("Xã … / Tên cơ quan"). Names match exactly (case and spacing aside); a name
 * written without its diacritics is never taken for another one, only suggested. A name several
 * subjects share is a row error listing their paths.
 *
 * The rules are the service's (evaluation-registration.service.ts): `checkRows` runs
 * `registrationErrors` against the year's records and `apply` writes with `writeRegistration`.
 */
import type { ImportSpec, ImportStatus, CellValue } from '../../../xlsx/spec';
import type { ServiceContext } from '../../../context';
import type { Db } from '../../../repos/units.repo';
import { listUnits } from '../../../repos/units.repo';
import { liveOrganizations } from '../../../repos/evaluation-facts.repo';
import { registrationsOfYear } from '../../../repos/evaluation.repo';
import { AppError } from '../../../errors';
import { RowReader, headerMap } from '../../../xlsx/cells';
import { loadRules, subjectKey, subjectsUnder, type Rules } from '../../evaluation-facts.service';
import { loadEvaluationYear } from '../../evaluation-view.service';
import { refuseIfLocked } from '../../evaluation-seal.service';
import {
  registrableSubject,
  registrationErrors,
  sameRegistration,
  writeRegistration,
  type RegistrationFields,
} from '../../evaluation-registration.service';
import { SubjectNames } from './registrations.names';
import type { ListFilter } from '../../../../../shared/domain/registries';
import { RESOLUTION_FORM_LABELS, type SubjectType } from '../../../../../shared/domain/evaluation';
import { formatDateVi } from '../../../../../shared/lib/dates';
import { compareVietnamese, matchesQuery } from '../../../../../shared/lib/text';

export interface RegistrationValue {
  year: number;
  subjectType: SubjectType;
  subjectId: string;
  fields: RegistrationFields;
  /** Only the year and the subject (a line of the fill-in form left empty): nothing to write. */
  blank: boolean;
}

const COLUMNS = [
  { key: 'year', header: 'Năm', width: 8, required: true, example: '2025', note: 'Năm đăng ký phấn đấu (từ 2012).' },
  {
    key: 'subject',
    header: 'Đơn vị, cơ quan, tổ chức',
    width: 42,
    required: true,
    example: 'Xã Gia Hòa / Thôn Bắc',
    note: 'Mã chính thức (khu dân cư, xã) hoặc mã số thuế (cơ quan, doanh nghiệp), tên đúng dấu, hoặc đường dẫn "Xã ... / Thôn ..." khi tên bị trùng.',
  },
  {
    key: 'registeredOn',
    header: 'Ngày đăng ký',
    width: 14,
    required: true,
    example: '15/02/2025',
    note: 'Ngày/tháng/năm, trong năm đăng ký.',
  },
  { key: 'resolutionNumber', header: 'Số nghị quyết', width: 16, example: '05-NQ/CB' },
  { key: 'resolutionDate', header: 'Ngày nghị quyết', width: 14, example: '20/01/2025', note: 'Bắt buộc khi có số nghị quyết.' },
  {
    key: 'resolutionForm',
    header: 'Hình thức nghị quyết',
    width: 26,
    options: Object.values(RESOLUTION_FORM_LABELS),
    example: RESOLUTION_FORM_LABELS.chuyen_de_rieng,
  },
  { key: 'planNumber', header: 'Số kế hoạch', width: 14, example: '12/KH-UBND' },
  { key: 'planDate', header: 'Ngày kế hoạch', width: 14, example: '10/02/2025', note: 'Bắt buộc khi có số kế hoạch.' },
  { key: 'householdsRegistered', header: 'Số hộ đăng ký', width: 12, example: '215', note: 'Chỉ ghi cho khu dân cư.' },
  { key: 'staffBriefed', header: 'Số người được quán triệt', width: 14, note: 'Chỉ ghi cho cơ quan, doanh nghiệp, cơ sở giáo dục.' },
  { key: 'staffTotal', header: 'Tổng số người', width: 12 },
  { key: 'departmentsGood', header: 'Số phòng, ban đạt', width: 12 },
  { key: 'departmentsTotal', header: 'Tổng số phòng, ban', width: 12 },
  { key: 'note', header: 'Ghi chú', width: 30 },
] as const;

const HEADERS = headerMap(COLUMNS);

interface Lookup {
  names: SubjectNames;
  currentYear: number;
}

/** Rules and the year's records, read once per year of the file. */
function yearLoader(ctx: ServiceContext, db: Db): (year: number) => Promise<Awaited<ReturnType<typeof loadEvaluationYear>>> {
  let rules: Rules | null = null;
  const cache = new Map<number, Awaited<ReturnType<typeof loadEvaluationYear>>>();
  return async (year) => {
    rules ??= await loadRules({ ...ctx, db });
    let data = cache.get(year);
    if (!data) {
      data = await loadEvaluationYear(ctx, db, year, rules);
      cache.set(year, data);
    }
    return data;
  };
}

const MIN_YEAR = 2012;

export const registrationsSpec: ImportSpec<RegistrationValue, Lookup> = {
  id: 'evaluation_registrations',
  title: 'Đăng ký phấn đấu',
  columns: COLUMNS,

  async prepare(ctx) {
    const units = await listUnits(ctx.db, true);
    const orgs = await liveOrganizations(ctx.db);
    return { names: new SubjectNames(units, orgs), currentYear: Number(ctx.clock.today().slice(0, 4)) };
  },

  parseRow(cells, lookup) {
    const r = new RowReader(cells, HEADERS);
    const year = r.int('year', { required: true, min: MIN_YEAR, max: lookup.currentYear + 1 });
    const subjectText = r.text('subject', { required: true, max: 500 });
    const subject = subjectText !== null && year !== null ? lookup.names.resolve(subjectText, year) : null;
    if (subject && !subject.ok) r.problem(`Cột "${HEADERS['subject']}": ${subject.message}`, 'subject');
    const fields: RegistrationFields = {
      registeredOn: r.date('registeredOn', { required: true }) ?? '',
      resolutionNumber: r.text('resolutionNumber', { max: 100 }),
      resolutionDate: r.date('resolutionDate'),
      resolutionForm: r.choice('resolutionForm', RESOLUTION_FORM_LABELS),
      planNumber: r.text('planNumber', { max: 100 }),
      planDate: r.date('planDate'),
      householdsRegistered: r.int('householdsRegistered', { min: 0, max: 1_000_000_000 }),
      staffBriefed: r.int('staffBriefed', { min: 0, max: 1_000_000_000 }),
      staffTotal: r.int('staffTotal', { min: 0, max: 1_000_000_000 }),
      departmentsGood: r.int('departmentsGood', { min: 0, max: 1_000_000_000 }),
      departmentsTotal: r.int('departmentsTotal', { min: 0, max: 1_000_000_000 }),
      note: r.text('note', { max: 1000 }),
    };
    const blank = COLUMNS.every((c) => c.key === 'year' || c.key === 'subject' || r.raw(c.key) === '');
    // A blank line needs no registration date; what names the line (year, subject) is still checked.
    if (blank) {
      const kept = r.issues.filter((i) => i.column === 'year' || i.column === 'subject');
      r.issues.splice(0, r.issues.length, ...kept);
    }
    if (r.issues.length > 0 || year === null || !subject?.ok) return { ok: false, errors: r.issues };
    return {
      ok: true,
      value: { year, subjectType: subject.type, subjectId: subject.id, fields, blank },
      label: `${subject.path} – năm ${year}`,
    };
  },

  naturalKey: (v) => `${subjectKey(v.subjectType, v.subjectId)}/${v.year}`,

  async checkRows(db, ctx, values) {
    const yearOf = yearLoader(ctx, db);
    const today = ctx.clock.today();
    const locked = new Map<number, string | null>();
    const out: string[][] = [];
    for (const v of values) {
      if (v.blank) {
        out.push([]);
        continue;
      }
      if (!locked.has(v.year)) {
        try {
          await refuseIfLocked(ctx, db, v.year);
          locked.set(v.year, null);
        } catch (e) {
          if (!(e instanceof AppError)) throw e;
          locked.set(v.year, e.message);
        }
      }
      const lock = locked.get(v.year);
      if (lock) {
        out.push([lock]);
        continue;
      }
      const data = await yearOf(v.year);
      const s = registrableSubject(data, v.subjectType, v.subjectId);
      if (!s) {
        out.push([
          `Không thuộc diện đánh giá năm ${v.year} (chưa hoặc không còn hoạt động trong năm, hoặc không thuộc phạm vi Thông tư 124).`,
        ]);
        continue;
      }
      out.push(Object.values(registrationErrors(data, s, v.fields, today)));
    }
    return out;
  },

  async classify(db: Db, values) {
    const byYear = new Map<number, Awaited<ReturnType<typeof registrationsOfYear>>>();
    const out: ImportStatus[] = [];
    for (const v of values) {
      let regs = byYear.get(v.year);
      if (!regs) {
        regs = await registrationsOfYear(db, v.year);
        byYear.set(v.year, regs);
      }
      const existing = regs.get(subjectKey(v.subjectType, v.subjectId));
      out.push(v.blank ? 'unchanged' : !existing ? 'new' : sameRegistration(existing, v.fields) ? 'unchanged' : 'update');
    }
    return out;
  },

  async apply(db, ctx, values) {
    const yearOf = yearLoader(ctx, db);
    for (const v of values) {
      const data = await yearOf(v.year);
      await refuseIfLocked(ctx, db, v.year);
      const s = registrableSubject(data, v.subjectType, v.subjectId);
      // checkRows ran in this transaction just before: a missing subject here is a bug, not input.
      if (!s) throw new AppError('INTERNAL', 'Đơn vị không còn thuộc diện đánh giá.');
      await writeRegistration(db, ctx, data, s, v.fields, null);
    }
  },

  async exportRows(ctx, filter: ListFilter) {
    // With or without a year the file is the year's fill-in form: every subject, blank where unregistered.
    const year = filter.year ?? Number(ctx.clock.today().slice(0, 4));
    const data = await yearLoader(ctx, ctx.db)(year);
    const names = new SubjectNames(await listUnits(ctx.db, true), await liveOrganizations(ctx.db));
    const rows: { label: string; row: Record<string, CellValue> }[] = [];
    for (const s of subjectsUnder(data, filter.unitId)) {
      // Resolves back to this subject in the import (a code where two live subjects share a path).
      const label = names.exportLabel(s.type, s.id, year);
      if (filter.search.trim() !== '' && !matchesQuery(label, filter.search)) continue;
      const reg = data.registrations.get(subjectKey(s.type, s.id));
      const d = (iso: string | null | undefined) => (iso ? formatDateVi(iso) : null);
      rows.push({
        label,
        row: {
          year,
          subject: label,
          registeredOn: d(reg?.registeredOn),
          resolutionNumber: reg?.resolutionNumber ?? null,
          resolutionDate: d(reg?.resolutionDate),
          resolutionForm: reg?.resolutionForm ? RESOLUTION_FORM_LABELS[reg.resolutionForm] : null,
          planNumber: reg?.planNumber ?? null,
          planDate: d(reg?.planDate),
          householdsRegistered: reg?.householdsRegistered ?? null,
          staffBriefed: reg?.staffBriefed ?? null,
          staffTotal: reg?.staffTotal ?? null,
          departmentsGood: reg?.departmentsGood ?? null,
          departmentsTotal: reg?.departmentsTotal ?? null,
          note: reg?.note ?? null,
        },
      });
    }
    rows.sort((a, b) => compareVietnamese(a.label, b.label));
    return rows.map((r) => r.row);
  },
};
