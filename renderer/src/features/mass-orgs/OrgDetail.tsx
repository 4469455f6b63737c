/**
 * One organisation: its facts, its ratings by year (with the HD01 period and nine-month rule for a
 * Tổ bảo vệ ANTT), its members with their rating of the year, and every action on them.
 */
import { useMemo, useState } from 'react';
import { Alert, Button, Group, Loader, ScrollArea, Stack, Title, UnstyledButton } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconArrowLeft, IconPlus } from '@tabler/icons-react';
import { call, useQuery } from '../../api/client';
import type { UnitDto } from '../../../../shared/ipc/contract';
import type { MassOrgDto, MassOrgKindDto } from '../../../../shared/ipc/contracts/mass-orgs.contract';
import { EMPTY_FILTER } from '../../../../shared/domain/registries';
import { QUOTA_BASE_NOTE, teamSpan } from '../../../../shared/domain/mass-orgs';
import { coversNineMonths, ratingPeriod, spanLengthText } from '../../../../shared/domain/mass-org-dates';
import { decodeMemberColumns } from '../../../../shared/domain/mass-org-members-list';
import { formatDateVi } from '../../../../shared/lib/dates';
import { FormAlert } from '../../components/FormActions';
import { errorText } from '../../components/formErrors';
import { unitNamer } from './common';
import { MembersTable } from './MembersTable';
import { QuotaWarnings } from './RatingForms';
import { FactsTable, OrgDialogs, OrgHeader, RatingsTable, type Dialog } from './OrgDetailParts';
import { LockedActions, OwnedNotice, useOwner } from '../consolidation/Owned';
import { MASS } from './texts';
import { Allowed } from '../auth/session';

/** "15/11/2025 – 14/11/2026; tổ hoạt động 12 tháng trong kỳ" (HD01 rates teams of ≥ 9 months). */
function periodText(org: { validFrom: string; validTo: string | null }, year: number): string {
  const p = ratingPeriod(year);
  const span = teamSpan(org, year);
  const head = `${formatDateVi(p.from)} – ${formatDateVi(p.to)}`;
  if (!span) return `${head}; ${MASS.notInPeriod('tổ').toLowerCase()}`;
  return `${head}; ${MASS.teamOperated(spanLengthText(span), coversNineMonths(span))}`;
}

/** The rows of the organisation's facts table, in reading order. */
function orgFacts(
  org: MassOrgDto,
  kind: MassOrgKindDto | undefined,
  year: number,
  unitPath: string,
  activeMembers: number,
  leftMembers: number,
): [string, React.ReactNode][] {
  const ended = org.validTo !== null;
  return [
    [MASS.fields.kind, kind?.name ?? ''],
    [MASS.fields.unit, unitPath],
    [
      MASS.fields.decision,
      MASS.decisionText({
        number: org.decisionNumber,
        date: org.decisionDate ? formatDateVi(org.decisionDate) : null,
        issuer: org.decisionIssuer,
      }),
    ],
    [MASS.fields.validFrom, formatDateVi(org.validFrom)],
    ...(ended
      ? ([
          [MASS.fields.validTo, formatDateVi(org.validTo)],
          [MASS.fields.endReason, org.endReason ?? ''],
        ] as [string, React.ReactNode][])
      : []),
    ...(kind?.scheme === 'hd01' ? ([[MASS.periodLabel(year), periodText(org, year)]] as [string, React.ReactNode][]) : []),
    [MASS.fields.members, MASS.membersCount(activeMembers, leftMembers)],
    ...(org.note ? ([[MASS.fields.note, org.note]] as [string, React.ReactNode][]) : []),
  ];
}

interface Props {
  id: string;
  year: number;
  kinds: readonly MassOrgKindDto[];
  units: readonly UnitDto[];
  today: string;
  onBack: () => void;
  /** Anything changed (the list behind must reload); null when the organisation was deleted. */
  onChanged: (deleted: boolean) => void;
}

export function OrgDetail({ id, year, kinds, units, today, onBack, onChanged }: Props) {
  const detail = useQuery('massOrgs.get', { id });
  // At the province, an organisation an office sent is read-only (the backend refuses changes too).
  const owner = useOwner('mass_orgs', id);
  const members = useQuery('members.list', { ...EMPTY_FILTER, massOrgId: id, year });
  const [dialog, setDialog] = useState<Dialog>(null);
  const [warnings, setWarnings] = useState<string[]>([]);
  const [error, setError] = useState<string | null>(null);
  const { path } = unitNamer(units);
  const memberRows = useMemo(() => (members.data ? decodeMemberColumns(members.data) : []), [members.data]);

  const reload = (w?: string[]) => {
    detail.reload();
    members.reload();
    if (w) setWarnings(w);
    onChanged(false);
  };

  if (detail.error) {
    return (
      <Alert color="red" role="alert">
        {detail.error.message}
      </Alert>
    );
  }
  if (!detail.data) return <Loader size="sm" />;
  const { org, ratings, activeMembers, leftMembers } = detail.data;
  const kind = kinds.find((k) => k.id === org.kindId);
  const ended = org.validTo !== null;

  async function reopen() {
    setError(null);
    try {
      const r = await call('massOrgs.reopen', { id: org.id });
      notifications.show({ color: 'green', message: MASS.reopened(r.org.name, r.membersRestored) });
      reload();
    } catch (err) {
      setError(errorText(err));
    }
  }

  async function unrate(y: number) {
    setError(null);
    try {
      await call('massOrgs.unrate', { id: org.id, year: y });
      notifications.show({ color: 'green', message: MASS.rating.removed });
      reload();
    } catch (err) {
      setError(errorText(err));
    }
  }

  const facts = orgFacts(org, kind, year, path(org.unitId), activeMembers, leftMembers);

  return (
    <Stack h="100%" gap="sm" style={{ minHeight: 0 }}>
      <Group justify="space-between" wrap="nowrap">
        <UnstyledButton onClick={onBack} c="red.8" fz="sm" style={{ display: 'inline-flex', alignItems: 'center', gap: 4 }}>
          <IconArrowLeft size={16} /> {MASS.back}
        </UnstyledButton>
      </Group>
      <ScrollArea style={{ flex: 1, minHeight: 0 }} offsetScrollbars>
        <Stack gap="sm">
          <LockedActions owner={owner}>
            <OrgHeader org={org} onDialog={setDialog} onReopen={() => void reopen()} />
          </LockedActions>
          {owner && <OwnedNotice owner={owner} />}
          <FormAlert message={error} />
          <QuotaWarnings warnings={warnings} baseNote={QUOTA_BASE_NOTE} onClose={() => setWarnings([])} />
          <Group align="flex-start" gap="xl" wrap="wrap">
            <FactsTable facts={facts} />
            <RatingsTable ratings={ratings} onUnrate={(y) => void unrate(y)} />
          </Group>
          <Group justify="space-between">
            <Title order={5}>{MASS.orgMembersTable}</Title>
            {!ended && owner === null && (
              <Allowed method="members.create">
                <Button size="xs" leftSection={<IconPlus size={14} />} onClick={() => setDialog('addMember')}>
                  {MASS.actions.addMember}
                </Button>
              </Allowed>
            )}
          </Group>
          <MembersTable
            rows={memberRows}
            ratingYear={members.data?.ratingYear ?? year}
            onOpen={(m) => setDialog({ member: m })}
            selectedId={typeof dialog === 'object' && dialog !== null ? dialog.member.id : null}
            ariaLabel={MASS.orgMembersTable}
            emptyText={members.loading && !members.data ? '' : MASS.emptyMembers}
            height={Math.min(520, 36 * (memberRows.length + 2) + 40)}
          />
        </Stack>
      </ScrollArea>

      <OrgDialogs
        dialog={dialog}
        org={org}
        kind={kind}
        kinds={kinds}
        units={units}
        year={year}
        today={today}
        ratings={ratings}
        activeMembers={activeMembers}
        leftMembers={leftMembers}
        close={() => setDialog(null)}
        reload={reload}
        onDeleted={() => onChanged(true)}
      />
    </Stack>
  );
}
