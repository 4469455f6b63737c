import { NumberInput, type NumberInputProps } from '@mantine/core';
import { NUMBERS } from './texts';

/** Whether a NumberInput value is below zero (a number, or the text typed so far: "-", "-50"). */
export function isNegativeInput(value: NumberInputProps['value']): boolean {
  if (typeof value === 'number') return value < 0;
  return typeof value === 'string' && /^\s*-\s*\d/.test(value);
}

/**
 * The number field of every add / edit form for counts, amounts and scores that cannot be below
 * zero. Mantine's allowNegative={false} drops a typed "-" without a word ("-50" became 50 while the
 * entry grid refused it), and min={0} clamps to 0 on blur: both change what was typed in silence.
 * Here the sign stays, the field says why it is wrong, and the value goes to the form as typed, so
 * the backend refuses it too (common.ts count: "… không được âm.") and nothing is saved.
 */
export function CountInput({ error, min, ...props }: Omit<NumberInputProps, 'allowNegative' | 'clampBehavior'>) {
  const negative = isNegativeInput(props.value);
  return (
    <NumberInput
      {...props}
      {...(min !== undefined && min > 0 ? { min } : {})}
      allowNegative
      clampBehavior="none"
      error={error ?? (negative ? NUMBERS.negative : undefined)}
    />
  );
}
