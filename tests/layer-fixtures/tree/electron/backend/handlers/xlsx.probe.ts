// expect: handlers-call-services
// A handler reaching the file layer directly, past the services.
import { sheetName } from '../xlsx/workbook';

export const probe = sheetName;
