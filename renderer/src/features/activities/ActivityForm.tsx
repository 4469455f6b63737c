/**
 * The form of one activity record, built from ACTIVITY_FIELDS[kind]. Keyboard first: the first
 * field has the focus, Tab follows the field order, Enter in a field or Ctrl+Enter anywhere saves,
 * Ctrl+Shift+Enter saves and starts the next record with the carried fields (date, unit, form ...)
 * kept and the focus on the first field that was not carried. Refusals show under their fields and
 * keep everything typed.
 */
import { useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { Alert, Button, Group, Modal, SimpleGrid, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { ApiError, call } from '../../api/client';
import type { MethodInput } from '../../../../shared/ipc/contract';
import {
  ACTIVITY_FIELDS,
  checkActivity,
  tipDeadline,
  type ActivityKind,
  type FieldSpec,
  type TipLegalType,
} from '../../../../shared/domain/activities';
import { ACTIVITY_INPUTS } from '../../../../shared/ipc/contracts/activities.contract';
import { formatDateVi, isValidIsoDate } from '../../../../shared/lib/dates';
import { useFormErrors, useSubmit } from '../../components/formErrors';
import { FieldInput } from './FieldInput';
import { FutureDateNotice, futureDates, useFutureConfirm } from '../../components/FutureDates';
import {
  carriedValues,
  fieldErrors,
  isFieldShown,
  recordFromValues,
  rememberEntered,
  valueOf,
  type ActivityRow,
  type Values,
} from './fields';
import { OwnedNotice, useOwnerOfActivity } from '../consolidation/Owned';
import { CONSOL } from '../consolidation/texts';
import { ACT } from './texts';

export type FormMode = 'create' | 'edit' | 'duplicate';

interface Props {
  kind: ActivityKind;
  mode: FormMode;
  /** The record being edited (mode 'edit'). */
  row: ActivityRow | null;
  initial: Values;
  unitData: readonly { value: string; label: string }[];
  today: string;
  onClose: () => void;
  /** A record was saved; `next` = the form stays open for the next record. */
  onSaved: (row: ActivityRow, next: boolean) => void;
  onDuplicate: (row: ActivityRow) => void;
  onDelete: (row: ActivityRow) => void;
}

/** Wide fields take a whole line of the form. */
const FULL_WIDTH = new Set(['note', 'excuseReason']);

interface Segment {
  numeric: boolean;
  fields: FieldSpec[];
}

/** Runs of fields in form order; counts and amounts sit closer together, several to a line. */
function segments(fields: readonly FieldSpec[]): Segment[] {
  const out: Segment[] = [];
  for (const f of fields) {
    const numeric = f.type === 'int' || f.type === 'money';
    const last = out[out.length - 1];
    if (last && last.numeric === numeric) last.fields.push(f);
    else out.push({ numeric, fields: [f] });
  }
  return out;
}

const numericColumns = (n: number) => (n <= 6 ? n : 5);

/** Field messages found before calling the backend: required fields, the contract's schema, the cross-field rules. */
function localErrors(kind: ActivityKind, values: Values, record: Values): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of ACTIVITY_FIELDS[kind]) {
    if (!f.required || !isFieldShown(kind, f.key, values)) continue;
    const v = record[f.key];
    if (v === null || v === undefined || (typeof v === 'string' && v.trim() === '')) out[f.key] = ACT.form.required(f.label);
  }
  const parsed = ACTIVITY_INPUTS[kind].safeParse(record);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const key = String(issue.path[0] ?? '_');
      if (!(key in out)) out[key] = issue.message;
    }
    return out;
  }
  return { ...checkActivity(kind, parsed.data), ...out };
}

/** Names of the referenced records the edited row already carries, so their pickers show them at once. */
function knownRefNames(row: ActivityRow | null): Map<string, string> {
  const m = new Map<string, string>();
  const id = row ? valueOf(row, 'organizationId') : null;
  const name = row ? valueOf(row, 'organizationName') : null;
  if (typeof id === 'string' && id && typeof name === 'string' && name) m.set(id, name);
  return m;
}

interface SaveOptions {
  kind: ActivityKind;
  initialMode: FormMode;
  initialRow: ActivityRow | null;
  initial: Values;
  today: string;
  onSaved: (row: ActivityRow, next: boolean) => void;
}

/** The form's values and the save: local checks first, then the backend; "next" keeps the carried fields. */
function useActivitySave({ kind, initialMode, initialRow, initial, today, onSaved }: SaveOptions) {
  const [values, setValues] = useState<Values>(initial);
  const [mode, setMode] = useState<FormMode>(initialMode);
  const [row, setRow] = useState<ActivityRow | null>(initialRow);
  const errors = useFormErrors();
  const { saving, run } = useSubmit(errors);
  const future = useFutureConfirm();
  const formRef = useRef<HTMLFormElement>(null);
  // The date picker opens when its field gets the focus; when the form itself puts the cursor
  // there (on opening, after "Lưu và nhập tiếp") the calendar would cover the fields below, so that
  // one focus is kept from the picker. Clicking the field still opens it.
  const quietFocus = useRef(true);

  // A change withdraws the question about future dates: it was asked about the values as they were.
  const set = (key: string, v: unknown) => {
    future.cancel();
    setValues((prev) => ({ ...prev, [key]: v }));
  };

  function focusField(key: string) {
    const input = formRef.current?.querySelector<HTMLElement>(
      `[data-field="${key}"] input:not([type=hidden]), [data-field="${key}"] textarea`,
    );
    input?.focus();
  }

  function save(next: boolean): void {
    errors.clear();
    const record = recordFromValues(kind, values, today);
    const local = localErrors(kind, values, record);
    const firstBad = ACTIVITY_FIELDS[kind].find((f) => f.key in local);
    if (Object.keys(local).length > 0) {
      errors.setLocal(local);
      if (firstBad) focusField(firstBad.key);
      return;
    }
    // Every date field of an activity records an event: one after today waits for the officer's word.
    const dates = ACTIVITY_FIELDS[kind].filter((f) => f.type === 'date' && isFieldShown(kind, f.key, values));
    future.guard(
      futureDates(
        dates.map((f) => ({ label: f.label, value: values[f.key] })),
        today,
      ),
      () => void persist(record, next),
    );
  }

  async function persist(record: ReturnType<typeof recordFromValues>, next: boolean) {
    await run(async () => {
      let saved: ActivityRow;
      try {
        const input = { kind, id: mode === 'edit' && row ? row.id : null, record } as unknown as MethodInput<'activities.save'>;
        saved = (await call('activities.save', input)).row;
      } catch (err) {
        // The backend keys field messages "record.<field>"; the form's fields are the bare keys.
        if (err instanceof ApiError) throw new ApiError({ code: err.code, message: err.message, details: fieldErrors(err.details) });
        throw err;
      }
      rememberEntered(kind, values);
      notifications.show({ color: 'green', message: next ? ACT.form.savedNext(kind) : ACT.form.saved(kind) });
      onSaved(saved, next);
      if (next) {
        const carried = carriedValues(kind, today, values);
        setValues(carried);
        setMode('create');
        setRow(null);
        const firstFree = ACTIVITY_FIELDS[kind].find((f) => !f.carry && isFieldShown(kind, f.key, carried));
        if (firstFree)
          requestAnimationFrame(() => {
            quietFocus.current = true;
            focusField(firstFree.key);
          });
      }
    });
  }

  return { values, set, mode, row, errors, saving, save, formRef, quietFocus, future };
}

export function ActivityForm({
  kind,
  mode: initialMode,
  row: initialRow,
  initial,
  unitData,
  today,
  onClose,
  onSaved,
  onDuplicate,
  onDelete,
}: Props) {
  const { values, set, mode, row, errors, saving, save, formRef, quietFocus, future } = useActivitySave({
    kind,
    initialMode,
    initialRow,
    initial,
    today,
    onSaved,
  });
  const fields = ACTIVITY_FIELDS[kind].filter((f) => isFieldShown(kind, f.key, values));
  const refNames = useMemo(() => knownRefNames(initialRow), [initialRow]);
  // At the province, a record an office sent opens read-only (the backend refuses changes too).
  const owner = useOwnerOfActivity(kind, mode === 'edit' ? row : null);

  function onKeyDown(e: KeyboardEvent<HTMLFormElement>) {
    if (e.key !== 'Enter' || !(e.ctrlKey || e.metaKey)) return;
    e.preventDefault();
    e.stopPropagation();
    void save(e.shiftKey && mode !== 'edit');
  }

  const title = mode === 'edit' ? ACT.form.editTitle(kind) : mode === 'duplicate' ? ACT.form.duplicateTitle(kind) : ACT.form.addTitle(kind);
  const deadline = kind === 'tips' ? tipDeadlineText(values) : null;

  return (
    <Modal opened onClose={onClose} title={title} size={960}>
      <form
        ref={formRef}
        noValidate
        onKeyDown={onKeyDown}
        onFocusCapture={(e) => {
          if (!quietFocus.current) return;
          quietFocus.current = false;
          if ((e.target as HTMLElement).closest('[data-field-type="date"]')) e.stopPropagation();
        }}
        onSubmit={(e) => {
          e.preventDefault();
          void save(false);
        }}
      >
        <Stack gap="sm">
          {owner && <OwnedNotice owner={owner} />}
          {errors.message && (
            <Alert color="red" role="alert">
              {errors.message}
            </Alert>
          )}
          <FormFields
            kind={kind}
            fields={fields}
            values={values}
            onChange={set}
            errors={errors.fields}
            unitData={unitData}
            refNames={refNames}
            today={today}
          />
          <FutureDateNotice confirm={future} today={today} />
          {deadline && (
            <Text size="sm" c="dimmed">
              {deadline}
            </Text>
          )}
          <FormButtons
            editing={mode === 'edit'}
            row={row}
            saving={saving}
            onDuplicate={onDuplicate}
            onDelete={onDelete}
            onClose={onClose}
            onSaveNext={() => void save(true)}
            lockedBy={owner ? CONSOL.ownedMessage(owner.officeName) : null}
          />
          <Text size="xs" c="dimmed" ta="right">
            {mode === 'edit' ? ACT.form.keysEdit : ACT.form.keys}
          </Text>
        </Stack>
      </form>
    </Modal>
  );
}

function tipDeadlineText(values: Values): string | null {
  const receivedOn = values['receivedOn'];
  if (typeof receivedOn !== 'string' || !isValidIsoDate(receivedOn)) return null;
  const legalType = (values['legalType'] as TipLegalType | null) ?? null;
  const extensions = typeof values['extensions'] === 'number' ? values['extensions'] : 0;
  const deadline = tipDeadline({ receivedOn, legalType, extensions });
  return deadline === null ? ACT.form.noDeadline : ACT.form.deadline(formatDateVi(deadline));
}

interface FieldsProps {
  kind: ActivityKind;
  fields: readonly FieldSpec[];
  values: Values;
  onChange: (key: string, value: unknown) => void;
  errors: Readonly<Record<string, string>>;
  unitData: readonly { value: string; label: string }[];
  refNames: ReadonlyMap<string, string>;
  today: string;
}

/** The shown fields in rows of three; the counts of a kind side by side in one row. */
function FormFields({ kind, fields, values, onChange, errors, unitData, refNames, today }: FieldsProps) {
  return (
    <>
      {segments(fields).map((seg) => (
        <SimpleGrid key={seg.fields[0]!.key} cols={seg.numeric ? numericColumns(seg.fields.length) : 3} spacing="sm" verticalSpacing="xs">
          {seg.fields.map((f) => (
            <div
              key={f.key}
              data-field={f.key}
              data-field-type={f.type}
              style={FULL_WIDTH.has(f.key) ? { gridColumn: '1 / -1' } : undefined}
              ref={
                f.key === fields[0]?.key
                  ? (el) => {
                      // Mantine's focus trap focuses [data-autofocus]; the date input takes no extra props, so mark it here.
                      el?.querySelector('input:not([type=hidden])')?.setAttribute('data-autofocus', '');
                    }
                  : undefined
              }
            >
              <FieldInput
                kind={kind}
                field={f}
                values={values}
                onChange={onChange}
                error={errors[f.key]}
                unitData={unitData}
                refNames={refNames}
                today={today}
              />
            </div>
          ))}
        </SimpleGrid>
      ))}
    </>
  );
}

interface ButtonsProps {
  editing: boolean;
  row: ActivityRow | null;
  saving: boolean;
  onDuplicate: (row: ActivityRow) => void;
  onDelete: (row: ActivityRow) => void;
  onClose: () => void;
  onSaveNext: () => void;
  /** Why the record cannot be changed here (sent by an office), or null. */
  lockedBy: string | null;
}

function FormButtons({ editing, row, saving, onDuplicate, onDelete, onClose, onSaveNext, lockedBy }: ButtonsProps) {
  return (
    <Group justify="space-between" align="center">
      <Group gap="xs">
        {editing && row && (
          <>
            <Button variant="default" onClick={() => onDuplicate(row)}>
              {ACT.form.duplicate}
            </Button>
            <Button variant="light" color="red" onClick={() => onDelete(row)} disabled={lockedBy !== null} title={lockedBy ?? undefined}>
              {ACT.form.delete}
            </Button>
          </>
        )}
      </Group>
      <Group gap="xs">
        <Button variant="default" onClick={onClose}>
          {ACT.form.cancel}
        </Button>
        {!editing && (
          <Button variant="light" onClick={onSaveNext} loading={saving}>
            {ACT.form.saveNext}
          </Button>
        )}
        <Button type="submit" loading={saving} disabled={lockedBy !== null} title={lockedBy ?? undefined}>
          {ACT.form.save}
        </Button>
      </Group>
    </Group>
  );
}
