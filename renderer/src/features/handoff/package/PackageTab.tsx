/**
 * "Gói của Công an tỉnh" (issue 12 item 9), shown to both sides: the province sets its policy of
 * personal fields and makes packages; an office imports, previews and applies them.
 */
import type { OfficeDto } from '../../../../../shared/ipc/contract';
import { OfficePanel } from './OfficePanel';
import { ProvincePanel } from './ProvincePanel';

export function PackageTab({ office }: { office: OfficeDto; today: string }) {
  return office.level === 'tinh' ? <ProvincePanel /> : <OfficePanel />;
}
