/**
 * What the office decides about its incident categories for the period figures (issue 9 items 11
 * and 12): which crime categories are "trọng án" in its statistics, and which field of crime
 * (trật tự xã hội, kinh tế, ma túy, môi trường) a crime category belongs to. Stored in the database
 * (period_category_settings); a category without a row takes the shipped default below. Pure.
 */
import { CRIME_CATEGORIES, GRAVE_CRIME_CATEGORIES, INCIDENT_CATEGORY_INFO, type IncidentCategory } from '../activities';

/** The fields of crime a report counts separately (domain.md §9.2 "crimes by field"). */
export const CRIME_FIELDS = ['trat_tu_xa_hoi', 'kinh_te', 'ma_tuy', 'moi_truong'] as const;
export type CrimeField = (typeof CRIME_FIELDS)[number];
export const CRIME_FIELD_LABELS: Readonly<Record<CrimeField, string>> = {
  trat_tu_xa_hoi: 'Trật tự xã hội',
  kinh_te: 'Kinh tế',
  ma_tuy: 'Ma túy',
  moi_truong: 'Môi trường',
};
/** How a sentence names the crimes of a field: "tội phạm về trật tự xã hội". */
export const CRIME_FIELD_WORDS: Readonly<Record<CrimeField, string>> = {
  trat_tu_xa_hoi: 'trật tự xã hội',
  kinh_te: 'kinh tế',
  ma_tuy: 'ma túy',
  moi_truong: 'môi trường',
};

/** The categories whose properties the office can set: the crime categories. */
export const SETTABLE_CATEGORIES: readonly IncidentCategory[] = CRIME_CATEGORIES;

export interface CategoryRule {
  category: IncidentCategory;
  /** Counted as "trọng án" in the office's statistics. */
  grave: boolean;
  /** The field of crime the category's cases count under; null = not assigned ("chưa xác định"). */
  field: CrimeField | null;
}

/**
 * Shipped default (docs/decisions.md (h2a-period)): the very serious and especially serious classes are
 * "trọng án", as police statistics have counted them so far; no field is assumed, because a
 * severity class says nothing about the field of the offence.
 */
export const DEFAULT_GRAVE_CATEGORIES: readonly IncidentCategory[] = GRAVE_CRIME_CATEGORIES;

export function defaultRule(category: IncidentCategory): CategoryRule {
  return { category, grave: DEFAULT_GRAVE_CATEGORIES.includes(category), field: null };
}

/** The rule of every settable category: the stored one where there is one, else the default. */
export function categoryRules(stored: readonly CategoryRule[]): CategoryRule[] {
  const byCat = new Map(stored.map((r) => [r.category, r]));
  return SETTABLE_CATEGORIES.map((c) => byCat.get(c) ?? defaultRule(c));
}

/** What counting needs from the rules. */
export interface CountingRules {
  grave: ReadonlySet<IncidentCategory>;
  fieldOf: ReadonlyMap<IncidentCategory, CrimeField>;
}

export function countingRules(rules: readonly CategoryRule[]): CountingRules {
  const grave = new Set<IncidentCategory>();
  const fieldOf = new Map<IncidentCategory, CrimeField>();
  for (const r of rules) {
    if (INCIDENT_CATEGORY_INFO[r.category].group !== 'toi_pham') continue;
    if (r.grave) grave.add(r.category);
    if (r.field !== null) fieldOf.set(r.category, r.field);
  }
  return { grave, fieldOf };
}

export const DEFAULT_COUNTING_RULES: CountingRules = countingRules(categoryRules([]));

/** "các loại tội phạm rất nghiêm trọng, đặc biệt nghiêm trọng": how the screen names the list. */
export function graveListText(rules: CountingRules): string {
  const names = SETTABLE_CATEGORIES.filter((c) => rules.grave.has(c)).map((c) => INCIDENT_CATEGORY_INFO[c].label.toLowerCase());
  return names.length === 0 ? 'chưa chọn loại nào' : names.join('; ');
}
