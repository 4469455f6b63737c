/**
 * How the activity screens read ACTIVITY_FIELDS and ACTIVITY_KIND_INFO: how a row's value is
 * shown, which fields a form shows for the values typed so far, a record's short label, and the
 * values carried from the last record entered in this session.
 */
import {
  ACTIVITY_FIELDS,
  ACTIVITY_KIND_INFO,
  INCIDENT_CATEGORY_INFO,
  activityField,
  emptyRecord,
  recordName,
  type ActivityKind,
  type FieldSpec,
  type IncidentCategory,
} from '../../../../shared/domain/activities';
import { allowedExcuses } from '../../../../shared/domain/incident-categories';
import type { ActivityRows } from '../../../../shared/ipc/contracts/activities.contract';
import { formatDateVi } from '../../../../shared/lib/dates';
import { OWNERSHIP_TEXTS } from '../../../../shared/domain/ownership';
import { ACT } from './texts';

export type ActivityRow = ActivityRows[ActivityKind];
/** A record as the form holds it: field key → value (numbers may be '' while being typed). */
export type Values = Record<string, unknown>;

/** A field of a kind by key. */
export const fieldOf = activityField;

export function valueOf(row: ActivityRow | Values, key: string): unknown {
  return (row as Record<string, unknown>)[key];
}

export const formatNumber = (n: number): string => n.toLocaleString('vi-VN');

/** A row's value as lists and the detail view show it. */
export function displayValue(kind: ActivityKind, f: FieldSpec, row: ActivityRow): string {
  const v = valueOf(row, f.key);
  switch (f.type) {
    case 'unit':
      return row.unitName;
    case 'org':
      return (valueOf(row, 'organizationName') as string | null) ?? '';
    case 'team':
      return (valueOf(row, 'teamName') as string | null) ?? '';
    case 'date':
      return typeof v === 'string' ? formatDateVi(v) : '';
    case 'enum':
      return typeof v === 'string' ? (f.options?.[v] ?? v) : '';
    case 'int':
    case 'money':
      return typeof v === 'number' ? formatNumber(v) : '';
    case 'bool':
      return v === true ? ACT.yes : '';
    case 'year':
      return typeof v === 'number' ? String(v) : '';
    default:
      // A required text with no value: a personal value an office's file left out (NULL at the province).
      if (v === null && f.required) return OWNERSHIP_TEXTS.unknown;
      return typeof v === 'string' ? v : '';
  }
}

/** A sortable value of a row's field (numbers as numbers, the rest as shown). */
export function sortValue(kind: ActivityKind, f: FieldSpec, row: ActivityRow): string | number | null {
  const v = valueOf(row, f.key);
  if (f.type === 'int' || f.type === 'money' || f.type === 'year') return typeof v === 'number' ? v : null;
  if (f.type === 'date') return typeof v === 'string' ? v : null;
  if (f.type === 'bool') return v === true ? 1 : 0;
  return displayValue(kind, f, row) || null;
}

/** Short name of a record for notifications and the bin: "12/03/2026 — Phòng, chống ma túy". */
export function recordLabel(kind: ActivityKind, row: ActivityRow | Values): string {
  const place = valueOf(row, ACTIVITY_KIND_INFO[kind].placement);
  // The placement field is a date (ISO text) or a year (number).
  const when = typeof place === 'string' ? formatDateVi(place) : typeof place === 'number' ? String(place) : '';
  return `${when} — ${recordName(kind, row)}`;
}

const EXCUSE_FIELDS = new Set(['excuse', 'excuseReason', 'excuseApprovedBy', 'excuseApprovedOn']);

/**
 * Whether the form shows a field for the values typed so far: the excuse of an incident only for
 * the categories Circular 124 lets one excuse, a tip's legal outcome and extensions only for a
 * criminal tip, a forum's opinions only for "Công an lắng nghe ý kiến Nhân dân". A hidden field is
 * sent as empty, so a value typed before the category changed never reaches the record unseen.
 */
export function isFieldShown(kind: ActivityKind, key: string, values: Values): boolean {
  if (kind === 'incidents' && EXCUSE_FIELDS.has(key)) {
    const info = INCIDENT_CATEGORY_INFO[values['category'] as IncidentCategory] as
      (typeof INCIDENT_CATEGORY_INFO)[IncidentCategory] | undefined;
    return info?.excusable ?? false;
  }
  if (kind === 'tips' && (key === 'outcome' || key === 'extensions')) return values['legalType'] != null;
  if (kind === 'events' && (key === 'opinionsRaised' || key === 'opinionsAnswered')) return values['kind'] === 'lang_nghe';
  return true;
}

/**
 * The choices of an enum field for the values typed so far: an incident's excuse offers only the
 * grounds Circular 124 allows for its category (crimes: handled in time; fires, accidents: force
 * majeure), so a wrong ground cannot be picked.
 */
export function enumOptions(kind: ActivityKind, f: FieldSpec, values: Values): { value: string; label: string }[] {
  const all = Object.entries(f.options ?? {}).map(([value, label]) => ({ value, label }));
  if (kind !== 'incidents' || f.key !== 'excuse') return all;
  const allowed: readonly string[] = typeof values['category'] === 'string' ? allowedExcuses(values['category'] as IncidentCategory) : [];
  return all.filter((o) => allowed.includes(o.value));
}

/** Form values of a new record: the kind's defaults, numbers empty (typed over, sent as 0). */
export function blankValues(kind: ActivityKind, today: string): Values {
  const base = emptyRecord(kind, today);
  const out: Values = {};
  for (const f of ACTIVITY_FIELDS[kind]) out[f.key] = toFormValue(f, base[f.key]);
  return out;
}

function toFormValue(f: FieldSpec, v: unknown): unknown {
  if (f.type === 'int' || f.type === 'money') return typeof v === 'number' && v !== 0 ? v : '';
  if (f.type === 'text' || f.type === 'longtext') return typeof v === 'string' ? v : '';
  return v ?? null;
}

/** Form values of an existing row (edit or duplicate). */
export function valuesFromRow(kind: ActivityKind, row: ActivityRow): Values {
  const out: Values = {};
  for (const f of ACTIVITY_FIELDS[kind]) out[f.key] = toFormValue(f, valueOf(row, f.key));
  return out;
}

/** New-record values with the carried fields of `source` (the last record entered, or the newest in the list). */
export function carriedValues(kind: ActivityKind, today: string, source: Values | null): Values {
  const out = blankValues(kind, today);
  if (!source) return out;
  for (const f of ACTIVITY_FIELDS[kind]) if (f.carry && source[f.key] !== undefined) out[f.key] = source[f.key];
  return out;
}

/** The record as the contract takes it: hidden fields emptied, empty numbers as 0, text as typed. */
export function recordFromValues(kind: ActivityKind, values: Values, today: string): Values {
  const empty = emptyRecord(kind, today);
  const out: Values = {};
  for (const f of ACTIVITY_FIELDS[kind]) {
    const v = values[f.key];
    if (!isFieldShown(kind, f.key, values)) {
      out[f.key] = f.type === 'text' || f.type === 'longtext' ? null : (empty[f.key] ?? null);
      continue;
    }
    switch (f.type) {
      case 'int':
      case 'money':
        out[f.key] = v === '' || v === null || v === undefined ? 0 : v;
        break;
      case 'text':
      case 'longtext':
        out[f.key] = typeof v === 'string' ? v : '';
        break;
      case 'year':
        out[f.key] = v === '' ? null : v;
        break;
      case 'bool':
        out[f.key] = v === true;
        break;
      default:
        out[f.key] = v ?? null;
    }
  }
  return out;
}

/** Keys of a save error's details ("record.date") as form fields ("date"). */
export function fieldErrors(details: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, msg] of Object.entries(details)) {
    const key = k.startsWith('record.') ? k.slice('record.'.length) : k;
    if (!(key in out)) out[key] = msg;
  }
  return out;
}

// The last record entered per kind in this session, so the next form starts from it.
const lastEntered = new Map<ActivityKind, Values>();

export function rememberEntered(kind: ActivityKind, values: Values): void {
  lastEntered.set(kind, { ...values });
}

export function lastEnteredValues(kind: ActivityKind): Values | null {
  return lastEntered.get(kind) ?? null;
}
