/**
 * shell.printPdf (shared/ipc/shell.ts): the calling window's page printed to PDF by Chromium, as
 * the page's print stylesheet lays it out (A4; the CSS @page size and margins win over Electron's
 * default Letter page). Reached only after the sender check of electron/main/ipc.ts.
 *
 * No value import of 'electron': the web contents is a parameter so tests can pass a fake.
 */
import { GENERIC_MESSAGES, type Result } from '../../shared/ipc/errors';
import { printPdfInput } from '../../shared/ipc/shell';

/** The options this app prints with (Electron's PrintToPDFOptions). */
export interface PdfOptions {
  pageSize: 'A4';
  printBackground: boolean;
  preferCSSPageSize: boolean;
  displayHeaderFooter: boolean;
  generateTaggedPDF: boolean;
}

export const PDF_OPTIONS: PdfOptions = {
  pageSize: 'A4',
  printBackground: true,
  // The report's @page rule sets the decree's margins and the page numbers (margin boxes).
  preferCSSPageSize: true,
  displayHeaderFooter: false,
  generateTaggedPDF: true,
};

/** The part of Electron's WebContents that printing uses. */
export interface PrintableContents {
  printToPDF(options: PdfOptions): Promise<Uint8Array>;
}

export async function printPdf(contents: PrintableContents, input: unknown): Promise<Result<unknown>> {
  if (!printPdfInput.safeParse(input).success) {
    return { ok: false, error: { code: 'VALIDATION', message: GENERIC_MESSAGES.VALIDATION } };
  }
  const bytes = await contents.printToPDF(PDF_OPTIONS);
  return { ok: true, value: { base64: Buffer.from(bytes).toString('base64') } };
}
