/**
 * After an Excel import, a list shows what was written (issue 14 item 6): when the days of the rows
 * written (xlsx.commit's `dates`) fall outside the list's period filter, the filter moves to the
 * whole years that hold them, and the list says so.
 */
export interface Period {
  from: string | null;
  to: string | null;
}

export interface Span {
  from: string;
  to: string;
}

/** The period that shows the span (whole years), or null when the current one already covers it. */
export function periodShowing(current: Period, span: Span): { from: string; to: string } | null {
  const covered = (current.from === null || current.from <= span.from) && (current.to === null || current.to >= span.to);
  if (covered) return null;
  return { from: `${span.from.slice(0, 4)}-01-01`, to: `${span.to.slice(0, 4)}-12-31` };
}

/** For a list showing one year at a time: the year to show (the latest of the span), or null when the current one is in it. */
export function yearShowing(current: number | null, span: Span): number | null {
  const first = Number(span.from.slice(0, 4));
  const last = Number(span.to.slice(0, 4));
  if (current !== null && current >= first && current <= last) return null;
  return last;
}
