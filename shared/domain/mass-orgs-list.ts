/**
 * What the mass organisations list orders by (the screen's columns and massOrgs.page use the same
 * functions, so the backend's order is the order the table gave when it held the whole list). Pure.
 */
import { NOT_RATED_LABEL, RATING_LABELS, type NotRatedReason, type RatingLevel } from './mass-orgs';
import { compareVietnamese } from '../lib/text';

interface ListedMassOrg {
  id: string;
  kindId: string;
  unitId: string;
  name: string;
  validTo: string | null;
  members: number;
  rating: { level: RatingLevel | null; notRatedReason: NotRatedReason | null } | null;
}

/** The orders massOrgs.page can give: the list's own order (name, then id), or one column's. */
export const MASS_ORG_SORT_KEYS = ['default', 'name', 'kind', 'unit', 'members', 'rating', 'status'] as const;
export type MassOrgSortKey = (typeof MASS_ORG_SORT_KEYS)[number];

/** Plain text of a rating, for sorting and titles ('' when the year has no rating). */
export function massOrgRatingText(r: ListedMassOrg['rating'] | undefined): string {
  if (!r) return '';
  return r.level ? RATING_LABELS[r.level] : NOT_RATED_LABEL;
}

/** Names the list needs that are not on the row: the kind's name and the unit's path below the office. */
export interface MassOrgNamers {
  kindName: (kindId: string) => string;
  unitPath: (unitId: string) => string;
}

/** The value a column orders by (what the table's header click sorted by on the screen). */
export function massOrgSortValue(key: Exclude<MassOrgSortKey, 'default'>, names: MassOrgNamers): (o: ListedMassOrg) => string | number {
  switch (key) {
    case 'name':
      return (o) => o.name;
    case 'kind':
      return (o) => names.kindName(o.kindId);
    case 'unit':
      return (o) => names.unitPath(o.unitId);
    case 'members':
      return (o) => o.members;
    case 'rating':
      return (o) => massOrgRatingText(o.rating);
    case 'status':
      return (o) => o.validTo ?? '';
  }
}

/** The table's comparison: empty values last going up, numbers by value, text in Vietnamese order. */
function compareCells(a: string | number, b: string | number): number {
  if (a === '') return b === '' ? 0 : 1;
  if (b === '') return -1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return compareVietnamese(String(a), String(b));
}

/** The list's own order: name in Vietnamese order, then id (two organisations of one name). */
export function compareMassOrgs(a: ListedMassOrg, b: ListedMassOrg): number {
  return compareVietnamese(a.name, b.name) || a.id.localeCompare(b.id);
}

/**
 * The list in the asked order. `rows` come in the default order; a column's order is a stable sort
 * over it, as the table's was, so ties keep the default order both ways.
 */
export function orderMassOrgs<T extends ListedMassOrg>(
  rows: readonly T[],
  key: MassOrgSortKey,
  dir: 'asc' | 'desc',
  names: MassOrgNamers,
): T[] {
  if (key === 'default') return dir === 'asc' ? [...rows] : [...rows].reverse();
  const sign = dir === 'asc' ? 1 : -1;
  const get = massOrgSortValue(key, names);
  const keyed = rows.map((row, i) => ({ row, i, v: get(row) }));
  keyed.sort((a, b) => sign * compareCells(a.v, b.v) || a.i - b.i);
  return keyed.map((k) => k.row);
}
