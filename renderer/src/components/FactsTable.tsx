/** A labelled list of facts in a detail view: the label dimmed on the left, the value beside it. */
import type { CSSProperties, ReactNode } from 'react';
import { Table } from '@mantine/core';

export function FactsTable({
  facts,
  label,
  spacing,
  style,
}: {
  facts: readonly (readonly [string, ReactNode])[];
  /** The table's accessible name. */
  label: string;
  spacing: number;
  style?: CSSProperties;
}) {
  return (
    <Table withRowBorders={false} verticalSpacing={spacing} aria-label={label} style={style}>
      <Table.Tbody>
        {facts.map(([name, value]) => (
          <Table.Tr key={name}>
            <Table.Th w={170} fw={500} c="dimmed">
              {name}
            </Table.Th>
            <Table.Td>{value}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
