/**
 * Importing a JSON file (a rule set or a rubric) from a FileButton: checks the name, sends it,
 * tells the person the outcome, and keeps the refusal for ImportErrors to list.
 */
import { useRef, useState } from 'react';
import { notifications } from '@mantine/notifications';
import { call } from '../../api/client';
import { fileToBase64 } from '../../platform/files';
import { FILES } from './texts';
import { isJsonName } from './files';

type ImportMethod = 'rubrics.import' | 'ruleSets.import';

export function useJsonImport(method: ImportMethod, onImported: (r: { id: string; status: string }) => void) {
  const [importError, setImportError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const resetFile = useRef<() => void>(null);

  const pick = async (file: File | null) => {
    resetFile.current?.();
    if (!file) return;
    setImportError(null);
    if (!isJsonName(file.name)) {
      setImportError(new Error(FILES.notJson));
      return;
    }
    setBusy(true);
    try {
      const r = await call(method, { fileName: file.name, base64: await fileToBase64(file) });
      notifications.show({ color: r.status === 'imported' ? 'green' : 'blue', message: r.message });
      onImported(r);
    } catch (err) {
      setImportError(err);
    } finally {
      setBusy(false);
    }
  };

  return { pick, busy, importError, clearError: () => setImportError(null), resetFile };
}
