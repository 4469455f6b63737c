/**
 * Methods the main process answers itself on the bridge's one channel (shared/ipc/bridge.ts),
 * because only the window can do them: printing the page as it is shown to a PDF. The sender is
 * checked as for every message (electron/main/ipc.ts); the input and output are checked here.
 * The web host has no such method: there the page prints itself (the browser's print dialog).
 */
import { z } from 'zod';

/** Prints the calling page (its print stylesheet, A4) to PDF and returns the bytes. */
export const PRINT_PDF_METHOD = 'shell.printPdf';
export const printPdfInput = z.object({}).strict();
export const printPdfOutput = z.object({ base64: z.string() });

/**
 * Opens the system's folder dialog over the calling window (a USB stick for a backup copy) and
 * returns the chosen folder, or null when the person cancelled. The web host has none: the path is
 * typed or pasted there.
 */
export const CHOOSE_FOLDER_METHOD = 'shell.chooseFolder';
export const chooseFolderInput = z.object({ title: z.string().max(200) }).strict();
export const chooseFolderOutput = z.object({ folder: z.string().nullable() });
