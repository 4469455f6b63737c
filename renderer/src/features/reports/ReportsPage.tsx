/**
 * "Báo cáo" (issue 13 item 2): the office's reports, newest period first; a new report of a kind for
 * a period and a part of the territory; the office's header fields; and one report's editor.
 */
import { useMemo, useState } from 'react';
import { Alert, Badge, Box, Button, Group, Modal, Paper, Select, Stack, Text, TextInput, Title } from '@mantine/core';
import { call, useQuery } from '../../api/client';
import { DataTable, type DataColumn } from '../../components/DataTable';
import { FormActions, FormAlert } from '../../components/FormActions';
import { errorText } from '../../components/formErrors';
import { unitOptions } from '../../components/ListFilters';
import { SearchSelect } from '../../components/SearchSelect';
import { VnDateInput } from '../../components/VnDateInput';
import { formatDateVi } from '../../../../shared/lib/dates';
import type { OfficeDto } from '../../../../shared/ipc/contract';
import type { ReportSummaryDto } from '../../../../shared/ipc/contracts/reports.contract';
import { REPORT_KINDS, type ReportKind } from '../../../../shared/domain/report/document';
import { HeaderSettingsModal } from './HeaderFields';
import { ReportEditor } from './ReportEditor';
import { REPORTS } from './texts';
import { Allowed } from '../auth/session';

const F = REPORTS.form;

function periodOf(kind: ReportKind, year: number): { from: string; to: string } {
  return kind === 'so_ket_6_thang' ? { from: `${year}-01-01`, to: `${year}-06-30` } : { from: `${year}-01-01`, to: `${year}-12-31` };
}

function CreateModal({
  office,
  today,
  onClose,
  onCreated,
}: {
  office: OfficeDto;
  today: string;
  onClose: () => void;
  onCreated: (id: string) => void;
}) {
  const year = Number(today.slice(0, 4));
  const [kind, setKind] = useState<ReportKind>('tong_ket_nam');
  const [from, setFrom] = useState<string | null>(`${year}-01-01`);
  const [to, setTo] = useState<string | null>(`${year}-12-31`);
  const [unitId, setUnitId] = useState<string | null>(null);
  const [title, setTitle] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const units = useQuery('units.list', { includeEnded: true });
  const unitData = useMemo(() => unitOptions(units.data ?? []), [units.data]);
  const submit = async () => {
    if (from === null || to === null) {
      setError(F.periodMissing);
      return;
    }
    setSaving(true);
    try {
      const r = await call('reports.create', { kind, from, to, unitId, title });
      onCreated(r.id);
    } catch (err) {
      setError(errorText(err));
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal opened onClose={onClose} title={F.title} size="lg">
      <Stack gap="sm">
        <FormAlert message={error} />
        <Select
          label={F.kind}
          data={REPORT_KINDS.map((k) => ({ value: k, label: REPORTS.kinds[k] }))}
          value={kind}
          allowDeselect={false}
          onChange={(v) => {
            const k = v ?? 'tong_ket_nam';
            setKind(k);
            const p = periodOf(k, year);
            setFrom(p.from);
            setTo(p.to);
          }}
        />
        <Group grow>
          <VnDateInput label={F.from} value={from} onChange={setFrom} required />
          <VnDateInput label={F.to} value={to} onChange={setTo} required />
        </Group>
        <SearchSelect label={F.unit} placeholder={office.name} data={unitData} value={unitId} onChange={setUnitId} clearable />
        <TextInput label={F.summary} description={F.summaryHint} value={title} onChange={(e) => setTitle(e.currentTarget.value)} />
        <FormActions cancelLabel={F.cancel} submitLabel={F.submit} onCancel={onClose} saving={saving} onConfirm={() => void submit()} />
      </Stack>
    </Modal>
  );
}

const COLUMNS: DataColumn<ReportSummaryDto>[] = [
  { key: 'title', header: REPORTS.columns.title, render: (r) => r.title, sortValue: (r) => r.title },
  { key: 'kind', header: REPORTS.columns.kind, width: 140, render: (r) => REPORTS.kinds[r.kind] },
  {
    key: 'period',
    header: REPORTS.columns.period,
    width: 200,
    render: (r) => `${formatDateVi(r.from)} - ${formatDateVi(r.to)}`,
    sortValue: (r) => r.to,
  },
  { key: 'unit', header: REPORTS.columns.unit, width: 200, render: (r) => r.unitName },
  {
    key: 'status',
    header: REPORTS.columns.status,
    width: 130,
    render: (r) => (
      <Badge color={r.status === 'issued' ? 'green' : 'gray'} variant="light">
        {REPORTS.status[r.status]}
      </Badge>
    ),
  },
];

export function ReportsPage({ office, today }: { office: OfficeDto; today: string }) {
  const list = useQuery('reports.list', {});
  const [openId, setOpenId] = useState<string | null>(null);
  const [dialog, setDialog] = useState<'create' | 'settings' | null>(null);

  if (openId !== null) {
    return (
      <ReportEditor
        id={openId}
        today={today}
        onBack={() => {
          setOpenId(null);
          list.reload();
        }}
      />
    );
  }
  return (
    <Stack h="calc(100dvh - 56px - 2 * var(--mantine-spacing-md))" gap="sm">
      <Group justify="space-between">
        <Title order={2}>{REPORTS.title}</Title>
        <Group gap="xs">
          <Button variant="default" onClick={() => setDialog('settings')}>
            {REPORTS.settings}
          </Button>
          <Allowed method="reports.create">
            <Button onClick={() => setDialog('create')}>{REPORTS.create}</Button>
          </Allowed>
        </Group>
      </Group>
      <Text size="sm" c="dimmed">
        {REPORTS.intro}
      </Text>
      {list.error && <Alert color="red">{list.error.message}</Alert>}
      <Paper withBorder style={{ flex: 1, minHeight: 0 }}>
        <Box h="100%">
          <DataTable
            rows={list.data ?? []}
            columns={COLUMNS}
            rowKey={(r) => r.id}
            onRowClick={(r) => setOpenId(r.id)}
            ariaLabel={REPORTS.listLabel}
            emptyText={REPORTS.empty}
            height="100%"
          />
        </Box>
      </Paper>
      {dialog === 'create' && (
        <CreateModal
          office={office}
          today={today}
          onClose={() => setDialog(null)}
          onCreated={(id) => {
            setDialog(null);
            setOpenId(id);
          }}
        />
      )}
      {dialog === 'settings' && <HeaderSettingsModal onClose={() => setDialog(null)} />}
    </Stack>
  );
}
