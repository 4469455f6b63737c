/**
 * The print view: the report's document alone, over the app, as sheets of A4 on screen and as the
 * only thing printed (the body gets `nd30-printing`, so report-print.css hides everything else on
 * paper). "Xuất PDF" makes the PDF of exactly this page (platform/pdf.ts).
 */
import { useEffect, useState } from 'react';
import { createPortal } from 'react-dom';
import { Alert, Button, Group, Loader, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconFileTypePdf, IconPrinter, IconX } from '@tabler/icons-react';
import { useQuery } from '../../api/client';
import { savePagePdf } from '../../platform/pdf';
import { ReportDocumentView } from './ReportDocumentView';
import { REPORTS } from './texts';

export function PrintView({ reportId, fileStem, onClose }: { reportId: string; fileStem: string; onClose: () => void }) {
  const doc = useQuery('reports.document', { id: reportId });
  const [browserHint, setBrowserHint] = useState(false);
  useEffect(() => {
    document.body.classList.add('nd30-printing');
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && onClose();
    window.addEventListener('keydown', onKey);
    return () => {
      document.body.classList.remove('nd30-printing');
      window.removeEventListener('keydown', onKey);
    };
  }, [onClose]);

  const pdf = async () => {
    try {
      const outcome = await savePagePdf(`${fileStem}.pdf`);
      if (outcome === 'print-dialog') setBrowserHint(true);
      else notifications.show({ color: 'green', message: REPORTS.editor.exported });
    } catch (err) {
      notifications.show({ color: 'red', message: err instanceof Error ? err.message : String(err) });
    }
  };

  return createPortal(
    <div
      className="nd30-print-root"
      role="dialog"
      aria-label={REPORTS.editor.printView}
      style={{ position: 'fixed', inset: 0, zIndex: 300, overflow: 'auto', background: '#e9ecef', padding: '0 0 24px' }}
    >
      <Group className="nd30-print-toolbar" justify="space-between" p="sm" bg="white" style={{ position: 'sticky', top: 0, zIndex: 1 }}>
        <Text fw={600}>{REPORTS.editor.printView}</Text>
        <Group gap="xs">
          <Button leftSection={<IconFileTypePdf size={16} />} onClick={() => void pdf()} disabled={!doc.data}>
            {REPORTS.print.pdf}
          </Button>
          <Button variant="default" leftSection={<IconPrinter size={16} />} onClick={() => window.print()} disabled={!doc.data}>
            {REPORTS.print.print}
          </Button>
          <Button variant="default" leftSection={<IconX size={16} />} onClick={onClose}>
            {REPORTS.print.close}
          </Button>
        </Group>
      </Group>
      {browserHint && (
        <Alert className="nd30-print-toolbar" color="blue" mx="sm" mt="xs" withCloseButton onClose={() => setBrowserHint(false)}>
          {REPORTS.print.browserHint}
        </Alert>
      )}
      <div className="nd30-print-pad">
        {doc.loading && !doc.data && <Loader m="xl" />}
        {doc.error && (
          <Alert color="red" m="sm">
            {doc.error.message}
          </Alert>
        )}
        {doc.data && <ReportDocumentView doc={doc.data} />}
      </div>
    </div>,
    document.body,
  );
}
