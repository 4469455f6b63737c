import { Badge, Tooltip } from '@mantine/core';
import { ELIGIBILITY_LABELS, type Eligibility } from '../../../../shared/domain/organizations';

const COLORS = { eligible: 'green', ineligible: 'gray', incomplete: 'yellow' } as const;

/** The TT124 eligibility as a coloured badge; the reason shows on hover (and in full in the detail panel). */
export function EligibilityBadge({ eligibility, withTooltip = true }: { eligibility: Eligibility; withTooltip?: boolean }) {
  const badge = (
    <Badge
      color={COLORS[eligibility.status]}
      variant="light"
      tt="none"
      size="md"
      style={{ flex: 'none' }}
      title={withTooltip ? undefined : eligibility.reason}
      data-status={eligibility.status}
    >
      {ELIGIBILITY_LABELS[eligibility.status]}
    </Badge>
  );
  if (!withTooltip) return badge;
  return (
    <Tooltip label={eligibility.reason} multiline w={420} withinPortal openDelay={200}>
      <span>{badge}</span>
    </Tooltip>
  );
}
