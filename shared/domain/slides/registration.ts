/**
 * The registration slide of the deck (issue 14, registration figures on every screen that reports
 * them): per kind, the units registered to build the "An toàn về an ninh, trật tự" standard as x/y
 * with the share, the recognitions and the households under it, and the report's sentence
 * ("709/730 khu dân cư với 51.048 hộ gia đình …"). The figures and the sentence are the ones the
 * period screen and the overview show (period.figures → registration-figures.service.ts); this
 * module only lays them out. Nothing recorded is "thiếu dữ liệu", never 0/y. Pure.
 */
import { percentVi } from '../overview';
import { formatIntVi } from '../../lib/numbers';
import {
  ORGANISATION_KINDS,
  REGISTRATION_GROUP_LABELS,
  noRecognitionRecords,
  sentenceGroups,
  noRegistrationRecords,
  type RegistrationFigures,
  type RegistrationGroup,
  type RegistrationSentences,
} from '../period';
import type { EvaluationRow } from './types';

/** The registration figures of the deck's year as period.figures gives them. */
export interface DeckRegistrations {
  figures: RegistrationFigures;
  sentences: RegistrationSentences;
}

export const REGISTRATION_CAPTION = 'đăng ký xây dựng "An toàn về an ninh, trật tự"';
const MISSING = 'thiếu dữ liệu';
const ratio = (part: number, total: number) => `${formatIntVi(part)}/${formatIntVi(total)}`;

function householdsDetail(f: RegistrationFigures): string | null {
  const h = f.households;
  if (f.groups.khu_dan_cu.registered === 0) return null;
  if (h.registered === null) return `Hộ gia đình đăng ký: ${MISSING}`;
  const missing = h.missing > 0 ? ` (${formatIntVi(h.missing)} khu dân cư chưa ghi số hộ)` : '';
  return `${formatIntVi(h.registered)} hộ gia đình đăng ký${missing}`;
}

function row(f: RegistrationFigures, group: RegistrationGroup): EvaluationRow {
  const c = f.groups[group];
  const noRegistrations = noRegistrationRecords(f);
  const details = [`Công nhận: ${noRecognitionRecords(f) ? MISSING : ratio(c.recognised, c.total)}`];
  if (group === 'khu_dan_cu') {
    const h = householdsDetail(f);
    if (h) details.push(h);
  }
  if (group === 'to_chuc') {
    for (const k of ORGANISATION_KINDS.filter((k) => f.groups[k].total > 0)) {
      details.push(`${REGISTRATION_GROUP_LABELS[k]}: ${noRegistrations ? MISSING : ratio(f.groups[k].registered, f.groups[k].total)}`);
    }
  }
  return {
    label: REGISTRATION_GROUP_LABELS[group],
    achieved: noRegistrations ? null : c.registered,
    total: c.total,
    ratio: noRegistrations ? MISSING : ratio(c.registered, c.total),
    percent: noRegistrations ? null : percentVi(c.registered, c.total),
    detail: details.join(' · '),
  };
}

/** The rows, the sentence under them, and the text of a year with no unit at all. */
export function registrationSlideParts(r: DeckRegistrations): { rows: EvaluationRow[]; note: string | null; empty: string | null } {
  const rows = sentenceGroups(r.figures).map((g) => row(r.figures, g));
  if (rows.length === 0) return { rows, note: null, empty: r.sentences.registration };
  return { rows, note: r.sentences.registration, empty: null };
}
