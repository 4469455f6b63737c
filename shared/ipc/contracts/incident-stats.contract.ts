/**
 * Completeness of the incident statistics (issue 9 item 3, domain.md §5.6 N7): per subject (unit or
 * organisation), year and completeness group, whether the statistics count as entered — a row of
 * the group in the evaluation window, or an officer's declaration "đã nhập đủ".
 */
import { z } from 'zod';
import { isoDate, optionalText, requiredText, uuid, year } from '../common';
import { SUBJECT_TYPES } from '../../domain/evaluation';
import { COMPLETENESS_GROUPS } from '../../domain/incident-categories';

const subject = {
  subjectType: z.enum(SUBJECT_TYPES, { error: 'Loại đối tượng không hợp lệ.' }),
  subjectId: uuid,
  year,
};

export const completenessGroupDto = z.object({
  group: z.enum(COMPLETENESS_GROUPS),
  label: z.string(),
  /** Incident rows of the group in the subject's evaluation window. */
  rows: z.number().int(),
  declaration: z.object({ by: z.string(), on: z.string(), note: z.string().nullable() }).nullable(),
  /** Covered by the whole-year declaration of the older figures form. */
  wholeYear: z.boolean(),
  /** Entered: rows, a declaration or the whole-year declaration. */
  complete: z.boolean(),
});
export type CompletenessGroupDto = z.infer<typeof completenessGroupDto>;

export const incidentCompletenessDto = z.object({
  subjectType: z.enum(SUBJECT_TYPES),
  subjectId: z.string(),
  year: z.number().int(),
  /** The evaluation window the rows are counted in (yyyy-MM-dd). */
  from: z.string(),
  to: z.string(),
  groups: z.array(completenessGroupDto),
});
export type IncidentCompletenessDto = z.infer<typeof incidentCompletenessDto>;

export const incidentStatsContract = {
  'incidentStats.completeness': {
    input: z.object(subject).strict(),
    output: incidentCompletenessDto,
  },
  /**
   * Sets which groups are declared "đã nhập đủ" for the subject and year: the listed groups are
   * declared (by, on), the others withdrawn. Refused for a frozen year.
   */
  'incidentStats.declare': {
    input: z
      .object({
        ...subject,
        groups: z
          .array(z.enum(COMPLETENESS_GROUPS, { error: 'Nhóm vụ việc không hợp lệ.' }))
          .max(COMPLETENESS_GROUPS.length)
          .refine((g) => new Set(g).size === g.length, { error: 'Danh sách nhóm vụ việc có nhóm trùng nhau.' }),
        by: requiredText('Người xác nhận', 200),
        on: isoDate,
        note: optionalText('Ghi chú', 1000),
      })
      .strict(),
    output: incidentCompletenessDto,
  },
} as const;
