/**
 * What a paste into the grid puts in: a block of cells copied from a spreadsheet (tab-separated
 * rows), without its header row when the block starts with the grid's own column labels. Text
 * that is not a block (one value) is left to the input as an ordinary paste.
 */
import { foldVietnamese } from '../../../../../shared/lib/text';
import { isCellBlock, parseTsv } from '../../../../../shared/lib/tsv';

/**
 * The cell block of clipboard `text` pasted at column `col`, or null when the text is a single
 * value. A first row whose non-empty cells are the labels of the columns they land in (compared
 * without diacritics) is a header and is dropped, when more rows follow it.
 */
export function clipboardBlock(text: string, columns: readonly { label: string }[], col: number): string[][] | null {
  if (!isCellBlock(text)) return null;
  const block = parseTsv(text);
  const first = block[0] ?? [];
  const isHeader =
    block.length > 1 &&
    first.some((t) => t.trim() !== '') &&
    first.every((t, i) => t.trim() === '' || foldVietnamese(t) === foldVietnamese(columns[col + i]?.label ?? ''));
  return isHeader ? block.slice(1) : block;
}
