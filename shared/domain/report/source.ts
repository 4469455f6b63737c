/**
 * What a report is built from (and what an issued report freezes): the period figures and their
 * sentences for the report's period and territory, the "An toàn về ANTT" registration and
 * recognition sentences of the year, and one appendix row per unit directly below the territory.
 * The registration and recognition of the year are the board's counts per category (the total
 * row's `registration`). The service gathers it (electron/backend/services/reports.service.ts); the builder (build.ts)
 * only words and lays it out. Plain JSON.
 */
import type { PeriodSection } from '../period/indicators';
import type { BoardCategory } from '../evaluation';

/** One indicator of the comparison with the previous equal period (a subset of period.figures' rows). */
export interface SourceComparisonRow {
  key: string;
  label: string;
  unit: string;
  depth: 0 | 1;
  format: 'int' | 'money' | 'percent';
  value: number;
  previous: number;
  text: string;
  hasValue: boolean;
  hasPrevious: boolean;
  missing: boolean;
  missingPrevious: boolean;
}

/** Activity kinds whose indicators start with the kind's name ("propaganda.sessions"). */
export const PREVIOUS_KINDS = ['propaganda', 'events', 'tips', 'mediations', 'incidents', 'awards'] as const;
export type PreviousKind = (typeof PREVIOUS_KINDS)[number];

export interface RegistrationCount {
  /** Subjects in scope (eligible organisations only). */
  total: number;
  registered: number;
  recognised: number;
}

/** One row of the appendix tables: a unit directly below the territory, or the records on the territory itself. */
export interface AppendixRow {
  name: string;
  /** Records entered on the territory's own unit rather than a unit below it. */
  direct: boolean;
  /** The unit ended before or during the period. */
  endedOn: string | null;
  activity: { sessions: number; attendance: number; tips: number; valuable: number };
  /** Null where not counted for this row (the territory's own row): shown as "—". */
  registration: Record<BoardCategory, RegistrationCount> | null;
  models: { types: number; sites: number; newSites: number } | null;
  massOrgs: { organizations: number; members: number } | null;
}

export interface ReportSource {
  /** "Năm 2026", "Giai đoạn 2020 - 2022". */
  periodLabel: string;
  previousLabel: string;
  /** The territory's name ("Công an thị xã Sa Pa" or a commune). */
  unitName: string;
  sentences: Record<PeriodSection, string>;
  comparison: SourceComparisonRow[];
  /**
   * Records of each activity kind in the previous equal period: with none, the previous column of
   * that kind's rows says "thiếu dữ liệu" (nothing was entered), not 0. Absent: every row has one.
   */
  previousRecords?: Partial<Record<PreviousKind, number>>;
  rows: AppendixRow[];
  /** The whole territory (a total over the rows; model types are distinct types, not a sum). */
  total: AppendixRow;
  /**
   * The registration and recognition sentences of the year with the households (issue 14 item 3,
   * shared/domain/period/registration-sentences.ts). Absent in sources frozen before: the older
   * recognition sentence is written from `total.registration`.
   */
  registrationSentences?: { registration: string; recognition: string };
}
