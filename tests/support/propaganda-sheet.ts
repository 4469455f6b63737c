/** An .xlsx of propaganda sessions for the import tests that need a big file (base64, as xlsx.* take it). */
import ExcelJS from 'exceljs';
import { ACTIVITY_FIELDS } from '../../shared/domain/activities';

export type Cell = string | number | null;

/** `count` distinct propaganda rows on Xã Gia Hòa (row i has i + 1 attendees and its own day). */
export async function propagandaSheet(count: number): Promise<string> {
  const headers = ['Mã bản ghi', ...ACTIVITY_FIELDS.propaganda.map((f) => f.label)];
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Dữ liệu');
  ws.addRow(headers);
  for (let i = 0; i < count; i++) {
    const day = new Date(Date.UTC(2020, 0, 1) + (i % 2000) * 86_400_000);
    const row: Record<string, Cell> = {
      Ngày: `${String(day.getUTCDate()).padStart(2, '0')}/${String(day.getUTCMonth() + 1).padStart(2, '0')}/${day.getUTCFullYear()}`,
      'Đơn vị (xã, khu dân cư)': 'Xã Gia Hòa',
      'Loại buổi': 'Tuyên truyền',
      'Hình thức': 'Trực tiếp',
      'Nội dung, chủ đề': `Chủ đề số ${i}`,
      'Lượt người': i + 1,
    };
    ws.addRow(headers.map((h) => row[h] ?? null));
  }
  return Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
}
