/**
 * The fast-entry grid ("Nhập nhiều dòng"): many records of one activity kind typed like a
 * spreadsheet, and saved together (all rows or none) through `activities.saveMany`.
 *
 * It must beat a spreadsheet on keystrokes: new rows start with the carried values of the row
 * above (date, unit, form…), Enter jumps to the next row's first column that is not carried,
 * choice cells take a few letters without diacritics, short dates take the year from the row
 * above, and blocks copied from Excel paste straight in. Cells keep exactly what was typed until
 * saved, so an error never loses anything; invalid cells turn red with the Vietnamese reason.
 *
 * Speed: the state lives in the body inside the modal (a keystroke re-renders neither the modal
 * nor the page behind it), rows are memoised (only the edited row re-renders), and only the rows
 * in view are in the DOM (a table of hundreds of rows of inputs is slow to lay out and paint).
 *
 * The parts: the pure model (columns.ts, model.ts, navigation.ts, paste.ts, errors.ts), the hooks
 * (useGridWindow, useGridEditing, useGridSuggestions, useGridSave) and the views (GridBody,
 * GridParts, GridRowView).
 */
import { useCallback, useRef, useState } from 'react';
import { Modal } from '@mantine/core';
import { ACTIVITY_TITLES, type ActivityKind } from '../../../../../shared/domain/activities';
import type { UnitDto } from '../../../../../shared/ipc/contract';
import { ConfirmModal } from '../../../components/ConfirmModal';
import { GRID } from '../texts';
import { GridBody, type BodyState } from './GridBody';

export interface EntryGridModalProps {
  kind: ActivityKind;
  units: readonly UnitDto[];
  today: string;
  opened: boolean;
  onClose: () => void;
  /** Called with the new records' ids after a successful save; the grid then closes itself (onClose). */
  onSaved: (ids: string[]) => void;
}

const MODAL_STYLES = {
  content: { display: 'flex', flexDirection: 'column' as const },
  body: { flex: 1, minHeight: 0, display: 'flex', flexDirection: 'column' as const, paddingBottom: 12 },
  title: { fontWeight: 600, fontSize: 18 },
};

export function EntryGridModal({ kind, units, today, opened, onClose, onSaved }: EntryGridModalProps) {
  const [confirming, setConfirming] = useState<number | null>(null);
  const body = useRef<BodyState>({ unsaved: () => 0, saving: false });
  // Pages pass new callbacks on each render; stable ones let the memoised body skip those renders.
  const callbacks = useRef({ onClose, onSaved });
  callbacks.current = { onClose, onSaved };
  const close = useCallback(() => callbacks.current.onClose(), []);
  const saved = useCallback((ids: string[]) => callbacks.current.onSaved(ids), []);

  const requestClose = useCallback(() => {
    if (body.current.saving) return;
    const n = body.current.unsaved();
    if (n > 0) setConfirming(n);
    else close();
  }, [close]);

  return (
    <>
      <Modal
        opened={opened}
        onClose={requestClose}
        fullScreen
        closeOnEscape={confirming === null}
        title={GRID.title(ACTIVITY_TITLES[kind])}
        styles={MODAL_STYLES}
      >
        {/* Mounted only while open: closing (after saving or confirming) starts the next grid afresh. */}
        <GridBody
          key={kind}
          kind={kind}
          units={units}
          today={today}
          onClose={close}
          onSaved={saved}
          requestClose={requestClose}
          state={body}
        />
      </Modal>
      {confirming !== null && (
        <ConfirmModal
          title={GRID.confirmTitle}
          body={GRID.confirmBody(confirming)}
          cancelLabel={GRID.confirmStay}
          confirmLabel={GRID.confirmDiscard}
          onClose={() => setConfirming(null)}
          onConfirm={() => {
            setConfirming(null);
            close();
            return Promise.resolve();
          }}
        />
      )}
    </>
  );
}
