/**
 * Read-only at the province for data owned by an office (issue 12 item 7). The one place that
 * refuses a change to a row an office sent: every mutating contract method is listed here with the
 * rows it would change or write under (a record's own row, its parent row, the unit it is placed
 * in, the units below a unit being ended or merged, a subject's evaluation rows of the year), and
 * `guardHandlers` wraps those handlers so the check runs before the service opens its transaction.
 * Methods that only read, or write office-wide settings of the province itself, are listed as such;
 * a test checks every contract method is classified (docs/decisions.md (h12-consol) says why the guard
 * sits here and not in each service or in SQL triggers).
 *
 * The hand-off methods are not wrapped: applying an office's file is the one writer of its rows.
 */
import type { ServiceContext } from '../context';
import type { Handlers } from '../dispatch';
import type { Method, ParsedInput } from '../../../shared/ipc/contract';
import { AppError } from '../errors';
import { anyOwnedRows, firstOwned, firstOwnedWhere, ownersOf, type RowOwner, type RowRef } from '../repos/handoff-ownership.repo';
import { listUnits, type Db } from '../repos/units.repo';
import { ACTIVITY_TABLES } from '../db/tables/activities';
import type { RegistryId } from '../../../shared/domain/registries';
import { countOwned } from '../repos/handoff-ownership.repo';
import { previewImport } from './xlsx-import/import.service';
import { specFor } from './xlsx-import/registry';
import { OWNERSHIP_TEXTS, ownedMessage } from '../../../shared/domain/ownership';

/** A row checked by id, or the rows of a table matching a natural key (a subject and a year). */
export type Check = RowRef | { table: string; where: Readonly<Record<string, string | number>> };

type Targets<M extends Method> = (input: ParsedInput<M>, ctx: ServiceContext) => Check[] | Promise<Check[]>;

/**
 * How a method may touch owned rows: 'read' (never writes), 'office' (writes only the province's
 * own settings or files, no row an office sends), or the rows it would change.
 */
export type Access<M extends Method> = 'read' | 'office' | { targets: Targets<M> };

const row = (table: string, id: string | null | undefined): Check[] => (id ? [{ table, id }] : []);
const unit = (id: string | null | undefined) => row('units', id);

/** A unit and every live unit below it (ending, deleting or merging a unit changes them all). */
async function withDescendants(db: Db, ids: readonly string[]): Promise<Check[]> {
  const units = await listUnits(db, true);
  const children = new Map<string, string[]>();
  for (const u of units) {
    if (u.parentId === null) continue;
    const list = children.get(u.parentId);
    if (list) list.push(u.id);
    else children.set(u.parentId, [u.id]);
  }
  const seen = new Set<string>();
  const stack = [...ids];
  while (stack.length > 0) {
    const id = stack.pop()!;
    if (seen.has(id)) continue;
    seen.add(id);
    stack.push(...(children.get(id) ?? []));
  }
  return [...seen].map((id) => ({ table: 'units', id }));
}

/** The evaluation tables whose rows of a subject and year an office may have sent. */
const SUBJECT_YEAR_TABLES = [
  'evaluation_registrations',
  'evaluation_attestations',
  'evaluation_overrides',
  'evaluation_figures',
  'evaluation_history',
  'rubric_scores',
  'incident_stats_declarations',
] as const;

/** A subject (unit or organisation) and its evaluation rows of the year. */
function subjectYear(type: string, id: string, year: number): Check[] {
  return [
    { table: type === 'unit' ? 'units' : 'organizations', id },
    ...SUBJECT_YEAR_TABLES.map((table) => ({ table, where: { subject_id: id, year } })),
  ];
}

type SubjectInput = { subjectType: string; subjectId: string; year: number };
const onSubject = (i: SubjectInput) => subjectYear(i.subjectType, i.subjectId, i.year);

/** An activity record: its own row when it exists, and what it is placed in or points at. */
function activityChecks(kind: keyof typeof ACTIVITY_TABLES, id: string | null, record: Record<string, unknown>): Check[] {
  const ref = (k: string) => (typeof record[k] === 'string' ? record[k] : null);
  return [
    ...row(ACTIVITY_TABLES[kind], id),
    ...unit(ref('unitId')),
    ...row('organizations', ref('organizationId')),
    ...row('mass_orgs', ref('teamId')),
  ];
}

const REGISTRY_TABLES: Readonly<Record<RegistryId, string>> = {
  units: 'units',
  unit_year_stats: 'unit_year_stats',
  organizations: 'organizations',
  models: 'models',
  model_sites: 'model_sites',
  mass_orgs: 'mass_orgs',
  members: 'mass_org_members',
  evaluation_registrations: 'evaluation_registrations',
  ...ACTIVITY_TABLES,
};

type AccessMap = { [M in Method]?: Access<M> };

/** Every method that is not a hand-off method (those are the inbox's own: see the header). */
export const METHOD_ACCESS: AccessMap = {
  // --- the office and its set-up
  'app.info': 'read',
  'office.get': 'read',
  'office.setup': 'office',
  'catalogue.provinces': 'read',
  'catalogue.districts': 'read',
  'catalogue.communes': 'read',

  // --- the unit tree
  'units.list': 'read',
  'units.search': 'read',
  'units.get': 'read',
  'units.usage': 'read',
  'units.create': { targets: (i) => unit(i.parentId) },
  'units.update': { targets: (i) => unit(i.id) },
  'units.move': { targets: async (i, ctx) => [...(await withDescendants(ctx.db, [i.id])), ...unit(i.newParentId)] },
  'units.end': {
    targets: async (i, ctx) => [
      ...(await withDescendants(ctx.db, [i.id])),
      ...unit(i.successorId),
      ...i.transfer.map((t) => ({ table: t.table, id: t.id })),
    ],
  },
  'units.reopen': { targets: (i) => unit(i.id) },
  'units.delete': { targets: async (i, ctx) => withDescendants(ctx.db, [i.id]) },
  'unitStats.get': 'read',
  'unitStats.list': 'read',
  'unitStats.upsert': {
    targets: (i) => i.rows.flatMap((r) => [...unit(r.unitId), { table: 'unit_year_stats', where: { unit_id: r.unitId, year: r.year } }]),
  },
  'units.areaType': { targets: (i) => [...unit(i.id), { table: 'unit_attributes', id: i.id }] },
  'units.trongDiem': { targets: (i) => [...unit(i.id), { table: 'unit_year_stats', where: { unit_id: i.id, year: i.year } }] },
  'units.merge': {
    targets: async (i, ctx) => [
      ...(await withDescendants(ctx.db, i.unitIds)),
      ...(i.successor.mode === 'existing' ? unit(i.successor.unitId) : []),
      ...i.transfer.map((t) => ({ table: t.table, id: t.id })),
    ],
  },
  'units.split': { targets: async (i, ctx) => withDescendants(ctx.db, [i.id]) },
  'units.lineage': 'read',
  'units.attached': 'read',
  'units.transfers': 'read',
  'units.untransfer': { targets: (i) => [{ table: 'unit_transfers', where: { batch_id: i.batchId } }] },
  'units.asOf': 'read',
  'reorg.propose': 'read',
  'reorg.apply': {
    targets: async (i, ctx) => [
      ...(await withDescendants(
        ctx.db,
        i.groups.flatMap((g) => g.unitIds),
      )),
      ...i.groups.flatMap((g) => unit(g.successorId)),
    ],
  },
  'figures.rollup': 'read',

  // --- organisations
  'organizations.list': 'read',
  'organizations.page': 'read',
  'organizations.choices': 'read',
  'organizations.choicesByIds': 'read',
  'organizations.get': 'read',
  'organizations.create': { targets: (i) => unit(i.unitId) },
  'organizations.update': { targets: (i) => [...row('organizations', i.id), ...unit(i.unitId)] },
  'organizations.end': { targets: (i) => row('organizations', i.id) },
  'organizations.reopen': { targets: (i) => row('organizations', i.id) },
  'organizations.delete': { targets: (i) => row('organizations', i.id) },

  // --- models
  'modelTypes.list': 'read',
  'modelTypes.create': 'office',
  'modelTypes.update': { targets: (i) => row('model_types', i.id) },
  'modelTypes.delete': { targets: (i) => row('model_types', i.id) },
  'models.list': 'read',
  'models.get': 'read',
  'models.summary': 'read',
  'models.create': { targets: (i) => unit(i.originUnitId) },
  'models.update': { targets: (i) => [...row('models', i.id), ...unit(i.originUnitId)] },
  'models.changeStatus': { targets: (i) => row('models', i.id) },
  'models.undoStatus': { targets: (i) => row('models', i.id) },
  'models.retire': { targets: (i) => row('models', i.id) },
  'models.rate': { targets: (i) => [...row('models', i.id), { table: 'model_ratings', where: { model_id: i.id, year: i.year } }] },
  'models.recognise': { targets: (i) => row('models', i.id) },
  'models.removeRecognition': { targets: (i) => row('model_recognitions', i.id) },
  'models.delete': { targets: (i) => row('models', i.id) },
  'modelSites.list': 'read',
  'modelSites.create': { targets: (i) => [...row('models', i.modelId), ...unit(i.unitId), ...row('organizations', i.organizationId)] },
  'modelSites.update': { targets: (i) => [...row('model_sites', i.id), ...unit(i.unitId), ...row('organizations', i.organizationId)] },
  'modelSites.end': { targets: (i) => row('model_sites', i.id) },
  'modelSites.reopen': { targets: (i) => row('model_sites', i.id) },
  'modelSites.delete': { targets: (i) => row('model_sites', i.id) },

  // --- mass organisations and members
  'massOrgKinds.list': 'read',
  'massOrgKinds.create': 'office',
  'massOrgKinds.update': { targets: (i) => row('mass_org_kinds', i.id) },
  'massOrgs.list': 'read',
  'massOrgs.page': 'read',
  'massOrgs.choices': 'read',
  'massOrgs.choicesByIds': 'read',
  'massOrgs.get': 'read',
  'massOrgs.quota': 'read',
  'massOrgs.create': { targets: (i) => unit(i.unitId) },
  'massOrgs.update': { targets: (i) => [...row('mass_orgs', i.id), ...unit(i.unitId)] },
  'massOrgs.end': { targets: (i) => row('mass_orgs', i.id) },
  'massOrgs.reopen': { targets: (i) => row('mass_orgs', i.id) },
  'massOrgs.delete': { targets: (i) => row('mass_orgs', i.id) },
  'massOrgs.rate': {
    targets: (i) => [...row('mass_orgs', i.id), { table: 'mass_org_ratings', where: { mass_org_id: i.id, year: i.year } }],
  },
  'massOrgs.unrate': {
    targets: (i) => [...row('mass_orgs', i.id), { table: 'mass_org_ratings', where: { mass_org_id: i.id, year: i.year } }],
  },
  'members.list': 'read',
  'members.page': 'read',
  'members.get': 'read',
  'members.create': { targets: (i) => row('mass_orgs', i.massOrgId) },
  'members.update': { targets: (i) => row('mass_org_members', i.id) },
  'members.leave': { targets: (i) => row('mass_org_members', i.id) },
  'members.rejoin': { targets: (i) => row('mass_org_members', i.id) },
  'members.delete': { targets: (i) => row('mass_org_members', i.id) },
  'members.rate': {
    targets: (i) => [...row('mass_org_members', i.id), { table: 'mass_org_member_ratings', where: { member_id: i.id, year: i.year } }],
  },
  'members.unrate': {
    targets: (i) => [...row('mass_org_members', i.id), { table: 'mass_org_member_ratings', where: { member_id: i.id, year: i.year } }],
  },

  // --- registries: overview and Excel
  'registry.overview': 'read',
  'ownership.lookup': 'read',
  'xlsx.template': 'read',
  'xlsx.preview': 'read',
  'xlsx.export': 'read',
  'xlsx.commit': { targets: (i, ctx) => importChecks(ctx, i.registry, i.fileBase64) },

  // --- activity records
  'activities.list': 'read',
  'activities.page': 'read',
  'activities.keysProgress': 'read',
  'activities.get': 'read',
  'activities.deleted': 'read',
  'activities.save': { targets: (i) => activityChecks(i.kind, i.id, i.record) },
  'activities.saveMany': { targets: (i) => i.records.flatMap((r) => activityChecks(i.kind, null, r as Record<string, unknown>)) },
  'activities.delete': { targets: (i) => row(ACTIVITY_TABLES[i.kind], i.id) },
  'activities.restore': { targets: (i) => row(ACTIVITY_TABLES[i.kind], i.id) },
  'tips.informant': 'read',
  'tips.hasInformant': 'read',
  'tips.setInformant': { targets: (i) => row('tips', i.tipId) },

  // --- period figures and leadership documents
  'period.figures': 'read',
  'dashboard.get': 'read',
  'period.settings': 'read',
  'period.byOffice': 'read',
  'period.saveSettings': 'office',
  'leadershipDocs.list': 'read',
  'leadershipDocs.save': { targets: (i) => [...row('leadership_documents', i.id), ...unit(i.unitId)] },
  'leadershipDocs.delete': { targets: (i) => row('leadership_documents', i.id) },
  // The office's own reports: never sent, never owned by another office (table registry 'never').
  'reports.list': 'read',
  'reports.get': 'read',
  'reports.document': 'read',
  'reports.exportXlsx': 'read',
  'reports.exportDocx': 'read',
  'reports.settings': 'read',
  'reports.create': 'office',
  'reports.update': 'office',
  'reports.issue': 'office',
  'reports.delete': 'office',
  'reports.saveSettings': 'office',
  // The meeting deck: read from the figures; the presenter's hidden/ordered slides are the office's own.
  'slides.deck': 'read',
  'slides.exportPptx': 'read',
  'slides.savePreferences': 'office',

  // --- evaluation
  'evaluation.board': 'read',
  'evaluation.boardPage': 'read',
  'evaluation.boardUnregistered': 'read',
  'evaluation.subject': 'read',
  'evaluation.freezes': 'read',
  'evaluation.export': 'read',
  'evaluation.boardRows': 'read',
  'evaluation.register': { targets: onSubject },
  'evaluation.registerMany': { targets: (i) => i.subjects.flatMap((k) => subjectYear(k.subjectType, k.subjectId, i.year)) },
  'evaluation.advance': { targets: onSubject },
  'evaluation.undoStep': { targets: onSubject },
  'evaluation.attest': { targets: onSubject },
  'evaluation.clearAttestation': { targets: onSubject },
  'evaluation.override': { targets: onSubject },
  'evaluation.clearOverride': { targets: onSubject },
  'evaluation.recordFigures': { targets: onSubject },
  // Freezing seals the province's own copy of every result of the year; no office row changes.
  'evaluation.freeze': 'office',
  'evaluation.unfreeze': 'office',
  // --- long work: watching a job and asking it to stop (it writes nothing once cancelled)
  'jobs.progress': 'read',
  'jobs.cancel': 'office',
  'incidentStats.completeness': 'read',
  'incidentStats.declare': { targets: onSubject },

  // --- backups: whole-file copies of the database, outside any row an office sent. A restore
  // replaces the whole file (the province's own state as it was), never one office's rows.
  'backups.list': 'read',
  'backups.status': 'read',
  'backups.create': 'office',
  'backups.copy': 'read',
  'backups.restore': 'office',
  'backups.undoRestore': 'office',
  'backups.eraseClear': 'office',

  // --- accounts and the session: this copy's own (never sent, never an office's rows)
  'auth.status': 'read',
  'auth.setup': 'office',
  'auth.login': 'office',
  'auth.logout': 'read',
  'auth.lock': 'read',
  'auth.touch': 'read',
  'auth.changePassword': 'office',
  'auth.recover': 'office',
  'authSettings.get': 'read',
  'authSettings.set': 'office',
  'accounts.list': 'read',
  'accounts.create': 'office',
  'accounts.update': 'office',
  'accounts.resetPassword': 'office',
  // --- the audit log: read-only over the log; its entries are written by the recorder inside each
  // change's own transaction (audit/recorder.ts), never by a method.
  'audit.list': 'read',
  'audit.verify': 'read',
  'audit.export': 'read',
  'audit.head': 'read',

  // --- rule sets and rubrics (the province's own files and settings)
  'ruleSets.list': 'read',
  'ruleSets.get': 'read',
  'ruleSets.export': 'read',
  'ruleSets.import': 'office',
  'ruleSets.remove': 'office',
  'evaluationSettings.get': 'read',
  'evaluationSettings.set': 'office',
  'rubrics.list': 'read',
  'rubrics.get': 'read',
  'rubrics.export': 'read',
  'rubrics.scores': 'read',
  'rubrics.import': 'office',
  'rubrics.score': {
    targets: (i) => [
      ...row('units', i.subject),
      ...row('organizations', i.subject),
      { table: 'rubric_scores', where: { subject_id: i.subject, year: i.year, rubric_id: i.rubricId, kind: i.kind } },
    ],
  },
};

/**
 * An Excel import writes rows matched by natural key, which only reading the file tells: where the
 * registry's table holds rows an office sent, an import that would update any existing row is
 * refused as a whole (docs/decisions.md (h12-consol): the file names no ids to check row by row).
 */
async function importChecks(ctx: ServiceContext, registry: RegistryId, fileBase64: string): Promise<Check[]> {
  const table = REGISTRY_TABLES[registry];
  if ((await countOwned(ctx.db, table)) === 0) return [];
  const preview = await previewImport(ctx, specFor(registry), fileBase64);
  if (preview.counts.update === 0) return [];
  throw new AppError('RULE', OWNERSHIP_TEXTS.importUpdatesOwned);
}

/** The first row of `checks` an office owns, or null. */
export async function findOwned(db: Db, checks: readonly Check[]): Promise<RowOwner | null> {
  const refs = checks.filter((c): c is RowRef => 'id' in c);
  const owner = await firstOwned(db, refs);
  if (owner) return owner;
  for (const c of checks) {
    if ('where' in c) {
      const found = await firstOwnedWhere(db, c.table, c.where);
      if (found) return found;
    }
  }
  return null;
}

/** Refuses, with the office's name, when the method would change a row an office sent. */
export async function assertNotOwned<M extends Method>(ctx: ServiceContext, method: M, input: ParsedInput<M>): Promise<void> {
  const access = METHOD_ACCESS[method];
  if (access === undefined || access === 'read' || access === 'office') return;
  // At an office (and at a province before any file is applied) nothing is owned: one indexed read.
  if (!(await anyOwnedRows(ctx.db))) return;
  const owner = await findOwned(ctx.db, await access.targets(input, ctx));
  if (owner) throw new AppError('RULE', ownedMessage(owner.officeName), { ownedBy: owner.officeCode });
}

/** The handlers with the guard in front of every method that may change rows. */
export function guardHandlers(ctx: ServiceContext, handlers: Handlers): Handlers {
  const out: Record<string, unknown> = { ...handlers };
  for (const [method, access] of Object.entries(METHOD_ACCESS)) {
    if (access === 'read' || access === 'office') continue;
    const inner = handlers[method as Method] as (input: unknown) => unknown;
    out[method] = async (input: unknown) => {
      await assertNotOwned(ctx, method as Method, input as never);
      return inner(input);
    };
  }
  return out as Handlers;
}

/** Which of `ids` in `table` an office sent, with its name (the screens' badge and disabled buttons). */
export async function ownersFor(
  ctx: ServiceContext,
  table: string,
  ids: readonly string[],
): Promise<{ owners: { id: string; officeCode: string; officeName: string }[] }> {
  const owners = await ownersOf(ctx.db, table, ids);
  return { owners: [...owners.values()].map((o) => ({ id: o.rowId, officeCode: o.officeCode, officeName: o.officeName })) };
}
