/**
 * Next year's tasks for the deck: the "phương hướng, nhiệm vụ" section (key 'phuong_huong') of the
 * year's report (reports table, migration 0015). The report of a year is one whose period ends in
 * that (statistical) year, for the same part of the territory (null = the whole office); an issued
 * report comes before any draft (the latest issued first), then the latest draft; a year-end
 * review ("tổng kết năm") before other kinds of the same status.
 */
import type { Db } from './units.repo';
import type { ReportTasks } from '../../../shared/domain/slides';

function sectionText(json: string): string {
  try {
    const parsed = JSON.parse(json) as unknown;
    const text = parsed && typeof parsed === 'object' ? (parsed as Record<string, unknown>)['phuong_huong'] : undefined;
    return typeof text === 'string' ? text : '';
  } catch {
    return '';
  }
}

export async function reportTasksOfYear(db: Db, year: number, unitId: string | null): Promise<ReportTasks | null> {
  let q = db
    .selectFrom('reports')
    .select(['kind', 'status', 'sections_json', 'document_date', 'issued_at', 'updated_at'])
    .where('period_to', '>=', `${year}-01-01`)
    .where('period_to', '<=', `${year}-12-31`);
  q = unitId === null ? q.where('unit_id', 'is', null) : q.where('unit_id', '=', unitId);
  const rows = await q.execute();
  const rank = (r: (typeof rows)[number]) => (r.status === 'issued' ? 0 : 2) + (r.kind === 'tong_ket_nam' ? 0 : 1);
  const best = rows.sort((a, b) => rank(a) - rank(b) || (b.issued_at ?? b.updated_at).localeCompare(a.issued_at ?? a.updated_at))[0];
  if (!best) return null;
  const issued = best.status === 'issued';
  return { issued, date: issued ? best.document_date : best.updated_at.slice(0, 10), text: sectionText(best.sections_json) };
}
