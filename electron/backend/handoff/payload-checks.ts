/**
 * The record checks the office's own screens run, applied to a snapshot's stored rows (issue 12
 * item 4): for every 'scope' and 'catalogue' table of the registry, the forms a row is saved with
 * (payload-forms.ts: row → contract input → the contract's own zod schema → the service's
 * cross-field rules from shared/domain), or the reason the table has no screen (NO_SCREEN: logs
 * and histories the app writes itself), which keeps the structural checks of payload.ts and the
 * database's CHECK constraints. A test fails when a scope or catalogue table has neither.
 *
 * Rules between rows (a model's sites within its dates, a member within its organisation, ratings
 * against the team) are in payload-cross.ts.
 */
import type { z } from 'zod';
import { ACTIVITY_FIELDS, ACTIVITY_KINDS, checkActivity, type ActivityKind } from '../../../shared/domain/activities';
import { kindBelongsToLevel, type UnitKind, type UnitLevel } from '../../../shared/domain/units';
import { checkEndDate } from '../../../shared/domain/unit-tree';
import { checkFigures } from '../../../shared/domain/lineage';
import { checkOrgFacts, type OrgFacts } from '../../../shared/domain/organizations';
import { checkLeadershipDoc } from '../../../shared/domain/leadership';
import {
  ADVANCE_STEPS,
  checkRegistration,
  checkStep,
  stateAfter,
  type AdvanceStep,
  type WorkflowState,
} from '../../../shared/domain/evaluation';
import { scoreRubric, type RubricInputs } from '../../../shared/domain/criteria/rubric';
import { ACTIVITY_INPUTS } from '../../../shared/ipc/contracts/activities.contract';
import { boardRowDto } from '../../../shared/ipc/contracts/evaluation.contract';
import { modelDto } from '../../../shared/ipc/contracts/models.contract';
import { massOrgKindDto } from '../../../shared/ipc/contracts/mass-orgs.contract';
import { contract, unitDto } from '../../../shared/ipc/contract';
import { ACTIVITY_TABLES } from '../db/tables/activities';
import { CHECK_TEXTS } from './payload-check-texts';
import {
  anySet,
  col,
  emptyIfNull,
  fieldsOf,
  flag,
  formsCheck,
  group,
  json,
  listOf,
  nullableFlag,
  value,
  snake,
  type CheckContext,
  type ContractMethod,
  type FieldErrors,
  type Form,
  type Row,
  type RowCheck,
  type Source,
} from './payload-forms';

export type { RowCheck } from './payload-forms';

/** A form whose schema is the method's whole input. */
function form(method: ContractMethod, fields: Record<string, Source>, extra: Partial<Pick<Form, 'when' | 'cross'>> = {}): Form {
  return { method, schema: contract[method].input as z.ZodType, fields, ...extra };
}

const dateOrder =
  (fromColumn: string, toField: string) =>
  (input: Record<string, unknown>, row: Row): FieldErrors | null => {
    const from = row[fromColumn];
    const reason = checkEndDate(typeof from === 'string' ? from : null, input[toField] as string);
    return reason ? { [toField]: reason } : null;
  };

// ---------------------------------------------------------------------------------------------
// The unit tree

const unitForms: Form[] = [
  form('units.update', { id: col('id'), name: col('name'), kind: col('kind'), code: col('code'), validFrom: col('valid_from') }),
  {
    method: 'units.get',
    schema: unitDto.pick({ level: true, source: true }),
    fields: { level: col('level'), source: col('source') },
    cross: (input, row) =>
      kindBelongsToLevel(row['kind'] as UnitKind, input['level'] as UnitLevel)
        ? null
        : { level: CHECK_TEXTS.kindNotOfLevel(input['level'] as UnitLevel) },
  },
  {
    // Units ended by a merge, a split or the 2025 step carry the operation's reason; the reason is
    // checked when present.
    method: 'units.end',
    schema: contract['units.end'].input.pick({ id: true, validTo: true }),
    fields: { id: col('id'), validTo: col('valid_to') },
    when: anySet('valid_to'),
    cross: dateOrder('valid_from', 'validTo'),
  },
  {
    method: 'units.end',
    schema: contract['units.end'].input.pick({ reason: true }),
    fields: { reason: col('end_reason') },
    when: anySet('end_reason'),
  },
];

// ---------------------------------------------------------------------------------------------
// Registries

const orgSchema = contract['organizations.create'].input;
const organizationForms: Form[] = [
  form(
    'organizations.create',
    fieldsOf(orgSchema, {
      isArmedForces: flag('is_armed_forces'),
      bcaMonitored: flag('bca_monitored'),
      hasPartyOrg: flag('has_party_org'),
      hasSecurityForce: flag('has_security_force'),
      taxCode: emptyIfNull('tax_code'),
    }),
    {
      cross: (input, row) => {
        const facts = {
          ...input,
          validFrom: row['valid_from'],
          validTo: row['valid_to'],
          endReason: row['end_reason'],
        } as unknown as OrgFacts;
        const errors = checkOrgFacts(facts);
        // validTo and endReason are columns of the row, not of the form: named by their columns.
        if (errors['validTo']) return `cột "valid_to": ${errors['validTo'].replace(/\.$/, '')}`;
        if (errors['endReason']) return `cột "end_reason": ${errors['endReason'].replace(/\.$/, '')}`;
        return errors;
      },
    },
  ),
  form('organizations.end', { id: col('id'), validTo: col('valid_to'), reason: col('end_reason') }, { when: anySet('valid_to') }),
];

const modelTypeForms: Form[] = [
  form('modelTypes.update', { id: col('id'), name: col('name'), group: col('category'), active: flag('active') }),
];

const modelForms: Form[] = [
  form('models.update', {
    id: col('id'),
    name: col('name'),
    typeId: col('type_id'),
    originUnitId: col('origin_unit_id'),
    originLevel: col('origin_level'),
    foundedOn: col('founded_on'),
    note: col('note'),
  }),
  { method: 'models.get', schema: modelDto.pick({ status: true }), fields: { status: col('status') } },
  form(
    'models.retire',
    { id: col('id'), on: col('retired_on'), reason: col('retire_reason') },
    { when: anySet('retired_on', 'retire_reason') },
  ),
];

const siteFields = fieldsOf(contract['modelSites.create'].input);
const modelSiteForms: Form[] = [
  form('modelSites.create', siteFields),
  form(
    'modelSites.end',
    { id: col('id'), endedOn: col('ended_on'), reason: col('end_reason') },
    { when: anySet('ended_on'), cross: dateOrder('started_on', 'endedOn') },
  ),
];

/** A model's steps: the first is one of the initial states, a retirement is the retire form, any other a change of status. */
const modelEventForms: Form[] = [
  {
    method: 'models.create',
    schema: contract['models.create'].input.pick({ status: true, foundedOn: true, note: true }),
    fields: { status: col('status'), foundedOn: col('on_date'), note: col('note') },
    when: (row) => row['seq'] === 1,
  },
  form(
    'models.changeStatus',
    { id: col('model_id'), status: col('status'), on: col('on_date'), note: col('note') },
    { when: (row) => row['seq'] !== 1 && row['status'] !== 'thanh_loai' },
  ),
  form(
    'models.retire',
    { id: col('model_id'), on: col('on_date'), reason: col('note') },
    { when: (row) => row['seq'] !== 1 && row['status'] === 'thanh_loai' },
  ),
];

const massOrgKindForms: Form[] = [
  form('massOrgKinds.update', { id: col('id'), name: col('name'), active: flag('active') }),
  {
    method: 'massOrgKinds.list',
    schema: massOrgKindDto.pick({ scheme: true, builtIn: true }),
    fields: { scheme: col('rating_scheme'), builtIn: flag('built_in') },
  },
];

const massOrgForms: Form[] = [
  form('massOrgs.create', fieldsOf(contract['massOrgs.create'].input)),
  form(
    'massOrgs.end',
    { id: col('id'), validTo: col('valid_to'), reason: col('end_reason') },
    { when: anySet('valid_to', 'end_reason'), cross: dateOrder('valid_from', 'validTo') },
  ),
];

const ratingFields = { year: col('year'), level: col('level'), notRatedReason: col('not_rated_reason'), reasonNote: col('reason_note') };

const memberForms: Form[] = [
  form('members.create', fieldsOf(contract['members.create'].input, { phone: emptyIfNull('phone') })),
  form(
    'members.leave',
    { id: col('id'), leftOn: col('left_on'), reason: col('left_reason') },
    { when: anySet('left_on', 'left_reason'), cross: dateOrder('joined_on', 'leftOn') },
  ),
];

const yearStatForms: Form[] = [
  {
    method: 'unitStats.upsert',
    schema: contract['unitStats.upsert'].input.shape.rows.element,
    fields: {
      unitId: col('unit_id'),
      year: col('year'),
      households: col('households'),
      residents: col('residents'),
      trongDiem: flag('trong_diem'),
    },
    cross: (input) => {
      const reason = checkFigures(input['households'] as number | null, input['residents'] as number | null);
      return reason ? { residents: reason } : null;
    },
  },
];

// ---------------------------------------------------------------------------------------------
// The yearly evaluation, rubrics, completeness declarations, leadership documents

const subjectFields = { subjectType: col('subject_type'), subjectId: col('subject_id'), year: col('year') };

/** The columns each step of the workflow writes (evaluation-steps.service.ts), and the form's fields. */
const STEP_COLUMNS: Readonly<Record<AdvanceStep, { date: string; fields: Record<string, Source>; columns: string[] }>> = {
  tu_danh_gia: {
    date: 'self_assessed_on',
    fields: { chair: col('self_assessment_chair') },
    columns: ['self_assessed_on', 'self_assessment_chair'],
  },
  de_nghi: { date: 'proposed_on', fields: { number: col('proposal_number') }, columns: ['proposed_on', 'proposal_number'] },
  tham_dinh: { date: 'appraised_on', fields: { by: col('appraised_by') }, columns: ['appraised_on', 'appraised_by'] },
  quyet_dinh: {
    date: 'decided_on',
    fields: { outcome: col('decision'), number: col('decision_number'), signer: col('decision_signer'), reason: col('decision_reason') },
    columns: ['decided_on', 'decision', 'decision_number', 'decision_signer', 'decision_reason'],
  },
};

/**
 * The steps the dates stand for, taken in order from the registration as the service takes them
 * (checkStep); the stored status must be where they lead. The rule "recognising a subject whose
 * result is not 'đạt' needs a reason" depends on the live result, which the import does not compute.
 */
function stepsCross(row: Row, today: string): string | null {
  let state: WorkflowState = 'da_dang_ky';
  // The first step is not compared with the registration date: registering again (evaluation.register)
  // may move that date after steps already taken, and the service allows it.
  let previous: string | null = null;
  for (const step of ADVANCE_STEPS) {
    const spec = STEP_COLUMNS[step];
    const date = row[spec.date];
    if (typeof date !== 'string') continue;
    const outcome = step === 'quyet_dinh' ? (row['decision'] as 'cong_nhan' | 'khong_cong_nhan') : undefined;
    const errors = checkStep({
      state,
      step,
      date,
      previousDate: previous,
      year: row['year'] as number,
      today,
      result: 'dat',
      ...(outcome && { outcome }),
    });
    const first = Object.entries(errors)[0];
    if (first) return `cột "${spec.date}": ${first[1].replace(/\.$/, '')}`;
    state = stateAfter(step, outcome);
    previous = date;
  }
  return row['status'] === state ? null : `cột "status": ${CHECK_TEXTS.statusNotSteps(String(row['status']), state)}`;
}

const registrationForms: Form[] = [
  form('evaluation.register', fieldsOf(contract['evaluation.register'].input.omit({ by: true })), {
    cross: (input, _row, ctx) =>
      checkRegistration({ registeredOn: input['registeredOn'] as string, year: input['year'] as number, today: ctx.today }),
  }),
  ...ADVANCE_STEPS.map((step): Form =>
    form(
      'evaluation.advance',
      { ...subjectFields, step: value(step), date: col(STEP_COLUMNS[step].date), ...STEP_COLUMNS[step].fields },
      {
        when: anySet(...STEP_COLUMNS[step].columns),
      },
    ),
  ),
  {
    method: 'evaluation.board',
    schema: boardRowDto.pick({ status: true }),
    fields: { status: col('status') },
    cross: (_input, row, ctx) => stepsCross(row, ctx.today),
  },
];

const attestationForms: Form[] = [
  form('evaluation.attest', {
    ...subjectFields,
    ruleId: col('rule_id'),
    value: flag('value'),
    by: col('attested_by'),
    on: col('attested_on'),
    note: col('note'),
  }),
];

const overrideForms: Form[] = [
  form('evaluation.override', {
    ...subjectFields,
    ruleId: col('rule_id'),
    verdict: col('verdict'),
    reason: col('reason'),
    by: col('decided_by'),
    on: col('decided_on'),
  }),
];

const figureCounts = ['ky_luat_luc_luong_bao_ve', 'ky_luat_can_bo', 'pham_toi_trong_truong', 'te_nan_trong_truong'];
const figuresForms: Form[] = [
  form('evaluation.recordFigures', {
    ...subjectFields,
    statsComplete: flag('stats_complete'),
    counts: group(Object.fromEntries(figureCounts.map((c) => [c, col(c)]))),
    securityForceLevel: col('security_force_level'),
    securityForceTitles: json('security_force_titles'),
    securityForceEligibleForTitles: nullableFlag('security_force_eligible_for_titles'),
    by: col('recorded_by'),
    on: col('recorded_on'),
    note: col('note'),
  }),
];

/** Scores are checked against the rubric file they were entered with, when the importer holds it (by hash). */
function rubricCross(input: Record<string, unknown>, row: Row, ctx: CheckContext): string | null {
  const rubric = ctx.rubric(String(row['rubric_hash']));
  if (rubric === null) return null;
  if (rubric.id !== row['rubric_id'] || rubric.version !== row['rubric_version']) {
    return `cột "rubric_hash": ${CHECK_TEXTS.rubricMismatch(rubric.id, rubric.version)}`;
  }
  const error = scoreRubric(rubric, input['items'] as RubricInputs).errors[0];
  return error ? `cột "inputs": ${error.replace(/\.$/, '')}` : null;
}

const rubricScoreForms: Form[] = [
  {
    method: 'evaluation.subject',
    schema: contract['evaluation.subject'].input.pick({ subjectType: true }),
    fields: { subjectType: col('subject_type') },
  },
  form(
    'rubrics.score',
    {
      subject: col('subject_id'),
      year: col('year'),
      rubricId: col('rubric_id'),
      kind: col('kind'),
      items: json('inputs'),
      by: col('scored_by'),
      note: col('note'),
    },
    { cross: rubricCross },
  ),
];

const declarationForms: Form[] = [
  form('incidentStats.declare', {
    ...subjectFields,
    groups: listOf('group_code'),
    by: col('declared_by'),
    on: col('declared_on'),
    note: col('note'),
  }),
];

const leadershipForms: Form[] = [
  form(
    'leadershipDocs.save',
    {
      id: col('id'),
      unitId: col('unit_id'),
      issuedOn: col('issued_on'),
      docType: col('doc_type'),
      number: col('number'),
      title: col('title'),
      note: col('note'),
    },
    { cross: (input) => checkLeadershipDoc(input as { number: string; title: string }) },
  ),
];

// ---------------------------------------------------------------------------------------------
// Activity records: the columns are the record's fields one for one

function activityForms(kind: ActivityKind): Form[] {
  const schema = ACTIVITY_INPUTS[kind] as z.ZodObject;
  const bools = Object.fromEntries(ACTIVITY_FIELDS[kind].filter((f) => f.type === 'bool').map((f) => [f.key, flag(snake(f.key))]));
  return [
    {
      method: 'activities.save',
      schema,
      fields: fieldsOf(schema, bools),
      cross: (input) => checkActivity(kind, input),
    },
  ];
}

// ---------------------------------------------------------------------------------------------
// Every table

/** The forms of each table a screen saves. */
export const TABLE_FORMS: Readonly<Record<string, readonly Form[]>> = {
  units: unitForms,
  unit_attributes: [form('units.areaType', { id: col('unit_id'), areaType: col('area_type') })],
  organizations: organizationForms,
  model_types: modelTypeForms,
  models: modelForms,
  model_sites: modelSiteForms,
  mass_org_kinds: massOrgKindForms,
  mass_orgs: massOrgForms,
  unit_year_stats: yearStatForms,
  model_events: modelEventForms,
  model_ratings: [form('models.rate', { id: col('model_id'), year: col('year'), rating: col('rating'), note: col('note') })],
  model_recognitions: [
    form('models.recognise', {
      id: col('model_id'),
      recognisedBy: col('recognised_by'),
      decisionNumber: col('decision_number'),
      recognisedOn: col('recognised_on'),
      note: col('note'),
    }),
  ],
  mass_org_ratings: [form('massOrgs.rate', { id: col('mass_org_id'), ...ratingFields })],
  mass_org_members: memberForms,
  mass_org_member_ratings: [
    form('members.rate', {
      id: col('member_id'),
      ...ratingFields,
      actingLeader: flag('acting_leader'),
      newlyTransferred: flag('newly_transferred'),
    }),
  ],
  ...Object.fromEntries(ACTIVITY_KINDS.map((kind) => [ACTIVITY_TABLES[kind], activityForms(kind)])),
  evaluation_registrations: registrationForms,
  evaluation_attestations: attestationForms,
  evaluation_overrides: overrideForms,
  evaluation_figures: figuresForms,
  rubric_scores: rubricScoreForms,
  incident_stats_declarations: declarationForms,
  leadership_documents: leadershipForms,
};

/**
 * Tables a snapshot carries that no screen saves row by row: logs and histories the app writes
 * itself as a consequence of another action. They keep the structural checks (columns, types,
 * UUIDs, duplicate keys) and the database's CHECK constraints.
 */
export const NO_SCREEN: Readonly<Record<string, string>> = {
  unit_changes: 'the log of a unit, written by the app on every create, update, move, end, reopen and delete',
  unit_parents: 'past parents of a unit, written by the app when a unit is moved (units.move)',
  unit_names: 'past names, kinds and codes of a unit, written by the app when one changes (units.update)',
  unit_lineage:
    'merge and split links, written by the app for a whole operation (units.merge, units.split, reorg.apply); no screen enters one link',
  evaluation_history: 'the log of a subject’s evaluation, written by the app at each registration, step, attestation, override and undo',
};

const CHECKS: ReadonlyMap<string, RowCheck> = new Map(Object.entries(TABLE_FORMS).map(([table, forms]) => [table, formsCheck(forms)]));

/** The screens' check of a table's rows, when the table has one. */
export function domainCheckOf(table: string): RowCheck | null {
  return CHECKS.get(table) ?? null;
}

/** Tables whose rows go through the screens' checks (for the format documentation and tests). */
export function tablesWithDomainChecks(): string[] {
  return [...CHECKS.keys()];
}

/** The contract methods whose schemas check a table's rows, in order (for the documentation). */
export function methodsOf(table: string): ContractMethod[] {
  return [...new Set((TABLE_FORMS[table] ?? []).map((f) => f.method))];
}
