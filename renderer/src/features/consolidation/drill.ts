/**
 * The drill-down to the records behind a figure: the target list opens on a unit, a period and,
 * where the list has them, a tab or a category. Used by the province's breakdown by office (an
 * office's records) and by the dashboard of "Tổng quan" (a key figure, a chart, a ranking row).
 * Kept for one hand-over in the session, because the sections are switched by the address
 * (#/co-quan) and a list keeps its own filters afterwards.
 */
const KEY = 'antq.drill';

export type DrillSection = 'co-quan' | 'hoat-dong' | 'mo-hinh' | 'to-chuc' | 'danh-gia';

export interface Drill {
  section: DrillSection;
  /** The unit (with everything below it); null = the whole office. */
  unitId: string | null;
  from: string | null;
  to: string | null;
  /** The tab or category the list opens on (an activity kind, an evaluation category); null = the list's own. */
  kind?: string | null;
}

export function drillTo(d: Drill): void {
  sessionStorage.setItem(KEY, JSON.stringify(d));
  window.location.hash = `#/${d.section}`;
}

const textOrNull = (v: unknown): string | null => (typeof v === 'string' ? v : null);

/** The drill-down waiting for `section`, removed once taken; null when there is none. */
export function takeDrill(section: DrillSection): Drill | null {
  const raw = sessionStorage.getItem(KEY);
  if (raw === null) return null;
  try {
    const d = JSON.parse(raw) as Partial<Drill>;
    if (d.section !== section || (d.unitId !== null && typeof d.unitId !== 'string')) return null;
    sessionStorage.removeItem(KEY);
    return { section, unitId: d.unitId, from: textOrNull(d.from), to: textOrNull(d.to), kind: textOrNull(d.kind) };
  } catch {
    sessionStorage.removeItem(KEY);
    return null;
  }
}

/** The year a drill-down's period starts in, or null. */
export function drillYear(d: Drill | null): number | null {
  return d?.from ? Number(d.from.slice(0, 4)) : null;
}
