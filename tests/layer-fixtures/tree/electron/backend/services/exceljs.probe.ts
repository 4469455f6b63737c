// expect: file-libraries-only-in-file-layer
// A service writing a workbook with the spreadsheet library itself, instead of calling the xlsx module.
import ExcelJS from 'exceljs';

export const probe = ExcelJS.Workbook;
