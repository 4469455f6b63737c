/** Coloured badges for workflow states, overall results and criterion verdicts. */
import { Badge } from '@mantine/core';
import { WORKFLOW_STATE_LABELS, type WorkflowState } from '../../../../shared/domain/evaluation';
import { OVERALL_SHORT_LABELS, VERDICT_LABELS, type OverallResult, type Verdict } from '../../../../shared/domain/criteria/vocabulary';

const STATE_COLORS: Readonly<Record<WorkflowState, string>> = {
  chua_dang_ky: 'gray',
  da_dang_ky: 'blue',
  tu_danh_gia: 'cyan',
  de_nghi: 'indigo',
  tham_dinh: 'grape',
  cong_nhan: 'green',
  khong_cong_nhan: 'red',
};

const OVERALL_COLORS: Readonly<Record<OverallResult, string>> = { dat: 'green', chua_dat: 'red', thieu_du_lieu: 'yellow' };
const VERDICT_COLORS: Readonly<Record<Verdict, string>> = {
  dat: 'green',
  khong_dat: 'red',
  khong_ap_dung: 'gray',
  thieu_du_lieu: 'yellow',
};

export function StateBadge({ state }: { state: WorkflowState }) {
  return (
    <Badge variant="light" color={STATE_COLORS[state]} style={{ flex: 'none' }}>
      {WORKFLOW_STATE_LABELS[state]}
    </Badge>
  );
}

/** "Thiếu dữ liệu" rather than the shorter engine label, as the board's column reads. */
export function overallLabel(r: OverallResult): string {
  return r === 'thieu_du_lieu' ? VERDICT_LABELS.thieu_du_lieu : OVERALL_SHORT_LABELS[r];
}

export function OverallBadge({ result }: { result: OverallResult }) {
  return (
    <Badge variant="filled" color={OVERALL_COLORS[result]} style={{ flex: 'none' }}>
      {overallLabel(result)}
    </Badge>
  );
}

export function VerdictBadge({ verdict, variant = 'filled' }: { verdict: Verdict; variant?: 'filled' | 'outline' | 'light' }) {
  return (
    <Badge variant={variant} color={VERDICT_COLORS[verdict]} style={{ flex: 'none' }}>
      {VERDICT_LABELS[verdict]}
    </Badge>
  );
}
