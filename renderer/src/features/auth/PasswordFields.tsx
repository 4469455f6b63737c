/**
 * A new password typed twice, with the strength rule shown under it and checked before any call
 * (the same rule the contract applies: shared/domain/password-rule.ts), and the local check of the
 * forms that set one: the rule, the repeat, and their other required fields.
 */
import { PasswordInput, Stack } from '@mantine/core';
import { PASSWORD_RULE_TEXTS, passwordProblem } from '../../../../shared/domain/password-rule';
import type { FormErrors } from '../../components/formErrors';
import { AUTH } from './texts';

export interface NewPassword {
  password: string;
  again: string;
}

export const EMPTY_PASSWORD: NewPassword = { password: '', again: '' };

/** Field messages for a new password (keys `password` and `again`); empty when it is fine. */
export function newPasswordErrors(p: NewPassword): Record<string, string> {
  const errors: Record<string, string> = {};
  const problem = passwordProblem(p.password);
  if (problem) errors['password'] = problem;
  else if (p.password !== p.again) errors['again'] = AUTH.passwordMismatch;
  return errors;
}

/**
 * The check a form that sets a new password makes before calling: the password (newPasswordErrors)
 * and each of `required` (field key → what was typed) left empty. Shows the messages under their
 * fields; true when there is none, so the form may call the backend.
 */
export function passesPasswordForm(errors: FormErrors, p: NewPassword, required: Readonly<Record<string, string>> = {}): boolean {
  const local = newPasswordErrors(p);
  for (const [key, value] of Object.entries(required)) if (value.trim() === '') local[key] = AUTH.required;
  errors.setLocal(local);
  return Object.keys(local).length === 0;
}

interface Props {
  value: NewPassword;
  onChange: (v: NewPassword) => void;
  errors: Readonly<Record<string, string>>;
  label?: string;
  againLabel?: string;
}

export function PasswordFields({ value, onChange, errors, label = AUTH.password, againLabel = AUTH.passwordAgain }: Props) {
  return (
    <Stack gap="sm">
      <PasswordInput
        label={label}
        description={PASSWORD_RULE_TEXTS.rule}
        value={value.password}
        onChange={(e) => onChange({ ...value, password: e.currentTarget.value })}
        error={errors['password'] ?? errors['newPassword']}
        autoComplete="new-password"
        withAsterisk
      />
      <PasswordInput
        label={againLabel}
        value={value.again}
        onChange={(e) => onChange({ ...value, again: e.currentTarget.value })}
        error={errors['again']}
        autoComplete="new-password"
        withAsterisk
      />
    </Stack>
  );
}
