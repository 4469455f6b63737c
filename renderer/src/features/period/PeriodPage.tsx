/**
 * "Số liệu theo kỳ": the figures a year-end (or any period's) report quotes, for a period and a part
 * of the territory, section by section in the report's order: the sentence a report writer can copy
 * and a table of every indicator with the previous equal period and the change; then the main
 * figures of each unit directly below. The controls stay in place; the sections scroll.
 */
import { Fragment, useMemo, useState } from 'react';
import { Alert, Box, Button, Group, Loader, Paper, ScrollArea, SegmentedControl, Stack, Switch, Table, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconCheck, IconCopy } from '@tabler/icons-react';
import { useQuery } from '../../api/client';
import { LongTaskProgress, useLongQuery } from '../../components/LongTask';
import type { OfficeDto } from '../../../../shared/ipc/contract';
import type { ComparisonRowDto, PerUnitDto, PeriodFiguresDto } from '../../../../shared/ipc/contracts/period.contract';
import {
  CALENDAR_YEAR_START,
  MAIN_INDICATORS,
  PERIOD_SECTIONS,
  PERIOD_SECTION_TITLES,
  placesPhrase,
  statisticalYear,
  statisticalYearOf,
  type PeriodSection,
} from '../../../../shared/domain/period';
import { INCIDENT_CATEGORY_LABELS, INCIDENT_EXCUSE_LABELS } from '../../../../shared/domain/activities';
import { formatDateVi } from '../../../../shared/lib/dates';
import { formatDecimalVi } from '../../../../shared/lib/numbers';
import { DataTable, type DataColumn } from '../../components/DataTable';
import { unitOptions } from '../../components/ListFilters';
import { VnDateInput } from '../../components/VnDateInput';
import { PERIOD } from './texts';
import { Allowed } from '../auth/session';
import { SearchSelect } from '../../components/SearchSelect';
import { LeadershipDocs } from './LeadershipDocs';
import { PeriodSettingsModal } from './PeriodSettingsModal';
import { OfficeBreakdown } from '../consolidation/OfficeBreakdown';
import { RegistrationFigures } from './RegistrationFigures';

type Preset = keyof typeof PERIOD.presets;
const PRESETS = Object.keys(PERIOD.presets) as Preset[];

function presetPeriod(p: Exclude<Preset, 'custom'>, year: number, today: string, statYearStart: string): { from: string; to: string } {
  if (p === 'statYear') return statisticalYear(statisticalYearOf(today, statYearStart), statYearStart);
  const first = { thisYear: year, lastYear: year - 1, last3: year - 2, last5: year - 4 }[p];
  const last = p === 'lastYear' ? year - 1 : year;
  return { from: `${first}-01-01`, to: `${last}-12-31` };
}

const vi = (n: number) => n.toLocaleString('vi-VN');

function formatRowValue(r: Pick<ComparisonRowDto, 'format' | 'missing'>, v: number, has: boolean): string {
  if (!has) return r.missing ? PERIOD.missing : '—';
  return r.format === 'percent' ? `${formatDecimalVi(v, 1)}%` : vi(v);
}

/** Copies to the clipboard; where the clipboard API is refused, through a hidden selection. */
async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    const area = document.createElement('textarea');
    area.value = text;
    area.setAttribute('readonly', '');
    area.style.position = 'fixed';
    area.style.opacity = '0';
    document.body.appendChild(area);
    area.select();
    const done = document.execCommand('copy');
    area.remove();
    return done;
  }
}

function CopyButton({ text }: { text: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <Button
      size="xs"
      variant="light"
      leftSection={copied ? <IconCheck size={14} /> : <IconCopy size={14} />}
      onClick={async () => {
        const ok = await copyText(text);
        if (ok) {
          setCopied(true);
          window.setTimeout(() => setCopied(false), 2000);
          notifications.show({ color: 'green', message: PERIOD.copiedNote });
        } else {
          notifications.show({ color: 'red', message: PERIOD.copyFailed });
        }
      }}
    >
      {copied ? PERIOD.copied : PERIOD.copy}
    </Button>
  );
}

function ChangeCell({ row }: { row: ComparisonRowDto }) {
  return (
    <Text size="sm" c={row.difference === 0 ? 'dimmed' : 'inherit'} span title={row.text === '—' ? PERIOD.noRate : undefined}>
      {row.text}
    </Text>
  );
}

function IndicatorTable({ title, rows }: { title: string; rows: readonly ComparisonRowDto[] }) {
  if (rows.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        {PERIOD.noRows}
      </Text>
    );
  }
  return (
    <Table aria-label={PERIOD.tableOf(title)} striped withTableBorder verticalSpacing={4} layout="fixed">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{PERIOD.columns.indicator}</Table.Th>
          <Table.Th ta="right" w={130}>
            {PERIOD.columns.current}
          </Table.Th>
          <Table.Th ta="right" w={130}>
            {PERIOD.columns.previous}
          </Table.Th>
          <Table.Th w={200}>{PERIOD.columns.change}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {rows.map((r) => (
          <Table.Tr key={r.key} data-key={r.key}>
            <Table.Td style={r.depth === 1 ? { paddingLeft: 28 } : { fontWeight: 600 }}>
              {r.label}{' '}
              <Text span size="xs" c="dimmed">
                ({r.unit})
              </Text>
            </Table.Td>
            <Table.Td ta="right" title={r.missing ? PERIOD.missingNote : undefined}>
              {formatRowValue(r, r.value, r.hasValue)}
            </Table.Td>
            <Table.Td ta="right">{formatRowValue({ ...r, missing: r.missingPrevious }, r.previous, r.hasPrevious)}</Table.Td>
            <Table.Td>
              <ChangeCell row={r} />
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

function NewModelsTable({ data }: { data: PeriodFiguresDto }) {
  const models = data.registry.current.newModels;
  if (models.length === 0) return null;
  return (
    <Stack gap={4}>
      <Text size="sm" fw={600}>
        {PERIOD.newModels.title}
      </Text>
      <Table aria-label={PERIOD.newModels.title} striped withTableBorder verticalSpacing={4}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{PERIOD.newModels.name}</Table.Th>
            <Table.Th>{PERIOD.newModels.type}</Table.Th>
            <Table.Th w={120}>{PERIOD.newModels.launchedOn}</Table.Th>
            <Table.Th ta="right" w={90}>
              {PERIOD.newModels.newSites}
            </Table.Th>
            <Table.Th>{PERIOD.newModels.where}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {models.map((m) => (
            <Table.Tr key={m.modelId}>
              <Table.Td>{m.name}</Table.Td>
              <Table.Td>{m.typeName}</Table.Td>
              <Table.Td>{formatDateVi(m.launchedOn)}</Table.Td>
              <Table.Td ta="right">{vi(m.newSites)}</Table.Td>
              <Table.Td>{placesPhrase(m)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}

function ExcusedTable({ data }: { data: PeriodFiguresDto }) {
  if (data.excused.length === 0) return null;
  return (
    <Stack gap={4}>
      <Text size="sm" fw={600}>
        {PERIOD.excused.title}
      </Text>
      <Table aria-label={PERIOD.excused.title} striped withTableBorder verticalSpacing={4}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={110}>{PERIOD.excused.date}</Table.Th>
            <Table.Th>{PERIOD.excused.unit}</Table.Th>
            <Table.Th>{PERIOD.excused.category}</Table.Th>
            <Table.Th ta="right" w={70}>
              {PERIOD.excused.count}
            </Table.Th>
            <Table.Th>{PERIOD.excused.excuse}</Table.Th>
            <Table.Th>{PERIOD.excused.approvedBy}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {data.excused.map((e) => (
            <Table.Tr key={e.id}>
              <Table.Td>{formatDateVi(e.occurredOn)}</Table.Td>
              <Table.Td>{e.unitName}</Table.Td>
              <Table.Td>{INCIDENT_CATEGORY_LABELS[e.category]}</Table.Td>
              <Table.Td ta="right">{vi(e.count)}</Table.Td>
              <Table.Td>
                {INCIDENT_EXCUSE_LABELS[e.excuse]}
                {e.reason ? `: ${e.reason}` : ''}
              </Table.Td>
              <Table.Td>
                {e.approvedBy ?? ''}
                {e.approvedOn ? ` (${formatDateVi(e.approvedOn)})` : ''}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}

interface SectionProps {
  section: PeriodSection;
  data: PeriodFiguresDto;
  showZero: boolean;
  unitId: string | null;
  onChanged: () => void;
}

function SectionBlock({ section, data, showZero, unitId, onChanged }: SectionProps) {
  const title = PERIOD_SECTION_TITLES[section];
  const sentence = data.sentences[section];
  const rows = data.comparison.filter(
    (r) => r.section === section && (showZero || (r.missing && r.depth === 0) || r.value !== 0 || r.previous !== 0),
  );
  return (
    <Paper withBorder p="md" component="section" aria-label={title}>
      <Stack gap="sm">
        <Group justify="space-between" wrap="nowrap" align="flex-start">
          <Title order={4}>{title}</Title>
          <CopyButton text={sentence} />
        </Group>
        <Text size="md" data-testid="sentence" style={{ userSelect: 'text' }}>
          {sentence}
        </Text>
        <IndicatorTable title={title} rows={rows} />
        {section === 'models' && <NewModelsTable data={data} />}
        {section === 'incidents' && <ExcusedTable data={data} />}
        {section === 'incidents' && (
          <Text size="xs" c="dimmed">
            {PERIOD.graveNote(data.graveList)}
          </Text>
        )}
        {section === 'leadership' && (
          <LeadershipDocs from={data.period.from} to={data.period.to} defaultUnitId={unitId} onChanged={onChanged} />
        )}
      </Stack>
    </Paper>
  );
}

function unitLabel(r: PerUnitDto): string {
  if (r.direct) return PERIOD.perUnit.direct(r.name);
  return r.endedOn ? `${r.name} (${PERIOD.perUnit.ended(formatDateVi(r.endedOn))})` : r.name;
}

const UNIT_COLUMNS: DataColumn<PerUnitDto>[] = [
  {
    key: 'unit',
    header: PERIOD.perUnit.unit,
    render: (r) => <span title={unitLabel(r)}>{unitLabel(r)}</span>,
    sortValue: (r) => r.name,
    total: () => PERIOD.perUnit.total,
  },
  ...MAIN_INDICATORS.map((k): DataColumn<PerUnitDto> => ({
    key: k,
    header: PERIOD.mainColumns[k],
    width: 112,
    align: 'right',
    render: (r) => vi(r.figures[k]),
    sortValue: (r) => r.figures[k],
    total: (rows) => vi(rows.reduce((a, r) => a + r.figures[k], 0)),
  })),
];

interface BodyProps {
  data: PeriodFiguresDto;
  showZero: boolean;
  unitId: string | null;
  onChanged: () => void;
  onPickUnit: (unitId: string) => void;
}

/** The figures of the chosen period: what is compared with what, the sections, the per-unit table. */
function FiguresBody({ data, showZero, unitId, onChanged, onPickUnit }: BodyProps) {
  return (
    <ScrollArea style={{ flex: 1, minHeight: 0 }} offsetScrollbars>
      <Stack gap="md" pb="md">
        <Text size="sm" c="dimmed" data-testid="period-info">
          {PERIOD.periods(
            data.period.label,
            `${formatDateVi(data.period.from)} - ${formatDateVi(data.period.to)}`,
            data.previous.label,
            `${formatDateVi(data.previous.from)} - ${formatDateVi(data.previous.to)}`,
          )}{' '}
          {PERIOD.scope(data.unitName)}
        </Text>
        {PERIOD_SECTIONS.map((s) => (
          <Fragment key={s}>
            {/* The registration figures stand where the report puts them: before the classification (issue 14 item 3). */}
            {s === 'classification' && (
              <RegistrationFigures
                block={data.registrations}
                action={<CopyButton text={`${data.registrations.sentences.registration} ${data.registrations.sentences.recognition}`} />}
              />
            )}
            <SectionBlock section={s} data={data} showZero={showZero} unitId={unitId} onChanged={onChanged} />
          </Fragment>
        ))}
        {unitId === null && <OfficeBreakdown from={data.period.from} to={data.period.to} view="period" onPickUnit={onPickUnit} />}
        <Paper withBorder p="md" component="section" aria-label={PERIOD.perUnit.title}>
          <Title order={4} mb="xs">
            {PERIOD.perUnit.title}
          </Title>
          <DataTable
            rows={data.perUnit}
            columns={UNIT_COLUMNS}
            rowKey={(r) => (r.direct ? `direct-${r.unitId}` : r.unitId)}
            onRowClick={(r) => !r.direct && onPickUnit(r.unitId)}
            ariaLabel={PERIOD.perUnit.title}
            emptyText={PERIOD.perUnit.empty}
            height={Math.min(36 * 32, 36 * (data.perUnit.length + 2) + 4)}
          />
        </Paper>
      </Stack>
    </ScrollArea>
  );
}

export function PeriodPage({ office, today }: { office: OfficeDto; today: string }) {
  const year = Number(today.slice(0, 4));
  const [preset, setPreset] = useState<Preset>('thisYear');
  const [from, setFrom] = useState<string | null>(`${year}-01-01`);
  const [to, setTo] = useState<string | null>(`${year}-12-31`);
  const [unitId, setUnitId] = useState<string | null>(null);
  const [showZero, setShowZero] = useState(false);
  const [settingsOpen, setSettingsOpen] = useState(false);
  const settings = useQuery('period.settings', {});
  const statYearStart = settings.data?.statYearStart ?? CALENDAR_YEAR_START;
  // The statistical year is offered once the office has set one that is not the calendar year.
  const presets = PRESETS.filter((p) => p !== 'statYear' || statYearStart !== CALENDAR_YEAR_START);
  const units = useQuery('units.list', { includeEnded: true });
  const unitData = useMemo(() => unitOptions(units.data ?? []), [units.data]);

  const complete = from !== null && to !== null;
  const valid = complete && from <= to;
  // An incomplete or reversed period is not sent; the alert below says why. The figures are read as a
  // watched job (issue 16): over several years the screen shows how many records it has read, with "Hủy".
  const figures = useLongQuery(
    'period.figures',
    { from: valid ? from : today, to: valid ? to : today, unitId },
    valid ? `${from}|${to}|${unitId}` : 'invalid',
  );
  const data = valid ? figures.data : undefined;
  const stale = data !== undefined && (data.period.from !== from || data.period.to !== to);

  const choose = (p: Preset) => {
    setPreset(p);
    if (p !== 'custom') {
      const period = presetPeriod(p, year, today, statYearStart);
      setFrom(period.from);
      setTo(period.to);
    }
  };

  return (
    <Stack h="calc(100dvh - 56px - 2 * var(--mantine-spacing-md))" gap="sm">
      <Group justify="space-between" align="flex-end" wrap="wrap" gap="sm">
        <Title order={2}>{PERIOD.title}</Title>
        <Stack gap={2}>
          <Text size="sm" fw={500} id="period-preset-label">
            {PERIOD.preset}
          </Text>
          <SegmentedControl
            aria-labelledby="period-preset-label"
            value={preset}
            onChange={(v) => choose(v)}
            data={presets.map((p) => ({ value: p, label: PERIOD.presets[p] }))}
          />
        </Stack>
        <Allowed method="period.saveSettings">
          <Button variant="default" onClick={() => setSettingsOpen(true)} disabled={!settings.data}>
            {PERIOD.openSettings}
          </Button>
        </Allowed>
      </Group>
      <Group gap="sm" align="flex-end" wrap="wrap">
        <Box w={150}>
          <VnDateInput
            label={PERIOD.from}
            value={from}
            description=""
            required
            onChange={(v) => {
              setFrom(v);
              setPreset('custom');
            }}
          />
        </Box>
        <Box w={150}>
          <VnDateInput
            label={PERIOD.to}
            value={to}
            description=""
            required
            onChange={(v) => {
              setTo(v);
              setPreset('custom');
            }}
          />
        </Box>
        <SearchSelect label={PERIOD.unit} placeholder={office.name} data={unitData} value={unitId} onChange={setUnitId} clearable w={320} />
        <Switch label={PERIOD.showZero} checked={showZero} onChange={(e) => setShowZero(e.currentTarget.checked)} mb={8} />
      </Group>
      {!complete && <Alert color="yellow">{PERIOD.periodMissing}</Alert>}
      {complete && !valid && <Alert color="red">{PERIOD.periodError}</Alert>}
      {valid && figures.error && <Alert color="red">{figures.error.message}</Alert>}
      {valid && (!data || stale) && !figures.error && <Loader aria-label={PERIOD.loading} />}
      {valid && from.slice(0, 4) !== to.slice(0, 4) && <LongTaskProgress task={figures.task} />}
      {data && !stale && <FiguresBody data={data} showZero={showZero} unitId={unitId} onChanged={figures.reload} onPickUnit={setUnitId} />}
      {settingsOpen && settings.data && (
        <PeriodSettingsModal
          settings={settings.data}
          onClose={() => setSettingsOpen(false)}
          onSaved={() => {
            settings.reload();
            figures.reload();
          }}
        />
      )}
    </Stack>
  );
}
