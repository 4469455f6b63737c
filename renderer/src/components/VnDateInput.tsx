import { Text } from '@mantine/core';
import { DateInput } from '@mantine/dates';
import { formatDateVi, parseDateVi } from '../../../shared/lib/dates';
import { FUTURE } from './texts';

/** The hint shown under every date field. */
export const DATE_HINT = 'Ngày/tháng/năm, ví dụ 01/07/2025';

/** Accepts dd/MM/yyyy as people type it (1/7/2025 too). */
function parseTypedDate(value: string): string | null {
  return parseDateVi(value);
}

/**
 * A date field typed or picked as dd/MM/yyyy; its value is an ISO date (yyyy-MM-dd) or null.
 * Given `warnAfter` (today, for a record date), a later date shows a warning in place of the hint:
 * not an error, the form asks to confirm it on save (FutureDates.tsx).
 */
export function VnDateInput(props: {
  label: string;
  value: string | null;
  onChange: (v: string | null) => void;
  error?: string | undefined;
  required?: boolean;
  description?: string;
  warnAfter?: string | undefined;
}) {
  const future = props.warnAfter !== undefined && props.value !== null && props.value > props.warnAfter;
  const description = future ? (
    <Text component="span" size="xs" c="orange.8" fw={600} data-future-date>
      {FUTURE.hint(formatDateVi(props.warnAfter))}
    </Text>
  ) : (
    (props.description ?? DATE_HINT)
  );
  return (
    <DateInput
      label={props.label}
      description={description}
      value={props.value}
      onChange={(v) => props.onChange(v ? String(v).slice(0, 10) : null)}
      valueFormat="DD/MM/YYYY"
      dateParser={(v) => parseTypedDate(v)}
      placeholder="dd/mm/yyyy"
      clearable={!props.required}
      withAsterisk={props.required ?? false}
      error={props.error}
    />
  );
}
