import type { ComboboxItem, OptionsFilter } from '@mantine/core';
import { rankByQuery } from '../../../shared/lib/option-rank';

/**
 * Select/Autocomplete filter that ignores diacritics and case ("ha noi" finds "Hà Nội") and puts a
 * unit whose own name matches before the units under a parent of that name (shared/lib/option-rank.ts).
 */
export const viOptionsFilter: OptionsFilter = ({ options, search }) => rankByQuery(options as ComboboxItem[], search, (o) => o.label);
