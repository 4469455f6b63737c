/**
 * One report: its trích yếu and header fields (a dialog), the written sections, the generated sentences and the appendix
 * tables; the print view (and PDF), the appendix as XLSX, issuing (with a confirmation: the
 * document and its figures are frozen, the report becomes read-only) and deleting a draft.
 */
import { useState } from 'react';
import {
  Alert,
  Badge,
  Button,
  Group,
  Loader,
  Modal,
  Paper,
  ScrollArea,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Textarea,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconArrowLeft, IconFileDescription, IconFileSpreadsheet, IconFileTypeDocx, IconPrinter } from '@tabler/icons-react';
import { call, useQuery } from '../../api/client';
import { ConfirmModal } from '../../components/ConfirmModal';
import { FormActions, FormAlert } from '../../components/FormActions';
import { errorText } from '../../components/formErrors';
import { VnDateInput } from '../../components/VnDateInput';
import { DOCX_MIME, saveBase64, XLSX_MIME } from '../../platform/files';
import { formatDateVi } from '../../../../shared/lib/dates';
import type { ReportDocumentDto, ReportDto } from '../../../../shared/ipc/contracts/reports.contract';
import { HeaderFieldsForm } from './HeaderFields';
import { GeneratedSentences, WrittenSections } from './ReportSections';
import { PrintView } from './PrintView';
import { TableView } from './ReportDocumentView';
import { REPORTS } from './texts';
import { useCan } from '../auth/session';

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

function Summary({ report, readOnly, onSaved }: { report: ReportDto; readOnly: boolean; onSaved: () => void }) {
  const [title, setTitle] = useState(report.title);
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
  );
}

function HeaderModal({
  report,
  readOnly,
  onClose,
  onSaved,
}: {
  report: ReportDto;
  readOnly: boolean;
  onClose: () => void;
  onSaved: () => void;
}) {
  const [number, setNumber] = useState(report.number ?? '');
  return (
    <Modal opened onClose={onClose} title={REPORTS.header.title} size="xl">
      <HeaderFieldsForm
        value={report.header}
        readOnly={readOnly}
        extra={
          <TextInput label={REPORTS.header.number} value={number} readOnly={readOnly} onChange={(e) => setNumber(e.currentTarget.value)} />
        }
        onSave={async (header) => {
          await call('reports.update', { id: report.id, header, number });
          notifications.show({ color: 'green', message: REPORTS.header.saved });
          onSaved();
          onClose();
        }}
      />
    </Modal>
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

async function exportFile(id: string, kind: 'xlsx' | 'docx') {
  try {
    const file = await call(kind === 'xlsx' ? 'reports.exportXlsx' : 'reports.exportDocx', { id });
    saveBase64(file.fileName, file.base64, kind === 'xlsx' ? XLSX_MIME : DOCX_MIME);
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
  const [dialog, setDialog] = useState<'issue' | 'delete' | 'print' | 'header' | null>(null);
  const can = useCan();
  const reload = () => {
    report.reload();
    doc.reload();
  };
  const r = report.data;
  if (!r) return report.error ? <Alert color="red">{report.error.message}</Alert> : <Loader />;
  const issued = r.status === 'issued';
  // An issued report is frozen for everyone; a draft is read-only to a role that may not edit it.
  const readOnly = issued || !can('reports.update');

  return (
    <Stack h="calc(100dvh - 56px - 2 * var(--mantine-spacing-md))" gap="xs">
      <Group gap="xs" wrap="nowrap">
        <Button variant="subtle" px={6} leftSection={<IconArrowLeft size={16} />} onClick={onBack} style={{ flexShrink: 0 }}>
          {REPORTS.back}
        </Button>
        <Badge color={issued ? 'green' : 'gray'} style={{ flexShrink: 0 }}>
          {REPORTS.status[r.status]}
        </Badge>
        <Text size="sm" c="dimmed" truncate>
          {REPORTS.kinds[r.kind]} · {r.unitName} · {formatDateVi(r.from)} - {formatDateVi(r.to)}
        </Text>
      </Group>
      <Group gap="xs">
        <Button variant="default" leftSection={<IconFileDescription size={16} />} onClick={() => setDialog('header')}>
          {REPORTS.header.title}
        </Button>
        <Button variant="light" leftSection={<IconPrinter size={16} />} onClick={() => setDialog('print')}>
          {T.printView}
        </Button>
        <Button variant="light" leftSection={<IconFileTypeDocx size={16} />} onClick={() => void exportFile(r.id, 'docx')}>
          {T.exportDocx}
        </Button>
        <Button variant="light" leftSection={<IconFileSpreadsheet size={16} />} onClick={() => void exportFile(r.id, 'xlsx')}>
          {T.exportXlsx}
        </Button>
        {!issued && can('reports.delete') && (
          <Button color="red" variant="subtle" onClick={() => setDialog('delete')}>
            {T.delete}
          </Button>
        )}
        {!issued && can('reports.issue') && <Button onClick={() => setDialog('issue')}>{T.issue}</Button>}
      </Group>
      <Alert color={issued ? 'green' : 'blue'} py={6} data-testid="report-state">
        {issued ? T.frozen(formatDateVi(r.date)) : T.live}
      </Alert>
      <ScrollArea style={{ flex: 1, minHeight: 0 }} offsetScrollbars>
        <Stack gap="md" pb="md">
          <Summary key={`s-${r.updatedAt}`} report={r} readOnly={readOnly} onSaved={reload} />
          <SimpleGrid cols={2} spacing="md" style={{ alignItems: 'start' }}>
            <WrittenSections report={r} readOnly={readOnly} onSaved={reload} />
            {doc.data ? <GeneratedSentences reportId={r.id} doc={doc.data} readOnly={readOnly} onSaved={reload} /> : <Loader />}
          </SimpleGrid>
          {doc.error && <Alert color="red">{doc.error.message}</Alert>}
          {doc.data && <Appendix doc={doc.data} />}
        </Stack>
      </ScrollArea>
      {dialog === 'header' && <HeaderModal report={r} readOnly={readOnly} onClose={() => setDialog(null)} onSaved={reload} />}
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
