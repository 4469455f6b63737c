/**
 * The rubric tab (Chấm điểm, phân loại): choose a rubric (the province's, or the shipped example,
 * clearly labelled) for the year chosen on the page; every residential area, commune and covered
 * organisation in its scope with self and reviewed totals and the class; a scoring form per subject
 * generated from the rubric; import and export of rubric files.
 */
import { useEffect, useMemo, useState } from 'react';
import { Alert, Badge, Button, FileButton, Group, Loader, Select, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconDownload, IconPencil, IconUpload } from '@tabler/icons-react';
import { call, useQuery } from '../../api/client';
import type { OfficeDto } from '../../../../shared/ipc/contract';
import type { RubricScoresDto, ScoreCellDto, ScoreRowDto } from '../../../../shared/ipc/contracts/rubrics.contract';
import type { ClassId } from '../../../../shared/domain/criteria/rubric';
import { formatDateVi } from '../../../../shared/lib/dates';
import { DataTable, type DataColumn } from '../../components/DataTable';
import { FormAlert } from '../../components/FormActions';
import { errorText } from '../../components/formErrors';
import { ImportErrors } from './ImportErrors';
import { useJsonImport } from './useJsonImport';
import { saveJson } from './files';
import { RB, FILES, subjectLabel } from './texts';
import { ScoreForm } from './ScoreForm';
import { SearchSelect } from '../../components/SearchSelect';
import { Allowed, useCan } from '../auth/session';

const CLASS_COLORS: Record<ClassId, string> = { xuat_sac: 'teal', kha: 'blue', trung_binh: 'yellow', yeu: 'red' };

function cellText(c: ScoreCellDto | null): string {
  if (!c) return RB.notScored;
  const s = c.score;
  return s.class === null ? `${RB.points(s.total, s.maxTotal)} (${RB.incomplete.toLowerCase()})` : RB.points(s.total, s.maxTotal);
}

/** The columns of the scores table; the category column only when the rubric covers several kinds. */
/** The table's columns; the score action only for a role that may score (`onScore` null otherwise). */
function scoreColumns(kinds: readonly string[], onScore: ((row: ScoreRowDto) => void) | null): DataColumn<ScoreRowDto>[] {
  return [
    { key: 'name', header: RB.columns.name, render: (r) => r.name, sortValue: (r) => r.name, total: (rows) => RB.total(rows.length) },
    ...(kinds.length > 1
      ? [
          {
            key: 'category',
            header: RB.columns.category,
            width: 130,
            render: (r: ScoreRowDto) => subjectLabel(r.category),
            sortValue: (r: ScoreRowDto) => subjectLabel(r.category),
          },
        ]
      : []),
    { key: 'parent', header: RB.columns.parent, width: 160, render: (r) => r.parentName ?? '—', sortValue: (r) => r.parentName ?? '' },
    {
      key: 'self',
      header: RB.columns.self,
      width: 120,
      align: 'right',
      render: (r) => cellText(r.self),
      sortValue: (r) => r.self?.score.total ?? null,
    },
    {
      key: 'reviewed',
      header: RB.columns.reviewed,
      width: 120,
      align: 'right',
      render: (r) => cellText(r.reviewed),
      sortValue: (r) => r.reviewed?.score.total ?? null,
    },
    {
      key: 'class',
      header: RB.columns.class,
      width: 250,
      render: (r) =>
        r.finalClass ? (
          <Group gap={4} wrap="nowrap">
            <Badge color={CLASS_COLORS[r.finalClass]} variant="light" style={{ textTransform: 'none', flexShrink: 0, overflow: 'visible' }}>
              {r.finalLabel}
            </Badge>
            <Text span size="xs" c="dimmed">
              {r.finalFrom === 'tham_dinh' ? RB.fromReviewed : RB.fromSelf}
            </Text>
          </Group>
        ) : (
          <Text span size="sm" c="dimmed">
            {RB.notClassified}
          </Text>
        ),
      sortValue: (r) => (r.finalClass ? ['xuat_sac', 'kha', 'trung_binh', 'yeu'].indexOf(r.finalClass) : null),
    },
    ...(onScore
      ? [
          {
            key: 'actions',
            header: RB.columns.actions,
            width: 130,
            render: (r: ScoreRowDto) => (
              <Button
                size="compact-xs"
                variant="light"
                leftSection={<IconPencil size={14} />}
                onClick={() => onScore(r)}
                aria-label={`${RB.score}: ${r.name}`}
              >
                {RB.score}
              </Button>
            ),
          },
        ]
      : []),
  ];
}

/** The example warning, the version, the class bands and the counts of the rubric shown. */
function RubricInfo({ data, year }: { data: RubricScoresDto; year: number }) {
  const bands = data.rubric.bands;
  const bandText = bands
    .map((b) => {
      const higher = bands.filter((x) => x.min > b.min).map((x) => x.min);
      return RB.bandText(b.label, b.min, higher.length ? Math.min(...higher) : null);
    })
    .join('; ');

  return (
    <>
      {data.rubric.example && (
        <Alert color="orange" variant="light" title={FILES.exampleRubric} role="note">
          {RB.exampleWarning}
        </Alert>
      )}
      <Stack gap={2}>
        <Text size="sm">
          {RB.versionInfo(formatDateVi(data.rubric.version), year)} {RB.maxTotal(data.rubric.maxTotal)}.
        </Text>
        <Text size="sm">
          <Text span fw={600}>
            {RB.bands}:
          </Text>{' '}
          {bandText}.
        </Text>
        <Text size="sm" aria-label={RB.counts}>
          <Text span fw={600}>
            {RB.counts}:
          </Text>{' '}
          <span data-testid="rubric-counts">{data.countsText}</span>
        </Text>
      </Stack>
    </>
  );
}

/** Import a rubric file, export the one shown. */
function RubricFileButtons({
  onPick,
  resetRef,
  busy,
  onDownload,
  canDownload,
}: {
  onPick: (file: File | null) => void;
  resetRef: ReturnType<typeof useJsonImport>['resetFile'];
  busy: boolean;
  onDownload: () => void;
  canDownload: boolean;
}) {
  return (
    <Group gap="xs" wrap="nowrap">
      <Allowed method="rubrics.import">
        <FileButton onChange={onPick} accept=".json,application/json" resetRef={resetRef} inputProps={{ 'aria-label': RB.fileInput }}>
          {(props) => (
            <Button {...props} size="xs" variant="default" leftSection={<IconUpload size={16} />} loading={busy}>
              {RB.import}
            </Button>
          )}
        </FileButton>
      </Allowed>
      <Button size="xs" variant="default" leftSection={<IconDownload size={16} />} onClick={onDownload} disabled={!canDownload}>
        {RB.export}
      </Button>
    </Group>
  );
}

export function RubricsPanel({ year }: { office: OfficeDto; today: string; year: number }) {
  const list = useQuery('rubrics.list', {});
  const [rubricId, setRubricId] = useState<string | null>(null);
  const [category, setCategory] = useState<string | null>(null);
  const [scoring, setScoring] = useState<ScoreRowDto | null>(null);

  // One entry per rubric id (versions are chosen by year on the backend); the province's first.
  const options = useMemo(() => {
    const seen = new Map<string, { value: string; label: string }>();
    for (const r of list.data ?? []) if (!seen.has(r.id)) seen.set(r.id, { value: r.id, label: r.name });
    return [...seen.values()];
  }, [list.data]);

  useEffect(() => {
    if (rubricId === null && options[0]) setRubricId(options[0].value);
  }, [options, rubricId]);

  const scores = useQuery(
    'rubrics.scores',
    { year, rubricId: rubricId ?? '', category: (category as never) ?? null },
    rubricId ? JSON.stringify({ year, rubricId, category }) : null,
  );
  const data: RubricScoresDto | undefined = rubricId && scores.data?.rubric.id === rubricId ? scores.data : undefined;

  const { pick, busy, importError, clearError, resetFile } = useJsonImport('rubrics.import', (r) => {
    list.reload();
    setRubricId(r.id);
    scores.reload();
  });

  const download = async () => {
    if (!data) return;
    try {
      saveJson(await call('rubrics.export', { key: data.rubric.key }));
    } catch (err) {
      notifications.show({ color: 'red', message: errorText(err) });
    }
  };

  const kinds = data?.rubric.unitKinds ?? [];
  const columns = scoreColumns(kinds, useCan()('rubrics.score') ? setScoring : null);

  return (
    <Stack gap="sm" h="100%">
      <Group justify="space-between" align="flex-end" wrap="nowrap">
        <Group gap="sm" align="flex-end" wrap="nowrap" style={{ flex: 1, minWidth: 0 }}>
          <SearchSelect
            label={RB.rubric}
            data={options}
            value={rubricId}
            onChange={(v) => {
              if (v) setRubricId(v);
              setCategory(null);
            }}
            allowDeselect={false}
            size="xs"
            style={{ flex: 1, maxWidth: 520 }}
          />
          {kinds.length > 1 && (
            <Select
              label={RB.category}
              data={[{ value: '', label: RB.all }, ...kinds.map((k) => ({ value: k, label: subjectLabel(k) }))]}
              value={category ?? ''}
              onChange={(v) => setCategory(v ? v : null)}
              allowDeselect={false}
              size="xs"
              w={170}
            />
          )}
        </Group>
        <RubricFileButtons
          onPick={(f) => void pick(f)}
          resetRef={resetFile}
          busy={busy}
          onDownload={() => void download()}
          canDownload={!!data}
        />
      </Group>
      <ImportErrors error={importError} onClose={clearError} />
      <FormAlert message={list.error?.message ?? (rubricId ? (scores.error?.message ?? null) : null)} />
      {list.data && options.length === 0 && <Text size="sm">{RB.noRubric}</Text>}
      {data && <RubricInfo data={data} year={year} />}
      {rubricId && !data && scores.loading && <Loader size="sm" />}
      {data && (
        <div style={{ flex: 1, minHeight: 280 }}>
          <DataTable
            rows={data.rows}
            columns={columns}
            rowKey={(r) => r.subjectId}
            ariaLabel={RB.tableLabel}
            emptyText={RB.empty}
            height="100%"
          />
        </div>
      )}
      {scoring && data && (
        <ScoreForm
          rubric={data.rubric.rubric}
          rubricId={data.rubric.id}
          year={year}
          row={scoring}
          onClose={() => setScoring(null)}
          onSaved={() => {
            setScoring(null);
            scores.reload();
          }}
        />
      )}
    </Stack>
  );
}
