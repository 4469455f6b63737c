/**
 * The report figures that neither activity records nor the HD22 registries give (issue 9 item 12):
 * leadership documents issued in the period (dated records, a plain sum), the Tổ bảo vệ ANTT ratings
 * of the rating year by level (HD01), and the Decision 510 classes of the year by subject group
 * (from the rubric scores). Pure: the service passes the rows already read.
 */
import type { Hd01Level } from '../mass-orgs';
import type { ClassId } from '../criteria/rubric';
import type { LeadershipDoc } from '../leadership';
import type { DatePeriod } from './periods';
import { emptyReportFigures, type ClassGroup, type ReportFigures } from './indicators';

export interface TeamRatingRow {
  unitId: string;
  level: Hd01Level;
}

export interface ClassRow {
  unitId: string;
  group: ClassGroup;
  /** The class that decides (the appraised one once there is one); null = scored but not classed. */
  class: ClassId | null;
}

/** Which group of the report a rubric subject's category falls in. */
export function classGroupOf(category: string): ClassGroup {
  if (category === 'khu_dan_cu') return 'khu_dan_cu';
  if (category === 'co_quan' || category === 'doanh_nghiep' || category === 'co_so_giao_duc') return 'to_chuc';
  return 'don_vi';
}

export function reportFigures(
  input: { docs: readonly LeadershipDoc[]; teams: readonly TeamRatingRow[]; classes: readonly ClassRow[] },
  inScope: (unitId: string) => boolean,
  period: DatePeriod,
): ReportFigures {
  const f = emptyReportFigures();
  for (const d of input.docs) {
    if (!inScope(d.unitId) || d.issuedOn < period.from || d.issuedOn > period.to) continue;
    f['leadership.total']++;
    f[`leadership.type.${d.docType}`]++;
  }
  for (const t of input.teams) {
    if (!inScope(t.unitId)) continue;
    f['teams.rated']++;
    f[`teams.rating.${t.level}`]++;
  }
  for (const c of input.classes) {
    if (!inScope(c.unitId) || c.class === null) continue;
    f[`classes.${c.group}.total`]++;
    f[`classes.${c.group}.${c.class}`]++;
  }
  return f;
}
