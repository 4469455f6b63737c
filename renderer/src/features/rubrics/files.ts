/** Shared bits of the two tabs: JSON files in and out, and how dates and times are shown. */
import { formatDateVi, vietnamDateOf } from '../../../../shared/lib/dates';
import { saveBase64 } from '../../platform/files';

export const JSON_MIME = 'application/json';

export function saveJson(file: { fileName: string; base64: string }): void {
  saveBase64(file.fileName, file.base64, JSON_MIME);
}

/** An ISO timestamp as the office reads it: dd/MM/yyyy HH:mm, Vietnam time. */
export function formatStamp(iso: string): string {
  const d = new Date(iso);
  const vn = new Date(d.getTime() + 7 * 3600_000);
  const hh = String(vn.getUTCHours()).padStart(2, '0');
  const mm = String(vn.getUTCMinutes()).padStart(2, '0');
  return `${formatDateVi(vietnamDateOf(d))} ${hh}:${mm}`;
}

export const isJsonName = (name: string): boolean => /\.json$/i.test(name);
