/**
 * The detail drawer of one organisation (every fact and the eligibility reason) with its actions,
 * and the end / delete dialogs.
 */
import { useState } from 'react';
import { Alert, Badge, Button, Drawer, Group, Stack, Table, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { format, parseISO } from 'date-fns';
import { vi } from 'date-fns/locale';
import { call } from '../../api/client';
import { ConfirmModal } from '../../components/ConfirmModal';
import type { OrganizationDto } from '../../../../shared/ipc/contracts/organizations.contract';
import {
  MANAGING_LEVEL_LABELS,
  ORG_KIND_LABELS,
  SECTOR_GROUP_LABELS,
  formatNumberVi,
  subKindLabel,
} from '../../../../shared/domain/organizations';
import { formatDateVi } from '../../../../shared/lib/dates';
import { orgUnitLabel } from '../../../../shared/domain/organizations-list';
import { DateReasonFields, FormActions, FormAlert, FormModal } from '../../components/FormActions';
import { errorText, useFormErrors, useSubmit } from '../../components/formErrors';
import { EligibilityBadge } from './EligibilityBadge';
import { ORGS } from './texts';
import { OwnedBadge, OwnedNotice, useOwner } from '../consolidation/Owned';
import { CONSOL } from '../consolidation/texts';
import { Allowed } from '../auth/session';

/** The office's own root is implied everywhere, except for organisations placed directly under it. */
export const unitLabel: (o: OrganizationDto) => string = orgUnitLabel;

const yesNo = (b: boolean) => (b ? ORGS.yes : ORGS.no);
const num = (n: number | null, unit = '') => (n === null ? ORGS.none : `${formatNumberVi(n)}${unit}`);

interface DetailProps {
  org: OrganizationDto;
  onClose: () => void;
  onEdit: () => void;
  onEnd: () => void;
  onDelete: () => void;
  onChanged: (org: OrganizationDto) => void;
}

export function OrganizationDrawer({ org, onClose, onEdit, onEnd, onDelete, onChanged }: DetailProps) {
  const [error, setError] = useState<string | null>(null);
  const ended = org.validTo !== null;
  // At the province, a record an office sent is read-only (the backend refuses changes too).
  const owner = useOwner('organizations', org.id);
  const locked = owner !== null;

  async function reopen() {
    setError(null);
    try {
      const o = await call('organizations.reopen', { id: org.id });
      notifications.show({ color: 'green', message: ORGS.reopened(o.name) });
      onChanged(o);
    } catch (err) {
      setError(errorText(err));
    }
  }

  const rows: [string, React.ReactNode][] = [
    [ORGS.fields.kind, ORG_KIND_LABELS[org.kind]],
    [ORGS.fields.subKind[org.kind], subKindLabel(org.kind, org.subKind)],
    [ORGS.fields.unit, org.unitPath.join(' › ') || '—'],
    [ORGS.fields.managingLevel, MANAGING_LEVEL_LABELS[org.managingLevel]],
    [ORGS.fields.taxCode, org.taxCode ?? ORGS.none],
    [ORGS.fields.address, org.address ?? ORGS.none],
    [ORGS.fields.validFrom, org.validFrom ? formatDateVi(org.validFrom) : ORGS.unknown],
    ...(ended
      ? ([
          [ORGS.fields.validTo, formatDateVi(org.validTo)],
          [ORGS.fields.endReason, org.endReason ?? ''],
        ] as [string, React.ReactNode][])
      : []),
    [ORGS.fields.isArmedForces, yesNo(org.isArmedForces)],
    [ORGS.fields.bcaMonitored, yesNo(org.bcaMonitored)],
    [ORGS.fields.hasPartyOrg, yesNo(org.hasPartyOrg)],
    [ORGS.fields.hasSecurityForce, yesNo(org.hasSecurityForce)],
    [ORGS.fields.subUnitCount[org.kind], num(org.subUnitCount)],
    ...(org.kind === 'doanh_nghiep'
      ? ([
          [ORGS.fields.sectorGroup, org.sectorGroup ? SECTOR_GROUP_LABELS[org.sectorGroup] : ORGS.none],
          [ORGS.fields.insuredEmployees, num(org.insuredEmployees)],
          [ORGS.fields.revenueBillion, num(org.revenueBillion)],
          [ORGS.fields.capitalBillion, num(org.capitalBillion)],
        ] as [string, React.ReactNode][])
      : []),
    [ORGS.fields.createdAt, format(parseISO(org.createdAt), 'dd/MM/yyyy HH:mm', { locale: vi })],
  ];

  return (
    <Drawer opened onClose={onClose} position="right" size={520} title={<Title order={4}>{org.name}</Title>}>
      <Stack gap="sm">
        <Group gap="xs">
          <EligibilityBadge eligibility={org.eligibility} withTooltip={false} />
          <Badge color={ended ? 'gray' : 'green'} variant="outline">
            {ended ? ORGS.endedOn(formatDateVi(org.validTo)) : ORGS.active}
          </Badge>
          {owner && <OwnedBadge owner={owner} />}
        </Group>
        {owner && <OwnedNotice owner={owner} />}
        <Alert
          color={org.eligibility.status === 'eligible' ? 'green' : org.eligibility.status === 'incomplete' ? 'yellow' : 'gray'}
          title={ORGS.fields.eligibility}
        >
          <Text size="sm" data-testid="eligibility-reason">
            {org.eligibility.reason}
          </Text>
        </Alert>
        <Allowed method="organizations.update">
          <Group gap="xs" title={owner ? CONSOL.ownedMessage(owner.officeName) : undefined}>
            <Button size="xs" variant="default" onClick={onEdit} disabled={locked}>
              {ORGS.actions.edit}
            </Button>
            {ended ? (
              <Button size="xs" variant="default" onClick={() => void reopen()} disabled={locked}>
                {ORGS.actions.reopen}
              </Button>
            ) : (
              <Button size="xs" variant="default" color="red" onClick={onEnd} disabled={locked}>
                {ORGS.actions.end}
              </Button>
            )}
            <Button size="xs" variant="subtle" color="red" onClick={onDelete} disabled={locked}>
              {ORGS.actions.delete}
            </Button>
          </Group>
        </Allowed>
        <FormAlert message={error} />
        <Table withRowBorders={false} verticalSpacing={4} aria-label={ORGS.detailLabel}>
          <Table.Tbody>
            {rows.map(([label, value]) => (
              <Table.Tr key={label}>
                <Table.Th w={210} fw={500} c="dimmed" style={{ verticalAlign: 'top' }}>
                  {label}
                </Table.Th>
                <Table.Td>{value}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Stack>
    </Drawer>
  );
}

export function EndOrganizationModal({
  org,
  today,
  onClose,
  onEnded,
}: {
  org: OrganizationDto;
  today: string;
  onClose: () => void;
  onEnded: (o: OrganizationDto) => void;
}) {
  const [validTo, setValidTo] = useState<string | null>(today);
  const [reason, setReason] = useState('');
  const errors = useFormErrors();
  const { saving, run } = useSubmit(errors);

  async function save() {
    const local: Record<string, string> = {};
    if (!validTo) local['validTo'] = ORGS.end.dateRequired;
    if (reason.trim() === '') local['reason'] = ORGS.end.reasonRequired;
    errors.setLocal(local);
    if (Object.keys(local).length > 0 || !validTo) return;
    await run(async () => {
      const o = await call('organizations.end', { id: org.id, validTo, reason });
      notifications.show({ color: 'green', message: ORGS.end.done(o.name) });
      onEnded(o);
    });
  }

  return (
    <FormModal title={ORGS.end.title(org.name)} size="lg" onClose={onClose} onSubmit={() => void save()} message={errors.message}>
      <DateReasonFields
        dateLabel={ORGS.end.date}
        date={validTo}
        onDate={setValidTo}
        dateError={errors.fields['validTo']}
        reasonLabel={ORGS.end.reason}
        reasonPlaceholder={ORGS.end.reasonPlaceholder}
        reason={reason}
        onReason={setReason}
        reasonError={errors.fields['reason'] ?? errors.fields['endReason']}
      />
      <FormActions cancelLabel={ORGS.form.cancel} submitLabel={ORGS.end.submit} onCancel={onClose} saving={saving} color="red" />
    </FormModal>
  );
}

export function DeleteOrganizationModal({ org, onClose, onDeleted }: { org: OrganizationDto; onClose: () => void; onDeleted: () => void }) {
  return (
    <ConfirmModal
      title={ORGS.deleteConfirm.title}
      body={ORGS.deleteConfirm.body(org.name)}
      cancelLabel={ORGS.form.cancel}
      confirmLabel={ORGS.deleteConfirm.confirm}
      onClose={onClose}
      onConfirm={async () => {
        await call('organizations.delete', { id: org.id });
        notifications.show({ color: 'green', message: ORGS.deleteConfirm.done(org.name) });
        onDeleted();
      }}
    />
  );
}
