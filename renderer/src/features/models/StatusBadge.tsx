import { Badge } from '@mantine/core';
import { MODEL_STATUS_LABELS, type ModelStatus } from '../../../../shared/domain/models';

const COLORS: Readonly<Record<ModelStatus, string>> = {
  de_xuat: 'gray',
  ra_mat: 'blue',
  hoat_dong: 'green',
  so_ket: 'teal',
  tong_ket: 'cyan',
  nhan_rong: 'grape',
  thanh_loai: 'red',
};

/** A model's lifecycle status as a coloured badge. */
export function StatusBadge({ status }: { status: ModelStatus }) {
  return (
    <Badge variant="light" color={COLORS[status]} style={{ flex: 'none' }}>
      {MODEL_STATUS_LABELS[status]}
    </Badge>
  );
}
