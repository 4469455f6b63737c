import { useMemo, useState } from 'react';
import { Alert, Group, Loader, NumberInput, Paper, ScrollArea, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '../../api/client';
import type { MethodOutput, OfficeDto } from '../../../../shared/ipc/contract';
import { percentVi } from '../../../../shared/domain/overview';
import { DataTable, type DataColumn } from '../../components/DataTable';
import { unitOptions } from '../../components/ListFilters';
import { VnDateInput } from '../../components/VnDateInput';
import { OVERVIEW } from './texts';
import { OfficeBreakdown } from '../consolidation/OfficeBreakdown';
import { SearchSelect } from '../../components/SearchSelect';
import { Dashboard } from './Dashboard';
import { RegistrationFigures } from '../period/RegistrationFigures';

type Overview = MethodOutput<'registry.overview'>;
type UnitRow = Overview['perUnit'][number];

const n = (v: number) => v.toLocaleString('vi-VN');

function Figure({ label, value }: { label: string; value: string }) {
  return (
    <Stack gap={0}>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <Text fz={28} fw={600} lh={1.2} aria-label={label}>
        {value}
      </Text>
    </Stack>
  );
}

function Section({ title, sentence, children }: { title: string; sentence: string; children: React.ReactNode }) {
  return (
    <Paper withBorder p="md" component="section" aria-label={title}>
      <Stack gap="sm">
        <Title order={4}>{title}</Title>
        <Group gap="xl" wrap="wrap">
          {children}
        </Group>
        <Text size="sm" data-testid="sentence">
          {sentence}
        </Text>
      </Stack>
    </Paper>
  );
}

const sum = (rows: readonly UnitRow[], pick: (r: UnitRow) => number) => n(rows.reduce((a, r) => a + pick(r), 0));

const COLUMNS: DataColumn<UnitRow>[] = [
  { key: 'unit', header: OVERVIEW.columns.unit, render: (r) => r.name, sortValue: (r) => r.name, total: () => 'Tổng cộng' },
  {
    key: 'kdc',
    header: OVERVIEW.columns.residentialAreas,
    width: 110,
    align: 'right',
    render: (r) => n(r.territory.residentialAreas),
    sortValue: (r) => r.territory.residentialAreas,
    total: (rows) => sum(rows, (r) => r.territory.residentialAreas),
  },
  {
    key: 'households',
    header: OVERVIEW.columns.households,
    width: 110,
    align: 'right',
    render: (r) => n(r.territory.households),
    sortValue: (r) => r.territory.households,
    total: (rows) => sum(rows, (r) => r.territory.households),
  },
  {
    key: 'residents',
    header: OVERVIEW.columns.residents,
    width: 110,
    align: 'right',
    render: (r) => n(r.territory.residents),
    sortValue: (r) => r.territory.residents,
    total: (rows) => sum(rows, (r) => r.territory.residents),
  },
  {
    key: 'orgs',
    header: OVERVIEW.columns.organizations,
    width: 120,
    align: 'right',
    render: (r) => n(r.organizations.total),
    sortValue: (r) => r.organizations.total,
    total: (rows) => sum(rows, (r) => r.organizations.total),
  },
  {
    key: 'sites',
    header: OVERVIEW.columns.sites,
    width: 120,
    align: 'right',
    render: (r) => n(r.models.sites),
    sortValue: (r) => r.models.sites,
    total: (rows) => sum(rows, (r) => r.models.sites),
  },
  {
    key: 'massOrgs',
    header: OVERVIEW.columns.massOrgs,
    width: 110,
    align: 'right',
    render: (r) => n(r.massOrgs.organizations),
    sortValue: (r) => r.massOrgs.organizations,
    total: (rows) => sum(rows, (r) => r.massOrgs.organizations),
  },
  {
    key: 'members',
    header: OVERVIEW.columns.members,
    width: 110,
    align: 'right',
    render: (r) => n(r.massOrgs.members),
    sortValue: (r) => r.massOrgs.members,
    total: (rows) => sum(rows, (r) => r.massOrgs.members),
  },
  {
    key: 'effective',
    header: OVERVIEW.columns.effective,
    width: 100,
    align: 'right',
    render: (r) => percentVi(r.massOrgs.effective, r.massOrgs.organizations) ?? '—',
    sortValue: (r) => (r.massOrgs.organizations ? r.massOrgs.effective / r.massOrgs.organizations : null),
    total: (rows) =>
      percentVi(
        rows.reduce((a, r) => a + r.massOrgs.effective, 0),
        rows.reduce((a, r) => a + r.massOrgs.organizations, 0),
      ) ?? '—',
  },
];

/** Mass organisations by kind (the kinds that have any). */
function ByKindTable({ byKind }: { byKind: MethodOutput<'registry.overview'>['massOrgs']['byKind'] }) {
  return (
    <Paper withBorder p="md">
      <Title order={5} mb="xs">
        {OVERVIEW.byKind}
      </Title>
      <Table aria-label={OVERVIEW.byKind} striped>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{OVERVIEW.columns.massOrgs}</Table.Th>
            <Table.Th ta="right">{OVERVIEW.figures.massOrgs}</Table.Th>
            <Table.Th ta="right">{OVERVIEW.figures.members}</Table.Th>
            <Table.Th ta="right">{OVERVIEW.figures.effective}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {byKind
            .filter((k) => k.organizations > 0)
            .map((k) => (
              <Table.Tr key={k.kindId}>
                <Table.Td>{k.kind}</Table.Td>
                <Table.Td ta="right">{n(k.organizations)}</Table.Td>
                <Table.Td ta="right">{n(k.members)}</Table.Td>
                <Table.Td ta="right">{n(k.effective)}</Table.Td>
              </Table.Tr>
            ))}
        </Table.Tbody>
      </Table>
    </Paper>
  );
}

/** The figures of every registry for a period and a part of the territory, as reports quote them. */
export function OverviewPage({ office, today }: { office: OfficeDto; today: string }) {
  const thisYear = Number(today.slice(0, 4));
  const [from, setFrom] = useState<string | null>(`${thisYear}-01-01`);
  const [to, setTo] = useState<string | null>(`${thisYear}-12-31`);
  const [unitId, setUnitId] = useState<string | null>(null);
  const units = useQuery('units.list', { includeEnded: false });
  const unitData = useMemo(() => unitOptions(units.data ?? []), [units.data]);
  const validPeriod = from !== null && to !== null && from <= to;
  const overview = useQuery('registry.overview', { from: from ?? today, to: to ?? today, unitId: unitId ?? null });
  const o = validPeriod ? overview.data : undefined;
  const yearOfPeriod =
    from && to && from.slice(0, 4) === to.slice(0, 4) && from.endsWith('-01-01') && to.endsWith('-12-31') ? Number(from.slice(0, 4)) : '';

  return (
    <ScrollArea h="calc(100dvh - 56px - 2 * var(--mantine-spacing-md))">
      <Stack gap="md" pb="md">
        <Group justify="space-between" align="flex-end" wrap="wrap">
          <Title order={2}>{OVERVIEW.title}</Title>
          <Group gap="sm" align="flex-end">
            <NumberInput
              label={OVERVIEW.year}
              value={yearOfPeriod}
              onChange={(v) => {
                if (typeof v === 'number' && v >= 1990 && v <= 2100) {
                  setFrom(`${v}-01-01`);
                  setTo(`${v}-12-31`);
                }
              }}
              min={1990}
              max={2100}
              allowDecimal={false}
              thousandSeparator=""
              w={100}
            />
            <VnDateInput label={OVERVIEW.from} value={from} onChange={setFrom} description="" />
            <VnDateInput label={OVERVIEW.to} value={to} onChange={setTo} description="" />
            <SearchSelect
              label={OVERVIEW.unit}
              placeholder={office.name}
              data={unitData}
              value={unitId}
              onChange={setUnitId}
              clearable
              w={300}
            />
          </Group>
        </Group>
        {!validPeriod && <Alert color="red">{OVERVIEW.periodError}</Alert>}
        {overview.error && <Alert color="red">{overview.error.message}</Alert>}
        {validPeriod && to && <Dashboard year={Number(to.slice(0, 4))} unitId={unitId} />}
        {validPeriod && !o && !overview.error && <Loader aria-label={OVERVIEW.loading} />}
        {o && (
          <>
            <SimpleGrid cols={{ base: 1, lg: 2 }}>
              <Section title={OVERVIEW.sections.territory} sentence={o.sentences.territory}>
                <Figure label={OVERVIEW.figures.communes} value={n(o.territory.communes)} />
                <Figure label={OVERVIEW.figures.residentialAreas} value={n(o.territory.residentialAreas)} />
                <Figure label={OVERVIEW.figures.households} value={n(o.territory.households)} />
                <Figure label={OVERVIEW.figures.residents} value={n(o.territory.residents)} />
              </Section>
              <Section title={OVERVIEW.sections.organizations} sentence={o.sentences.organizations}>
                <Figure label={OVERVIEW.figures.organizations} value={n(o.organizations.total)} />
                <Figure label={OVERVIEW.figures.eligible} value={n(o.organizations.eligible)} />
                <Figure label={OVERVIEW.figures.incomplete} value={n(o.organizations.incomplete)} />
              </Section>
              <Section title={OVERVIEW.sections.models} sentence={o.sentences.models}>
                <Figure label={OVERVIEW.figures.modelTypes} value={n(o.models.modelTypes)} />
                <Figure label={OVERVIEW.figures.models} value={n(o.models.models)} />
                <Figure label={OVERVIEW.figures.sites} value={n(o.models.sites)} />
                <Figure label={OVERVIEW.figures.newSites} value={n(o.models.newSites)} />
                <Figure label={OVERVIEW.figures.retired} value={n(o.models.retired)} />
              </Section>
              <Section title={OVERVIEW.sections.massOrgs} sentence={o.sentences.massOrgs}>
                <Figure label={OVERVIEW.figures.massOrgs} value={n(o.massOrgs.organizations)} />
                <Figure label={OVERVIEW.figures.members} value={n(o.massOrgs.members)} />
                <Figure
                  label={OVERVIEW.figures.effective}
                  value={`${n(o.massOrgs.effective)}${o.massOrgs.organizations ? ` (${percentVi(o.massOrgs.effective, o.massOrgs.organizations)})` : ''}`}
                />
              </Section>
            </SimpleGrid>
            <RegistrationFigures block={o.registrations} />
            {unitId === null && from && to && <OfficeBreakdown from={from} to={to} view="overview" onPickUnit={setUnitId} />}
            {o.massOrgs.byKind.some((k) => k.organizations > 0) && <ByKindTable byKind={o.massOrgs.byKind} />}
            <Paper withBorder p="md">
              <Title order={5} mb="xs">
                {OVERVIEW.sections.perUnit}
              </Title>
              <DataTable
                rows={o.perUnit}
                columns={COLUMNS}
                rowKey={(r) => r.unitId}
                onRowClick={(r) => setUnitId(r.unitId)}
                ariaLabel={OVERVIEW.sections.perUnit}
                emptyText={OVERVIEW.noUnits}
                height={Math.min(480, 36 * (o.perUnit.length + 2) + 4)}
              />
            </Paper>
          </>
        )}
      </Stack>
    </ScrollArea>
  );
}
