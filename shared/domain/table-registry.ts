/**
 * The table registry: every table that holds the office's data, in one place, as plain data.
 *
 * For each table: its key, its natural key, whether a row belongs to a unit and which column says
 * so, which columns point at a unit, an organisation or a team (a mass organisation of the kind
 * "Tổ hòa giải"), and which columns hold personal data or protected data (the informant of a tip).
 *
 * What reads it:
 * - the unit tree (electron/backend/services/units.service.ts) counts what still points at a unit
 *   from `unitRefs` instead of knowing each feature's tables;
 * - merging or ending a unit lists and moves the records marked `transfer` to the successor;
 * - PERSONAL_MEMBER_FIELDS (shared/domain/mass-orgs.ts) is derived from the `personal` marks;
 * - a test checks that every table a migration creates is listed here, and that every column named
 *   here exists;
 * - the snapshot to the province (electron/backend/handoff/payload.ts) takes each table by its
 *   `handoff` class: scope rows by `unit`, catalogue rows pointed at, personal columns only when the
 *   province's policy asks for them, never a protected one (docs/decisions.md (h12-send) says why
 *   each 'never' table stays home).
 *
 * Pure data: no Node, no SQL. Column and table names are the database's.
 */
import { ACTIVITY_ITEM } from './activities';

/** How a row belongs to a unit (the snapshot of a unit's area takes the rows that belong to it). */
export type UnitOwnership =
  /** The row is a unit. */
  | { via: 'self' }
  /** A column holds the unit's id. */
  | { via: 'column'; column: string }
  /** `idColumn` is a unit's id where `typeColumn` = 'unit' (else an organisation's, which belongs to its unit). */
  | { via: 'subject'; typeColumn: string; idColumn: string }
  /** The row belongs to the unit of its parent row (`column` references `table`). */
  | { via: 'parent'; column: string; table: string }
  /** Office-wide: catalogues, settings, imported files. */
  | { via: 'office' };

/** The groups in which attached records are listed when a unit is merged or ended. */
export const TRANSFER_GROUPS = ['organizations', 'massOrgs', 'teams', 'modelSites'] as const;
export type TransferGroup = (typeof TRANSFER_GROUPS)[number];

/** A column of another table read to describe a row (`column` of this row → `table`.id → `value`). */
export interface Lookup {
  column: string;
  table: string;
  value: string;
}

/** A record that may follow its unit to the successor when the unit is merged or ended. */
export interface TransferSpec {
  group: TransferGroup;
  /** Set once the record no longer applies (ended, stopped): only open rows are offered. */
  endColumn: string;
  /** The record's name in the list. */
  name: { column: string } | { lookup: Lookup };
  /** A second line (the kind of a mass organisation, the place of a model site). */
  detail: { column: string } | { lookup: Lookup } | null;
  /** Rows shown in the `teams` group instead: the lookup's value equals `equals`. */
  teamWhen?: { lookup: Lookup; equals: string };
}

/** What a column that references something means for the thing it references. */
export interface Reference {
  column: string;
  /** Only rows where `when.column` = `when.equals` (subject_type = 'unit'). */
  when?: { column: string; equals: string };
  /**
   * 'record': a record kept about the referenced thing; it cannot be deleted while such a live row
   * points at it, and the refusal says "N <label>".
   * 'history': the thing's own history or log, which goes with it.
   */
  role: 'record' | 'history';
  /** Words after a count: "2 điểm mô hình". Required for 'record'. */
  label?: string;
  /** Unit references only: offered to the successor when the unit is merged or ended. */
  transfer?: TransferSpec;
}

/**
 * What a snapshot to the province does with a table's rows (electron/backend/handoff/payload.ts):
 * - 'scope': every row that belongs to one of the office's units (by `unit`), tombstones included;
 * - 'catalogue': office-wide rows that scope rows point at (only the rows pointed at are sent; the
 *   province keeps them as shared catalogue rows, never deleted by a snapshot);
 * - 'never': this copy's own settings, imported files, seal and hand-off bookkeeping, and the
 *   informant of a tip.
 */
export type HandoffClass = 'scope' | 'catalogue' | 'never';

export interface TableSpec {
  name: string;
  handoff: HandoffClass;
  /** Primary key columns (client-generated UUIDs unless said otherwise). */
  key: readonly string[];
  /** The columns that identify a row to a person (unique where the schema says so), or null. */
  naturalKey: readonly string[] | null;
  /** Has `deleted_at`: a deletion is a tombstone the province must learn of. */
  tombstone: boolean;
  unit: UnitOwnership;
  unitRefs: readonly Reference[];
  organizationRefs: readonly Reference[];
  teamRefs: readonly Reference[];
  /** Personal data (Nghị định 13/2023/NĐ-CP): left out of exports and summaries unless needed. */
  personal: readonly string[];
  /** Protected: read only by one named method (the tip's informant), never listed or exported. */
  protected: readonly string[];
  /**
   * Encrypted at rest under the office's data key, bound to the row's key (electron/backend/keys):
   * every protected column, and the phone and ID-card numbers among the personal ones. Names stay
   * in clear where a registry is searched by them (docs/decisions.md (h15-crypt)).
   */
  encrypted: readonly string[];
}

type Spec = Partial<Omit<TableSpec, 'name' | 'unit' | 'handoff'>> & Pick<TableSpec, 'unit' | 'handoff'>;

function table(name: string, spec: Spec): TableSpec {
  return {
    name,
    handoff: spec.handoff,
    key: spec.key ?? ['id'],
    naturalKey: spec.naturalKey ?? null,
    tombstone: spec.tombstone ?? false,
    unit: spec.unit,
    unitRefs: spec.unitRefs ?? [],
    organizationRefs: spec.organizationRefs ?? [],
    teamRefs: spec.teamRefs ?? [],
    personal: spec.personal ?? [],
    protected: spec.protected ?? [],
    encrypted: spec.encrypted ?? [],
  };
}

const unitColumn = (column = 'unit_id'): UnitOwnership => ({ via: 'column', column });
const subject: UnitOwnership = { via: 'subject', typeColumn: 'subject_type', idColumn: 'subject_id' };
const history = (column = 'unit_id'): Reference => ({ column, role: 'history' });
/** A record placed in a unit (or an organisation, a team). */
const record = (column: string, label: string, extra: Partial<Reference> = {}): Reference => ({ column, role: 'record', label, ...extra });
const ofUnits = (label: string): Reference => record('subject_id', label, { when: { column: 'subject_type', equals: 'unit' } });
const ofOrganizations = (label: string): Reference =>
  record('subject_id', label, { when: { column: 'subject_type', equals: 'organization' } });

/** The six activity tables: placed in a unit, some in an organisation or with a mediation team. */
function activity(name: string, item: string, extra: Partial<Spec> = {}): TableSpec {
  return table(name, { handoff: 'scope', tombstone: true, unit: unitColumn(), unitRefs: [record('unit_id', item)], ...extra });
}

/**
 * The order is the order of the refusal "đang được dùng trong: …" and of a snapshot: a table
 * comes after every table it references.
 */
export const TABLES: readonly TableSpec[] = [
  // --- the office and its unit tree
  table('units', {
    handoff: 'scope',
    naturalKey: ['parent_id', 'code'],
    tombstone: true,
    unit: { via: 'self' },
    unitRefs: [history('parent_id')],
  }),
  table('office', {
    handoff: 'never',
    naturalKey: ['singleton'],
    unit: { via: 'office' },
    unitRefs: [history('root_unit_id')],
  }),
  table('unit_changes', {
    handoff: 'scope',
    unit: unitColumn(),
    unitRefs: [history()],
  }),
  table('unit_attributes', {
    handoff: 'scope',
    key: ['unit_id'],
    naturalKey: ['unit_id'],
    unit: unitColumn(),
    unitRefs: [history()],
  }),
  table('unit_parents', {
    handoff: 'scope',
    naturalKey: ['unit_id', 'valid_to'],
    unit: unitColumn(),
    unitRefs: [history(), history('parent_id')],
  }),
  table('unit_names', {
    handoff: 'scope',
    naturalKey: ['unit_id', 'valid_to'],
    unit: unitColumn(),
    unitRefs: [history()],
  }),
  table('unit_lineage', {
    handoff: 'scope',
    naturalKey: ['predecessor_id', 'successor_id'],
    unit: unitColumn('successor_id'),
    unitRefs: [history('predecessor_id'), history('successor_id')],
  }),

  // --- registries
  table('organizations', {
    handoff: 'scope',
    naturalKey: ['tax_code'],
    tombstone: true,
    unit: unitColumn(),
    unitRefs: [
      record('unit_id', 'cơ quan, doanh nghiệp, cơ sở giáo dục', {
        transfer: { group: 'organizations', endColumn: 'valid_to', name: { column: 'name' }, detail: { column: 'address' } },
      }),
    ],
  }),
  table('model_types', {
    handoff: 'catalogue',
    naturalKey: ['name_folded'],
    tombstone: true,
    unit: { via: 'office' },
  }),
  table('models', {
    handoff: 'scope',
    naturalKey: ['origin_unit_id', 'name_folded'],
    tombstone: true,
    unit: unitColumn('origin_unit_id'),
    unitRefs: [record('origin_unit_id', 'mô hình (nơi xây dựng)')],
  }),
  table('model_sites', {
    handoff: 'scope',
    tombstone: true,
    unit: unitColumn(),
    unitRefs: [
      record('unit_id', 'điểm mô hình', {
        transfer: {
          group: 'modelSites',
          endColumn: 'ended_on',
          name: { lookup: { column: 'model_id', table: 'models', value: 'name' } },
          detail: { column: 'organization_name' },
        },
      }),
    ],
    organizationRefs: [record('organization_id', 'điểm mô hình')],
  }),
  table('mass_org_kinds', {
    handoff: 'catalogue',
    naturalKey: ['code'],
    unit: { via: 'office' },
  }),
  table('mass_orgs', {
    handoff: 'scope',
    naturalKey: ['unit_id', 'kind_id', 'name_folded'],
    tombstone: true,
    unit: unitColumn(),
    unitRefs: [
      record('unit_id', 'tổ chức quần chúng', {
        transfer: {
          group: 'massOrgs',
          endColumn: 'valid_to',
          name: { column: 'name' },
          detail: { lookup: { column: 'kind_id', table: 'mass_org_kinds', value: 'name' } },
          teamWhen: { lookup: { column: 'kind_id', table: 'mass_org_kinds', value: 'code' }, equals: 'to_hoa_giai' },
        },
      }),
    ],
  }),
  table('unit_year_stats', {
    handoff: 'scope',
    naturalKey: ['unit_id', 'year'],
    unit: unitColumn(),
    unitRefs: [record('unit_id', 'số liệu hộ, nhân khẩu theo năm')],
  }),
  table('model_events', {
    handoff: 'scope',
    naturalKey: ['model_id', 'seq'],
    unit: { via: 'parent', column: 'model_id', table: 'models' },
  }),
  // A status step undone (0018): this office's own trace; the province sees the model's log as it stands.
  table('model_status_undos', {
    handoff: 'never',
    unit: { via: 'parent', column: 'model_id', table: 'models' },
  }),
  table('model_ratings', {
    handoff: 'scope',
    naturalKey: ['model_id', 'year'],
    unit: { via: 'parent', column: 'model_id', table: 'models' },
  }),
  table('model_recognitions', {
    handoff: 'scope',
    tombstone: true,
    unit: { via: 'parent', column: 'model_id', table: 'models' },
  }),
  table('mass_org_ratings', {
    handoff: 'scope',
    naturalKey: ['mass_org_id', 'year'],
    tombstone: true,
    unit: { via: 'parent', column: 'mass_org_id', table: 'mass_orgs' },
  }),
  table('mass_org_members', {
    handoff: 'scope',
    naturalKey: ['mass_org_id', 'full_name_folded', 'birth_year'],
    tombstone: true,
    unit: { via: 'parent', column: 'mass_org_id', table: 'mass_orgs' },
    // The folded and sort forms are derived from the name, so they are personal too.
    personal: ['full_name', 'full_name_folded', 'full_name_sort', 'gender', 'birth_year', 'ethnicity', 'phone'],
    // The name is searched and sorted in SQL (folded, sort key): it stays in clear; the phone does not.
    encrypted: ['phone'],
  }),
  table('mass_org_member_ratings', {
    handoff: 'scope',
    naturalKey: ['member_id', 'year'],
    tombstone: true,
    unit: { via: 'parent', column: 'member_id', table: 'mass_org_members' },
  }),

  // --- activity records
  activity('propaganda_sessions', ACTIVITY_ITEM.propaganda, { organizationRefs: [record('organization_id', ACTIVITY_ITEM.propaganda)] }),
  activity('activity_events', ACTIVITY_ITEM.events),
  activity('tips', ACTIVITY_ITEM.tips),
  activity('mediations', ACTIVITY_ITEM.mediations, { teamRefs: [record('team_id', ACTIVITY_ITEM.mediations)] }),
  activity('incidents', ACTIVITY_ITEM.incidents, { organizationRefs: [record('organization_id', ACTIVITY_ITEM.incidents)] }),
  activity('awards', ACTIVITY_ITEM.awards, {
    organizationRefs: [record('organization_id', ACTIVITY_ITEM.awards)],
    // The name of an individual recipient (recipient = 'ca_nhan'); a collective's name is not personal.
    personal: ['recipient_name'],
  }),
  table('tip_informants', {
    handoff: 'never',
    key: ['tip_id'],
    naturalKey: ['tip_id'],
    unit: { via: 'parent', column: 'tip_id', table: 'tips' },
    protected: ['name', 'phone', 'address', 'id_number', 'note'],
    encrypted: ['name', 'phone', 'address', 'id_number', 'note'],
  }),

  // --- the yearly evaluation and rubrics
  table('evaluation_registrations', {
    handoff: 'scope',
    naturalKey: ['subject_type', 'subject_id', 'year'],
    tombstone: true,
    unit: subject,
    unitRefs: [ofUnits('đăng ký phong trào theo năm')],
    organizationRefs: [ofOrganizations('đăng ký phong trào theo năm')],
  }),
  table('evaluation_attestations', {
    handoff: 'scope',
    naturalKey: ['subject_type', 'subject_id', 'year', 'rule_id'],
    tombstone: true,
    unit: subject,
    unitRefs: [ofUnits('xác nhận tiêu chí')],
    organizationRefs: [ofOrganizations('xác nhận tiêu chí')],
  }),
  table('evaluation_overrides', {
    handoff: 'scope',
    naturalKey: ['subject_type', 'subject_id', 'year', 'rule_id'],
    tombstone: true,
    unit: subject,
    unitRefs: [ofUnits('kết luận thay cho tiêu chí')],
    organizationRefs: [ofOrganizations('kết luận thay cho tiêu chí')],
  }),
  table('evaluation_figures', {
    handoff: 'scope',
    naturalKey: ['subject_type', 'subject_id', 'year'],
    unit: subject,
    unitRefs: [ofUnits('số liệu đánh giá theo năm')],
    organizationRefs: [ofOrganizations('số liệu đánh giá theo năm')],
  }),
  table('evaluation_history', {
    handoff: 'scope',
    unit: subject,
    unitRefs: [{ ...history('subject_id'), when: { column: 'subject_type', equals: 'unit' } }],
    organizationRefs: [{ ...history('subject_id'), when: { column: 'subject_type', equals: 'organization' } }],
  }),
  table('evaluation_freezes', {
    handoff: 'never',
    unit: { via: 'office' },
  }),
  table('evaluation_frozen_results', {
    handoff: 'never',
    naturalKey: ['freeze_id', 'subject_type', 'subject_id'],
    unit: subject,
    unitRefs: [ofUnits('kết quả đánh giá đã chốt')],
    organizationRefs: [ofOrganizations('kết quả đánh giá đã chốt')],
  }),
  table('rule_set_files', {
    handoff: 'never',
    naturalKey: ['rule_set_id', 'version'],
    unit: { via: 'office' },
  }),
  table('rubric_files', {
    handoff: 'never',
    naturalKey: ['rubric_id', 'version'],
    unit: { via: 'office' },
  }),
  table('evaluation_settings', {
    handoff: 'never',
    naturalKey: ['singleton'],
    unit: { via: 'office' },
  }),
  table('rubric_scores', {
    handoff: 'scope',
    naturalKey: ['subject_id', 'year', 'rubric_id', 'kind'],
    unit: subject,
    unitRefs: [ofUnits('điểm chấm theo thang điểm')],
    organizationRefs: [ofOrganizations('điểm chấm theo thang điểm')],
  }),

  // --- incident statistics declared complete per unit, year and group (0009)
  table('incident_stats_declarations', {
    handoff: 'scope',
    naturalKey: ['subject_type', 'subject_id', 'year', 'group_code'],
    tombstone: true,
    unit: subject,
    unitRefs: [ofUnits('xác nhận đã nhập đủ số liệu vụ việc')],
    organizationRefs: [ofOrganizations('xác nhận đã nhập đủ số liệu vụ việc')],
  }),

  // --- the keyed seal of frozen years: a MAC-chained ledger of freezes and unfreezes (0010)
  table('evaluation_seal_ledger', {
    handoff: 'never',
    naturalKey: ['seq'],
    unit: { via: 'office' },
  }),

  // --- period figures: the office's settings and its leadership documents (0011)
  table('period_settings', {
    handoff: 'never',
    naturalKey: ['singleton'],
    unit: { via: 'office' },
  }),
  table('incident_category_settings', {
    handoff: 'never',
    key: ['category'],
    naturalKey: ['category'],
    unit: { via: 'office' },
  }),
  table('leadership_documents', {
    handoff: 'scope',
    naturalKey: ['unit_id', 'number', 'issued_on'],
    tombstone: true,
    unit: unitColumn(),
    unitRefs: [record('unit_id', 'văn bản chỉ đạo')],
  }),

  // --- the office's own reports and their header settings (0015). 'never': a report is the office's
  // own document (drafts, edited wording, its signer); the province builds its own from the figures
  // the snapshot carries, and an issued report travels as the signed document itself.
  table('report_settings', {
    handoff: 'never',
    naturalKey: ['singleton'],
    unit: { via: 'office' },
  }),
  table('reports', {
    handoff: 'never',
    unit: { via: 'office' },
    unitRefs: [record('unit_id', 'báo cáo')],
  }),

  // --- records moved to a successor unit, kept so the move can be undone (0012)
  // A unit whose records moved cannot be deleted as a mistake: the move's undo needs it.
  table('unit_transfers', {
    handoff: 'never',
    unit: unitColumn('from_unit_id'),
    unitRefs: [record('from_unit_id', 'lần chuyển hồ sơ sang đơn vị khác'), record('to_unit_id', 'lần nhận hồ sơ từ đơn vị khác')],
  }),

  // --- the hand-off to the province (this copy's own bookkeeping: never in a snapshot)
  table('handoff_peers', {
    handoff: 'never',
    naturalKey: ['role', 'sign_public_key'],
    unit: { via: 'office' },
  }),
  table('handoff_sent', {
    handoff: 'never',
    naturalKey: ['sequence'],
    unit: { via: 'office' },
  }),
  table('handoff_received', {
    handoff: 'never',
    unit: { via: 'office' },
  }),
  table('handoff_ownership', {
    handoff: 'never',
    key: ['table_name', 'row_id'],
    naturalKey: ['table_name', 'row_id'],
    unit: { via: 'office' },
  }),
  table('handoff_unit_map', {
    handoff: 'never',
    key: ['peer_id', 'remote_unit_id'],
    naturalKey: ['peer_id', 'remote_unit_id'],
    unit: { via: 'office' },
    unitRefs: [history('local_unit_id')],
  }),
  table('handoff_packages', {
    handoff: 'never',
    naturalKey: ['direction', 'province_code', 'sequence'],
    unit: { via: 'office' },
  }),
  table('handoff_policy', {
    handoff: 'never',
    key: ['singleton'],
    naturalKey: ['singleton'],
    unit: { via: 'office' },
  }),
  // What the last province package applied said about each office unit it matched (0016).
  table('handoff_package_units', {
    handoff: 'never',
    key: ['unit_id'],
    naturalKey: ['province_code', 'province_unit_id'],
    unit: { via: 'office' },
    unitRefs: [history('unit_id')],
  }),

  // --- the presenter's order and hidden slides of the meeting deck: this copy's own (0017)
  table('slide_preferences', {
    handoff: 'never',
    key: ['slide_key'],
    naturalKey: ['slide_key'],
    unit: { via: 'office' },
  }),

  // --- accounts, the wrapped data key and the session's settings: this copy's own (0019). Never
  // sent: password hashes and key wraps stay on the PC that made them.
  table('accounts', {
    handoff: 'never',
    naturalKey: ['username_folded'],
    unit: { via: 'office' },
  }),
  table('data_key_wraps', {
    handoff: 'never',
    unit: { via: 'office' },
  }),
  table('auth_settings', {
    handoff: 'never',
    key: ['singleton'],
    naturalKey: ['singleton'],
    unit: { via: 'office' },
  }),

  // --- the audit log (0021): append-only, hash-chained; this copy's own record, never sent as
  // rows (its head travels in the hand-off manifest instead).
  table('audit_log', {
    handoff: 'never',
    key: ['seq'],
    naturalKey: ['seq'],
    unit: { via: 'office' },
  }),

  // --- values computed from the other tables, kept across restarts (0026, db/stored-reads.ts):
  // derived, not the office's data, never logged by the audit log nor sent.
  table('table_versions', {
    handoff: 'never',
    key: ['name'],
    naturalKey: ['name'],
    unit: { via: 'office' },
  }),
  table('stored_reads', {
    handoff: 'never',
    unit: { via: 'office' },
  }),
];

const BY_NAME: ReadonlyMap<string, TableSpec> = new Map(TABLES.map((t) => [t.name, t]));

export function tableSpec(name: string): TableSpec {
  const spec = BY_NAME.get(name);
  if (!spec) throw new Error(`Table ${name} is not in the table registry.`);
  return spec;
}

export type ReferenceTarget = 'unit' | 'organization' | 'team';

/** Every reference to a unit, an organisation or a team, with its table, in registry order. */
export function referencesTo(target: ReferenceTarget): { table: TableSpec; ref: Reference }[] {
  const pick = (t: TableSpec) => (target === 'unit' ? t.unitRefs : target === 'organization' ? t.organizationRefs : t.teamRefs);
  return TABLES.flatMap((table) => pick(table).map((ref) => ({ table, ref })));
}

/** Unit references whose records may follow a merged or ended unit to its successor. */
export function transferableReferences(): { table: TableSpec; ref: Reference & { transfer: TransferSpec } }[] {
  return referencesTo('unit').filter(
    (r): r is { table: TableSpec; ref: Reference & { transfer: TransferSpec } } => r.ref.transfer !== undefined,
  );
}

export const TRANSFER_TABLES = ['organizations', 'mass_orgs', 'model_sites'] as const;
export type TransferTable = (typeof TRANSFER_TABLES)[number];

/** Every table with columns encrypted at rest, with those columns (registry order). */
export function encryptedTables(): { table: TableSpec; columns: readonly string[] }[] {
  return TABLES.filter((t) => t.encrypted.length > 0).map((t) => ({ table: t, columns: t.encrypted }));
}

/** The personal columns of a table (empty when it holds none). */
export function personalColumns(name: string): readonly string[] {
  return tableSpec(name).personal;
}

/** The groups' headings where the records that may follow a unit are listed. */
export const TRANSFER_GROUP_LABELS: Readonly<Record<TransferGroup, string>> = {
  organizations: 'Cơ quan, doanh nghiệp, cơ sở giáo dục',
  massOrgs: 'Tổ chức quần chúng',
  teams: 'Tổ hòa giải',
  modelSites: 'Điểm áp dụng mô hình',
};
