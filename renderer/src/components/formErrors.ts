/**
 * Error state shared by every form: a failed call shows its field messages (ApiError.details)
 * under their fields and the rest as one message at the top; local checks set field messages.
 */
import { useState } from 'react';
import { ApiError } from '../api/client';

export interface FormErrors {
  /** The message shown at the top of the form, or null. */
  message: string | null;
  /** Field key → message shown under that field. */
  fields: Record<string, string>;
  clear: () => void;
  /** Field messages from checks made before calling the backend; clears the top message. */
  setLocal: (fields: Record<string, string>) => void;
  /** A failed call: field messages from its details, its message at the top. */
  fromError: (err: unknown) => void;
}

export function useFormErrors(): FormErrors {
  const [message, setMessage] = useState<string | null>(null);
  const [fields, setFields] = useState<Record<string, string>>({});
  return {
    message,
    fields,
    clear: () => {
      setMessage(null);
      setFields({});
    },
    setLocal: (f) => {
      setMessage(null);
      setFields(f);
    },
    fromError: (err) => {
      if (err instanceof ApiError) {
        setMessage(err.message);
        setFields(err.details);
      } else setMessage(String(err));
    },
  };
}

/** The message of a failed call, for places that show it alone. */
export const errorText = (err: unknown): string => (err instanceof ApiError ? err.message : String(err));

/** Runs a form's backend call with `saving` set meanwhile; a failure lands in `errors`. */
export function useSubmit(errors: FormErrors): { saving: boolean; run: (action: () => Promise<void>) => Promise<void> } {
  const [saving, setSaving] = useState(false);
  async function run(action: () => Promise<void>): Promise<void> {
    setSaving(true);
    try {
      await action();
    } catch (err) {
      errors.fromError(err);
    } finally {
      setSaving(false);
    }
  }
  return { saving, run };
}
