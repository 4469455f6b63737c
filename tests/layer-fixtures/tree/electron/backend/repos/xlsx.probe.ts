// expect: repos-below-services
import { sheetName } from '../xlsx/workbook';

export const probe = sheetName;
