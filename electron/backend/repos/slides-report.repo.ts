/**
 * Next year's tasks for the deck: the "phương hướng, nhiệm vụ" section of the year's report.
 *
 * The reports table (migration 0015, issue 13 item 2) is not on this branch yet; until it is, no
 * year has a report and the deck says so on its tasks slide ("Chưa có báo cáo năm …").
 */
import type { Db } from './units.repo';
import type { ReportTasks } from '../../../shared/domain/slides';

export function reportTasksOfYear(_db: Db, _year: number): Promise<ReportTasks | null> {
  return Promise.resolve(null);
}
