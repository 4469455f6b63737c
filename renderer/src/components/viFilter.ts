import type { ComboboxItem, OptionsFilter } from '@mantine/core';
import { matchesQuery } from '../../../shared/lib/text';

/** Select/Autocomplete filter that ignores diacritics and case ("ha noi" finds "Hà Nội"). */
export const viOptionsFilter: OptionsFilter = ({ options, search }) =>
  (options as ComboboxItem[]).filter((o) => matchesQuery(o.label, search));
