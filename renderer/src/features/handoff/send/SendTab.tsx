/**
 * "Gửi dữ liệu cho Công an tỉnh" (issue 12 items 2-3): pick the year or a period, see what will go
 * and what never goes, write the file into a folder (a USB stick), see the files sent and import
 * the province's receipts.
 */
import { useState } from 'react';
import { Alert, Button, Group, Loader, Paper, SegmentedControl, Select, Stack, Text, Title } from '@mantine/core';
import { call, useQuery, ApiError } from '../../../api/client';
import type { MethodOutput, OfficeDto } from '../../../../../shared/ipc/contract';
import { VnDateInput } from '../../../components/VnDateInput';
import { SendPreview } from './SendPreview';
import { HashText, SentList } from './SentList';
import { SEND } from './texts';
import { PathField } from '../PathField';
import { Allowed, OnlyRoles, useCan } from '../../auth/session';

type Written = MethodOutput<'handoffSend.write'>;
type Outcome = { kind: 'ok'; text: string } | { kind: 'error'; text: string } | null;

const messageOf = (err: unknown) => (err instanceof ApiError ? err.message : String(err));

function ScopePicker(props: {
  years: string[];
  year: string;
  setYear: (y: string) => void;
  mode: 'year' | 'period';
  setMode: (m: 'year' | 'period') => void;
  from: string | null;
  setFrom: (d: string | null) => void;
  to: string | null;
  setTo: (d: string | null) => void;
}) {
  return (
    <Paper withBorder p="md">
      <Stack gap="sm">
        <Title order={3}>{SEND.scopeTitle}</Title>
        <Group align="end">
          <Select
            label={SEND.year}
            data={props.years}
            value={props.year}
            onChange={(v) => v && props.setYear(v)}
            allowDeselect={false}
            w={140}
          />
          <SegmentedControl
            value={props.mode}
            onChange={(v) => props.setMode(v)}
            data={[
              { value: 'year', label: SEND.wholeYear },
              { value: 'period', label: SEND.period },
            ]}
          />
        </Group>
        {props.mode === 'period' && (
          <Group align="start">
            <VnDateInput label={SEND.from} value={props.from} onChange={props.setFrom} />
            <VnDateInput label={SEND.to} value={props.to} onChange={props.setTo} />
          </Group>
        )}
      </Stack>
    </Paper>
  );
}

function WriteResult({ written }: { written: Written }) {
  return (
    <Alert color="green" title={SEND.written} role="status" aria-label={SEND.written}>
      <Stack gap={4}>
        <Text size="sm">{SEND.writtenDetail(written.fileName, written.path)}</Text>
        <Group gap="xs">
          <Text size="sm">{SEND.hash}:</Text>
          <HashText sha256={written.sha256} />
        </Group>
      </Stack>
    </Alert>
  );
}

function ReceiptImport({ onDone }: { onDone: () => void }) {
  const [receiptPath, setReceiptPath] = useState('');
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>(null);
  const run = async () => {
    setBusy(true);
    try {
      const r = await call('handoffSend.importReceipt', { path: receiptPath });
      setOutcome({ kind: 'ok', text: r.alreadyImported ? SEND.receiptAgain(r.sequence) : SEND.receiptDone(r.sequence, r.receivedAt) });
      onDone();
    } catch (err) {
      setOutcome({ kind: 'error', text: messageOf(err) });
    } finally {
      setBusy(false);
    }
  };
  return (
    <Paper withBorder p="md">
      <Stack gap="sm">
        <Title order={3}>{SEND.receiptTitle}</Title>
        <Group align="end">
          <PathField label={SEND.receiptPath} value={receiptPath} onChange={setReceiptPath} w={520} />
          <Button onClick={() => void run()} loading={busy} disabled={receiptPath.trim() === ''}>
            {SEND.receiptButton}
          </Button>
        </Group>
        {outcome && (
          <Alert color={outcome.kind === 'ok' ? 'green' : 'red'} role="status" aria-label={SEND.receiptTitle}>
            {outcome.text}
          </Alert>
        )}
      </Stack>
    </Paper>
  );
}

export function SendTab({ today }: { office: OfficeDto; today: string }) {
  const thisYear = Number(today.slice(0, 4));
  const years = Array.from({ length: 6 }, (_, i) => String(thisYear - i));
  const [year, setYear] = useState(String(thisYear));
  const [mode, setMode] = useState<'year' | 'period'>('year');
  const [from, setFrom] = useState<string | null>(null);
  const [to, setTo] = useState<string | null>(null);
  const [folder, setFolder] = useState('');
  const [busy, setBusy] = useState(false);
  const [written, setWritten] = useState<Written | null>(null);
  const [writeError, setWriteError] = useState<string | null>(null);
  const scope = mode === 'year' || !from || !to ? { year: Number(year), from: null, to: null } : { year: Number(year), from, to };
  const can = useCan();
  // The preview reads the records to send (Cán bộ prepares); Chỉ xem sees the files sent only.
  const preview = useQuery('handoffSend.preview', scope, can('handoffSend.preview') ? JSON.stringify(scope) : null);
  const sent = useQuery('handoffSend.list', {});

  const write = async () => {
    setBusy(true);
    setWriteError(null);
    setWritten(null);
    try {
      setWritten(await call('handoffSend.write', { scope, folder }));
      sent.reload();
      preview.reload();
    } catch (err) {
      setWriteError(messageOf(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Stack gap="md">
      {can('handoffSend.preview') && <ScopePicker {...{ years, year, setYear, mode, setMode, from, setFrom, to, setTo }} />}
      {preview.loading && !preview.data && (
        <Group>
          <Loader size="sm" />
          <Text>{SEND.loading}</Text>
        </Group>
      )}
      {preview.error && <Alert color="red">{preview.error.message}</Alert>}
      {preview.data && <SendPreview preview={preview.data} />}
      <Allowed method="handoffSend.write" fallback={<OnlyRoles method="handoffSend.write" />}>
        <Paper withBorder p="md">
          <Group align="end">
            <PathField label={SEND.folder} description={SEND.folderHint} value={folder} onChange={setFolder} w={520} />
            <Button onClick={() => void write()} loading={busy} disabled={folder.trim() === ''}>
              {SEND.write}
            </Button>
          </Group>
        </Paper>
      </Allowed>
      {writeError && (
        <Alert color="red" title={SEND.writeFailed}>
          {writeError}
        </Alert>
      )}
      {written && <WriteResult written={written} />}
      <SentList files={sent.data?.files ?? []} />
      <Allowed method="handoffSend.importReceipt">
        <ReceiptImport onDone={sent.reload} />
      </Allowed>
    </Stack>
  );
}
