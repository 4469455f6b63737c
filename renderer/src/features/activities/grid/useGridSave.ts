/**
 * Saving the grid: every row is checked as the backend would (after the first attempt, again on
 * each change), the focus goes to the first invalid cell, and only a grid without errors is sent,
 * all rows in one `activities.saveMany` (all saved, or none). The backend's refusal is placed on
 * the rows it names (errors.ts).
 */
import { useMemo, useRef, useState, type MutableRefObject } from 'react';
import { notifications } from '@mantine/notifications';
import { ACTIVITY_FIELDS, type ActivityKind } from '../../../../../shared/domain/activities';
import type { MethodInput } from '../../../../../shared/ipc/contract';
import { ApiError, call } from '../../../api/client';
import { GRID } from '../texts';
import type { GridColumn } from './columns';
import { errorLines, firstInvalidCell, mergeErrors, serverErrorsOf, type ServerErrors } from './errors';
import type { GridCheck, GridRow } from './model';
import type { Active } from './useGridWindow';

const fieldLabel = (kind: ActivityKind, key: string): string => ACTIVITY_FIELDS[kind].find((f) => f.key === key)?.label ?? key;

export interface SaveDeps {
  kind: ActivityKind;
  columns: readonly GridColumn[];
  checker: (rows: readonly GridRow[]) => GridCheck;
  rows: readonly GridRow[];
  rowsRef: MutableRefObject<readonly GridRow[]>;
  requestFocus: (target: Active) => void;
  onSaved: (ids: string[]) => void;
  onClose: () => void;
}

export function useGridSave({ kind, columns, checker, rows, rowsRef, requestFocus, onSaved, onClose }: SaveDeps) {
  const [attempted, setAttempted] = useState(false);
  const [serverErrors, setServerErrors] = useState<ServerErrors>(new Map());
  const [serverMessage, setServerMessage] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  /** Saved: nothing left to lose while the modal fades out. */
  const done = useRef(false);
  /** Waiting for the organisation column's answers before the check (a second Ctrl+S meanwhile does nothing). */
  const waiting = useRef(false);

  const check = useMemo(() => (attempted ? checker(rows) : null), [attempted, checker, rows]);
  /** Field messages per row id: the local check (after a first save attempt) and the backend's. */
  const errors = useMemo(() => mergeErrors(check, serverErrors, rows), [check, serverErrors, rows]);
  const lines = useMemo(() => errorLines(errors, rows, (key) => fieldLabel(kind, key)), [errors, rows, kind]);

  async function save() {
    if (saving || waiting.current) return;
    // A name typed into an organisation cell is read against the backend's answers: wait for those
    // not answered yet (typed and left quickly, or pasted), so the check reads them as it would later.
    waiting.current = true;
    try {
      for (const c of columns) {
        if (c.choices?.ensure) await c.choices.ensure(rowsRef.current.map((r) => r.cells[c.key] ?? '').filter((t) => t.trim() !== ''));
      }
    } catch {
      // The lookup shows its own failure; the check below then names the cells it cannot read.
    } finally {
      waiting.current = false;
    }
    const result = checker(rowsRef.current);
    setAttempted(true);
    setServerMessage(null);
    setServerErrors(new Map());
    if (result.included.length === 0) {
      setServerMessage(GRID.nothingToSave);
      return;
    }
    if (result.errorCount > 0) {
      const first = firstInvalidCell(result, columns);
      if (first) requestFocus(first);
      return;
    }
    setSaving(true);
    try {
      const input = { kind, records: result.included.map((i) => i.record) } as MethodInput<'activities.saveMany'>;
      const { ids } = await call('activities.saveMany', input);
      notifications.show({ color: 'green', message: GRID.saved(ids.length) });
      done.current = true;
      onSaved(ids);
      onClose();
    } catch (err) {
      if (err instanceof ApiError) {
        const { byRow, other, cells } = serverErrorsOf(err.details, result.included, columns);
        setServerErrors(byRow);
        // The backend numbers rows among those sent; the grid's own numbers are in the cell list.
        setServerMessage([byRow.size > 0 ? GRID.hasErrors(cells) : err.message, ...other].join(' '));
      } else setServerMessage(String(err));
    } finally {
      setSaving(false);
    }
  }

  return { save, saving, done, check, errors, lines, serverMessage };
}
