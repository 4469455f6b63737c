/**
 * The presentational parts of one organisation's page (OrgDetail.tsx): its facts, its ratings by
 * year, and the dialog that is open.
 */
import { Badge, Button, Group, Stack, Table, Text, Title } from '@mantine/core';
import { FactsTable as SharedFactsTable } from '../../components/FactsTable';
import { formatDateVi } from '../../../../shared/lib/dates';
import type { UnitDto } from '../../../../shared/ipc/contract';
import type { MassOrgDto, MassOrgKindDto, OrgRatingDto } from '../../../../shared/ipc/contracts/mass-orgs.contract';
import { ratingText } from '../../../../shared/domain/mass-orgs';
import type { MemberRow } from '../../../../shared/domain/mass-org-members-list';
import { AddMemberModal, MemberModal } from './MemberForms';
import { DeleteOrgModal, EndOrgModal, OrgFormModal } from './OrgForms';
import { OrgRatingModal } from './RatingForms';
import { MASS } from './texts';
import { useCan } from '../auth/session';

export type Dialog = 'edit' | 'end' | 'delete' | 'rate' | 'addMember' | { member: MemberRow } | null;

/** The organisation's name, its status and the actions on it. */
export function OrgHeader({ org, onDialog, onReopen }: { org: MassOrgDto; onDialog: (d: Dialog) => void; onReopen: () => void }) {
  const ended = org.validTo !== null;
  const can = useCan();
  return (
    <>
      <Group justify="space-between" align="flex-start" wrap="nowrap">
        <Title order={3} data-testid="massorg-title">
          {org.name}
        </Title>
        <Badge color={ended ? 'gray' : 'green'} variant="light" style={{ flex: 'none' }}>
          {ended ? MASS.endedOn(formatDateVi(org.validTo)) : MASS.statuses.active}
        </Badge>
      </Group>
      <Group gap="xs">
        {can('massOrgs.update') && (
          <Button size="xs" variant="default" onClick={() => onDialog('edit')}>
            {MASS.actions.edit}
          </Button>
        )}
        {can('massOrgs.rate') && (
          <Button size="xs" variant="default" onClick={() => onDialog('rate')}>
            {MASS.actions.rate}
          </Button>
        )}
        {!ended && can('massOrgs.end') && (
          <Button size="xs" variant="default" color="red" onClick={() => onDialog('end')}>
            {MASS.actions.end}
          </Button>
        )}
        {ended && can('massOrgs.reopen') && (
          <Button size="xs" variant="default" onClick={onReopen}>
            {MASS.actions.reopen}
          </Button>
        )}
        {can('massOrgs.delete') && (
          <Button size="xs" variant="subtle" color="red" onClick={() => onDialog('delete')}>
            {MASS.actions.delete}
          </Button>
        )}
      </Group>
    </>
  );
}

export function FactsTable({ facts }: { facts: readonly [string, React.ReactNode][] }) {
  return <SharedFactsTable facts={facts} label="Thông tin tổ chức" spacing={3} style={{ flex: '1 1 420px' }} />;
}

export function RatingsTable({ ratings, onUnrate }: { ratings: readonly OrgRatingDto[]; onUnrate: (year: number) => void }) {
  const canUnrate = useCan()('massOrgs.unrate');
  return (
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
                  {canUnrate && (
                    <Button size="compact-xs" variant="subtle" color="red" onClick={() => onUnrate(r.year)}>
                      {MASS.actions.unrate}
                    </Button>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}

interface DialogsProps {
  dialog: Dialog;
  org: MassOrgDto;
  kind: MassOrgKindDto | undefined;
  kinds: readonly MassOrgKindDto[];
  units: readonly UnitDto[];
  year: number;
  today: string;
  ratings: readonly OrgRatingDto[];
  activeMembers: number;
  leftMembers: number;
  close: () => void;
  reload: (warnings?: string[]) => void;
  onDeleted: () => void;
}

export function OrgDialogs({
  dialog,
  org,
  kind,
  kinds,
  units,
  year,
  today,
  ratings,
  activeMembers,
  leftMembers,
  close,
  reload,
  onDeleted,
}: DialogsProps) {
  return (
    <>
      {dialog === 'edit' && (
        <OrgFormModal
          org={org}
          kinds={kinds}
          units={units}
          today={today}
          onClose={close}
          onSaved={() => {
            close();
            reload();
          }}
        />
      )}
      {dialog === 'end' && (
        <EndOrgModal
          org={org}
          activeMembers={activeMembers}
          today={today}
          onClose={close}
          onEnded={() => {
            close();
            reload();
          }}
        />
      )}
      {dialog === 'delete' && (
        <DeleteOrgModal
          org={org}
          members={activeMembers + leftMembers}
          onClose={close}
          onDeleted={() => {
            close();
            onDeleted();
          }}
        />
      )}
      {dialog === 'rate' && kind && (
        <OrgRatingModal
          org={org}
          scheme={kind.scheme}
          year={year}
          ratings={ratings}
          onClose={close}
          onSaved={(w) => {
            close();
            reload(w);
          }}
        />
      )}
      {dialog === 'addMember' && (
        <AddMemberModal
          org={org}
          today={today}
          onClose={close}
          onSaved={() => {
            close();
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
          onClose={close}
          onChanged={(w) => reload(w)}
        />
      )}
    </>
  );
}
