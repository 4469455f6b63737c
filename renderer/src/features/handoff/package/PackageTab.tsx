/** Scaffold: replaced by the workstream that owns renderer/src/features/handoff/package/. */
import type { OfficeDto } from '../../../../../shared/ipc/contract';

export function PackageTab(props: { office: OfficeDto; today: string }) {
  void props;
  return null;
}
