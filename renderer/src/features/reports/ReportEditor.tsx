/**
 * One report: its header fields, the written sections, the generated sentences and the appendix
 * tables; the print view (and PDF), the appendix as XLSX, issuing (with a confirmation: the
 * document and its figures are frozen, the report becomes read-only) and deleting a draft.
 */
import { useState } from 'react';
import { Alert, Badge, Button, Group, Loader, Modal, Paper, ScrollArea, Stack, Text, TextInput, Textarea, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconArrowLeft, IconFileSpreadsheet, IconPrinter } from '@tabler/icons-react';
import { call, useQuery } from '../../api/client';
import { ConfirmModal } from '../../components/ConfirmModal';
import { FormActions, FormAlert } from '../../components/FormActions';
import { errorText } from '../../components/formErrors';
import { VnDateInput } from '../../components/VnDateInput';
import { saveBase64, XLSX_MIME } from '../../platform/files';
import { formatDateVi } from '../../../../shared/lib/dates';
import type { ReportDocumentDto, ReportDto } from '../../../../shared/ipc/contracts/reports.contract';
import { HeaderFieldsForm } from './HeaderFields';
import { GeneratedSentences, WrittenSections } from './ReportSections';
import { PrintView } from './PrintView';
import { TableView } from './ReportDocumentView';
import { REPORTS } from './texts';

const T = REPORTS.editor;

function IssueModal({ report, today, onClose, onIssued }: { report: ReportDto; today: string; onClose: () => void; onIssued: () => void }) {
  const [date, setDate] = useState<string | null>(today);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const issue = async () => {
    if (date === null) return;
    setSaving(true);
    try {
      await call('reports.issue', { id: report.id, date });
      notifications.show({ color: 'green', message: T.issued });
      onIssued();
    } catch (err) {
      setError(errorText(err));
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal opened onClose={onClose} title={T.issueTitle}>
      <Stack>
        <Text size="sm">{T.issueBody}</Text>
        <VnDateInput label={T.issueDate} value={date} onChange={setDate} required />
        <FormAlert message={error} />
        <FormActions
          cancelLabel={T.cancel}
          submitLabel={T.issueConfirm}
          onCancel={onClose}
          saving={saving}
          disabled={date === null}
          onConfirm={() => void issue()}
        />
      </Stack>
    </Modal>
  );
}

function SummaryAndHeader({ report, readOnly, onSaved }: { report: ReportDto; readOnly: boolean; onSaved: () => void }) {
  const [title, setTitle] = useState(report.title);
  const [number, setNumber] = useState(report.number ?? '');
  const saveTitle = async () => {
    try {
      await call('reports.update', { id: report.id, title });
      notifications.show({ color: 'green', message: T.saved });
      onSaved();
    } catch (err) {
      notifications.show({ color: 'red', message: errorText(err) });
    }
  };
  return (
    <Paper withBorder p="md">
      <Stack gap="sm">
        <Group align="flex-end" wrap="nowrap">
          <Textarea
            label={T.summary}
            autosize
            minRows={1}
            style={{ flex: 1 }}
            value={title}
            readOnly={readOnly}
            onChange={(e) => setTitle(e.currentTarget.value)}
          />
          {!readOnly && (
            <Button variant="light" onClick={() => void saveTitle()} disabled={title === report.title || title.trim() === ''}>
              {T.saveSummary}
            </Button>
          )}
        </Group>
        <Title order={5}>{REPORTS.header.title}</Title>
        <HeaderFieldsForm
          value={report.header}
          readOnly={readOnly}
          extra={
            <TextInput
              label={REPORTS.header.number}
              value={number}
              readOnly={readOnly}
              onChange={(e) => setNumber(e.currentTarget.value)}
            />
          }
          onSave={async (header) => {
            await call('reports.update', { id: report.id, header, number });
            notifications.show({ color: 'green', message: REPORTS.header.saved });
            onSaved();
          }}
        />
      </Stack>
    </Paper>
  );
}

function Appendix({ doc }: { doc: ReportDocumentDto }) {
  return (
    <Paper withBorder p="md" component="section" aria-label={T.appendix}>
      <Title order={4} mb="xs">
        {T.appendix}
      </Title>
      <div className="nd30" style={{ fontSize: '11pt' }}>
        {doc.appendices.flatMap((a) => a.blocks).map((b, i) => (b.kind === 'table' ? <TableView key={i} table={b.table} /> : null))}
      </div>
    </Paper>
  );
}

async function exportXlsx(id: string) {
  try {
    const file = await call('reports.exportXlsx', { id });
    saveBase64(file.fileName, file.base64, XLSX_MIME);
    notifications.show({ color: 'green', message: T.exported });
  } catch (err) {
    notifications.show({ color: 'red', message: errorText(err) });
  }
}

/** "bao-cao-tong-ket-nam-2026" for the PDF's file name. */
function fileStem(r: ReportDto): string {
  const years = r.from.slice(0, 4) === r.to.slice(0, 4) ? r.to.slice(0, 4) : `${r.from.slice(0, 4)}-${r.to.slice(0, 4)}`;
  return `bao-cao-${r.kind.replace(/_/g, '-')}-${years}`;
}

export function ReportEditor({ id, today, onBack }: { id: string; today: string; onBack: () => void }) {
  const report = useQuery('reports.get', { id });
  const doc = useQuery('reports.document', { id });
  const [dialog, setDialog] = useState<'issue' | 'delete' | 'print' | null>(null);
  const reload = () => {
    report.reload();
    doc.reload();
  };
  const r = report.data;
  if (!r) return report.error ? <Alert color="red">{report.error.message}</Alert> : <Loader />;
  const readOnly = r.status === 'issued';

  return (
    <Stack h="calc(100dvh - 56px - 2 * var(--mantine-spacing-md))" gap="sm">
      <Group justify="space-between" wrap="nowrap">
        <Group gap="xs" wrap="nowrap">
          <Button variant="subtle" leftSection={<IconArrowLeft size={16} />} onClick={onBack}>
            {REPORTS.back}
          </Button>
          <Badge color={readOnly ? 'green' : 'gray'}>{REPORTS.status[r.status]}</Badge>
          <Text size="sm" c="dimmed">
            {REPORTS.kinds[r.kind]} · {r.unitName} · {formatDateVi(r.from)} - {formatDateVi(r.to)}
          </Text>
        </Group>
        <Group gap="xs" wrap="nowrap">
          <Button variant="light" leftSection={<IconPrinter size={16} />} onClick={() => setDialog('print')}>
            {T.printView}
          </Button>
          <Button variant="light" leftSection={<IconFileSpreadsheet size={16} />} onClick={() => void exportXlsx(r.id)}>
            {T.exportXlsx}
          </Button>
          {!readOnly && (
            <>
              <Button color="red" variant="subtle" onClick={() => setDialog('delete')}>
                {T.delete}
              </Button>
              <Button onClick={() => setDialog('issue')}>{T.issue}</Button>
            </>
          )}
        </Group>
      </Group>
      <Alert color={readOnly ? 'green' : 'blue'} py={6} data-testid="report-state">
        {readOnly ? T.frozen(formatDateVi(r.date)) : T.live}
      </Alert>
      <ScrollArea style={{ flex: 1, minHeight: 0 }} offsetScrollbars>
        <Stack gap="md" pb="md">
          <SummaryAndHeader key={`h-${r.updatedAt}`} report={r} readOnly={readOnly} onSaved={reload} />
          <WrittenSections report={r} readOnly={readOnly} onSaved={reload} />
          {doc.error && <Alert color="red">{doc.error.message}</Alert>}
          {doc.data ? <GeneratedSentences reportId={r.id} doc={doc.data} readOnly={readOnly} onSaved={reload} /> : <Loader />}
          {doc.data && <Appendix doc={doc.data} />}
        </Stack>
      </ScrollArea>
      {dialog === 'issue' && (
        <IssueModal
          report={r}
          today={today}
          onClose={() => setDialog(null)}
          onIssued={() => {
            setDialog(null);
            reload();
          }}
        />
      )}
      {dialog === 'delete' && (
        <ConfirmModal
          title={T.deleteTitle}
          body={T.deleteBody(r.title)}
          cancelLabel={T.cancel}
          confirmLabel={T.delete}
          onClose={() => setDialog(null)}
          onConfirm={async () => {
            await call('reports.delete', { id: r.id });
            notifications.show({ color: 'green', message: T.deleted });
            onBack();
          }}
        />
      )}
      {dialog === 'print' && <PrintView reportId={r.id} fileStem={fileStem(r)} onClose={() => setDialog(null)} />}
    </Stack>
  );
}
