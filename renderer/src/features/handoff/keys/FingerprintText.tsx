/** A fingerprint ("mã nhận diện") in large, spaced digit groups, easy to read aloud. */
import { Group, Text } from '@mantine/core';

const SIZES = { xl: 34, md: 19 } as const;

export function FingerprintText({ value, size, testId }: { value: string; size: keyof typeof SIZES; testId?: string }) {
  return (
    <Group gap={size === 'xl' ? 'md' : 'xs'} wrap="nowrap" aria-label={value} data-testid={testId} role="text">
      {value.split('-').map((group, i) => (
        <Text key={i} ff="monospace" fw={700} fz={SIZES[size]} style={{ letterSpacing: '0.08em' }} aria-hidden>
          {group}
        </Text>
      ))}
    </Group>
  );
}
