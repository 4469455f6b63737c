/** Shows a failed call in a form: field messages under their fields, the rest at the top. */
import { useState } from 'react';
import { ApiError } from '../../api/client';

export interface FormErrors {
  message: string | null;
  fields: Record<string, string>;
  clear: () => void;
  setLocal: (fields: Record<string, string>) => void;
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
    setLocal: (f) => setFields(f),
    fromError: (err) => {
      if (err instanceof ApiError) {
        setMessage(err.message);
        setFields(err.details);
      } else setMessage(String(err));
    },
  };
}

/** A NumberInput's value as a whole number, or null when empty or not a number. */
export function wholeNumber(v: number | string): number | null {
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  const t = v.trim();
  return t === '' || !/^-?\d+$/.test(t) ? null : Number(t);
}
