/** Scaffold: replaced by the workstream that owns renderer/src/features/handoff/keys/. */
import type { OfficeDto } from '../../../../../shared/ipc/contract';

export function KeysTab(props: { office: OfficeDto; today: string }) {
  void props;
  return null;
}
