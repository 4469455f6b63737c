/**
 * A deck chart (shared ReportChart) as a bar chart on the stage (@mantine/charts on recharts): dark
 * saturated colours a projector keeps apart, values on the bars and axes in Vietnamese number format
 * (51.511), and a year without data as a gap labelled "thiếu dữ liệu" under the axis, never a zero.
 */
import { BarChart } from '@mantine/charts';
import type { ReportChart } from '../../../../shared/domain/report/document';
import { formatIntVi } from '../../../../shared/lib/numbers';
import { SLIDES } from './texts';

const COLORS = ['blue.9', 'orange.8', 'green.9', 'grape.8'] as const;

/** "blue.9" → the Mantine CSS variable of that shade. */
const cssColor = (c: string) => `var(--mantine-color-${c.replace('.', '-')})`;

interface TickProps {
  x?: number | string;
  y?: number | string;
  payload?: { value?: string };
}

export function SlideChart({ chart }: { chart: ReportChart }) {
  const data = chart.categories.map((c, i) => {
    const row: Record<string, string | number | null> = { category: c };
    chart.series.forEach((s, k) => (row[`s${k}`] = s.values[i] ?? null));
    return row;
  });
  const missing = new Set(chart.categories.filter((_, i) => chart.series.every((s) => s.values[i] === null)));
  const Tick = ({ x, y, payload }: TickProps) => {
    const v = payload?.value ?? '';
    return (
      <g transform={`translate(${Number(x ?? 0)},${Number(y ?? 0)})`}>
        <text x={0} y={0} dy={34} textAnchor="middle" fontSize={34} fontWeight={600} fill="#1f2937">
          {v}
        </text>
        {missing.has(v) && (
          <text x={0} y={0} textAnchor="middle" fontSize={26} fontStyle="italic" fill="#4b5563">
            <tspan x={0} dy={70}>
              {SLIDES.missingWords[0]}
            </tspan>
            <tspan x={0} dy={30}>
              {SLIDES.missingWords[1]}
            </tspan>
          </text>
        )}
      </g>
    );
  };
  return (
    <figure
      style={{ flex: 1, margin: 0, display: 'flex', flexDirection: 'column', minWidth: 0 }}
      aria-label={chart.title}
      data-testid="slide-chart"
    >
      <figcaption style={{ fontSize: 36, fontWeight: 600, marginBottom: 12 }}>
        {chart.title} <span style={{ color: '#4b5563', fontWeight: 400 }}>({chart.unit})</span>
      </figcaption>
      {chart.series.length > 1 && (
        <div style={{ display: 'flex', gap: 40, fontSize: 32, marginBottom: 8 }} data-testid="chart-legend">
          {chart.series.map((s, k) => (
            <span key={s.name} style={{ display: 'inline-flex', alignItems: 'center', gap: 12 }}>
              <span style={{ width: 32, height: 32, background: cssColor(COLORS[k % COLORS.length] ?? 'blue.9') }} />
              {s.name}
            </span>
          ))}
        </div>
      )}
      <BarChart
        h="100%"
        style={{ flex: 1, minHeight: 0 }}
        data={data}
        dataKey="category"
        series={chart.series.map((s, k) => ({ name: `s${k}`, label: s.name, color: COLORS[k % COLORS.length] ?? 'blue.9' }))}
        valueFormatter={(v) => formatIntVi(v)}
        withBarValueLabel
        barProps={{ isAnimationActive: false }}
        valueLabelProps={{ fontSize: 30, fontWeight: 700, fill: '#111827' }}
        withLegend={false}
        withTooltip={false}
        xAxisProps={{ tick: Tick, height: 120, interval: 0 }}
        yAxisProps={{ tick: { fontSize: 28, fill: '#374151' }, width: 150 }}
        gridAxis="y"
        maxBarWidth={140}
        fillOpacity={1}
        textColor="dark.7"
        gridColor="gray.4"
      />
    </figure>
  );
}
