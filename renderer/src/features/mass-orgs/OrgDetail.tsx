/**
 * One organisation: its facts, its ratings by year (with the HD01 period and nine-month rule for a
 * Tổ bảo vệ ANTT), its members with their rating of the year, and every action on them.
 */
import { useMemo, useState } from 'react';
import { Alert, Badge, Button, Group, Loader, ScrollArea, Stack, Table, Text, Title, UnstyledButton } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconArrowLeft, IconPlus } from '@tabler/icons-react';
import { call, useQuery } from '../../api/client';
import type { UnitDto } from '../../../../shared/ipc/contract';
import type { MassOrgKindDto } from '../../../../shared/ipc/contracts/mass-orgs.contract';
import { EMPTY_FILTER } from '../../../../shared/domain/registries';
import { QUOTA_BASE_NOTE, ratingText, teamSpan } from '../../../../shared/domain/mass-orgs';
import { coversNineMonths, ratingPeriod, spanLengthText } from '../../../../shared/domain/mass-org-dates';
import { decodeMemberColumns, type MemberRow } from '../../../../shared/domain/mass-org-members-list';
import { formatDateVi } from '../../../../shared/lib/dates';
import { FormAlert } from '../../components/FormActions';
import { errorText } from '../../components/formErrors';
import { unitNamer } from './common';
import { MembersTable } from './MembersTable';
import { AddMemberModal, MemberModal } from './MemberForms';
import { DeleteOrgModal, EndOrgModal, OrgFormModal } from './OrgForms';
import { OrgRatingModal, QuotaWarnings } from './RatingForms';
import { MASS } from './texts';

/** "15/11/2025 – 14/11/2026; tổ hoạt động 12 tháng trong kỳ" (HD01 rates teams of ≥ 9 months). */
function periodText(org: { validFrom: string; validTo: string | null }, year: number): string {
  const p = ratingPeriod(year);
  const span = teamSpan(org, year);
  const head = `${formatDateVi(p.from)} – ${formatDateVi(p.to)}`;
  if (!span) return `${head}; ${MASS.notInPeriod('tổ').toLowerCase()}`;
  return `${head}; ${MASS.teamOperated(spanLengthText(span), coversNineMonths(span))}`;
}

type Dialog = 'edit' | 'end' | 'delete' | 'rate' | 'addMember' | { member: MemberRow } | null;

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

  const facts: [string, React.ReactNode][] = [
    [MASS.fields.kind, kind?.name ?? ''],
    [MASS.fields.unit, path(org.unitId)],
    [
      MASS.fields.decision,
      MASS.decisionText({ number: org.decisionNumber, date: org.decisionDate ? formatDateVi(org.decisionDate) : null, issuer: org.decisionIssuer }),
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

  return (
    <Stack h="100%" gap="sm" style={{ minHeight: 0 }}>
      <Group justify="space-between" wrap="nowrap">
        <UnstyledButton onClick={onBack} c="red.8" fz="sm" style={{ display: 'inline-flex', alignItems: 'center', gap: 4 }}>
          <IconArrowLeft size={16} /> {MASS.back}
        </UnstyledButton>
      </Group>
      <ScrollArea style={{ flex: 1, minHeight: 0 }} offsetScrollbars>
        <Stack gap="sm">
          <Group justify="space-between" align="flex-start" wrap="nowrap">
            <Title order={3} data-testid="massorg-title">
              {org.name}
            </Title>
            <Badge color={ended ? 'gray' : 'green'} variant="light" style={{ flex: 'none' }}>
              {ended ? MASS.endedOn(formatDateVi(org.validTo)) : MASS.statuses.active}
            </Badge>
          </Group>
          <Group gap="xs">
            <Button size="xs" variant="default" onClick={() => setDialog('edit')}>
              {MASS.actions.edit}
            </Button>
            <Button size="xs" variant="default" onClick={() => setDialog('rate')}>
              {MASS.actions.rate}
            </Button>
            {!ended && (
              <Button size="xs" variant="default" color="red" onClick={() => setDialog('end')}>
                {MASS.actions.end}
              </Button>
            )}
            {ended && (
              <Button size="xs" variant="default" onClick={() => void reopen()}>
                {MASS.actions.reopen}
              </Button>
            )}
            <Button size="xs" variant="subtle" color="red" onClick={() => setDialog('delete')}>
              {MASS.actions.delete}
            </Button>
          </Group>
          <FormAlert message={error} />
          <QuotaWarnings warnings={warnings} baseNote={QUOTA_BASE_NOTE} onClose={() => setWarnings([])} />
          <Group align="flex-start" gap="xl" wrap="wrap">
            <Table withRowBorders={false} verticalSpacing={3} aria-label="Thông tin tổ chức" style={{ flex: '1 1 420px' }}>
              <Table.Tbody>
                {facts.map(([label, value]) => (
                  <Table.Tr key={label}>
                    <Table.Th w={170} fw={500} c="dimmed">
                      {label}
                    </Table.Th>
                    <Table.Td>{value}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
            <Stack gap={4} style={{ flex: '1 1 320px' }}>
              <Title order={5}>{MASS.ratingsTable}</Title>
              {ratings.length === 0 ? (
                <Text size="sm" c="dimmed">
                  {MASS.noRatings}
                </Text>
              ) : (
                <Table aria-label={MASS.ratingsTable} verticalSpacing={3}>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th w={60}>{MASS.columns.year}</Table.Th>
                      <Table.Th>{MASS.columns.result}</Table.Th>
                      <Table.Th w={90} />
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {ratings.map((r) => (
                      <Table.Tr key={r.year}>
                        <Table.Td>{r.year}</Table.Td>
                        <Table.Td>
                          {ratingText(r)}
                          {r.reasonNote ? (
                            <Text size="xs" c="dimmed">
                              {r.reasonNote}
                            </Text>
                          ) : null}
                        </Table.Td>
                        <Table.Td>
                          <Button size="compact-xs" variant="subtle" color="red" onClick={() => void unrate(r.year)}>
                            {MASS.actions.unrate}
                          </Button>
                        </Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              )}
            </Stack>
          </Group>
          <Group justify="space-between">
            <Title order={5}>{MASS.orgMembersTable}</Title>
            {!ended && (
              <Button size="xs" leftSection={<IconPlus size={14} />} onClick={() => setDialog('addMember')}>
                {MASS.actions.addMember}
              </Button>
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

      {dialog === 'edit' && (
        <OrgFormModal
          org={org}
          kinds={kinds}
          units={units}
          today={today}
          onClose={() => setDialog(null)}
          onSaved={() => {
            setDialog(null);
            reload();
          }}
        />
      )}
      {dialog === 'end' && (
        <EndOrgModal
          org={org}
          activeMembers={activeMembers}
          today={today}
          onClose={() => setDialog(null)}
          onEnded={() => {
            setDialog(null);
            reload();
          }}
        />
      )}
      {dialog === 'delete' && (
        <DeleteOrgModal
          org={org}
          members={activeMembers + leftMembers}
          onClose={() => setDialog(null)}
          onDeleted={() => {
            setDialog(null);
            onChanged(true);
          }}
        />
      )}
      {dialog === 'rate' && kind && (
        <OrgRatingModal
          org={org}
          scheme={kind.scheme}
          year={year}
          ratings={ratings}
          onClose={() => setDialog(null)}
          onSaved={(w) => {
            setDialog(null);
            reload(w);
          }}
        />
      )}
      {dialog === 'addMember' && (
        <AddMemberModal
          org={org}
          today={today}
          onClose={() => setDialog(null)}
          onSaved={() => {
            setDialog(null);
            reload();
          }}
        />
      )}
      {typeof dialog === 'object' && dialog !== null && (
        <MemberModal
          memberId={dialog.member.id}
          massOrgId={org.id}
          kinds={kinds}
          year={year}
          today={today}
          onClose={() => setDialog(null)}
          onChanged={(w) => reload(w)}
        />
      )}
    </Stack>
  );
}
