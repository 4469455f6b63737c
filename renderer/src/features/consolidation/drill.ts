/**
 * The drill-down from the province's breakdown to an office's records: the target list opens on
 * the office's unit (and the period shown). Kept for one hand-over in the session, because the
 * sections are switched by the address (#/co-quan) and a list keeps its own filters afterwards.
 */
const KEY = 'antq.drill';

export type DrillSection = 'co-quan' | 'hoat-dong';

export interface Drill {
  section: DrillSection;
  unitId: string;
  from: string | null;
  to: string | null;
}

export function drillTo(d: Drill): void {
  sessionStorage.setItem(KEY, JSON.stringify(d));
  window.location.hash = `#/${d.section}`;
}

/** The drill-down waiting for `section`, removed once taken; null when there is none. */
export function takeDrill(section: DrillSection): Drill | null {
  const raw = sessionStorage.getItem(KEY);
  if (raw === null) return null;
  try {
    const d = JSON.parse(raw) as Partial<Drill>;
    if (d.section !== section || typeof d.unitId !== 'string') return null;
    sessionStorage.removeItem(KEY);
    return { section, unitId: d.unitId, from: typeof d.from === 'string' ? d.from : null, to: typeof d.to === 'string' ? d.to : null };
  } catch {
    sessionStorage.removeItem(KEY);
    return null;
  }
}
