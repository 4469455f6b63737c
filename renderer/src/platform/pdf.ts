/**
 * A PDF of what the page shows through its print stylesheet, by the shell that can make one:
 * - Electron: the main process prints the window (webContents.printToPDF, A4, the CSS page size and
 *   margins) and the bytes come back as a file to save, like every other export;
 * - a browser (the web host): the page cannot write a PDF itself, so the browser's own print dialog
 *   opens, whose "Save as PDF" is the same Chromium PDF engine on the same stylesheet. The document
 *   title becomes the suggested file name while the dialog is open.
 */
import { PRINT_PDF_METHOD, printPdfOutput } from '../../../shared/ipc/shell';
import { saveBase64 } from './files';

export type PdfOutcome = 'saved' | 'print-dialog';

export async function savePagePdf(fileName: string): Promise<PdfOutcome> {
  const bridge = window.bridge;
  if (bridge) {
    const result = await bridge.invoke(PRINT_PDF_METHOD, {});
    if (!result.ok) throw new Error(result.error.message);
    const { base64 } = printPdfOutput.parse(result.value);
    saveBase64(fileName, base64, 'application/pdf');
    return 'saved';
  }
  const title = document.title;
  document.title = fileName.replace(/\.pdf$/i, '');
  try {
    window.print();
  } finally {
    document.title = title;
  }
  return 'print-dialog';
}
