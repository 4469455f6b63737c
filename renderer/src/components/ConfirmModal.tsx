/** A "are you sure?" dialog (delete and the like): a sentence, the error if the action fails, cancel / confirm. */
import { useState, type ReactNode } from 'react';
import { Modal, Stack, Text } from '@mantine/core';
import { FormActions, FormAlert } from './FormActions';
import { errorText } from './formErrors';

interface ConfirmModalProps {
  title: ReactNode;
  body: ReactNode;
  cancelLabel: string;
  confirmLabel: string;
  onClose: () => void;
  /** Does the action; a throw shows its message in the dialog. */
  onConfirm: () => Promise<void>;
}

export function ConfirmModal({ title, body, cancelLabel, confirmLabel, onClose, onConfirm }: ConfirmModalProps) {
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  async function confirm() {
    setSaving(true);
    try {
      await onConfirm();
    } catch (err) {
      setError(errorText(err));
    } finally {
      setSaving(false);
    }
  }
  return (
    <Modal opened onClose={onClose} title={title}>
      <Stack>
        <Text size="sm">{body}</Text>
        <FormAlert message={error} />
        <FormActions
          cancelLabel={cancelLabel}
          submitLabel={confirmLabel}
          onCancel={onClose}
          saving={saving}
          color="red"
          onConfirm={() => void confirm()}
        />
      </Stack>
    </Modal>
  );
}
