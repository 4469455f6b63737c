/**
 * Sentences of the report figures added by issue 9 item 12 (leadership documents, Tổ bảo vệ ANTT
 * ratings, Decision 510 classes, crimes by field), in the words of the seed reports ("ban hành các
 * chỉ thị, nghị quyết, chương trình, kế hoạch…", "CQ/DN/CSGD: 3 Xuất sắc, 45 Khá, 4 Trung bình").
 */
import { HD01_LEVELS } from '../mass-orgs';
import { CLASS_IDS, CLASS_LABELS } from '../criteria/rubric';
import { LEADERSHIP_DOC_TYPES, LEADERSHIP_DOC_TYPE_WORDS } from '../leadership';
import { formatIntVi } from '../../lib/numbers';
import { CLASS_GROUPS, type ActivityFigures, type ReportFigures } from './indicators';
import { CRIME_FIELDS, CRIME_FIELD_WORDS } from './incident-rules';

const n = formatIntVi;

const TEAM_LEVEL_WORDS = {
  hoan_thanh_xuat_sac: 'hoàn thành xuất sắc nhiệm vụ',
  hoan_thanh_tot: 'hoàn thành tốt nhiệm vụ',
  hoan_thanh: 'hoàn thành nhiệm vụ',
  khong_hoan_thanh: 'không hoàn thành nhiệm vụ',
} as const;

const CLASS_GROUP_WORDS = {
  khu_dan_cu: 'khu dân cư',
  don_vi: 'xã, phường, thị trấn',
  to_chuc: 'cơ quan, doanh nghiệp, cơ sở giáo dục',
} as const;

/** "Năm 2026, đã ban hành 5 văn bản lãnh đạo, chỉ đạo …, gồm: 1 nghị quyết, 2 kế hoạch …". */
export function leadershipSentence(f: ReportFigures, intro: string, change: string): string {
  const total = f['leadership.total'];
  if (total === 0) return 'Chưa có số liệu văn bản lãnh đạo, chỉ đạo ban hành trong kỳ.';
  const parts = LEADERSHIP_DOC_TYPES.filter((t) => f[`leadership.type.${t}`] > 0).map(
    (t) => `${n(f[`leadership.type.${t}`])} ${LEADERSHIP_DOC_TYPE_WORDS[t]}`,
  );
  const joint = intro.startsWith('Trong ') ? ' đã ' : ', đã ';
  return (
    `${intro}${joint}ban hành ${n(total)} văn bản lãnh đạo, chỉ đạo về công tác bảo đảm an ninh, trật tự và xây dựng phong trào ` +
    `toàn dân bảo vệ an ninh Tổ quốc${change}, gồm: ${parts.join(', ')}.`
  );
}

/** "Năm 2026, có 16 Tổ bảo vệ an ninh, trật tự được xếp loại, trong đó 3 tổ hoàn thành xuất sắc nhiệm vụ…"; null when none is rated. */
export function teamsSentence(f: ReportFigures, year: number): string | null {
  const rated = f['teams.rated'];
  if (rated === 0) return null;
  const parts = HD01_LEVELS.filter((l) => f[`teams.rating.${l}`] > 0).map((l) => `${n(f[`teams.rating.${l}`])} tổ ${TEAM_LEVEL_WORDS[l]}`);
  return `Kết quả xếp loại năm ${year}: ${n(rated)} Tổ bảo vệ an ninh, trật tự được xếp loại, trong đó ${parts.join(', ')}.`;
}

/** "Kết quả phân loại phong trào năm 2026 theo Quyết định 510: khu dân cư có 12 Xuất sắc, 30 Khá; …". */
export function classificationSentence(f: ReportFigures, year: number): string {
  const groups = CLASS_GROUPS.filter((g) => f[`classes.${g}.total`] > 0).map((g) => {
    const classes = CLASS_IDS.filter((c) => f[`classes.${g}.${c}`] > 0).map((c) => `${n(f[`classes.${g}.${c}`])} ${CLASS_LABELS[c]}`);
    return `${CLASS_GROUP_WORDS[g]} có ${classes.join(', ')}`;
  });
  if (groups.length === 0)
    return `Chưa có kết quả phân loại phong trào năm ${year} theo Quyết định 510 (thiếu dữ liệu: chưa có điểm chấm nào).`;
  return `Kết quả phân loại phong trào toàn dân bảo vệ an ninh Tổ quốc năm ${year} theo Quyết định 510: ${groups.join('; ')}.`;
}

/** " (tội phạm về trật tự xã hội 30 vụ, ma túy 8 vụ; chưa xác định lĩnh vực 2 vụ)"; empty when no field is set. */
export function crimeFieldsClause(f: ActivityFigures): string {
  const fields = CRIME_FIELDS.filter((x) => f[`incidents.field.${x}`] > 0).map(
    (x) => `${CRIME_FIELD_WORDS[x]} ${n(f[`incidents.field.${x}`])} vụ`,
  );
  if (fields.length === 0) return '';
  const unknown = f['incidents.fieldUnknown'] > 0 ? `; chưa xác định lĩnh vực ${n(f['incidents.fieldUnknown'])} vụ` : '';
  return ` (tội phạm về ${fields.join(', ')}${unknown})`;
}
