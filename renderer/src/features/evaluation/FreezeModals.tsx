/** The dialogs that freeze and unfreeze a year of the board; freezing shows its progress and can be cancelled before it writes. */
import { useState } from 'react';
import { Alert, Text, TextInput, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconLock } from '@tabler/icons-react';
import { call } from '../../api/client';
import { FormActions, FormModal } from '../../components/FormActions';
import { useFormErrors, useSubmit } from '../../components/formErrors';
import { LongTaskProgress, isCancelled, useLongTask } from '../../components/LongTask';
import { EVAL } from './texts';

export function FreezeModal({ year, onClose, onDone }: { year: number; onClose: () => void; onDone: () => void }) {
  const errors = useFormErrors();
  const { saving, run } = useSubmit(errors);
  const [by, setBy] = useState('');
  const [note, setNote] = useState('');
  const task = useLongTask();
  const submit = () => {
    if (!by.trim()) return errors.setLocal({ by: EVAL.required(EVAL.freeze.by) });
    void run(async () => {
      try {
        const r = await task.start((jobId) => call('evaluation.freeze', { year, by, note: note.trim() === '' ? null : note, jobId }));
        notifications.show({ color: 'green', message: EVAL.freeze.done(year, r.subjects) });
        onDone();
      } catch (err) {
        if (!isCancelled(err)) throw err;
        notifications.show({ color: 'orange', message: EVAL.freeze.cancelled(year) });
        onClose();
      }
    });
  };
  return (
    <FormModal title={EVAL.freeze.title(year)} onClose={onClose} onSubmit={submit} message={errors.message}>
      <Alert color="blue" icon={<IconLock size={16} />}>
        {EVAL.freeze.body(year)}
      </Alert>
      <TextInput
        label={EVAL.freeze.by}
        value={by}
        onChange={(e) => setBy(e.currentTarget.value)}
        error={errors.fields['by']}
        withAsterisk
      />
      <Textarea
        label={EVAL.freeze.note}
        value={note}
        onChange={(e) => setNote(e.currentTarget.value)}
        error={errors.fields['note']}
        autosize
        minRows={2}
      />
      <LongTaskProgress task={task} />
      {task.jobId === null && (
        <FormActions cancelLabel={EVAL.cancel} submitLabel={EVAL.freeze.confirm} onCancel={onClose} saving={saving} />
      )}
    </FormModal>
  );
}

export function UnfreezeModal({ year, onClose, onDone }: { year: number; onClose: () => void; onDone: () => void }) {
  const errors = useFormErrors();
  const { saving, run } = useSubmit(errors);
  const [by, setBy] = useState('');
  const [reason, setReason] = useState('');
  const submit = () => {
    const local: Record<string, string> = {};
    if (!reason.trim()) local['reason'] = EVAL.unfreeze.reasonRequired;
    if (!by.trim()) local['by'] = EVAL.required(EVAL.unfreeze.by);
    if (Object.keys(local).length > 0) return errors.setLocal(local);
    void run(async () => {
      await call('evaluation.unfreeze', { year, reason, by });
      notifications.show({ color: 'green', message: EVAL.unfreeze.done(year) });
      onDone();
    });
  };
  return (
    <FormModal title={EVAL.unfreeze.title(year)} onClose={onClose} onSubmit={submit} message={errors.message}>
      <Text size="sm">{EVAL.unfreeze.body}</Text>
      <Textarea
        label={EVAL.unfreeze.reason}
        value={reason}
        onChange={(e) => setReason(e.currentTarget.value)}
        error={errors.fields['reason']}
        withAsterisk
        autosize
        minRows={2}
      />
      <TextInput
        label={EVAL.unfreeze.by}
        value={by}
        onChange={(e) => setBy(e.currentTarget.value)}
        error={errors.fields['by']}
        withAsterisk
      />
      <FormActions cancelLabel={EVAL.cancel} submitLabel={EVAL.unfreeze.confirm} onCancel={onClose} saving={saving} color="red" />
    </FormModal>
  );
}
