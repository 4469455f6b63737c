/** Scaffold: replaced by the workstream that owns renderer/src/features/handoff/inbox/. */
import type { OfficeDto } from '../../../../../shared/ipc/contract';

export function InboxTab(props: { office: OfficeDto; today: string }) {
  void props;
  return null;
}
