/**
 * A new password typed twice, with the strength rule shown under it and checked before any call
 * (the backend checks the length; the screens also ask for letters and digits: passwordRule.ts).
 */
import { PasswordInput, Stack } from '@mantine/core';
import { PASSWORD_RULE_TEXT, passwordProblem } from './passwordRule';
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
        description={PASSWORD_RULE_TEXT}
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
