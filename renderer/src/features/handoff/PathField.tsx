import { TextInput } from '@mantine/core';

export interface PathFieldProps {
  label: string;
  value: string;
  onChange: (value: string) => void;
  placeholder?: string | undefined;
  description?: string | undefined;
  error?: string | undefined;
  /** A fixed width; without it the field fills what its row leaves when `fill` is set. */
  w?: number | undefined;
  /** Grow to fill the row (the field beside its action button). */
  fill?: boolean;
}

/**
 * A typed absolute path of a folder or a file on the user's machine: the hand-off tabs' one input
 * for where a file is written or read (the web host has no folder dialog; the backend checks the path).
 */
export function PathField({ label, value, onChange, placeholder, description, error, w, fill = false }: PathFieldProps) {
  return (
    <TextInput
      label={label}
      placeholder={placeholder}
      description={description}
      error={error}
      value={value}
      onChange={(e) => onChange(e.currentTarget.value)}
      w={w}
      style={fill ? { flex: 1 } : undefined}
    />
  );
}
