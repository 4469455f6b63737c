/**
 * Yearly rating of an organisation (HD01's four levels or "không xếp loại" for a Tổ bảo vệ ANTT,
 * hiệu quả / chưa hiệu quả otherwise) and of a Tổ bảo vệ ANTT member. The HD01 rules are checked
 * as the person chooses, with the same pure functions the backend applies; the backend's own
 * refusals (e.g. a team level below its leader's) and the 20 % warning are shown too.
 */
import { useState } from 'react';
import { Alert, Checkbox, List, Modal, Radio, Select, Stack, Text, Textarea } from '@mantine/core';
import { CountInput } from '../../components/CountInput';
import { notifications } from '@mantine/notifications';
import { call } from '../../api/client';
import type { MassOrgDto, MemberDto, MemberRatingDto, OrgRatingDto } from '../../../../shared/ipc/contracts/mass-orgs.contract';
import {
  NOT_RATED_REASONS,
  NOT_RATED_REASON_LABELS,
  RATING_LABELS,
  checkMemberRating,
  checkTeamRating,
  isHd01Level,
  levelsOf,
  memberSpan,
  ratingText,
  teamSpan,
  type NotRatedReason,
  type RatingLevel,
  type RatingScheme,
  memberNameText,
} from '../../../../shared/domain/mass-orgs';
import { ratingPeriod, spanLengthText, type DateSpan } from '../../../../shared/domain/mass-org-dates';
import { formatDateVi } from '../../../../shared/lib/dates';
import { FormAlert, FormActions } from '../../components/FormActions';
import { useFormErrors, useSubmit } from '../../components/formErrors';
import { MASS } from './texts';

const NOT_RATED = 'khong_xep_loai';
type Choice = RatingLevel | typeof NOT_RATED | null;

function choiceOf(r: { level: RatingLevel | null; notRatedReason: NotRatedReason | null } | undefined): Choice {
  if (!r) return null;
  return r.level ?? NOT_RATED;
}

function PeriodInfo({ year, span, what }: { year: number; span: DateSpan | null; what: string }) {
  const p = ratingPeriod(year);
  return (
    <Text size="sm" c="dimmed">
      {MASS.period(formatDateVi(p.from), formatDateVi(p.to))}.{' '}
      {span
        ? MASS.operated(what, `${formatDateVi(span.from)} – ${formatDateVi(span.to)} (${spanLengthText(span)})`)
        : MASS.notInPeriod(what)}
    </Text>
  );
}

function Violations({ items }: { items: readonly string[] }) {
  if (items.length === 0) return null;
  return (
    <Alert color="red" title={MASS.rating.rules} role="alert">
      <List size="sm" spacing={2}>
        {items.map((v) => (
          <List.Item key={v}>{v}</List.Item>
        ))}
      </List>
    </Alert>
  );
}

/** The warnings returned with a saved rating (the 20 % quota): shown, never blocking. */
export function QuotaWarnings({ warnings, baseNote, onClose }: { warnings: readonly string[]; baseNote?: string; onClose?: () => void }) {
  if (warnings.length === 0) return null;
  return (
    <Alert color="orange" title={MASS.rating.quotaTitle} role="alert" p="xs" {...(onClose ? { withCloseButton: true, onClose } : {})}>
      <Stack gap={2}>
        {warnings.map((w) => (
          <Text key={w} size="sm">
            {w}
          </Text>
        ))}
        {baseNote && (
          <Text size="xs" c="dimmed">
            {baseNote}
          </Text>
        )}
      </Stack>
    </Alert>
  );
}

function LevelChoice({ scheme, value, onChange }: { scheme: RatingScheme; value: Choice; onChange: (c: Choice) => void }) {
  return (
    <Radio.Group label={MASS.rating.level} value={value ?? ''} onChange={(v) => onChange(v === '' ? null : v)} withAsterisk>
      <Stack gap={6} mt={6}>
        {levelsOf(scheme).map((l) => (
          <Radio key={l} value={l} label={RATING_LABELS[l]} />
        ))}
        {scheme === 'hd01' && <Radio value={NOT_RATED} label={MASS.rating.notRated} />}
      </Stack>
    </Radio.Group>
  );
}

function ReasonFields(props: {
  reason: NotRatedReason | null;
  onReason: (r: NotRatedReason | null) => void;
  note: string;
  onNote: (n: string) => void;
  error: string | undefined;
}) {
  return (
    <>
      <Select
        label={MASS.rating.reason}
        data={NOT_RATED_REASONS.map((r) => ({ value: r, label: NOT_RATED_REASON_LABELS[r] }))}
        value={props.reason}
        onChange={(v) => props.onReason(v)}
        allowDeselect={false}
        withAsterisk
      />
      <Textarea
        label={MASS.rating.reasonNote}
        placeholder={MASS.rating.reasonNotePlaceholder}
        value={props.note}
        onChange={(e) => props.onNote(e.currentTarget.value)}
        error={props.error}
        autosize
        minRows={2}
      />
    </>
  );
}

interface OrgRatingProps {
  org: MassOrgDto;
  scheme: RatingScheme;
  year: number;
  ratings: readonly OrgRatingDto[];
  onClose: () => void;
  onSaved: (warnings: string[]) => void;
}

export function OrgRatingModal({ org, scheme, year: initialYear, ratings, onClose, onSaved }: OrgRatingProps) {
  const [year, setYear] = useState<number>(initialYear);
  const existing = ratings.find((r) => r.year === year);
  const [choice, setChoice] = useState<Choice>(choiceOf(existing));
  const [reason, setReason] = useState<NotRatedReason | null>(existing?.notRatedReason ?? null);
  const [note, setNote] = useState(existing?.reasonNote ?? '');
  const errors = useFormErrors();
  const { saving, run } = useSubmit(errors);

  const changeYear = (y: number) => {
    setYear(y);
    const r = ratings.find((x) => x.year === y);
    setChoice(choiceOf(r));
    setReason(r?.notRatedReason ?? null);
    setNote(r?.reasonNote ?? '');
    errors.clear();
  };

  const draft = {
    level: choice === NOT_RATED ? null : choice,
    notRatedReason: choice === NOT_RATED ? reason : null,
    reasonNote: note.trim() || null,
  };
  // Leaders' ratings are not known here; the backend adds that rule and its refusal shows above.
  const violations =
    choice === null || (choice === NOT_RATED && reason === null) ? [] : checkTeamRating({ scheme, org, year, leaders: [] }, draft);

  async function save() {
    errors.clear();
    if (choice === null) return errors.setLocal({ level: MASS.form.required(MASS.rating.level) });
    await run(async () => {
      const r = await call('massOrgs.rate', { id: org.id, year, ...draft, reasonNote: note });
      notifications.show({ color: 'green', message: MASS.rating.saved });
      onSaved(r.warnings);
    });
  }

  return (
    <Modal opened onClose={onClose} title={MASS.rating.orgTitle(org.name)} size="lg">
      <Stack gap="sm">
        <FormAlert message={errors.message} />
        <CountInput
          label={MASS.rating.year}
          value={year}
          onChange={(v) => typeof v === 'number' && changeYear(v)}
          min={1990}
          max={2100}
          allowDecimal={false}
          thousandSeparator=""
          w={140}
        />
        {scheme === 'hd01' && <PeriodInfo year={year} span={teamSpan(org, year)} what="Tổ" />}
        <LevelChoice scheme={scheme} value={choice} onChange={setChoice} />
        {errors.fields['level'] && (
          <Text size="sm" c="red">
            {errors.fields['level']}
          </Text>
        )}
        {choice === NOT_RATED && (
          <ReasonFields reason={reason} onReason={setReason} note={note} onNote={setNote} error={errors.fields['reasonNote']} />
        )}
        <Violations items={violations} />
        <FormActions
          cancelLabel={MASS.form.cancel}
          submitLabel={MASS.rating.save}
          onCancel={onClose}
          saving={saving}
          disabled={violations.length > 0}
          onConfirm={() => void save()}
        />
      </Stack>
    </Modal>
  );
}

interface MemberRatingProps {
  member: MemberDto;
  ratings: readonly MemberRatingDto[];
  org: MassOrgDto;
  scheme: RatingScheme;
  orgRatings: readonly OrgRatingDto[];
  year: number;
  onClose: () => void;
  onSaved: (warnings: string[]) => void;
}

export function MemberRatingModal({ member, ratings, org, scheme, orgRatings, year: initialYear, onClose, onSaved }: MemberRatingProps) {
  const [year, setYear] = useState<number>(initialYear);
  const existing = ratings.find((r) => r.year === year);
  const [choice, setChoice] = useState<Choice>(choiceOf(existing));
  const [reason, setReason] = useState<NotRatedReason | null>(existing?.notRatedReason ?? null);
  const [note, setNote] = useState(existing?.reasonNote ?? '');
  const [actingLeader, setActingLeader] = useState(existing?.actingLeader ?? false);
  const [newlyTransferred, setNewlyTransferred] = useState(existing?.newlyTransferred ?? false);
  const errors = useFormErrors();
  const { saving, run } = useSubmit(errors);

  const changeYear = (y: number) => {
    setYear(y);
    const r = ratings.find((x) => x.year === y);
    setChoice(choiceOf(r));
    setReason(r?.notRatedReason ?? null);
    setNote(r?.reasonNote ?? '');
    setActingLeader(r?.actingLeader ?? false);
    setNewlyTransferred(r?.newlyTransferred ?? false);
    errors.clear();
  };

  const teamRating = orgRatings.find((r) => r.year === year) ?? null;
  const isLeader = member.role === 'to_truong' || (member.role === 'to_pho' && actingLeader);
  const draft = {
    level: choice === NOT_RATED ? null : choice,
    notRatedReason: choice === NOT_RATED ? reason : null,
    reasonNote: note.trim() || null,
    actingLeader: member.role === 'to_pho' && actingLeader,
    newlyTransferred: isLeader && newlyTransferred,
  };
  const violations =
    choice === null || (choice === NOT_RATED && reason === null) ? [] : checkMemberRating({ scheme, org, member, year, teamRating }, draft);

  async function save() {
    errors.clear();
    if (choice === null) return errors.setLocal({ level: MASS.form.required(MASS.rating.level) });
    // The member scale is HD01's; the radio only offers those levels, this narrows the type.
    const level = draft.level;
    if (level !== null && !isHd01Level(level)) return;
    await run(async () => {
      const r = await call('members.rate', {
        id: member.id,
        year,
        level,
        notRatedReason: draft.notRatedReason,
        reasonNote: note,
        actingLeader: draft.actingLeader,
        newlyTransferred: draft.newlyTransferred,
      });
      notifications.show({ color: 'green', message: MASS.rating.saved });
      onSaved(r.warnings);
    });
  }

  return (
    <Modal opened onClose={onClose} title={MASS.rating.memberTitle(memberNameText(member.fullName))} size="lg">
      <Stack gap="sm">
        <FormAlert message={errors.message} />
        <CountInput
          label={MASS.rating.year}
          value={year}
          onChange={(v) => typeof v === 'number' && changeYear(v)}
          min={1990}
          max={2100}
          allowDecimal={false}
          thousandSeparator=""
          w={140}
        />
        <PeriodInfo year={year} span={memberSpan(member, org, year)} what="Thành viên" />
        <Text size="sm">{MASS.rating.team(ratingText(teamRating))}</Text>
        <LevelChoice scheme="hd01" value={choice} onChange={setChoice} />
        {errors.fields['level'] && (
          <Text size="sm" c="red">
            {errors.fields['level']}
          </Text>
        )}
        {choice === NOT_RATED && (
          <ReasonFields reason={reason} onReason={setReason} note={note} onNote={setNote} error={errors.fields['reasonNote']} />
        )}
        {member.role === 'to_pho' && (
          <Checkbox label={MASS.rating.actingLeader} checked={actingLeader} onChange={(e) => setActingLeader(e.currentTarget.checked)} />
        )}
        {isLeader && (
          <Checkbox
            label={MASS.rating.newlyTransferred}
            checked={newlyTransferred}
            onChange={(e) => setNewlyTransferred(e.currentTarget.checked)}
          />
        )}
        <Violations items={violations} />
        <FormActions
          cancelLabel={MASS.form.cancel}
          submitLabel={MASS.rating.save}
          onCancel={onClose}
          saving={saving}
          disabled={violations.length > 0}
          onConfirm={() => void save()}
        />
      </Stack>
    </Modal>
  );
}
