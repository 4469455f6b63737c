// expect: pass
// Services call the file layer (xlsx, report writers): that is the intended direction.
import { sheetName } from '../xlsx/workbook';

export const probe = sheetName;
