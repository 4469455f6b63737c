/**
 * Who may call what (issue 15 item 1): for EVERY contract method, the roles allowed, or 'public'
 * (callable without a session: the login screen's own methods). The map is typed over the whole
 * contract, so a new method without an entry does not compile. Dispatch enforces it
 * (electron/backend/auth/access-check.ts): no open session → LOCKED except 'public' methods; a role
 * not listed → FORBIDDEN naming the roles that may. docs/decisions.md (h15-auth) gives the reasons.
 *
 * - Quản trị: everything, and alone: accounts, the office-wide settings, trust in keys, restore.
 * - Lãnh đạo: everything else: sees all, approves evaluation steps, overrides a criterion, freezes
 *   a year, issues reports, sends and receives hand-off files, reads a tip's informant.
 * - Cán bộ: enters and edits records, prepares reports and the evaluation's registrations,
 *   attestations and figures, records the unit's own steps (self-assessment, proposal: STEP_ROLES);
 *   no appraisal or decision, approval, freeze, issue, send, restore, accounts; no informant.
 * - Chỉ xem: reads only; no informant, no file export that carries personal data or the whole
 *   database (registry Excel export, backup copy, inbox matrix export).
 */
import type { Method } from './contract';
import { ROLES, ROLE_LABELS, type Role } from '../domain/roles';
import type { AdvanceStep, WorkflowState } from '../domain/evaluation';

export type MethodRoles = { readonly [M in Method]: readonly Role[] | 'public' };

const ADMIN: readonly Role[] = ['quan_tri'];
const LEAD: readonly Role[] = ['quan_tri', 'lanh_dao'];
const ENTRY: readonly Role[] = ['quan_tri', 'lanh_dao', 'can_bo'];
const READ: readonly Role[] = ['quan_tri', 'lanh_dao', 'can_bo', 'chi_xem'];
/** Reads that reveal who gave information to the police (the tip's informant). */
const INFORMANT: readonly Role[] = ['quan_tri', 'lanh_dao'];
/** Files that carry personal data or the whole database: not for Chỉ xem. */
const EXPORT_PERSONAL: readonly Role[] = ENTRY;

/**
 * Who may take each step of the yearly evaluation (domain.md §8.1, §6.3), and undo it. The two
 * first steps record what the unit itself did — its review meeting (tu_danh_gia) and the proposal
 * it sent (de_nghi) — from papers the office receives: data entry, like the registration before
 * them. The appraisal (tham_dinh) and the recognition decision (quyet_dinh) are the police's and
 * the competent authority's judgement: approval, Lãnh đạo's. docs/decisions.md (h15-roles).
 */
export const STEP_ROLES: Readonly<Record<AdvanceStep, readonly Role[]>> = {
  tu_danh_gia: ENTRY,
  de_nghi: ENTRY,
  tham_dinh: LEAD,
  quyet_dinh: LEAD,
};

/** Roles that appear in any of the lists, in the order of ROLES. */
function unionOf(lists: readonly (readonly Role[])[]): readonly Role[] {
  return ROLES.filter((r) => lists.some((l) => l.includes(r)));
}

/** Who may register a subject for the year (and so undo its registration). */
const REGISTER: readonly Role[] = ENTRY;
/** The method-level entry of advance and undo: anyone who may take at least one step. */
const ANY_STEP: readonly Role[] = unionOf([...Object.values(STEP_ROLES), REGISTER]);

export const METHOD_ROLES: MethodRoles = {
  // --- the app, the session and accounts
  'app.info': 'public',
  'auth.status': 'public',
  'auth.setup': 'public',
  'auth.login': 'public',
  'auth.logout': 'public',
  'auth.lock': 'public',
  'auth.recover': 'public',
  'auth.touch': READ,
  // Progress and cancel of the session's own long calls (one session per backend).
  'jobs.progress': READ,
  'jobs.cancel': READ,
  'auth.changePassword': READ,
  'authSettings.get': READ,
  'authSettings.set': ADMIN,
  'accounts.list': ADMIN,
  'accounts.create': ADMIN,
  'accounts.update': ADMIN,
  'accounts.resetPassword': ADMIN,

  // --- the office and its set-up
  'office.get': READ,
  'office.setup': ADMIN,
  'catalogue.provinces': READ,
  'catalogue.districts': READ,
  'catalogue.communes': READ,

  // --- the unit tree
  'units.list': READ,
  'units.search': READ,
  'units.get': READ,
  'units.usage': READ,
  'units.create': ENTRY,
  'units.update': ENTRY,
  'units.move': ENTRY,
  'units.end': ENTRY,
  'units.reopen': ENTRY,
  'units.delete': ENTRY,
  'unitStats.get': READ,
  'unitStats.list': READ,
  'unitStats.upsert': ENTRY,
  'units.areaType': ENTRY,
  'units.trongDiem': ENTRY,
  'units.merge': ENTRY,
  'units.split': ENTRY,
  'units.lineage': READ,
  'units.attached': READ,
  'units.transfers': READ,
  'units.untransfer': ENTRY,
  'units.asOf': READ,
  'reorg.propose': READ,
  'reorg.apply': ENTRY,
  'figures.rollup': READ,

  // --- organisations
  'organizations.list': READ,
  'organizations.page': READ,
  'organizations.choices': READ,
  'organizations.choicesByIds': READ,
  'organizations.get': READ,
  'organizations.create': ENTRY,
  'organizations.update': ENTRY,
  'organizations.end': ENTRY,
  'organizations.reopen': ENTRY,
  'organizations.delete': ENTRY,

  // --- models
  'modelTypes.list': READ,
  'modelTypes.create': ENTRY,
  'modelTypes.update': ENTRY,
  'modelTypes.delete': ENTRY,
  'models.list': READ,
  'models.get': READ,
  'models.summary': READ,
  'models.create': ENTRY,
  'models.update': ENTRY,
  'models.changeStatus': ENTRY,
  'models.undoStatus': ENTRY,
  'models.retire': ENTRY,
  'models.rate': ENTRY,
  'models.recognise': ENTRY,
  'models.removeRecognition': ENTRY,
  'models.delete': ENTRY,
  'modelSites.list': READ,
  'modelSites.create': ENTRY,
  'modelSites.update': ENTRY,
  'modelSites.end': ENTRY,
  'modelSites.reopen': ENTRY,
  'modelSites.delete': ENTRY,

  // --- mass organisations and members
  'massOrgKinds.list': READ,
  'massOrgKinds.create': ENTRY,
  'massOrgKinds.update': ENTRY,
  'massOrgs.list': READ,
  'massOrgs.page': READ,
  'massOrgs.choices': READ,
  'massOrgs.choicesByIds': READ,
  'massOrgs.get': READ,
  'massOrgs.quota': READ,
  'massOrgs.create': ENTRY,
  'massOrgs.update': ENTRY,
  'massOrgs.end': ENTRY,
  'massOrgs.reopen': ENTRY,
  'massOrgs.delete': ENTRY,
  'massOrgs.rate': ENTRY,
  'massOrgs.unrate': ENTRY,
  'members.list': READ,
  'members.page': READ,
  'members.get': READ,
  'members.create': ENTRY,
  'members.update': ENTRY,
  'members.leave': ENTRY,
  'members.rejoin': ENTRY,
  'members.delete': ENTRY,
  'members.rate': ENTRY,
  'members.unrate': ENTRY,

  // --- registries: overview and Excel
  'registry.overview': READ,
  'ownership.lookup': READ,
  'xlsx.template': ENTRY,
  'xlsx.preview': ENTRY,
  'xlsx.commit': ENTRY,
  'xlsx.export': EXPORT_PERSONAL,

  // --- activity records; the informant of a tip
  'activities.list': READ,
  'activities.page': READ,
  'activities.keysProgress': READ,
  'activities.get': READ,
  'activities.deleted': READ,
  'activities.save': ENTRY,
  'activities.saveMany': ENTRY,
  'activities.delete': ENTRY,
  'activities.restore': ENTRY,
  'tips.informant': INFORMANT,
  // Even whether a tip has an informant is told only to those who may read it (docs/decisions.md (h15-keys)).
  'tips.hasInformant': INFORMANT,
  // Entered by whoever receives the tip; read back only by INFORMANT.
  'tips.setInformant': ENTRY,

  // --- period figures, dashboard, leadership documents
  'period.figures': READ,
  'period.settings': READ,
  'period.byOffice': READ,
  'period.saveSettings': ADMIN,
  'dashboard.get': READ,
  'leadershipDocs.list': READ,
  'leadershipDocs.save': ENTRY,
  'leadershipDocs.delete': ENTRY,

  // --- reports and the meeting deck (figures, no personal data)
  'reports.list': READ,
  'reports.get': READ,
  'reports.document': READ,
  'reports.exportXlsx': READ,
  'reports.exportDocx': READ,
  'reports.settings': READ,
  'reports.create': ENTRY,
  'reports.update': ENTRY,
  'reports.delete': ENTRY,
  'reports.issue': LEAD,
  'reports.saveSettings': LEAD,
  'slides.deck': READ,
  'slides.exportPptx': READ,
  'slides.savePreferences': ENTRY,

  // --- the yearly evaluation: Cán bộ prepares, Lãnh đạo decides
  'evaluation.board': READ,
  'evaluation.boardPage': READ,
  'evaluation.boardUnregistered': READ,
  'evaluation.subject': READ,
  'evaluation.freezes': READ,
  'evaluation.export': READ,
  'evaluation.boardRows': READ,
  'evaluation.register': REGISTER,
  'evaluation.registerMany': REGISTER,
  'evaluation.attest': ENTRY,
  'evaluation.clearAttestation': ENTRY,
  'evaluation.recordFigures': ENTRY,
  // Per step: STEP_ROLES, checked again by the service once the step (or the state undone) is known.
  'evaluation.advance': ANY_STEP,
  'evaluation.undoStep': ANY_STEP,
  'evaluation.override': LEAD,
  'evaluation.clearOverride': LEAD,
  'evaluation.freeze': LEAD,
  'evaluation.unfreeze': LEAD,
  'incidentStats.completeness': READ,
  'incidentStats.declare': ENTRY,
  'ruleSets.list': READ,
  'ruleSets.get': READ,
  'ruleSets.export': READ,
  'ruleSets.import': ADMIN,
  'ruleSets.remove': ADMIN,
  'evaluationSettings.get': READ,
  'evaluationSettings.set': ADMIN,
  'rubrics.list': READ,
  'rubrics.get': READ,
  'rubrics.export': READ,
  'rubrics.scores': READ,
  'rubrics.import': ADMIN,
  'rubrics.score': ENTRY,

  // --- hand-off: keys (trusting a key is Quản trị's), sending, receiving, packages
  'handoffKeys.own': READ,
  'handoffKeys.province': READ,
  'handoffKeys.listPeers': READ,
  'handoffKeys.exportKeyFile': LEAD,
  'handoffKeys.previewKeyFile': LEAD,
  'handoffKeys.trustKeyFile': ADMIN,
  'handoffKeys.confirmPeer': ADMIN,
  'handoffSend.list': READ,
  'handoffSend.preview': ENTRY,
  'handoffSend.write': LEAD,
  'handoffSend.importReceipt': LEAD,
  'handoffInbox.inspect': LEAD,
  'handoffInbox.apply': LEAD,
  'handoffInbox.rollback': LEAD,
  'handoffInbox.confirmOffice': ADMIN,
  'handoffInbox.history': READ,
  'handoffInbox.matrix': READ,
  'handoffInbox.exportMatrix': EXPORT_PERSONAL,
  'handoffInbox.writeReceipt': LEAD,
  'handoffPackage.list': READ,
  'handoffPackage.policy': READ,
  'handoffPackage.setPolicy': ADMIN,
  'handoffPackage.make': LEAD,
  'handoffPackage.inspect': LEAD,
  'handoffPackage.apply': LEAD,

  // --- backups: a copy carries the whole file; restore replaces it
  'backups.list': READ,
  'backups.status': READ,
  'backups.create': ENTRY,
  'backups.copy': LEAD,
  'backups.restore': ADMIN,
  'backups.undoRestore': ADMIN,
  // Erasing a backup loses the way back to it: Quản trị, like restore.
  'backups.eraseClear': ADMIN,

  // --- the audit log (issue 15 item 3): Quản trị and Lãnh đạo read and check it; only Quản trị
  // takes it out of the app as a file; the head (shown in the app's info) for everyone.
  'audit.list': LEAD,
  'audit.verify': LEAD,
  'audit.export': ADMIN,
  'audit.head': READ,
};

/**
 * Calls that do not count as the person being active (polled by the shell on a timer): they keep
 * answering but do not hold the session open against the idle lock.
 */
export const PASSIVE_METHODS: ReadonlySet<Method> = new Set<Method>(['auth.status', 'backups.status', 'authSettings.get']);

export function isPublic(method: Method): boolean {
  return METHOD_ROLES[method] === 'public';
}

/** Whether `role` may call `method` (public methods: anyone, with or without a session). */
export function isAllowed(method: Method, role: Role | null): boolean {
  const roles = METHOD_ROLES[method];
  if (roles === 'public') return true;
  return role !== null && roles.includes(role);
}

/** The refusal a person reads when their role is not among `allowed` (one wording for every refusal). */
export function refusalMessage(allowed: readonly Role[], role: Role): string {
  const names = allowed.map((r) => ROLE_LABELS[r]).join(', ');
  return `Chức năng này chỉ dành cho vai trò ${names}; tài khoản đang đăng nhập có vai trò ${ROLE_LABELS[role]}.`;
}

/** The refusal a person reads when their role may not call the method. */
export function forbiddenMessage(method: Method, role: Role): string {
  const roles = METHOD_ROLES[method];
  return refusalMessage(roles === 'public' ? [] : roles, role);
}

/**
 * Who may undo the latest step of a subject in `state`: whoever may take that step (the
 * registration's roles for a registered subject); null when there is nothing to undo.
 */
export function undoRoles(state: WorkflowState): readonly Role[] | null {
  switch (state) {
    case 'chua_dang_ky':
      return null;
    case 'da_dang_ky':
      return REGISTER;
    case 'cong_nhan':
    case 'khong_cong_nhan':
      return STEP_ROLES.quyet_dinh;
    default:
      return STEP_ROLES[state];
  }
}

export function isStepAllowed(step: AdvanceStep, role: Role | null): boolean {
  return role !== null && STEP_ROLES[step].includes(role);
}

/** Whether `role` may undo the latest step of a subject in `state` (false when there is none). */
export function isUndoAllowed(state: WorkflowState, role: Role | null): boolean {
  const roles = undoRoles(state);
  return role !== null && roles !== null && roles.includes(role);
}
