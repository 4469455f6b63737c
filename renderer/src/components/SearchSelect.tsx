import type { KeyboardEvent } from 'react';
import { Select, type SelectProps } from '@mantine/core';
import { viOptionsFilter } from './viFilter';

/**
 * Enter and Tab choose the highlighted option; neither submits the form around the picker.
 * Mantine already clicks the highlighted option on Enter (after this handler) but lets an Enter with
 * nothing highlighted reach the form, and does nothing on Tab. The option list is found through the
 * input's aria-controls while the dropdown is open; the option that is already the value is not
 * clicked again (that would clear it).
 */
function chooseOnKey(e: KeyboardEvent<HTMLInputElement>): void {
  if (e.key === 'Enter') {
    e.preventDefault();
    return;
  }
  if (e.key !== 'Tab' || e.shiftKey) return;
  const listId = e.currentTarget.getAttribute('aria-controls');
  const list = listId ? document.getElementById(listId) : null;
  const option = list?.querySelector<HTMLElement>('[data-combobox-selected]:not([data-checked])');
  option?.click();
}

/**
 * A choice the person can type into: options match without diacritics ("gia hoa" finds "Xã Gia
 * Hòa"), a unit's own name before its parent's; typing highlights the first match, which Enter or
 * Tab takes. Everything else (clearable, width, …) is the caller's, as on Mantine's Select.
 */
export function SearchSelect({ onKeyDown, ...props }: SelectProps) {
  return (
    <Select
      searchable
      filter={viOptionsFilter}
      selectFirstOptionOnChange
      {...props}
      onKeyDown={(e) => {
        chooseOnKey(e);
        onKeyDown?.(e);
      }}
    />
  );
}
