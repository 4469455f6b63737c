/**
 * A spreadsheet cell's value (ExcelJS) as text, the way String() writes it for the plain values
 * our exports hold (text, numbers, booleans, dates, empty); a rich-text or formula object shows as
 * its JSON so a test failure names it instead of printing "[object Object]".
 */
export function cellText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || value === null || value === undefined) return String(value);
  if (value instanceof Date) return value.toString();
  return JSON.stringify(value);
}
