import { useRef, useState } from 'react';
import { Alert, Badge, Button, Checkbox, FileButton, Group, Modal, ScrollArea, Stack, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconDownload, IconFileSpreadsheet, IconUpload } from '@tabler/icons-react';
import { call } from '../api/client';
import { errorText } from './formErrors';
import { FormActions, FormAlert } from './FormActions';
import type { MethodOutput } from '../../../shared/ipc/contract';
import type { ListFilter, RegistryId } from '../../../shared/domain/registries';
import { fileToBase64, saveBase64, XLSX_MIME } from '../platform/files';
import { XLSX } from './texts';
import { useCan } from '../features/auth/session';
import { LongTaskProgress, isCancelled, useLongTask, type LongTask } from './LongTask';

type Preview = MethodOutput<'xlsx.preview'>;
export type ImportResult = MethodOutput<'xlsx.commit'>;

const STATUS_COLORS = { new: 'green', update: 'blue', unchanged: 'gray', duplicate: 'gray', error: 'red' } as const;

type PreviewRow = Preview['rows'][number];

const EMPTY_PREVIEW: Preview = { title: '', rows: [], counts: { new: 0, update: 0, unchanged: 0, error: 0 }, duplicates: 0, warnings: 0 };

/** Errors first, then rows with warnings, then the rest in file order. */
const rank = (r: PreviewRow) => (r.status === 'error' ? 0 : r.warnings.length > 0 ? 1 : 2);

/** Checked rows, errors and warnings first, at most 500 of them. */
function PreviewTable({ rows, compact }: { rows: readonly PreviewRow[]; compact: boolean }) {
  // The dialog fits a 1366×768 screen with its buttons in view, the warnings' choice included.
  return (
    <ScrollArea.Autosize mah={compact ? 'max(160px, calc(100dvh - 400px))' : 'min(380px, calc(100dvh - 300px))'}>
      <Table striped aria-label="Kết quả kiểm tra tệp">
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={70}>{XLSX.rowNumber}</Table.Th>
            <Table.Th w={110}>{XLSX.status}</Table.Th>
            <Table.Th>{XLSX.record}</Table.Th>
            <Table.Th>{XLSX.problems}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {[...rows]
            .sort((a, b) => rank(a) - rank(b) || a.rowNumber - b.rowNumber)
            .slice(0, 500)
            .map((r) => (
              <Table.Tr key={r.rowNumber}>
                <Table.Td>{r.rowNumber}</Table.Td>
                <Table.Td>
                  <Badge color={STATUS_COLORS[r.status]} variant="light">
                    {XLSX.statusLabels[r.status]}
                  </Badge>
                </Table.Td>
                <Table.Td>{r.label}</Table.Td>
                <Table.Td>
                  {r.errors.map((e) => (
                    <Text key={e} size="sm" c="red.8">
                      {e}
                    </Text>
                  ))}
                  {r.warnings.map((w) => (
                    <Text key={w} size="sm" c="orange.9">
                      {w}
                    </Text>
                  ))}
                  {r.notes.map((n) => (
                    <Text key={n} size="sm" c="dimmed">
                      {n}
                    </Text>
                  ))}
                </Table.Td>
              </Table.Tr>
            ))}
        </Table.Tbody>
      </Table>
    </ScrollArea.Autosize>
  );
}

interface PreviewModalProps {
  preview: Preview | null;
  /** The running check or commit: its progress and "Hủy" are shown (a cancelled import writes nothing). */
  task: LongTask;
  error: string | null;
  writable: boolean;
  committing: boolean;
  accepted: boolean;
  onAccept: (accepted: boolean) => void;
  onClose: () => void;
  onCommit: () => void;
}

/** What a list says after an import moved its period filter to the rows written (issue 14 item 6). */
export function ImportedNotice({ text, onClose }: { text: string | null; onClose: () => void }) {
  return text ? (
    <Alert color="blue" role="status" py={6} withCloseButton closeButtonLabel={XLSX.closeNotice} onClose={onClose}>
      {text}
    </Alert>
  ) : null;
}

/** Rows to be written with warnings (near-duplicates): what they are, and the officer's choice to write them anyway. */
function WarningsChoice({ count, accepted, onAccept }: { count: number; accepted: boolean; onAccept: (accepted: boolean) => void }) {
  return (
    <Alert color="yellow" title={XLSX.warningsTitle(count)} py="xs">
      <Stack gap={6}>
        <Text size="sm">{XLSX.warningsBody}</Text>
        <Checkbox label={XLSX.acceptWarnings(count)} checked={accepted} onChange={(e) => onAccept(e.currentTarget.checked)} />
      </Stack>
    </Alert>
  );
}

/** The result of checking the file, with the all-or-nothing commit button. */
function PreviewModal({ preview, task, error, writable, committing, accepted, onAccept, onClose, onCommit }: PreviewModalProps) {
  const blockedByWarnings = preview !== null && preview.counts.error === 0 && preview.warnings > 0 && !accepted;
  const checking = preview === null && task.jobId !== null;
  return (
    <Modal
      opened={preview !== null || checking}
      onClose={checking ? task.cancel : onClose}
      title={preview ? XLSX.previewTitle(preview.title) : XLSX.checkingTitle}
      size="xl"
    >
      {checking && <LongTaskProgress task={task} />}
      {preview && (
        <Stack>
          <FormAlert message={error} />
          {preview.rows.length > 0 && <Text size="sm">{XLSX.counts(preview.counts, preview.duplicates, preview.warnings)}</Text>}
          {preview.counts.error > 0 && (
            <Alert color="orange" role="alert">
              {XLSX.hasErrors}
            </Alert>
          )}
          {preview.rows.length > 0 && preview.counts.error === 0 && !writable && <Alert color="gray">{XLSX.nothingToWrite}</Alert>}
          {writable && preview.warnings > 0 && <WarningsChoice count={preview.warnings} accepted={accepted} onAccept={onAccept} />}
          {preview.rows.length > 0 && <PreviewTable rows={preview.rows} compact={preview.warnings > 0 || preview.counts.error > 0} />}
          {committing && <LongTaskProgress task={task} />}
          <FormActions
            cancelLabel={XLSX.cancel}
            submitLabel={XLSX.commit}
            onCancel={onClose}
            saving={committing}
            disabled={!writable || blockedByWarnings}
            onConfirm={onCommit}
          />
        </Stack>
      )}
    </Modal>
  );
}

/**
 * The registry's template or export, saved where the browser or the app saves files; a failure is
 * shown. The export runs as a watched job (rows written, then compressing; "Hủy" stops it, silently).
 */
async function downloadFile(kind: 'template' | 'export', registry: RegistryId, filter: ListFilter, task: LongTask): Promise<void> {
  try {
    const file =
      kind === 'template'
        ? await call('xlsx.template', { registry })
        : await task.start((jobId) => call('xlsx.export', { registry, filter, jobId }));
    saveBase64(file.fileName, file.base64, XLSX_MIME);
  } catch (err) {
    if (!isCancelled(err)) notifications.show({ color: 'red', message: errorText(err) });
  }
}

/**
 * Template, import (preview first, then all-or-nothing commit) and export of one registry.
 * `onImported` gets what was written (with the span of its days, for lists with a period filter).
 */
/** "Tải mẫu Excel" and "Nhập Excel" (only for roles that may import). */
function ImportButtons(props: {
  busy: string | null;
  resetFile: React.RefObject<(() => void) | null>;
  onTemplate: () => void;
  onPick: (f: File | null) => void;
}) {
  const { busy, resetFile, onTemplate, onPick } = props;
  return (
    <>
      <Button
        size="xs"
        variant="default"
        leftSection={<IconFileSpreadsheet size={16} />}
        loading={busy === 'template'}
        onClick={onTemplate}
      >
        {XLSX.template}
      </Button>
      <FileButton
        onChange={onPick}
        accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        resetRef={resetFile}
        inputProps={{ 'aria-label': XLSX.fileInput }}
      >
        {(p) => (
          <Button {...p} size="xs" variant="default" leftSection={<IconUpload size={16} />} loading={busy === 'read'}>
            {XLSX.import}
          </Button>
        )}
      </FileButton>
    </>
  );
}

export function ImportExportButtons({
  registry,
  filter,
  onImported,
  exportLabel = XLSX.export,
}: {
  registry: RegistryId;
  filter: ListFilter;
  onImported: (result: ImportResult) => void;
  /** The export button's label where "Xuất Excel" already names another export on the screen. */
  exportLabel?: string;
}) {
  const can = useCan();
  const [busy, setBusy] = useState<'template' | 'export' | 'read' | 'commit' | null>(null);
  const [preview, setPreview] = useState<Preview | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [accepted, setAccepted] = useState(false);
  const fileData = useRef<string | null>(null);
  const task = useLongTask();
  const exportTask = useLongTask();
  const resetFile = useRef<() => void>(null);

  const download = async (kind: 'template' | 'export') => {
    setBusy(kind);
    await downloadFile(kind, registry, filter, exportTask);
    setBusy(null);
  };

  const pick = async (file: File | null) => {
    resetFile.current?.();
    if (!file) return;
    setError(null);
    setPreview(null);
    setAccepted(false);
    if (!/\.xlsx$/i.test(file.name)) {
      setError(XLSX.notXlsx);
      setPreview(EMPTY_PREVIEW);
      return;
    }
    setBusy('read');
    try {
      fileData.current = await fileToBase64(file);
      const fileBase64 = fileData.current;
      setPreview(await task.start((jobId) => call('xlsx.preview', { registry, fileBase64, jobId })));
    } catch (err) {
      setError(errorText(err));
      setPreview(EMPTY_PREVIEW);
    } finally {
      setBusy(null);
    }
  };

  const commit = async () => {
    if (!fileData.current) return;
    setBusy('commit');
    try {
      const fileBase64 = fileData.current;
      const result = await task.start((jobId) => call('xlsx.commit', { registry, fileBase64, acceptWarnings: accepted, jobId }));
      notifications.show({ color: 'green', message: XLSX.committed(result) });
      setPreview(null);
      fileData.current = null;
      onImported(result);
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(null);
    }
  };

  const writable = preview && preview.counts.error === 0 && preview.counts.new + preview.counts.update > 0;
  // A role that may not import sees no template or import; one that may not export, no export.
  const canImport = can('xlsx.commit');
  return (
    <>
      <Group gap="xs">
        {canImport && (
          <ImportButtons busy={busy} resetFile={resetFile} onTemplate={() => void download('template')} onPick={(f) => void pick(f)} />
        )}
        {can('xlsx.export') && (
          <Button
            size="xs"
            variant="default"
            leftSection={<IconDownload size={16} />}
            loading={busy === 'export'}
            onClick={() => void download('export')}
          >
            {exportLabel}
          </Button>
        )}
      </Group>
      {exportTask.jobId !== null && (
        // Floating at the bottom right, above the page: a toolbar row at 1366 px has no room beside its
        // buttons for "Đã ghi n/N dòng vào tệp Excel", its bar and "Hủy" (it pushed "Thêm" off the screen).
        <div
          style={{ position: 'fixed', right: 16, bottom: 16, width: 380, zIndex: 250, boxShadow: 'var(--mantine-shadow-md)' }}
          data-testid="export-progress"
        >
          <LongTaskProgress task={exportTask} />
        </div>
      )}
      <PreviewModal
        preview={preview}
        task={task}
        error={error}
        writable={Boolean(writable)}
        committing={busy === 'commit'}
        accepted={accepted}
        onAccept={setAccepted}
        onClose={() => setPreview(null)}
        onCommit={() => void commit()}
      />
    </>
  );
}
