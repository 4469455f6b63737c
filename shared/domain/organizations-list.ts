/**
 * What the organisations list shows in its cells and orders by (the screen and organizations.page
 * use the same functions, so the backend's order is the order the table used to give).
 */
import { MANAGING_LEVEL_LABELS, ORG_KIND_LABELS, subKindLabel, type ManagingLevel, type OrgKind } from './organizations';
import { compareVietnamese } from '../lib/text';

interface ListedOrg {
  kind: OrgKind;
  subKind: string;
  unitPath: readonly string[];
  name: string;
  managingLevel: ManagingLevel;
  validTo: string | null;
  eligibility: { status: string };
}

/** "Doanh nghiệp · Hợp tác xã", or just the sub-kind when it already names the kind. */
export function orgKindText(o: Pick<ListedOrg, 'kind' | 'subKind'>): string {
  const kind = ORG_KIND_LABELS[o.kind];
  const sub = subKindLabel(o.kind, o.subKind);
  return sub.toLowerCase().startsWith(kind.toLowerCase()) ? sub : `${kind} · ${sub}`;
}

/** The unit cell: the path below the office's root (implied), or the root for one placed right under it. */
export function orgUnitLabel(o: Pick<ListedOrg, 'unitPath'>): string {
  return o.unitPath.length > 1 ? o.unitPath.slice(1).join(' › ') : (o.unitPath[0] ?? '—');
}

/** The orders organizations.page can give: the list's own order, or one column's. */
export const ORG_SORT_KEYS = ['default', 'name', 'kind', 'unit', 'managingLevel', 'eligibility', 'status'] as const;
export type OrgSortKey = (typeof ORG_SORT_KEYS)[number];

/** The value a column orders by (what the table's header click sorted by on the screen). */
export const ORG_SORT_VALUE: Record<Exclude<OrgSortKey, 'default'>, (o: ListedOrg) => string> = {
  name: (o) => o.name,
  kind: orgKindText,
  unit: orgUnitLabel,
  managingLevel: (o) => MANAGING_LEVEL_LABELS[o.managingLevel],
  eligibility: (o) => o.eligibility.status,
  status: (o) => o.validTo ?? '',
};

/** The table's comparison: empty values last going up, Vietnamese order otherwise. */
export function compareCells(a: string, b: string): number {
  if (a === '') return b === '' ? 0 : 1;
  if (b === '') return -1;
  return compareVietnamese(a, b);
}

/**
 * The list in the asked order. `rows` come in the default order (name, then unit path); a column's
 * order is a stable sort over it, as the table's was, so ties keep the default order both ways.
 */
export function orderOrgs<T extends ListedOrg>(rows: readonly T[], key: OrgSortKey, dir: 'asc' | 'desc'): T[] {
  const sign = dir === 'asc' ? 1 : -1;
  if (key === 'default') return dir === 'asc' ? [...rows] : [...rows].reverse();
  const get = ORG_SORT_VALUE[key];
  const keyed = rows.map((row, i) => ({ row, i, v: get(row) }));
  keyed.sort((a, b) => sign * compareCells(a.v, b.v) || a.i - b.i);
  return keyed.map((k) => k.row);
}
