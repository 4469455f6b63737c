/**
 * A record date after today is a warning, not an error: the officer may be entering a decision
 * dated ahead, or may have typed 2062 for 2026. The field says so as soon as it is filled, and the
 * first save stops on a yellow notice that names each date; "Vẫn lưu" saves as entered, and the same
 * dates are not asked again. Plan and deadline dates, where the future is normal, are not passed in
 * (docs/decisions.md (h14-forms) lists the fields).
 */
import { useRef, useState } from 'react';
import { Alert, Button, Group, Text } from '@mantine/core';
import { formatDateVi, isValidIsoDate } from '../../../shared/lib/dates';
import { FUTURE } from './texts';

export interface FutureDate {
  label: string;
  date: string;
}

/** The given dates that fall after today (ISO dates compare as text); empty and invalid ones are left to the form's checks. */
export function futureDates(fields: readonly { label: string; value: unknown }[], today: string): FutureDate[] {
  return fields
    .filter((f): f is { label: string; value: string } => typeof f.value === 'string' && isValidIsoDate(f.value) && f.value > today)
    .map((f) => ({ label: f.label, date: f.value }));
}

export interface FutureConfirm {
  /** The dates awaiting the officer's word, or null. */
  pending: FutureDate[] | null;
  /** Runs `save` now when no date is in the future or these dates were confirmed; otherwise asks first. */
  guard: (dates: FutureDate[], save: () => void) => void;
  confirm: () => void;
  cancel: () => void;
}

const keyOf = (dates: readonly FutureDate[]) => dates.map((d) => `${d.label}=${d.date}`).join('|');

export function useFutureConfirm(): FutureConfirm {
  const [pending, setPending] = useState<{ dates: FutureDate[]; save: () => void } | null>(null);
  const confirmed = useRef('');
  return {
    pending: pending?.dates ?? null,
    guard: (dates, save) => {
      if (dates.length === 0 || keyOf(dates) === confirmed.current) {
        setPending(null);
        save();
      } else setPending({ dates, save });
    },
    confirm: () => {
      if (!pending) return;
      confirmed.current = keyOf(pending.dates);
      setPending(null);
      pending.save();
    },
    cancel: () => setPending(null),
  };
}

/** A setter that first withdraws a pending question: it was asked about the values as they were. */
export function withdrawing<T>(confirm: FutureConfirm, set: (v: T) => void): (v: T) => void {
  return (v) => {
    confirm.cancel();
    set(v);
  };
}

/** Form state whose setter withdraws the pending question, for forms kept in one state per field. */
export function useWithdrawingState<T>(confirm: FutureConfirm, initial: T): readonly [T, (v: T) => void] {
  const [value, set] = useState<T>(initial);
  return [value, withdrawing(confirm, set)] as const;
}

/** The yellow notice above a form's buttons while future dates await confirmation. */
export function FutureDateNotice({ confirm, today }: { confirm: FutureConfirm; today: string }) {
  if (!confirm.pending) return null;
  return (
    <Alert color="yellow" title={FUTURE.title} aria-label={FUTURE.title}>
      {confirm.pending.map((d) => (
        <Text key={d.label} size="sm">
          {FUTURE.line(d.label, formatDateVi(d.date), formatDateVi(today))}
        </Text>
      ))}
      <Text size="sm" mt={4}>
        {FUTURE.ask}
      </Text>
      <Group gap="xs" mt="xs">
        <Button size="xs" color="yellow" onClick={confirm.confirm}>
          {FUTURE.confirm}
        </Button>
        <Button size="xs" variant="default" onClick={confirm.cancel}>
          {FUTURE.fix}
        </Button>
      </Group>
    </Alert>
  );
}
