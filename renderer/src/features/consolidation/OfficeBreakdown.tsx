/**
 * "Theo đơn vị gửi" at the province (issue 12 item 7): one row per enrolled office with its main
 * figures for the period, the last file applied and its date, and "chưa gửi" / "thiếu dữ liệu"
 * where nothing was received — never a 0 for missing data. A row leads to the office's figures
 * (the screen's unit filter) and to its records (the list filtered to the office's units).
 */
import { Alert, Button, Paper, ScrollArea, Stack, Table, Text, Title } from '@mantine/core';
import { format, parseISO } from 'date-fns';
import { useQuery } from '../../api/client';
import type { OfficeBreakdownDto } from '../../../../shared/ipc/contracts/period.contract';
import { MAIN_INDICATORS } from '../../../../shared/domain/period';
import { PERIOD } from '../period/texts';
import { OVERVIEW } from '../overview/texts';
import { drillTo } from './drill';
import { CONSOL } from './texts';

type View = 'period' | 'overview';
type RegistryKey = keyof NonNullable<OfficeBreakdownDto['registry']>;

const REGISTRY_KEYS: readonly RegistryKey[] = [
  'residentialAreas',
  'households',
  'residents',
  'organizations',
  'modelSites',
  'massOrgs',
  'members',
];
const REGISTRY_LABELS: Record<RegistryKey, string> = {
  residentialAreas: OVERVIEW.columns.residentialAreas,
  households: OVERVIEW.columns.households,
  residents: OVERVIEW.columns.residents,
  organizations: OVERVIEW.columns.organizations,
  modelSites: OVERVIEW.columns.sites,
  massOrgs: OVERVIEW.columns.massOrgs,
  members: OVERVIEW.columns.members,
};

const vi = (n: number) => n.toLocaleString('vi-VN');

interface Column {
  key: string;
  label: string;
  value: (o: OfficeBreakdownDto) => number | null;
}

function columnsOf(view: View): Column[] {
  if (view === 'period') {
    return MAIN_INDICATORS.map((k) => ({ key: k, label: PERIOD.mainColumns[k], value: (o) => o.activity?.[k] ?? null }));
  }
  return REGISTRY_KEYS.map((k) => ({ key: k, label: REGISTRY_LABELS[k], value: (o) => o.registry?.[k] ?? null }));
}

function FileCell({ o }: { o: OfficeBreakdownDto }) {
  if (!o.lastFile) return <Text size="sm">—</Text>;
  const date = o.lastFile.appliedAt ? format(parseISO(o.lastFile.appliedAt), 'dd/MM/yyyy') : '—';
  return (
    <Text size="sm" title={o.lastFile.fileName}>
      {CONSOL.fileLine(o.lastFile.sequence, date)}
    </Text>
  );
}

function MissingCells({ o, span }: { o: OfficeBreakdownDto; span: number }) {
  const status = o.status === 'chua_gui' ? 'chua_gui' : 'thieu_du_lieu';
  const note = status === 'chua_gui' ? CONSOL.statusNote.chua_gui : CONSOL.statusNote.thieu_du_lieu(o.lastFile?.year ?? null);
  return (
    <Table.Td colSpan={span} ta="center" title={note}>
      <Text size="sm" c="orange.8" fw={500} span data-testid="office-status">
        {CONSOL.status[status]}
      </Text>
    </Table.Td>
  );
}

interface Props {
  from: string;
  to: string;
  view: View;
  /** Shows the office's figures on this screen (its unit as the screen's filter). */
  onPickUnit: (unitId: string) => void;
}

export function OfficeBreakdown({ from, to, view, onPickUnit }: Props) {
  const q = useQuery('period.byOffice', { from, to });
  if (q.error) return <Alert color="red">{q.error.message}</Alert>;
  if (!q.data?.province) return null;
  const columns = columnsOf(view);
  const sent = q.data.offices.filter((o) => o.status === 'da_gui');
  const drill = (o: OfficeBreakdownDto) => {
    const unitId = o.unitIds[0];
    if (unitId) drillTo({ section: view === 'period' ? 'hoat-dong' : 'co-quan', unitId, from, to });
  };
  return (
    <Paper withBorder p="md" component="section" aria-label={CONSOL.title}>
      <Title order={4}>{CONSOL.title}</Title>
      <Text size="xs" c="dimmed" mb="xs">
        {CONSOL.hint}
      </Text>
      {q.data.offices.length === 0 ? (
        <Text size="sm" c="dimmed">
          {CONSOL.none}
        </Text>
      ) : (
        <ScrollArea type="auto">
          <Table aria-label={CONSOL.title} striped withTableBorder verticalSpacing={4} fz="sm" miw={900} layout="fixed">
            <Table.Thead>
              <Table.Tr>
                <Table.Th w={190}>{CONSOL.columns.office}</Table.Th>
                <Table.Th w={150}>{CONSOL.columns.lastFile}</Table.Th>
                {columns.map((c) => (
                  <Table.Th key={c.key} ta="right" w={74}>
                    {c.label}
                  </Table.Th>
                ))}
                <Table.Th w={96} />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {q.data.offices.map((o) => (
                <Table.Tr key={o.officeCode} data-office={o.officeCode}>
                  <Table.Td>{o.name}</Table.Td>
                  <Table.Td>
                    <FileCell o={o} />
                  </Table.Td>
                  {o.status === 'da_gui' ? (
                    columns.map((c) => {
                      const v = c.value(o);
                      return (
                        <Table.Td key={c.key} ta="right" title={v === null ? PERIOD.missingNote : undefined}>
                          {v === null ? PERIOD.missing : vi(v)}
                        </Table.Td>
                      );
                    })
                  ) : (
                    <MissingCells o={o} span={columns.length} />
                  )}
                  <Table.Td>
                    {o.status === 'da_gui' && o.unitIds.length > 0 && (
                      <Stack gap={2} align="flex-start">
                        <Button
                          size="compact-xs"
                          variant="subtle"
                          onClick={() => onPickUnit(o.unitIds[0]!)}
                          aria-label={`${CONSOL.viewFigures} ${o.name}`}
                        >
                          {CONSOL.viewFigures}
                        </Button>
                        <Button size="compact-xs" variant="subtle" onClick={() => drill(o)} aria-label={`${CONSOL.viewRecords} ${o.name}`}>
                          {CONSOL.viewRecords}
                        </Button>
                      </Stack>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
            {sent.length > 0 && (
              <Table.Tfoot>
                <Table.Tr>
                  <Table.Th colSpan={2}>{CONSOL.total}</Table.Th>
                  {columns.map((c) => {
                    const values = sent.map(c.value);
                    const known = values.filter((v): v is number => v !== null);
                    return (
                      <Table.Th key={c.key} ta="right">
                        {known.length === 0 ? PERIOD.missing : vi(known.reduce((a, b) => a + b, 0))}
                      </Table.Th>
                    );
                  })}
                  <Table.Th />
                </Table.Tr>
              </Table.Tfoot>
            )}
          </Table>
        </ScrollArea>
      )}
    </Paper>
  );
}
