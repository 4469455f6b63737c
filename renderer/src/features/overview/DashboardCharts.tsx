/**
 * The dashboard's charts over the last five years (shared/domain/dashboard.ts DASHBOARD_CHARTS):
 * grouped bars per year in solid colours, Vietnamese numbers on the axes and in the tooltip, a
 * second axis for a figure of another scale, and the years without data named under the chart (a
 * gap, never a bar at 0). A click on a bar opens the records of that year.
 */
import { BarChart } from '@mantine/charts';
import { Center, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { DASHBOARD_CHARTS, type ChartDef, type DashboardFigureKey } from '../../../../shared/domain/dashboard';
import type { DashboardDto } from '../../../../shared/ipc/contracts/dashboard.contract';
import { formatIntVi } from '../../../../shared/lib/numbers';
import { DASHBOARD } from './texts';

/** recharts reads a dotted data key as a path: the series are named without dots. */
const seriesName = (key: DashboardFigureKey) => key.replace(/\./g, '_');

const axisNumber = (v: number) => (typeof v === 'number' ? formatIntVi(v) : DASHBOARD.missing);

function chartData(chart: ChartDef, series: DashboardDto['series']) {
  return series.map((y) => {
    const row: Record<string, string | number | null> = { year: String(y.year) };
    for (const s of chart.series) row[seriesName(s.key)] = y.figures[s.key] ?? null;
    return row;
  });
}

/** Years in which none of the chart's figures has data. */
function missingYears(chart: ChartDef, series: DashboardDto['series']): number[] {
  return series.filter((y) => chart.series.every((s) => (y.figures[s.key] ?? null) === null)).map((y) => y.year);
}

function unitsNote(chart: ChartDef): string {
  const units = [...new Set(chart.series.map((s) => (s.right ? `${s.unit} (${DASHBOARD.rightAxis})` : s.unit)))];
  return DASHBOARD.unitsLeft(units);
}

function Chart({
  chart,
  series,
  onYear,
}: {
  chart: ChartDef;
  series: DashboardDto['series'];
  onYear: (chart: ChartDef, year: number) => void;
}) {
  const missing = missingYears(chart, series);
  const right = chart.series.some((s) => s.right);
  const note = (size: 'xs' | 'md') => (
    <Text size={size} c="dark.5" fw={600} span data-testid="chart-missing">
      {DASHBOARD.missingYears(missing)}
    </Text>
  );
  return (
    <Paper withBorder p="sm" role="figure" aria-label={chart.title} data-testid="dashboard-chart" data-chart={chart.id}>
      <Stack gap={4}>
        <Title order={5}>{chart.title}</Title>
        <Text size="xs" c="dark.4">
          {unitsNote(chart)} {missing.length > 0 && missing.length < series.length && note('xs')}
        </Text>
        {missing.length === series.length ? (
          // Nothing to draw: an empty grid would read as zeros.
          <Center h={240} bg="gray.1" style={{ borderRadius: 'var(--mantine-radius-sm)' }}>
            {note('md')}
          </Center>
        ) : (
          <BarChart
            h={240}
            data={chartData(chart, series)}
            dataKey="year"
            series={chart.series.map((s) => ({
              name: seriesName(s.key),
              label: s.label,
              color: s.color,
              ...(s.right ? { yAxisId: 'right' } : {}),
            }))}
            withRightYAxis={right}
            valueFormatter={axisNumber}
            withLegend
            // recharts sorts the legend by name unless told otherwise: keep the series' order.
            legendProps={{
              verticalAlign: 'bottom',
              itemSorter: (item) => chart.series.findIndex((s) => seriesName(s.key) === item.dataKey),
            }}
            textColor="dark.7"
            maxBarWidth={36}
            yAxisProps={{ width: 64 }}
            rightYAxisProps={{ width: 72 }}
            tooltipAnimationDuration={0}
            referenceAreas={missing.map((y) => ({
              x1: String(y),
              x2: String(y),
              color: '#868e96',
              label: { value: DASHBOARD.missing, position: 'center', fill: '#495057', fontSize: 12 },
            }))}
            barProps={{
              cursor: 'pointer',
              isAnimationActive: false,
              onClick: (entry: { payload?: { year?: string } }) => {
                const y = Number(entry.payload?.year);
                if (y) onYear(chart, y);
              },
            }}
          />
        )}
      </Stack>
    </Paper>
  );
}

export function DashboardCharts({ series, onYear }: { series: DashboardDto['series']; onYear: (chart: ChartDef, year: number) => void }) {
  return (
    <SimpleGrid cols={{ base: 1, md: 2, xl: 3 }} spacing="sm">
      {DASHBOARD_CHARTS.map((c) => (
        <Chart key={c.id} chart={c} series={series} onYear={onYear} />
      ))}
    </SimpleGrid>
  );
}
