/**
 * One subject in one year: its header, the workflow stepper with the form of the next step (or the
 * registration form), undo of the last step, the registration details, the criteria table with
 * attestations and overrides, and — when the year is frozen — the frozen verdicts and what changed
 * since. Every change returns the subject afresh from the backend, which replaces what is shown.
 */
import { useMemo, useState } from 'react';
import { Alert, Badge, Button, Drawer, Group, List, Loader, Paper, Stack, Stepper, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconArrowBackUp, IconLock, IconPencil } from '@tabler/icons-react';
import { useQuery } from '../../api/client';
import type { EvaluationSubjectDto } from '../../../../shared/ipc/contracts/evaluation.contract';
import {
  ADVANCE_STEP_LABELS,
  BOARD_CATEGORY_LABELS,
  WORKFLOW_STATE_LABELS,
  type SubjectType,
  type WorkflowState,
} from '../../../../shared/domain/evaluation';
import { EVALUATED_KIND_LABELS } from '../../../../shared/domain/criteria/vocabulary';
import { formatDateVi } from '../../../../shared/lib/dates';
import { OverallBadge, StateBadge } from './Badges';
import { CriteriaTable } from './CriteriaTable';
import { FiguresPanel } from './FiguresForm';
import { IncidentCompletenessPanel } from './IncidentCompletenessPanel';
import { RegistrationForm, RegistrationSummary } from './RegistrationForm';
import { StepForm, UndoModal } from './StepForms';
import { Allowed, OnlyRoles, stepRolesText, useStepAccess } from '../auth/session';
import { HISTORY_ACTION_LABELS } from '../../../../shared/domain/evaluation';
import { formatInstant } from './format';
import { EVAL } from './texts';
import { OwnedBadge, OwnedNotice, useOwner, useOwners, type Owner } from '../consolidation/Owned';
import { CONSOL } from '../consolidation/texts';

const S = EVAL.subject;

/** Stepper position of a state: registration is step 0, the decision step 4, finished = 5. */
const STEP_INDEX: Readonly<Record<WorkflowState, number>> = {
  chua_dang_ky: 0,
  da_dang_ky: 1,
  tu_danh_gia: 2,
  de_nghi: 3,
  tham_dinh: 4,
  cong_nhan: 5,
  khong_cong_nhan: 5,
};

interface Props {
  subjectType: SubjectType;
  subjectId: string;
  year: number;
  today: string;
  onClose: () => void;
  onChanged: () => void;
}

export function SubjectDrawer({ subjectType, subjectId, year, today, onClose, onChanged }: Props) {
  const query = useQuery('evaluation.subject', { subjectType, subjectId, year });
  const [fresh, setFresh] = useState<EvaluationSubjectDto | null>(null);
  const subject = fresh ?? query.data;

  const changed = (s: EvaluationSubjectDto, message: string) => {
    setFresh(s);
    notifications.show({ color: 'green', message });
    onChanged();
  };

  return (
    <Drawer opened onClose={onClose} position="right" size="88%" title={<Text fw={600}>{S.drawerTitle}</Text>} aria-label={S.drawerTitle}>
      {!subject ? (
        query.error ? (
          <Alert color="red" role="alert">
            {query.error.message}
          </Alert>
        ) : (
          <Group gap="xs">
            <Loader size="sm" />
            <Text size="sm">{S.loading}</Text>
          </Group>
        )
      ) : (
        <SubjectBody subject={subject} today={today} onChanged={changed} />
      )}
    </Drawer>
  );
}

type Changed = (s: EvaluationSubjectDto, message: string) => void;

/** Name, category, kind, year, parent and deadlines; state, live result and frozen result. */
function SubjectHeader({ subject: s, owner }: { subject: EvaluationSubjectDto; owner: Owner | null }) {
  return (
    <Paper withBorder p="sm" aria-label={s.name} role="region">
      <Group justify="space-between" align="flex-start" wrap="nowrap">
        <Stack gap={4}>
          <Group gap="xs">
            <Title order={3}>{s.name}</Title>
            {owner && <OwnedBadge owner={owner} />}
          </Group>
          <Text size="sm" c="dimmed">
            {[
              `${S.category}: ${BOARD_CATEGORY_LABELS[s.category]}`,
              `${S.kind}: ${EVALUATED_KIND_LABELS[s.kind]}`,
              `${S.year}: ${s.year}`,
              s.parentName ? `${S.parent}: ${s.parentName}` : null,
            ]
              .filter(Boolean)
              .join(' · ')}
          </Text>
          <Text size="xs" c="dimmed">
            {S.deadlines(formatDateVi(s.deadlines.registration), formatDateVi(s.deadlines.decision))}
          </Text>
        </Stack>
        <Stack gap={6} align="flex-end">
          <Group gap="xs">
            <Text size="sm">{S.status}:</Text>
            <StateBadge state={s.status} />
          </Group>
          <Group gap="xs">
            <Text size="sm">{S.live}:</Text>
            {s.ruleSetNote ? (
              <Text size="sm" c="dimmed">
                {EVAL.board.notEvaluated}
              </Text>
            ) : (
              <OverallBadge result={s.live.overall} />
            )}
          </Group>
          {s.frozen && (
            <Group gap="xs">
              <IconLock size={14} />
              <Text size="sm">{S.frozen}:</Text>
              <OverallBadge result={s.frozen.result.overall} />
            </Group>
          )}
        </Stack>
      </Group>
    </Paper>
  );
}

/** The year is frozen, the frozen result cannot be verified, the subject's warnings. */
function SubjectNotices({ subject: s }: { subject: EvaluationSubjectDto }) {
  return (
    <>
      {s.ruleSetNote && (
        <Alert color="blue" role="note">
          {s.ruleSetNote}
        </Alert>
      )}
      {s.yearFrozen && (
        <Alert color="blue" icon={<IconLock size={16} />} role="note">
          {S.yearFrozen(s.year, formatInstant(s.yearFrozen.at))}
        </Alert>
      )}
      {s.frozen?.tampered && (
        <Alert color="red" role="alert">
          {S.tampered}
        </Alert>
      )}
      {s.warnings.map((w) => (
        <Alert key={w} color="orange" py={6}>
          {w}
        </Alert>
      ))}
    </>
  );
}

/** The five steps with the date each was recorded. */
function WorkflowStepper({ subject: s }: { subject: EvaluationSubjectDto }) {
  return (
    <Stepper active={STEP_INDEX[s.status]} size="xs" aria-label={EVAL.steps.label} allowNextStepsSelect={false}>
      <Stepper.Step
        label={EVAL.steps.register}
        description={s.registration ? formatDateVi(s.registration.registeredOn) : EVAL.steps.registerDesc}
      />
      <Stepper.Step
        label={EVAL.steps.selfAssess}
        description={s.registration?.selfAssessedOn ? formatDateVi(s.registration.selfAssessedOn) : undefined}
      />
      <Stepper.Step
        label={EVAL.steps.propose}
        description={s.registration?.proposedOn ? formatDateVi(s.registration.proposedOn) : undefined}
      />
      <Stepper.Step
        label={EVAL.steps.appraise}
        description={s.registration?.appraisedOn ? formatDateVi(s.registration.appraisedOn) : undefined}
      />
      <Stepper.Step
        label={EVAL.steps.decide}
        description={s.registration?.decidedOn ? formatDateVi(s.registration.decidedOn) : undefined}
        {...(s.status === 'khong_cong_nhan' ? { color: 'red' } : {})}
      />
    </Stepper>
  );
}

interface WorkflowProps {
  subject: EvaluationSubjectDto;
  today: string;
  frozen: boolean;
  onChanged: Changed;
  onUndo: () => void;
}

/** The stepper, undo of the last step, and the form of the next step (or the registration). */
function WorkflowPanel({ subject: s, today, frozen, lockedText, onChanged, onUndo }: WorkflowProps & { lockedText: string | null }) {
  // Per step (STEP_ROLES): Cán bộ records the unit's own steps; the appraisal and the decision are Lãnh đạo's.
  const steps = useStepAccess();
  return (
    <Paper withBorder p="sm">
      <WorkflowStepper subject={s} />
      <Group justify="space-between" mt="sm" align="flex-start">
        <Text size="sm" fw={600}>
          {s.status === 'cong_nhan' || s.status === 'khong_cong_nhan' ? EVAL.steps.finished(WORKFLOW_STATE_LABELS[s.status]) : null}
        </Text>
        {steps.canUndo(s.status) && (
          <Button size="xs" variant="default" color="red" leftSection={<IconArrowBackUp size={16} />} onClick={onUndo} disabled={frozen}>
            {EVAL.steps.undo}
          </Button>
        )}
      </Group>
      {frozen ? (
        <Text size="sm" c="dimmed" mt="xs">
          {lockedText ?? EVAL.steps.frozenDisabled}
        </Text>
      ) : s.status === 'chua_dang_ky' ? (
        <Allowed method="evaluation.register" fallback={<OnlyRoles method="evaluation.register" />}>
          <RegistrationForm subject={s} today={today} onSaved={(r) => onChanged(r, EVAL.registration.done)} />
        </Allowed>
      ) : s.nextStep ? (
        steps.canTake(s.nextStep) ? (
          <StepForm
            key={s.nextStep}
            subject={s}
            step={s.nextStep}
            today={today}
            onSaved={(r, label) => onChanged(r, EVAL.steps.done(label))}
          />
        ) : (
          <Text size="sm" c="dimmed" mt="xs" data-testid="only-roles">
            {EVAL.steps.onlyRoles(ADVANCE_STEP_LABELS[s.nextStep], stepRolesText(s.nextStep))}
          </Text>
        )
      ) : null}
    </Paper>
  );
}

/** What was registered, with its edit dialog. */
function RegistrationPanel({ subject: s, today, frozen, onChanged }: Omit<WorkflowProps, 'onUndo'>) {
  const [editing, setEditing] = useState(false);
  return (
    <Paper withBorder p="sm">
      <Group justify="space-between" mb="xs">
        <Text fw={600}>{EVAL.registration.summary}</Text>
        <Allowed method="evaluation.register">
          <Button size="xs" variant="default" leftSection={<IconPencil size={14} />} onClick={() => setEditing(true)} disabled={frozen}>
            {EVAL.registration.edit}
          </Button>
        </Allowed>
      </Group>
      <RegistrationSummary subject={s} />
      {editing && (
        <RegistrationForm
          subject={s}
          today={today}
          modal
          onClose={() => setEditing(false)}
          onSaved={(r) => {
            setEditing(false);
            onChanged(r, EVAL.registration.updated);
          }}
        />
      )}
    </Paper>
  );
}

/** What changed since the year was frozen. */
function DifferencesPanel({ differences }: { differences: NonNullable<EvaluationSubjectDto['frozen']>['differences'] }) {
  return (
    <Paper withBorder p="sm" aria-label={S.differencesTitle} role="region">
      <Text fw={600} mb={4}>
        {S.differencesTitle}
      </Text>
      {differences.length === 0 ? (
        <Text size="sm">{S.noDifferences}</Text>
      ) : (
        <List size="sm">
          {differences.map((d) => (
            <List.Item key={d.ruleId ?? 'overall'}>{d.text}</List.Item>
          ))}
        </List>
      )}
    </Paper>
  );
}

function HistoryPanel({ history }: { history: EvaluationSubjectDto['history'] }) {
  return (
    <Paper withBorder p="sm">
      <Text fw={600} mb={4}>
        {S.history}
      </Text>
      {history.length === 0 ? (
        <Text size="sm" c="dimmed">
          {S.historyEmpty}
        </Text>
      ) : (
        <Stack gap={2}>
          {history.map((h) => (
            <Text size="xs" key={h.id}>
              <Badge size="xs" variant="light" mr={6}>
                {HISTORY_ACTION_LABELS[h.action]}
              </Badge>
              {formatInstant(h.at)} — {h.summary}
              {h.by ? ` (${h.by})` : ''}
              {h.reason ? `. ${EVAL.steps.reason}: ${h.reason}` : ''}
            </Text>
          ))}
        </Stack>
      )}
    </Paper>
  );
}

/**
 * At the province, the office that sent this subject's evaluation: the subject itself (a unit or
 * an organisation it sent) or its registration of the year. Null at an office and for the
 * province's own subjects. The backend refuses every change to them anyway (ownership-guard.ts).
 */
function useSubjectOwner(s: EvaluationSubjectDto): Owner | null {
  const subjectOwner = useOwner(s.subjectType === 'unit' ? 'units' : 'organizations', s.subjectId);
  const regIds = useMemo(() => (s.registration ? [s.registration.id] : []), [s.registration]);
  const regOwners = useOwners('evaluation_registrations', regIds);
  return subjectOwner ?? (s.registration ? (regOwners.get(s.registration.id) ?? null) : null);
}

function SubjectBody({ subject: s, today, onChanged }: { subject: EvaluationSubjectDto; today: string; onChanged: Changed }) {
  const [undo, setUndo] = useState(false);
  const owner = useSubjectOwner(s);
  // A frozen year, or a subject an office sent: nothing here can be changed.
  const frozen = s.yearFrozen !== null || owner !== null;
  const key = { subjectType: s.subjectType, subjectId: s.subjectId, year: s.year };

  return (
    <Stack gap="md">
      <SubjectHeader subject={s} owner={owner} />

      {owner && <OwnedNotice owner={owner} />}

      <SubjectNotices subject={s} />

      <WorkflowPanel
        subject={s}
        today={today}
        frozen={frozen}
        lockedText={owner ? CONSOL.ownedMessage(owner.officeName) : null}
        onChanged={onChanged}
        onUndo={() => setUndo(true)}
      />

      {s.registration && <RegistrationPanel subject={s} today={today} frozen={frozen} onChanged={onChanged} />}

      {s.frozen && <DifferencesPanel differences={s.frozen.differences} />}

      <IncidentCompletenessPanel subject={s} today={today} disabled={frozen} onChanged={onChanged} />

      <FiguresPanel subject={s} today={today} disabled={frozen} onChanged={onChanged} />

      {/* A year without a rule set has no criteria to show (the notice above says why). */}
      {!s.ruleSetNote && <CriteriaTable subject={s} today={today} disabled={frozen} onChanged={onChanged} />}

      <HistoryPanel history={s.history} />

      {undo && (
        <UndoModal
          subjectKey={key}
          stateLabel={WORKFLOW_STATE_LABELS[s.status]}
          onClose={() => setUndo(false)}
          onDone={(r) => {
            setUndo(false);
            onChanged(r, EVAL.steps.undone);
          }}
        />
      )}
    </Stack>
  );
}
