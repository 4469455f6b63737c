/**
 * "Nhật ký thao tác" (issue 15 item 3), under Quản trị: filters (dates, actor, feature, kind,
 * record id), one page of entries at a time (paged by the backend: never more than a page of rows
 * in the DOM), the integrity check with its result (a break names the entry), the export to
 * Excel, and the chain's head in the footer.
 */
import { useState } from 'react';
import { Alert, Button, Group, Pagination, Paper, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { call, useQuery } from '../../api/client';
import type { AuditCheckDto, AuditEntryDto, AuditFilterInput } from '../../../../shared/ipc/contracts/audit.contract';
import { auditTimeVi } from '../../../../shared/domain/audit';
import { ROLE_LABELS, isRole } from '../../../../shared/domain/roles';
import { VnDateInput } from '../../components/VnDateInput';
import { errorText } from '../../components/formErrors';
import { saveBase64, XLSX_MIME } from '../../platform/files';
import { AUDIT } from './texts';
import { Allowed } from '../auth/session';

const PAGE = 15;
type Filter = { [K in keyof AuditFilterInput]-?: Exclude<AuditFilterInput[K], undefined> };
const NO_FILTER: Filter = { from: null, to: null, actorId: null, method: null, recordId: null, kind: null };

function CheckResult({ check, atStart }: { check: AuditCheckDto | null; atStart: boolean }) {
  if (!check) return null;
  if (check.broken) {
    return (
      <Alert color="red" title={AUDIT.brokenTitle} role="alert" data-testid="audit-check">
        {check.broken.message}
      </Alert>
    );
  }
  return (
    <Text size="sm" c="green.8" fw={600} role="status" data-testid="audit-check">
      {atStart
        ? AUDIT.okAtStart(check.fromSeq, check.checked, auditTimeVi(check.checkedAt))
        : AUDIT.ok(check.checked, auditTimeVi(check.checkedAt))}
    </Text>
  );
}

function actorText(e: AuditEntryDto): string {
  if (!e.actorName) return AUDIT.system;
  const role = e.actorRole && isRole(e.actorRole) ? ` (${ROLE_LABELS[e.actorRole]})` : '';
  return `${e.actorName}${role}`;
}

function Rows({ rows }: { rows: AuditEntryDto[] }) {
  return (
    <Table striped withTableBorder fz="sm" aria-label={AUDIT.title} layout="fixed">
      <Table.Thead>
        <Table.Tr>
          <Table.Th w={60}>{AUDIT.colSeq}</Table.Th>
          <Table.Th w={170}>{AUDIT.colAt}</Table.Th>
          <Table.Th w={150}>{AUDIT.colActor}</Table.Th>
          <Table.Th w={190}>{AUDIT.colMethod}</Table.Th>
          <Table.Th>{AUDIT.colSummary}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {rows.map((e) => (
          <Table.Tr key={e.seq} data-seq={e.seq}>
            <Table.Td>{e.seq}</Table.Td>
            <Table.Td>{auditTimeVi(e.at)}</Table.Td>
            <Table.Td>{actorText(e)}</Table.Td>
            <Table.Td>
              <Text size="sm">{e.feature}</Text>
              <Text size="xs" c="dimmed">
                {e.method}
              </Text>
            </Table.Td>
            <Table.Td>
              <Text size="sm" lineClamp={2}>
                {e.kind === 'view' ? `[${AUDIT.kinds.view}] ` : ''}
                {e.summary}
              </Text>
              {e.recordIds.length > 0 && (
                <Text size="xs" c="dimmed" truncate="end" title={e.recordIds.join(', ')}>
                  {e.recordIds[0]}
                  {e.recordIds.length > 1 ? ` ${AUDIT.moreIds(e.recordIds.length - 1)}` : ''}
                </Text>
              )}
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

function Filters({
  filter,
  onChange,
  listing,
}: {
  filter: Filter;
  onChange: (f: Filter) => void;
  listing?: { actors: { id: string; name: string }[]; features: { value: string; label: string }[] };
}) {
  const set = (patch: Partial<Filter>) => onChange({ ...filter, ...patch });
  return (
    <Group align="flex-end" gap="sm" wrap="wrap">
      <VnDateInput label={AUDIT.from} value={filter.from} onChange={(from) => set({ from })} />
      <VnDateInput label={AUDIT.to} value={filter.to} onChange={(to) => set({ to })} />
      <Select
        label={AUDIT.actor}
        placeholder={AUDIT.anyActor}
        clearable
        w={180}
        data={(listing?.actors ?? []).map((a) => ({ value: a.id, label: a.name }))}
        value={filter.actorId}
        onChange={(actorId) => set({ actorId: actorId })}
      />
      <Select
        label={AUDIT.feature}
        placeholder={AUDIT.anyFeature}
        clearable
        searchable
        w={220}
        data={listing?.features ?? []}
        value={filter.method}
        onChange={(method) => set({ method: method })}
      />
      <Select
        label={AUDIT.kind}
        placeholder={AUDIT.anyKind}
        clearable
        w={170}
        data={(Object.keys(AUDIT.kinds) as (keyof typeof AUDIT.kinds)[]).map((k) => ({ value: k, label: AUDIT.kinds[k] }))}
        value={filter.kind}
        onChange={(kind) => set({ kind: kind })}
      />
      <TextInput
        label={AUDIT.recordId}
        placeholder={AUDIT.recordIdHint}
        w={200}
        value={filter.recordId ?? ''}
        onChange={(e) => set({ recordId: e.currentTarget.value.trim() || null })}
      />
      <Button variant="subtle" onClick={() => onChange(NO_FILTER)}>
        {AUDIT.clear}
      </Button>
    </Group>
  );
}

export function AuditPage() {
  const [filter, setFilter] = useState<Filter>(NO_FILTER);
  const [page, setPage] = useState(1);
  const [check, setCheck] = useState<AuditCheckDto | null>(null);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState<'verify' | 'export' | null>(null);
  const list = useQuery('audit.list', { ...filter, offset: (page - 1) * PAGE, limit: PAGE });
  const head = useQuery('audit.head', {}, `head-${list.data?.total ?? ''}-${check?.checkedAt ?? ''}`);
  const shownCheck = check ?? head.data?.lastCheck ?? null;

  async function verify() {
    setBusy('verify');
    try {
      setCheck(await call('audit.verify', {}));
    } catch (err) {
      setMessage({ ok: false, text: errorText(err) });
    } finally {
      setBusy(null);
    }
  }
  async function exportXlsx() {
    setBusy('export');
    try {
      const out = await call('audit.export', filter);
      saveBase64(out.fileName, out.base64, XLSX_MIME);
      setMessage({ ok: true, text: AUDIT.exported(out.rows) });
    } catch (err) {
      setMessage({ ok: false, text: errorText(err) });
    } finally {
      setBusy(null);
    }
  }

  const total = list.data?.total ?? 0;
  return (
    <Stack gap="sm">
      <Group justify="space-between" wrap="nowrap">
        <Title order={2}>{AUDIT.title}</Title>
        <Group gap="xs">
          <Button onClick={() => void verify()} loading={busy === 'verify'}>
            {AUDIT.verify}
          </Button>
          <Allowed method="audit.export">
            <Button variant="light" onClick={() => void exportXlsx()} loading={busy === 'export'}>
              {AUDIT.export}
            </Button>
          </Allowed>
        </Group>
      </Group>
      <Text size="sm" c="dimmed">
        {AUDIT.intro}
      </Text>
      <CheckResult check={shownCheck} atStart={check === null} />
      {message && (
        <Text size="sm" c={message.ok ? 'green.8' : 'red.8'} role="status">
          {message.text}
        </Text>
      )}
      <Paper withBorder p="sm">
        <Filters
          filter={filter}
          onChange={(f) => {
            setFilter(f);
            setPage(1);
          }}
          {...(list.data ? { listing: list.data } : {})}
        />
      </Paper>
      {list.error && <Alert color="red">{list.error.message}</Alert>}
      {list.data && list.data.rows.length === 0 && <Text c="dimmed">{AUDIT.empty}</Text>}
      {list.data && list.data.rows.length > 0 && <Rows rows={list.data.rows} />}
      <Group justify="space-between">
        <Text size="sm" c="dimmed" data-testid="audit-head">
          {head.data?.head ? AUDIT.head(head.data.head.seq, head.data.head.shortHash) : AUDIT.noHead} · {AUDIT.total(total)}
        </Text>
        {total > PAGE && <Pagination size="sm" total={Math.ceil(total / PAGE)} value={page} onChange={setPage} />}
      </Group>
    </Stack>
  );
}
