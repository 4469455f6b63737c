/**
 * The dashboard at the top of "Tổng quan" (issue 13 item 1): the year's key figures in large type
 * with last year's and the change, the charts over five years, and the communes ranked on a chosen
 * indicator. Figures come from dashboard.get (the period figures and the evaluation board); a
 * figure without data says "thiếu dữ liệu". A click on a figure, a bar or a ranking row opens the
 * records behind it (consolidation/drill.ts: the list opens on the kind, the year and the unit).
 */
import { useState } from 'react';
import { Alert, Group, Loader, Paper, Progress, SimpleGrid, Select, Stack, Table, Text, Title, UnstyledButton } from '@mantine/core';
import { IconArrowDownRight, IconArrowRight, IconArrowUpRight } from '@tabler/icons-react';
import { useQuery } from '../../api/client';
import {
  DASHBOARD_KEY_FIGURES,
  RANKING_INDICATORS,
  sourceOf,
  type ChartDef,
  type DashboardFigureKey,
} from '../../../../shared/domain/dashboard';
import type { MainIndicatorKey } from '../../../../shared/domain/period';
import type { KeyFigureDto, RankRowDto } from '../../../../shared/ipc/contracts/dashboard.contract';
import { formatDecimalVi, formatIntVi } from '../../../../shared/lib/numbers';
import { formatDateVi } from '../../../../shared/lib/dates';
import { drillTo, type Drill } from '../consolidation/drill';
import { DashboardCharts } from './DashboardCharts';
import { DashboardRegistrations } from './DashboardRegistrations';
import { DASHBOARD } from './texts';

/** Where the records behind a figure are listed, filtered to its kind, year and unit. */
export function drillFor(key: DashboardFigureKey, year: number, unitId: string | null): Drill {
  const period = { from: `${year}-01-01`, to: `${year}-12-31` };
  const source = sourceOf(key);
  if (source === 'models') return { section: 'mo-hinh', unitId, ...period };
  if (source === 'massOrgs') return { section: 'to-chuc', unitId, ...period };
  if (source === 'recognition') return { section: 'danh-gia', unitId, ...period, kind: key.slice('recognised.'.length) };
  return { section: 'hoat-dong', unitId, ...period, kind: source };
}

function Change({ figure, year }: { figure: KeyFigureDto; year: number }) {
  const previous = figure.previous === null ? DASHBOARD.missing : formatIntVi(figure.previous);
  const c = figure.change;
  const Icon = c === null || c.difference === 0 ? IconArrowRight : c.difference > 0 ? IconArrowUpRight : IconArrowDownRight;
  return (
    <Group gap={4} wrap="nowrap" data-testid="key-change">
      {c !== null && <Icon size={16} aria-hidden />}
      <Text size="sm" c="dark.5" lh={1.3}>
        {DASHBOARD.previous(year - 1)} {previous}
        {c !== null && ` · ${c.difference === 0 ? DASHBOARD.same : c.text}`}
      </Text>
    </Group>
  );
}

function KeyFigureTile({ figure, year, onOpen }: { figure: KeyFigureDto; year: number; onOpen: () => void }) {
  const def = DASHBOARD_KEY_FIGURES.find((d) => d.key === figure.key)!;
  return (
    <UnstyledButton onClick={onOpen} title={DASHBOARD.openRecords(def.label, year)} data-testid="key-figure" data-key={figure.key}>
      <Paper withBorder p="sm" h="100%" style={{ cursor: 'pointer' }}>
        <Text size="sm" c="dark.5" fw={600} lh={1.25}>
          {def.label}
        </Text>
        {figure.value === null ? (
          <Text fz={22} fw={600} c="dark.4" lh={1.6} data-testid="key-value">
            {DASHBOARD.missing}
          </Text>
        ) : (
          <Group gap={6} align="baseline" wrap="nowrap">
            <Text fz={34} fw={700} lh={1.15} c="blue.9" data-testid="key-value">
              {formatIntVi(figure.value)}
            </Text>
            <Text size="sm" c="dark.5">
              {def.unit}
            </Text>
          </Group>
        )}
        <Change figure={figure} year={year} />
      </Paper>
    </UnstyledButton>
  );
}

function RankingTable({
  rows,
  indicator,
  onOpen,
}: {
  rows: readonly RankRowDto[];
  indicator: MainIndicatorKey;
  onOpen: (r: RankRowDto) => void;
}) {
  // The bar compares each unit with the first one; the text gives its share of the total.
  const top = Math.max(1, ...rows.map((r) => r.value));
  return (
    <Table aria-label={DASHBOARD.ranking.title} highlightOnHover striped verticalSpacing={4}>
      <Table.Thead>
        <Table.Tr>
          <Table.Th w={60} ta="right">
            {DASHBOARD.ranking.rank}
          </Table.Th>
          <Table.Th>{DASHBOARD.ranking.unit}</Table.Th>
          <Table.Th w={170} ta="right">
            {DASHBOARD.indicators[indicator]}
          </Table.Th>
          <Table.Th w={200}>{DASHBOARD.ranking.share}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {rows.map((r) => (
          <Table.Tr key={r.unitId} onClick={() => onOpen(r)} style={{ cursor: 'pointer' }} data-testid="ranking-row">
            <Table.Td ta="right">{r.rank}</Table.Td>
            <Table.Td>
              {r.name}
              {r.endedOn && (
                <Text span size="xs" c="dimmed">
                  {DASHBOARD.ranking.ended(formatDateVi(r.endedOn))}
                </Text>
              )}
            </Table.Td>
            <Table.Td ta="right" fw={600}>
              {formatIntVi(r.value)}
            </Table.Td>
            <Table.Td>
              <Group gap="xs" wrap="nowrap">
                <Progress value={(r.value * 100) / top} color="#1864ab" w={110} size="md" aria-hidden />
                <Text size="sm">{r.share === null ? '—' : `${formatDecimalVi(r.share, 1)}%`}</Text>
              </Group>
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

function Ranking({ rankings, year, hasUnits }: { rankings: Record<MainIndicatorKey, RankRowDto[]>; year: number; hasUnits: boolean }) {
  const [indicator, setIndicator] = useState<MainIndicatorKey>('propaganda.sessions');
  const rows = rankings[indicator];
  const data = RANKING_INDICATORS.map((k) => ({ value: k, label: DASHBOARD.indicators[k] }));
  return (
    <Paper withBorder p="sm">
      <Group justify="space-between" align="flex-end" mb="xs" wrap="wrap">
        <Stack gap={0}>
          <Title order={5}>{`${DASHBOARD.ranking.title} — năm ${year}`}</Title>
          <Text size="xs" c="dimmed">
            {DASHBOARD.ranking.hint}
          </Text>
        </Stack>
        <Select
          label={DASHBOARD.ranking.indicator}
          data={data}
          value={indicator}
          onChange={(v) => v && setIndicator(v)}
          allowDeselect={false}
          w={300}
        />
      </Group>
      {!hasUnits ? (
        <Text size="sm">{DASHBOARD.ranking.noUnits}</Text>
      ) : rows.length === 0 ? (
        <Text size="sm" data-testid="ranking-empty">
          {DASHBOARD.ranking.empty}
        </Text>
      ) : (
        <RankingTable rows={rows} indicator={indicator} onOpen={(r) => drillTo(drillFor(indicator, year, r.unitId))} />
      )}
    </Paper>
  );
}

/** The dashboard of a year for a part of the territory (null = the whole office). */
export function Dashboard({ year, unitId }: { year: number; unitId: string | null }) {
  const q = useQuery('dashboard.get', { year, unitId });
  const d = q.data?.year === year ? q.data : undefined;
  if (q.error) return <Alert color="red">{q.error.message}</Alert>;
  if (!d) return <Loader aria-label={DASHBOARD.loading} />;
  const openYear = (chart: ChartDef, y: number) => drillTo(drillFor(chart.series[0]!.key, y, unitId));
  return (
    <Stack gap="sm" component="section" aria-label={DASHBOARD.region(year)}>
      <Group justify="space-between" align="baseline" wrap="wrap" gap="xs">
        <Title order={3}>{DASHBOARD.heading(year, d.unitName)}</Title>
        <Text size="sm" c="dark.5">
          {DASHBOARD.compared(year)}
          {d.province && ` ${DASHBOARD.province}`}
        </Text>
      </Group>
      <SimpleGrid cols={{ base: 2, md: 4 }} spacing="sm">
        {d.keyFigures.map((f) => (
          <KeyFigureTile key={f.key} figure={f} year={year} onOpen={() => drillTo(drillFor(f.key, year, unitId))} />
        ))}
      </SimpleGrid>
      <DashboardRegistrations block={d.registrations} unitId={unitId} />
      <DashboardCharts series={d.series} onYear={openYear} />
      <Ranking rankings={d.rankings} year={year} hasUnits={d.units > 0} />
    </Stack>
  );
}
