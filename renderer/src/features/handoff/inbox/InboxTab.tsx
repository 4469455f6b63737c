/**
 * "Nhận dữ liệu" at the province (issue 12 items 4-8): a folder or file path, the files with their
 * check results and reasons, the confirmation of a new office by its fingerprint, the dry run of
 * each file that passes and "Áp dụng"; below, the history per office (roll back, receipts) and
 * the completeness matrix with its Excel export.
 */
import { useState } from 'react';
import { Alert, Badge, Button, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconFolderSearch } from '@tabler/icons-react';
import { call } from '../../../api/client';
import type { OfficeDto } from '../../../../../shared/ipc/contract';
import type { InboxDryRunDto, InboxFileDto } from '../../../../../shared/ipc/contracts/handoff-inbox.contract';
import { formatIntVi } from '../../../../../shared/lib/numbers';
import { formatDateVi } from '../../../../../shared/lib/dates';
import { errorText } from '../../../components/formErrors';
import { InboxHistory } from './InboxHistory';
import { InboxMatrix } from './InboxMatrix';
import { INBOX } from './texts';
import { PathField } from '../PathField';
import { Allowed, OnlyRoles } from '../../auth/session';
import { LongTaskProgress, useLongTask } from '../../../components/LongTask';

const STATUS_COLOR: Record<InboxFileDto['status'], string> = { ready: 'green', replay: 'gray', held: 'orange', refused: 'red' };

function DryRun({ dry, file }: { dry: InboxDryRunDto; file: InboxFileDto }) {
  const n = (v: number) => formatIntVi(v);
  return (
    <Stack gap="xs" data-testid="inbox-dry-run">
      <Text fw={600}>{INBOX.dryRunTitle(file.office?.name ?? '', file.sequence ?? 0)}</Text>
      <Table withTableBorder striped aria-label={INBOX.dryRunTitle(file.office?.name ?? '', file.sequence ?? 0)}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{INBOX.dryCol.kind}</Table.Th>
            <Table.Th ta="right">{INBOX.dryCol.added}</Table.Th>
            <Table.Th ta="right">{INBOX.dryCol.changed}</Table.Th>
            <Table.Th ta="right">{INBOX.dryCol.removed}</Table.Th>
            <Table.Th ta="right">{INBOX.dryCol.unchanged}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {dry.changes
            .filter((c) => c.added + c.changed + c.removed + c.unchanged > 0)
            .map((c) => (
              <Table.Tr key={c.table}>
                <Table.Td>{c.label}</Table.Td>
                <Table.Td ta="right">{n(c.added)}</Table.Td>
                <Table.Td ta="right">{n(c.changed)}</Table.Td>
                <Table.Td ta="right">{n(c.removed)}</Table.Td>
                <Table.Td ta="right">{n(c.unchanged)}</Table.Td>
              </Table.Tr>
            ))}
        </Table.Tbody>
      </Table>
      <Group align="flex-start" grow>
        <FigureTable title={INBOX.countsTitle} rows={dry.counts} first={INBOX.dryCol.kind} />
        <FigureTable
          title={INBOX.indicatorsTitle(formatDateVi(dry.period.from), formatDateVi(dry.period.to))}
          rows={dry.indicators}
          first={INBOX.dryCol.indicator}
        />
      </Group>
    </Stack>
  );
}

function FigureTable({ title, rows, first }: { title: string; rows: InboxDryRunDto['counts']; first: string }) {
  return (
    <Stack gap={4}>
      <Text size="sm" fw={600}>
        {title}
      </Text>
      <Table withTableBorder aria-label={title}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{first}</Table.Th>
            <Table.Th ta="right">{INBOX.dryCol.before}</Table.Th>
            <Table.Th ta="right">{INBOX.dryCol.after}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((r) => (
            <Table.Tr key={r.key} fw={r.before !== r.after ? 600 : undefined}>
              <Table.Td>{r.label}</Table.Td>
              <Table.Td ta="right">{formatIntVi(r.before)}</Table.Td>
              <Table.Td ta="right">{formatIntVi(r.after)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}

function FileCard({ file, onChanged }: { file: InboxFileDto; onChanged: () => void }) {
  const [busy, setBusy] = useState(false);
  // Applying checks the records again and writes them as a job: progress and "Hủy" (issue 16 item 3).
  const applying = useLongTask();
  async function run(action: () => Promise<string>) {
    setBusy(true);
    try {
      notifications.show({ color: 'green', message: await action() });
      onChanged();
    } catch (err) {
      notifications.show({ color: 'red', message: errorText(err) });
    } finally {
      setBusy(false);
    }
  }
  const apply = () =>
    run(async () => {
      const r = await applying.start((jobId) => call('handoffInbox.apply', { path: file.path, sha256: file.sha256, jobId }));
      return INBOX.applied(file.office?.name ?? r.officeCode, r.sequence, r.backupPath);
    });
  const confirm = (peerId: string | null, fingerprint: string) =>
    run(async () => {
      await call('handoffInbox.confirmOffice', { peerId, path: peerId === null ? file.path : null, fingerprint });
      return INBOX.confirmed;
    });
  return (
    <Paper withBorder p="sm" data-testid="inbox-file" aria-label={file.fileName}>
      <Stack gap="xs">
        <LongTaskProgress task={applying} />
        <Group justify="space-between">
          <Group gap="sm">
            <Text fw={600}>{file.fileName}</Text>
            {file.office && <Text size="sm">{file.office.name}</Text>}
            {file.sequence !== null && (
              <Text size="sm" c="dimmed">
                {INBOX.col.year} {file.year}, {INBOX.col.sequence.toLowerCase()} {file.sequence}
              </Text>
            )}
          </Group>
          <Badge color={STATUS_COLOR[file.status]} variant="light" style={{ textTransform: 'none' }} data-testid="inbox-file-status">
            {INBOX.status[file.status]}
          </Badge>
        </Group>
        {file.reason && (
          <Text size="sm" c={file.status === 'refused' ? 'red' : 'dimmed'} data-testid="inbox-file-reason">
            {file.reason.message}
          </Text>
        )}
        {file.enrol && (
          <Alert color="orange" title={INBOX.newOffice(file.enrol.name, file.enrol.fingerprint)}>
            <Stack gap="xs">
              <Text size="sm">{INBOX.confirmHint}</Text>
              <Allowed method="handoffInbox.confirmOffice" fallback={<OnlyRoles method="handoffInbox.confirmOffice" />}>
                <Group>
                  <Button size="xs" loading={busy} onClick={() => void confirm(file.enrol!.peerId, file.enrol!.fingerprint)}>
                    {INBOX.confirmOffice}
                  </Button>
                </Group>
              </Allowed>
            </Stack>
          </Alert>
        )}
        {file.dryRun && <DryRun dry={file.dryRun} file={file} />}
        {file.status === 'ready' && (
          <Group>
            <Button loading={busy} onClick={() => void apply()}>
              {INBOX.apply}
            </Button>
          </Group>
        )}
      </Stack>
    </Paper>
  );
}

export function InboxTab(props: { office: OfficeDto; today: string }) {
  const [path, setPath] = useState('');
  const [files, setFiles] = useState<InboxFileDto[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [checking, setChecking] = useState(false);
  const [tick, setTick] = useState(0);
  // Every record is checked and dry-run as a job: "Đã kiểm tra n/N bản ghi" and "Hủy" (issue 16 item 3).
  const checkTask = useLongTask();
  /** `refresh`: after the screen's own apply or confirmation (the file just applied is not logged as presented again). */
  async function check(refresh = false) {
    setChecking(true);
    try {
      const r = await checkTask.start((jobId) => call('handoffInbox.inspect', { path, refresh, jobId }));
      setFiles(r.files);
      setError(null);
    } catch (err) {
      setFiles(null);
      setError(errorText(err));
    } finally {
      setChecking(false);
      setTick((t) => t + 1);
    }
  }
  return (
    <Stack gap="lg">
      <Text size="sm">{INBOX.intro}</Text>
      {/* Reading the offices' files and applying them is Lãnh đạo's; the history and the matrix below are for everyone. */}
      <Allowed method="handoffInbox.inspect" fallback={<OnlyRoles method="handoffInbox.inspect" />}>
        <Group align="flex-end">
          <PathField label={INBOX.pathLabel} placeholder={INBOX.pathPlaceholder} value={path} onChange={setPath} fill />
          <Button
            leftSection={<IconFolderSearch size={16} />}
            loading={checking}
            disabled={path.trim() === ''}
            onClick={() => void check()}
          >
            {INBOX.check}
          </Button>
        </Group>
        <LongTaskProgress task={checkTask} />
      </Allowed>
      {error && (
        <Alert color="red" data-testid="inbox-error">
          {error}
        </Alert>
      )}
      {files && (
        <Stack gap="sm">
          <Title order={4}>{INBOX.filesTitle}</Title>
          {files.length === 0 && <Text size="sm">{INBOX.noFiles}</Text>}
          {files.map((f) => (
            <FileCard key={`${f.path}:${f.sha256}`} file={f} onChanged={() => void check(true)} />
          ))}
        </Stack>
      )}
      <InboxHistory refreshKey={tick} onChanged={() => setTick((t) => t + 1)} today={props.today} />
      <InboxMatrix refreshKey={tick} />
    </Stack>
  );
}
