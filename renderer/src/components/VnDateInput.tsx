import { DateInput } from '@mantine/dates';
import { parseDateVi } from '../../../shared/lib/dates';

/** The hint shown under every date field. */
export const DATE_HINT = 'Ngày/tháng/năm, ví dụ 01/07/2025';

/** Accepts dd/MM/yyyy as people type it (1/7/2025 too). */
function parseTypedDate(value: string): string | null {
  return parseDateVi(value);
}

/** A date field typed or picked as dd/MM/yyyy; its value is an ISO date (yyyy-MM-dd) or null. */
export function VnDateInput(props: {
  label: string;
  value: string | null;
  onChange: (v: string | null) => void;
  error?: string | undefined;
  required?: boolean;
  description?: string;
}) {
  return (
    <DateInput
      label={props.label}
      description={props.description ?? DATE_HINT}
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
