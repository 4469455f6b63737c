/**
 * Parts of the unit detail panel about time: the unit's lineage (what it was formed from, what it
 * went into), its area type, and its yearly figures with inline editing per year.
 */
import { useState } from 'react';
import { Alert, Badge, Button, Checkbox, Group, Loader, Select, Stack, Table, Text, TextInput, Title, UnstyledButton } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { ApiError, call, useQuery } from '../../api/client';
import { errorText } from '../../components/formErrors';
import { AREA_TYPES, AREA_TYPE_LABELS, type AreaType } from '../../../../shared/domain/lineage';
import { formatDateVi } from '../../../../shared/lib/dates';
import { UNITS } from './texts';
import { formatCount, parseCount } from './numbers';
import type { MethodOutput } from '../../../../shared/ipc/contract';
import { Allowed, useCan } from '../auth/session';

export function LineagePart({ unitId, onSelect }: { unitId: string; onSelect: (id: string) => void }) {
  const q = useQuery('units.lineage', { id: unitId });
  if (!q.data || (q.data.predecessors.length === 0 && q.data.successors.length === 0)) return null;
  const list = (title: string, links: typeof q.data.predecessors) =>
    links.length === 0 ? null : (
      <Group gap={6} align="baseline" wrap="wrap">
        <Text size="sm" c="dimmed" w={160}>
          {title}
        </Text>
        {links.map((l) => (
          <Group key={`${l.eventId}-${l.unit.id}`} gap={4} wrap="nowrap">
            <UnstyledButton onClick={() => onSelect(l.unit.id)} c="red.8" fz="sm">
              {l.unit.name}
            </UnstyledButton>
            <Text size="xs" c="dimmed">
              {UNITS.lineage.on(formatDateVi(l.effectiveDate))}
            </Text>
            {l.primary && links.length > 1 && title === UNITS.lineage.into && (
              <Badge size="xs" variant="light">
                {UNITS.lineage.primary}
              </Badge>
            )}
          </Group>
        ))}
      </Group>
    );
  return (
    <Stack gap={4} aria-label={UNITS.lineage.title}>
      <Title order={5} mt="sm">
        {UNITS.lineage.title}
      </Title>
      {list(UNITS.lineage.from, q.data.predecessors)}
      {list(UNITS.lineage.into, q.data.successors)}
    </Stack>
  );
}

interface Draft {
  households: string;
  residents: string;
  trongDiem: boolean;
}

/** A refused save as one message and the fields it names (details keyed rows.0.<field>). */
function saveError(err: unknown): { message: string; fields: Record<string, string> } {
  if (!(err instanceof ApiError)) return { message: String(err), fields: {} };
  const fields: Record<string, string> = {};
  for (const [k, v] of Object.entries(err.details)) fields[k.replace(/^rows\.\d+\./, '')] = v;
  return { message: err.message, fields };
}

type YearRowDto = MethodOutput<'unitStats.get'>['rows'][number];

interface EditYearRowProps {
  year: number;
  canFlag: boolean;
  draft: Draft;
  setDraft: (d: Draft) => void;
  fields: Record<string, string> | undefined;
  saving: boolean;
  onSave: () => void;
  onCancel: () => void;
}

/** The year being edited: households, residents, the trọng điểm flag, save and cancel. */
function EditYearRow({ year, canFlag, draft, setDraft, fields, saving, onSave, onCancel }: EditYearRowProps) {
  return (
    <Table.Tr>
      <Table.Td>{year}</Table.Td>
      <Table.Td>
        <TextInput
          size="xs"
          aria-label={UNITS.year.colHouseholds}
          inputMode="numeric"
          value={draft.households}
          onChange={(e) => setDraft({ ...draft, households: e.currentTarget.value })}
          error={fields?.['households']}
          data-autofocus
        />
      </Table.Td>
      <Table.Td>
        <TextInput
          size="xs"
          aria-label={UNITS.year.colResidents}
          inputMode="numeric"
          value={draft.residents}
          onChange={(e) => setDraft({ ...draft, residents: e.currentTarget.value })}
          error={fields?.['residents']}
          onKeyDown={(e) => e.key === 'Enter' && onSave()}
        />
      </Table.Td>
      {canFlag && (
        <Table.Td>
          <Checkbox
            aria-label={UNITS.year.trongDiemLong}
            checked={draft.trongDiem}
            onChange={(e) => setDraft({ ...draft, trongDiem: e.currentTarget.checked })}
          />
        </Table.Td>
      )}
      <Table.Td>
        <Group gap={4} wrap="nowrap">
          <Button size="compact-xs" loading={saving} onClick={onSave}>
            {UNITS.year.save}
          </Button>
          <Button size="compact-xs" variant="default" onClick={onCancel}>
            {UNITS.year.cancel}
          </Button>
        </Group>
      </Table.Td>
    </Table.Tr>
  );
}

interface YearRowProps {
  year: number;
  row: YearRowDto | undefined;
  canFlag: boolean;
  onEdit: () => void;
  editDisabled: boolean;
}

/** A year's figures as read, with its edit button. */
function YearRow({ year, row, canFlag, onEdit, editDisabled }: YearRowProps) {
  return (
    <Table.Tr>
      <Table.Td>{year}</Table.Td>
      <Table.Td ta="right">{formatCount(row?.households ?? null, UNITS.year.none)}</Table.Td>
      <Table.Td ta="right">{formatCount(row?.residents ?? null, UNITS.year.none)}</Table.Td>
      {canFlag && (
        <Table.Td>
          {row?.trongDiem ? (
            <Badge color="orange" size="sm">
              {UNITS.year.yes}
            </Badge>
          ) : (
            ''
          )}
        </Table.Td>
      )}
      <Table.Td>
        <Allowed method="unitStats.upsert">
          <Button size="compact-xs" variant="subtle" aria-label={UNITS.year.edit(year)} onClick={onEdit} disabled={editDisabled}>
            {UNITS.year.editShort}
          </Button>
        </Allowed>
      </Table.Td>
    </Table.Tr>
  );
}

export function YearFiguresPart({ unitId }: { unitId: string }) {
  const q = useQuery('unitStats.get', { unitId });
  const [editing, setEditing] = useState<number | null>(null);
  const [draft, setDraft] = useState<Draft>({ households: '', residents: '', trongDiem: false });
  const [error, setError] = useState<{ message: string; fields: Record<string, string> } | null>(null);
  const [saving, setSaving] = useState(false);
  const canArea = useCan()('units.areaType');

  if (q.error) return <Alert color="red">{q.error.message}</Alert>;
  if (!q.data) return <Loader size="xs" />;
  const data = q.data;
  if (data.level !== 'xa' && data.level !== 'khu_dan_cu') return null;
  const byYear = new Map(data.rows.map((r) => [r.year, r]));

  async function setArea(value: string | null) {
    try {
      await call('units.areaType', { id: unitId, areaType: (value || null) as AreaType | null });
      notifications.show({ color: 'green', message: UNITS.year.areaSaved });
      q.reload();
    } catch (err) {
      notifications.show({ color: 'red', message: errorText(err) });
    }
  }

  function startEdit(year: number) {
    const r = byYear.get(year);
    setEditing(year);
    setError(null);
    setDraft({ households: r?.households?.toString() ?? '', residents: r?.residents?.toString() ?? '', trongDiem: r?.trongDiem ?? false });
  }

  async function save(year: number) {
    const households = parseCount(draft.households);
    const residents = parseCount(draft.residents);
    const local: Record<string, string> = {};
    if (households === undefined) local['households'] = UNITS.grid.notNumber;
    if (residents === undefined) local['residents'] = UNITS.grid.notNumber;
    if (households === undefined || residents === undefined) {
      setError({ message: UNITS.grid.notNumber, fields: local });
      return;
    }
    setSaving(true);
    try {
      await call('unitStats.upsert', { rows: [{ unitId, year, households, residents, trongDiem: data.canFlag && draft.trongDiem }] });
      notifications.show({ color: 'green', message: UNITS.year.saved(year) });
      setEditing(null);
      setError(null);
      q.reload();
    } catch (err) {
      setError(saveError(err));
    } finally {
      setSaving(false);
    }
  }

  return (
    <Stack gap="xs">
      <Title order={5} mt="sm">
        {UNITS.year.title}
      </Title>
      <Select
        label={UNITS.year.areaType}
        data={[{ value: '', label: UNITS.year.areaUnknown }, ...AREA_TYPES.map((a) => ({ value: a, label: AREA_TYPE_LABELS[a] }))]}
        value={data.areaType ?? ''}
        onChange={(v) => void setArea(v)}
        disabled={!canArea}
        allowDeselect={false}
        w={220}
        size="xs"
      />
      {error && (
        <Alert color="red" role="alert">
          {error.message}
        </Alert>
      )}
      <Table withTableBorder striped verticalSpacing={4} aria-label={UNITS.year.tableLabel}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{UNITS.year.colYear}</Table.Th>
            <Table.Th ta="right">{UNITS.year.colHouseholds}</Table.Th>
            <Table.Th ta="right">{UNITS.year.colResidents}</Table.Th>
            {data.canFlag && <Table.Th>{UNITS.year.colTrongDiem}</Table.Th>}
            <Table.Th />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {data.years.map((year) => {
            const r = byYear.get(year);
            if (editing === year) {
              return (
                <EditYearRow
                  key={year}
                  year={year}
                  canFlag={data.canFlag}
                  draft={draft}
                  setDraft={setDraft}
                  fields={error?.fields}
                  saving={saving}
                  onSave={() => void save(year)}
                  onCancel={() => setEditing(null)}
                />
              );
            }
            return (
              <YearRow
                key={year}
                year={year}
                row={r}
                canFlag={data.canFlag}
                onEdit={() => startEdit(year)}
                editDisabled={editing !== null}
              />
            );
          })}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}
