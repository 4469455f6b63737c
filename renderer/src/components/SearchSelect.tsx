import { Select, type SelectProps } from '@mantine/core';
import { viOptionsFilter } from './viFilter';

/**
 * A choice the person can type into: options match without diacritics ("gia hoa" finds "Xã Gia
 * Hòa"). Everything else (clearable, width, …) is the caller's, as on Mantine's Select.
 */
export function SearchSelect(props: SelectProps) {
  return <Select searchable filter={viOptionsFilter} {...props} />;
}
