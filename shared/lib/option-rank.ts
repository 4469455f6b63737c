/**
 * The order of a picker's options for what was typed. A unit's option is its path ("Thị xã Sa Pa ›
 * Phường Sa Pa"); the unit's own name is the last step. Typing a ward's name must find that ward
 * before the wards of a town with the same name, so an option ranks by where the words are found:
 * the own name exactly, then the own name's start, then anywhere in the own name, then anywhere in
 * the path. A leading kind word ("Phường", "Thôn", "Tổ dân phố") may be left out when typing.
 * Options of one rank keep the caller's order (top of the tree first).
 */
import { foldVietnamese, matchesQuery } from './text';

/** Between the steps of a unit's path in picker labels. */
export const PATH_SEPARATOR = ' › ';

/** 0 = own name exactly, 1 = own name starts with it, 2 = own name holds every word, 3 = the path does. */
export type OptionRank = 0 | 1 | 2 | 3;

// Folded kind words, longer first so "to dan pho" is taken before "to".
const KIND_WORD =
  /^(to dan pho|khu pho|thanh pho|thi tran|thi xa|dac khu|tinh|huyen|quan|xa|phuong|thon|xom|lang|ban|ap|buon|phum|soc|khom|khu|to) /;

/** The last step of a path label (the whole label when it has no path). */
export function ownName(label: string): string {
  const i = label.lastIndexOf(PATH_SEPARATOR);
  return i < 0 ? label : label.slice(i + PATH_SEPARATOR.length);
}

/** How well a label matches the query, or null when it does not match; an empty query matches all at rank 0. */
export function optionRank(label: string, query: string): OptionRank | null {
  const q = foldVietnamese(query);
  if (q === '') return 0;
  const own = foldVietnamese(ownName(label));
  const bare = own.replace(KIND_WORD, '');
  if (own === q || bare === q) return 0;
  if (own.startsWith(q) || bare.startsWith(q)) return 1;
  if (matchesQuery(own, q)) return 2;
  if (matchesQuery(label, q)) return 3;
  return null;
}

/** The matching items, best rank first, the caller's order kept within a rank. */
export function rankByQuery<T>(items: readonly T[], query: string, label: (item: T) => string): T[] {
  const ranked: { item: T; rank: OptionRank; at: number }[] = [];
  items.forEach((item, at) => {
    const rank = optionRank(label(item), query);
    if (rank !== null) ranked.push({ item, rank, at });
  });
  return ranked.sort((a, b) => a.rank - b.rank || a.at - b.at).map((r) => r.item);
}
