/**
 * Leadership documents (domain.md §9.1 section 2, "Công tác lãnh đạo, chỉ đạo"): the resolutions,
 * directives, programmes and plans a Party committee, People's Committee or the police of a unit
 * issued on security and order and the movement. A small record: date, unit, type, number/symbol,
 * title. Pure.
 */
import { foldVietnamese } from '../lib/text';

export const LEADERSHIP_DOC_TYPES = ['nghi_quyet', 'chi_thi', 'chuong_trinh', 'ke_hoach', 'khac'] as const;
export type LeadershipDocType = (typeof LEADERSHIP_DOC_TYPES)[number];

export const LEADERSHIP_DOC_TYPE_LABELS: Readonly<Record<LeadershipDocType, string>> = {
  nghi_quyet: 'Nghị quyết',
  chi_thi: 'Chỉ thị',
  chuong_trinh: 'Chương trình',
  ke_hoach: 'Kế hoạch',
  khac: 'Văn bản khác (hướng dẫn, công văn chỉ đạo)',
};

/** How a sentence counts them: "2 nghị quyết", "3 kế hoạch". */
export const LEADERSHIP_DOC_TYPE_WORDS: Readonly<Record<LeadershipDocType, string>> = {
  nghi_quyet: 'nghị quyết',
  chi_thi: 'chỉ thị',
  chuong_trinh: 'chương trình',
  ke_hoach: 'kế hoạch',
  khac: 'văn bản chỉ đạo khác',
};

export interface LeadershipDoc {
  id: string;
  unitId: string;
  issuedOn: string;
  docType: LeadershipDocType;
  /** Số, ký hiệu: "05-NQ/ĐU", "112/KH-UBND". */
  number: string;
  title: string;
}

/** Cross-field rules of a document, as Vietnamese messages keyed by field (empty when valid). */
export function checkLeadershipDoc(d: Pick<LeadershipDoc, 'number' | 'title'>): Record<string, string> {
  const out: Record<string, string> = {};
  if (d.number.trim() === '') out['number'] = 'Hãy nhập số, ký hiệu của văn bản (ví dụ 05-NQ/ĐU).';
  if (d.title.trim() === '') out['title'] = 'Hãy nhập trích yếu nội dung của văn bản.';
  return out;
}

/** The natural key of a document: one unit does not issue the same number twice in a year. */
export function leadershipDocKey(d: Pick<LeadershipDoc, 'unitId' | 'issuedOn' | 'number'>): string {
  return `${d.unitId}|${d.issuedOn.slice(0, 4)}|${foldVietnamese(d.number).replace(/\s+/g, '')}`;
}
