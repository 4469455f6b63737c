/**
 * Pieces repeated by the dialogs: the modal form itself, the error alert at the top, the cancel /
 * confirm buttons at the bottom, and the "date + reason" fields of end / retire dialogs. Labels come
 * from the caller's texts.
 */
import type { ReactNode } from 'react';
import { Alert, Button, Group, Modal, Stack, Textarea, type MantineSize } from '@mantine/core';
import { VnDateInput } from './VnDateInput';

/** The form's top error message, when there is one. */
export function FormAlert({ message }: { message: string | null }) {
  return message ? (
    <Alert color="red" role="alert">
      {message}
    </Alert>
  ) : null;
}

interface FormActionsProps {
  cancelLabel: string;
  submitLabel: string;
  onCancel: () => void;
  saving: boolean;
  /** The confirm button's colour (e.g. red for end / delete); the theme's by default. */
  color?: string | undefined;
  disabled?: boolean | undefined;
  /** Given: the confirm button is a plain button calling it; otherwise it submits the form. */
  onConfirm?: (() => void) | undefined;
}

/** Cancel and confirm buttons, right-aligned. */
export function FormActions({ cancelLabel, submitLabel, onCancel, saving, color, disabled, onConfirm }: FormActionsProps) {
  return (
    <Group justify="flex-end">
      <Button variant="default" onClick={onCancel}>
        {cancelLabel}
      </Button>
      <Button
        {...(onConfirm ? { onClick: onConfirm } : { type: 'submit' as const })}
        {...(color ? { color } : {})}
        {...(disabled !== undefined ? { disabled } : {})}
        loading={saving}
      >
        {submitLabel}
      </Button>
    </Group>
  );
}

interface DateReasonProps {
  dateLabel: string;
  date: string | null;
  onDate: (v: string | null) => void;
  dateError: string | undefined;
  reasonLabel: string;
  reasonPlaceholder?: string | undefined;
  reason: string;
  onReason: (v: string) => void;
  reasonError: string | undefined;
  /** Whether the reason is marked as required (it is, unless told otherwise). */
  reasonRequired?: boolean | undefined;
}

/** The required date and the reason of an end / retire dialog. */
export function DateReasonFields(p: DateReasonProps) {
  return (
    <>
      <VnDateInput label={p.dateLabel} value={p.date} onChange={p.onDate} error={p.dateError} required />
      <Textarea
        label={p.reasonLabel}
        {...(p.reasonPlaceholder !== undefined ? { placeholder: p.reasonPlaceholder } : {})}
        value={p.reason}
        onChange={(e) => p.onReason(e.currentTarget.value)}
        error={p.reasonError}
        withAsterisk={p.reasonRequired ?? true}
        autosize
        minRows={2}
      />
    </>
  );
}

interface FormModalProps {
  title: ReactNode;
  size?: MantineSize | undefined;
  /** The Stack's gap; Mantine's default when not given. */
  gap?: MantineSize | undefined;
  onClose: () => void;
  /** Called on submit (Enter or the submit button); the page does not reload. */
  onSubmit: () => void;
  /** The form's top error message. */
  message: string | null;
  children: ReactNode;
}

/** A modal holding one form: its fields in a Stack under the error message. */
export function FormModal({ title, size, gap, onClose, onSubmit, message, children }: FormModalProps) {
  return (
    <Modal opened onClose={onClose} title={title} {...(size ? { size } : {})}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          onSubmit();
        }}
      >
        <Stack {...(gap ? { gap } : {})}>
          <FormAlert message={message} />
          {children}
        </Stack>
      </form>
    </Modal>
  );
}
