/** Small pieces shared by the mass organisations screens: rating badges, unit and kind names. */
import { Badge } from '@mantine/core';
import type { UnitDto } from '../../../../shared/ipc/contract';
import type { MassOrgKindDto } from '../../../../shared/ipc/contracts/mass-orgs.contract';
import { pathOf } from '../../../../shared/domain/unit-tree';
import {
  NOT_RATED_LABEL,
  NOT_RATED_REASON_LABELS,
  RATING_LABELS,
  isEffective,
  type RatingLevel,
} from '../../../../shared/domain/mass-orgs';
import { type RatingCell } from '../../../../shared/domain/mass-org-members-list';

/** Plain text of a rating, for sorting and titles. */
export function ratingLabel(r: RatingCell | null | undefined): string {
  if (!r) return '';
  if (r.level) return RATING_LABELS[r.level];
  return NOT_RATED_LABEL;
}

const COLORS: Record<RatingLevel, string> = {
  hoan_thanh_xuat_sac: 'green',
  hoan_thanh_tot: 'teal',
  hoan_thanh: 'blue',
  khong_hoan_thanh: 'red',
  hieu_qua: 'teal',
  chua_hieu_qua: 'orange',
};

export function RatingBadge({ rating }: { rating: RatingCell | null | undefined }) {
  if (!rating) return null;
  if (rating.level === null) {
    return (
      <Badge color="gray" variant="light" title={rating.notRatedReason ? NOT_RATED_REASON_LABELS[rating.notRatedReason] : undefined}>
        {NOT_RATED_LABEL}
      </Badge>
    );
  }
  return (
    <Badge color={COLORS[rating.level]} variant={isEffective(rating.level) ? 'filled' : 'light'} style={{ textTransform: 'none' }}>
      {RATING_LABELS[rating.level]}
    </Badge>
  );
}

/** Unit id → its name and its path below the office ("Xã Gia Hòa › Thôn 1"). */
export function unitNamer(units: readonly UnitDto[]): { name: (id: string) => string; path: (id: string) => string } {
  const byId = new Map(units.map((u) => [u.id, u]));
  return {
    name: (id) => byId.get(id)?.name ?? '',
    path: (id) => {
      const p = pathOf(byId, id);
      return (p.length > 1 ? p.slice(1) : p).map((u) => u.name).join(' › ');
    },
  };
}

export function kindNamer(kinds: readonly MassOrgKindDto[]): (id: string) => string {
  const byId = new Map(kinds.map((k) => [k.id, k.name]));
  return (id) => byId.get(id) ?? '';
}

/** Cell text that may be cut by the column keeps its whole value on hover. */
export const full = (text: string) => <span title={text}>{text}</span>;
