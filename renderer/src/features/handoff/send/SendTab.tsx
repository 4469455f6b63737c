/** Scaffold: replaced by the workstream that owns renderer/src/features/handoff/send/. */
import type { OfficeDto } from '../../../../../shared/ipc/contract';

export function SendTab(props: { office: OfficeDto; today: string }) {
  void props;
  return null;
}
