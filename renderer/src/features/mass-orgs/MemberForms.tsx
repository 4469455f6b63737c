/**
 * A member's dialogs: the form to add one, and the member's own record (the only place the whole
 * phone number is shown) with leaving, rejoining, rating and deleting a mistaken entry.
 */
import { useState } from 'react';
import {
  Alert,
  Autocomplete,
  Badge,
  Button,
  Group,
  Loader,
  Modal,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  Textarea,
  Title,
} from '@mantine/core';
import { CountInput } from '../../components/CountInput';
import { notifications } from '@mantine/notifications';
import { call, useQuery } from '../../api/client';
import type { MassOrgKindDto, MemberDto, MemberRatingDto } from '../../../../shared/ipc/contracts/mass-orgs.contract';
import {
  ETHNIC_GROUPS,
  GENDERS,
  GENDER_LABELS,
  MEMBER_ROLES,
  ROLE_LABELS,
  memberNameText,
  ratingText,
  type Gender,
  type MemberRole,
} from '../../../../shared/domain/mass-orgs';
import { formatDateVi } from '../../../../shared/lib/dates';
import { viOptionsFilter } from '../../components/viFilter';
import { VnDateInput } from '../../components/VnDateInput';
import { FutureDateNotice, futureDates, useFutureConfirm, useWithdrawingState } from '../../components/FutureDates';
import { DateReasonFields, FormAlert, FormActions } from '../../components/FormActions';
import { errorText, useFormErrors, useSubmit } from '../../components/formErrors';
import { MemberRatingModal } from './RatingForms';
import { LockedActions, OwnedBadge, OwnedNotice, useOwner } from '../consolidation/Owned';
import { OWNERSHIP_TEXTS } from '../../../../shared/domain/ownership';
import { MASS } from './texts';
import { RoleLocked, useCan } from '../auth/session';

const GENDER_DATA = GENDERS.map((g) => ({ value: g, label: GENDER_LABELS[g] }));
const ROLE_DATA = MEMBER_ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] }));

interface FieldsProps {
  initial: MemberDto | null;
  today: string;
  onSubmit: (fields: {
    fullName: string;
    gender: Gender;
    birthYear: number | null;
    ethnicity: string;
    phone: string;
    role: MemberRole;
    joinedOn: string;
    note: string;
  }) => Promise<void>;
  onCancel: () => void;
  submitLabel: string;
}

/** The checks made before asking the backend: required fields and a four-digit birth year. */
function memberLocalErrors(v: {
  fullName: string;
  gender: string | null;
  role: string | null;
  joinedOn: string | null;
  birthYear: number | string;
}): Record<string, string> {
  const local: Record<string, string> = {};
  if (v.fullName.trim() === '') local['fullName'] = MASS.form.required(MASS.fields.fullName);
  if (!v.gender) local['gender'] = MASS.form.required(MASS.fields.gender);
  if (!v.role) local['role'] = MASS.form.required(MASS.fields.role);
  if (!v.joinedOn) local['joinedOn'] = MASS.form.required(MASS.fields.joinedOn);
  if (typeof v.birthYear === 'string' && v.birthYear.trim() !== '' && !/^\d{4}$/.test(v.birthYear.trim()))
    local['birthYear'] = 'Năm sinh phải là số có 4 chữ số.';
  return local;
}

/** The member's fields; keeps what was typed when the backend refuses. */
function MemberFields({ initial, today, onSubmit, onCancel, submitLabel }: FieldsProps) {
  const future = useFutureConfirm();
  // Any edit withdraws the question about a future joining date (FutureDates.tsx).
  const [fullName, setFullName] = useWithdrawingState(future, initial?.fullName ?? '');
  const [gender, setGender] = useWithdrawingState<string | null>(future, initial?.gender ?? null);
  const [birthYear, setBirthYear] = useWithdrawingState<number | string>(future, initial?.birthYear ?? '');
  const [ethnicity, setEthnicity] = useWithdrawingState(future, initial?.ethnicity ?? '');
  const [phone, setPhone] = useWithdrawingState(future, initial?.phone ?? '');
  const [role, setRole] = useWithdrawingState<string | null>(future, initial?.role ?? 'to_vien');
  const [joinedOn, setJoinedOn] = useWithdrawingState<string | null>(future, initial?.joinedOn ?? today);
  const [note, setNote] = useWithdrawingState(future, initial?.note ?? '');
  const errors = useFormErrors();
  const { saving, run } = useSubmit(errors);

  function submit() {
    errors.clear();
    const local = memberLocalErrors({ fullName, gender, role, joinedOn, birthYear });
    if (Object.keys(local).length > 0 || !gender || !role || !joinedOn) {
      errors.setLocal(local);
      return;
    }
    const fields = {
      fullName,
      gender: gender as Gender,
      birthYear: birthYear === '' ? null : Number(birthYear),
      ethnicity,
      phone,
      role: role as MemberRole,
      joinedOn,
      note,
    };
    // The joining date records something that happened: one after today waits for the officer's word.
    future.guard(futureDates([{ label: MASS.fields.joinedOn, value: joinedOn }], today), () => void run(() => onSubmit(fields)));
  }

  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <Stack gap="sm">
        <FormAlert message={errors.message} />
        <TextInput
          label={MASS.fields.fullName}
          value={fullName}
          onChange={(e) => setFullName(e.currentTarget.value)}
          error={errors.fields['fullName']}
          // A stored record without a name: not known here (an office's file left it out).
          placeholder={initial ? OWNERSHIP_TEXTS.unknown : undefined}
          withAsterisk
          data-autofocus
        />
        <MemberPersonFields
          unknownPlaceholder={initial ? OWNERSHIP_TEXTS.unknown : undefined}
          gender={gender}
          onGender={setGender}
          birthYear={birthYear}
          onBirthYear={setBirthYear}
          ethnicity={ethnicity}
          onEthnicity={setEthnicity}
          role={role}
          onRole={setRole}
          errors={errors.fields}
        />
        <TextInput
          label={MASS.fields.phone}
          description={MASS.form.phoneHint}
          value={phone}
          onChange={(e) => setPhone(e.currentTarget.value)}
          error={errors.fields['phone']}
          inputMode="tel"
        />
        <VnDateInput
          label={MASS.fields.joinedOn}
          value={joinedOn}
          onChange={setJoinedOn}
          error={errors.fields['joinedOn']}
          warnAfter={today}
          required
        />
        <Textarea
          label={MASS.fields.note}
          value={note}
          onChange={(e) => setNote(e.currentTarget.value)}
          error={errors.fields['note']}
          autosize
          minRows={1}
        />
        <Text size="xs" c="dimmed">
          {MASS.form.personalNote}
        </Text>
        <FutureDateNotice confirm={future} today={today} />
        <FormActions cancelLabel={MASS.form.cancel} submitLabel={submitLabel} onCancel={onCancel} saving={saving} />
      </Stack>
    </form>
  );
}

interface PersonFieldsProps {
  /** Shown in an empty field of a stored record: not known here. */
  unknownPlaceholder: string | undefined;
  gender: string | null;
  onGender: (v: string | null) => void;
  birthYear: number | string;
  onBirthYear: (v: number | string) => void;
  ethnicity: string;
  onEthnicity: (v: string) => void;
  role: string | null;
  onRole: (v: string | null) => void;
  errors: Record<string, string | undefined>;
}

/** Gender and birth year, ethnicity and role: two rows of the member's form. */
function MemberPersonFields(props: PersonFieldsProps) {
  const { unknownPlaceholder, gender, onGender, birthYear, onBirthYear, ethnicity, onEthnicity, role, onRole, errors } = props;
  return (
    <>
      <Group grow align="flex-start">
        <Select
          label={MASS.fields.gender}
          data={GENDER_DATA}
          value={gender}
          onChange={onGender}
          error={errors['gender']}
          placeholder={unknownPlaceholder}
          allowDeselect={false}
          withAsterisk
        />
        <CountInput
          label={MASS.fields.birthYear}
          value={birthYear}
          onChange={onBirthYear}
          error={errors['birthYear']}
          min={1900}
          max={2100}
          allowDecimal={false}
          thousandSeparator=""
        />
      </Group>
      <Group grow align="flex-start">
        <Autocomplete
          label={MASS.fields.ethnicity}
          description={MASS.form.ethnicityHint}
          data={[...ETHNIC_GROUPS]}
          value={ethnicity}
          onChange={onEthnicity}
          filter={viOptionsFilter}
          error={errors['ethnicity']}
        />
        <Select
          label={MASS.fields.role}
          data={ROLE_DATA}
          value={role}
          onChange={onRole}
          error={errors['role']}
          allowDeselect={false}
          withAsterisk
        />
      </Group>
    </>
  );
}

export function AddMemberModal({
  org,
  today,
  onClose,
  onSaved,
}: {
  org: { id: string; name: string };
  today: string;
  onClose: () => void;
  onSaved: () => void;
}) {
  return (
    <Modal opened onClose={onClose} title={MASS.form.addMemberTitle(org.name)} size="lg">
      <MemberFields
        initial={null}
        today={today}
        submitLabel={MASS.form.save}
        onCancel={onClose}
        onSubmit={async (f) => {
          await call('members.create', { massOrgId: org.id, ...f });
          notifications.show({ color: 'green', message: MASS.form.saved });
          onSaved();
        }}
      />
    </Modal>
  );
}

type Sub = 'form' | 'leave' | 'rate' | 'delete';

interface MemberModalProps {
  memberId: string;
  massOrgId: string;
  kinds: readonly MassOrgKindDto[];
  year: number;
  today: string;
  onClose: () => void;
  /** Something was saved: the lists behind reload. Warnings come from a saved rating. */
  onChanged: (warnings?: string[]) => void;
}

/** The member's own record: edit (whole phone number), leave / rejoin, rating, delete. */
export function MemberModal({ memberId, massOrgId, kinds, year, today, onClose, onChanged }: MemberModalProps) {
  const detail = useQuery('members.get', { id: memberId });
  const orgQuery = useQuery('massOrgs.get', { id: massOrgId });
  const [sub, setSub] = useState<Sub>('form');
  const [error, setError] = useState<string | null>(null);
  // At the province, a member an office sent: read-only (the backend refuses changes anyway).
  const owner = useOwner('mass_org_members', memberId);
  const org = orgQuery.data?.org;
  const scheme = kinds.find((k) => k.id === org?.kindId)?.scheme;

  const reload = (warnings?: string[]) => {
    detail.reload();
    orgQuery.reload();
    onChanged(warnings);
  };

  if (sub === 'rate' && detail.data && org && scheme) {
    return (
      <MemberRatingModal
        member={detail.data.member}
        ratings={detail.data.ratings}
        org={org}
        scheme={scheme}
        orgRatings={orgQuery.data?.ratings ?? []}
        year={year}
        onClose={() => setSub('form')}
        onSaved={(warnings) => {
          setSub('form');
          reload(warnings);
        }}
      />
    );
  }
  if (sub === 'leave' && detail.data) {
    return (
      <LeaveModal
        member={detail.data.member}
        today={today}
        onClose={() => setSub('form')}
        onDone={() => {
          setSub('form');
          reload();
        }}
      />
    );
  }

  const m = detail.data?.member;
  return (
    <Modal opened onClose={onClose} title={m ? MASS.form.editMemberTitle(memberNameText(m.fullName)) : MASS.loading} size="lg">
      {detail.error || orgQuery.error ? (
        <Alert color="red" role="alert">
          {(detail.error ?? orgQuery.error)!.message}
        </Alert>
      ) : !m || !org ? (
        <Loader size="sm" />
      ) : (
        <Stack gap="md">
          <Group justify="space-between">
            <Text size="sm">
              {MASS.columns.org}: <b>{org.name}</b>
            </Text>
            {owner && <OwnedBadge owner={owner} />}
            {m.leftOn ? (
              <Badge color="gray" variant="light">
                {MASS.leftOnText(formatDateVi(m.leftOn))}
              </Badge>
            ) : (
              <Badge color="green" variant="light">
                {MASS.statuses.activeMember}
              </Badge>
            )}
          </Group>
          {owner && <OwnedNotice owner={owner} />}
          <FormAlert message={error} />
          <LockedActions owner={owner}>
            <MemberActions
              member={m}
              scheme={scheme}
              sub={sub}
              onSub={setSub}
              onError={setError}
              onRejoined={() => reload()}
              onDeleted={() => {
                onChanged();
                onClose();
              }}
            />
          </LockedActions>
          {m.leftOn && m.leftReason && (
            <Text size="sm">
              {MASS.fields.leftReason}: {m.leftReason}
            </Text>
          )}
          <LockedActions owner={owner}>
            <RoleLocked method="members.update">
              <MemberFields
                // Re-read after a save (the stored phone is normalised: "+84 912…" → "0912…").
                key={JSON.stringify(m)}
                initial={m}
                today={today}
                submitLabel={MASS.form.save}
                onCancel={onClose}
                onSubmit={async (f) => {
                  await call('members.update', { id: m.id, ...f });
                  notifications.show({ color: 'green', message: MASS.form.saved });
                  reload();
                }}
              />
            </RoleLocked>
          </LockedActions>
          {scheme === 'hd01' && <MemberRatings ratings={detail.data!.ratings} />}
        </Stack>
      )}
    </Modal>
  );
}

interface ActionsProps {
  member: MemberDto;
  scheme: MassOrgKindDto['scheme'] | undefined;
  sub: Sub;
  onSub: (sub: Sub) => void;
  onError: (message: string | null) => void;
  onRejoined: () => void;
  onDeleted: () => void;
}

/** Leave or rejoin, rate, delete (with its confirmation); none of them for a role that may not edit members. */
function MemberActions({ member, scheme, sub, onSub, onError, onRejoined, onDeleted }: ActionsProps) {
  if (!useCan()('members.update')) return null;
  return (
    <>
      <Group gap="xs">
        {member.leftOn === null ? (
          <Button size="xs" variant="default" onClick={() => onSub('leave')}>
            {MASS.actions.leave}
          </Button>
        ) : (
          <Button
            size="xs"
            variant="default"
            onClick={async () => {
              onError(null);
              try {
                await call('members.rejoin', { id: member.id });
                notifications.show({ color: 'green', message: MASS.rejoined(memberNameText(member.fullName)) });
                onRejoined();
              } catch (err) {
                onError(errorText(err));
              }
            }}
          >
            {MASS.actions.rejoin}
          </Button>
        )}
        {scheme === 'hd01' && (
          <Button size="xs" variant="default" onClick={() => onSub('rate')}>
            {MASS.actions.rate}
          </Button>
        )}
        <Button size="xs" variant="subtle" color="red" onClick={() => onSub(sub === 'delete' ? 'form' : 'delete')}>
          {MASS.actions.delete}
        </Button>
      </Group>
      {sub === 'delete' && (
        <Alert color="red" title={MASS.deleteMember.confirm}>
          <Stack gap="xs">
            <Text size="sm">{MASS.deleteMember.body(memberNameText(member.fullName))}</Text>
            <Group>
              <Button
                size="xs"
                color="red"
                onClick={async () => {
                  try {
                    await call('members.delete', { id: member.id });
                    notifications.show({ color: 'green', message: MASS.deleteMember.done(memberNameText(member.fullName)) });
                    onDeleted();
                  } catch (err) {
                    onError(errorText(err));
                  }
                }}
              >
                {MASS.deleteOrg.confirm}
              </Button>
              <Button size="xs" variant="default" onClick={() => onSub('form')}>
                {MASS.form.cancel}
              </Button>
            </Group>
          </Stack>
        </Alert>
      )}
    </>
  );
}

/** The member's ratings by year (HD01 organisations only). */
function MemberRatings({ ratings }: { ratings: readonly MemberRatingDto[] }) {
  return (
    <>
      <Title order={5}>{MASS.ratingsTable}</Title>
      {ratings.length === 0 ? (
        <Text size="sm" c="dimmed">
          {MASS.noRatings}
        </Text>
      ) : (
        <Table aria-label="Xếp loại của thành viên" withRowBorders={false}>
          <Table.Tbody>
            {ratings.map((r) => (
              <Table.Tr key={r.year}>
                <Table.Td w={70}>{r.year}</Table.Td>
                <Table.Td>{ratingText(r)}</Table.Td>
                <Table.Td>{r.reasonNote ?? ''}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </>
  );
}

function LeaveModal({ member, today, onClose, onDone }: { member: MemberDto; today: string; onClose: () => void; onDone: () => void }) {
  const [leftOn, setLeftOn] = useState<string | null>(today);
  const [reason, setReason] = useState('');
  const errors = useFormErrors();
  const { saving, run } = useSubmit(errors);

  async function leave() {
    errors.clear();
    if (!leftOn) return errors.setLocal({ leftOn: MASS.form.required(MASS.leave.date) });
    await run(async () => {
      await call('members.leave', { id: member.id, leftOn, reason });
      notifications.show({ color: 'green', message: MASS.leave.done(memberNameText(member.fullName)) });
      onDone();
    });
  }

  return (
    <Modal opened onClose={onClose} title={MASS.leave.title(memberNameText(member.fullName))}>
      <Stack gap="sm">
        <FormAlert message={errors.message} />
        <DateReasonFields
          dateLabel={MASS.leave.date}
          date={leftOn}
          onDate={setLeftOn}
          dateError={errors.fields['leftOn']}
          reasonLabel={MASS.leave.reason}
          reason={reason}
          onReason={setReason}
          reasonError={undefined}
          reasonRequired={false}
        />
        <FormActions
          cancelLabel={MASS.form.cancel}
          submitLabel={MASS.leave.submit}
          onCancel={onClose}
          saving={saving}
          color="red"
          onConfirm={() => void leave()}
        />
      </Stack>
    </Modal>
  );
}
