/**
 * The organisation picker of every form that chooses an agency, enterprise or school (issue 16:
 * no list sends more than a screen plus a page). It never loads the registry (8,000 organisations,
 * 7,8 MB at a province): it asks the backend for what the person typed (organizations.choices, at
 * most 50, diacritics ignored, debounced) and for its current value by id (organizations.choicesByIds),
 * so the chosen name shows wherever it is in the order.
 *
 * Keyboard as on SearchSelect: typing highlights the first match, arrows move, Enter or Tab takes
 * the highlighted one (neither submits the form), Escape closes.
 */
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { CloseButton, Combobox, InputBase, Loader, Text, useCombobox } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { ORG_CHOICES_MAX, type OrgChoiceDto } from '../../../shared/ipc/contracts/organizations.contract';
import { call } from '../api/client';
import { ORG_PICKER } from './texts';

export interface OrgPickerProps {
  label: string;
  value: string | null;
  onChange: (id: string | null) => void;
  /** The unit whose organisations are offered (with the units below it unless `unitOnly`); null: the whole office. */
  unitId: string | null;
  unitOnly?: boolean;
  /** Appended to the name of an organisation that has ended (e.g. " (đã kết thúc)"). */
  endedMark?: string;
  /** Shown for the current value until its own choice arrives (e.g. the name stored with the record). */
  knownLabel?: string | undefined;
  /** Shown when the unit has no organisation at all (nothing typed). */
  emptyMessage?: string;
  description?: string | undefined;
  error?: string | undefined;
  withAsterisk?: boolean;
  disabled?: boolean;
  clearable?: boolean;
}

const DEBOUNCE_MS = 250;

/** The choices for what was typed (`debounced`) while the dropdown is open; only the latest answer is kept. */
function useOrgChoices(opened: boolean, debounced: string, unitId: string | null, unitOnly: boolean) {
  const [rows, setRows] = useState<readonly OrgChoiceDto[] | null>(null);
  const [more, setMore] = useState(false);
  const [loading, setLoading] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const asked = useRef(0);
  useEffect(() => {
    if (!opened) return;
    const ask = ++asked.current;
    setLoading(true);
    setFailure(null);
    call('organizations.choices', { unitId, unitOnly, search: debounced, limit: ORG_CHOICES_MAX }).then(
      (r) => {
        if (ask !== asked.current) return;
        setRows(r.rows);
        setMore(r.more);
        setLoading(false);
      },
      (err: unknown) => {
        if (ask !== asked.current) return;
        setFailure(err instanceof Error ? err.message : String(err));
        setLoading(false);
      },
    );
  }, [opened, debounced, unitId, unitOnly]);

  return { rows, more, loading, failure };
}

/** The current value's own choice (name, unit, ended), fetched by id when no answer holds it. */
function useCurrentChoice(value: string | null, rows: readonly OrgChoiceDto[] | null) {
  const [current, setCurrent] = useState<OrgChoiceDto | null>(null);
  useEffect(() => {
    if (value === null) {
      setCurrent(null);
      return;
    }
    if (current?.id === value) return;
    const seen = rows?.find((r) => r.id === value);
    if (seen) {
      setCurrent(seen);
      return;
    }
    let live = true;
    call('organizations.choicesByIds', { ids: [value] }).then(
      (found) => {
        if (live) setCurrent(found[0] ?? null);
      },
      () => undefined, // the known label stays; the picker still works
    );
    return () => {
      live = false;
    };
    // `rows` only short-cuts the fetch; a new answer must not refetch.
  }, [value, current?.id]);

  return [current, setCurrent] as const;
}

/** The dropdown: one option per choice (name, then its unit), or why there is none. */
function OrgDropdown({
  rows,
  nameOf,
  emptyText,
  more,
}: {
  rows: readonly OrgChoiceDto[];
  nameOf: (c: OrgChoiceDto) => string;
  emptyText: string;
  more: boolean;
}) {
  return (
    <Combobox.Dropdown>
      <Combobox.Options mah={320} style={{ overflowY: 'auto' }}>
        {rows.length === 0 && <Combobox.Empty>{emptyText}</Combobox.Empty>}
        {rows.map((r) => (
          <Combobox.Option value={r.id} key={r.id}>
            <Text size="sm">{nameOf(r)}</Text>
            {r.unitName !== '' && (
              // Not "dimmed": the highlighted option is white on the primary colour.
              <Text size="xs" opacity={0.75}>
                {r.unitName}
              </Text>
            )}
          </Combobox.Option>
        ))}
      </Combobox.Options>
      {more && rows.length > 0 && (
        <Combobox.Footer>
          <Text size="xs" c="dimmed">
            {ORG_PICKER.more(ORG_CHOICES_MAX)}
          </Text>
        </Combobox.Footer>
      )}
    </Combobox.Dropdown>
  );
}

export function OrgPicker({
  label,
  value,
  onChange,
  unitId,
  unitOnly = false,
  endedMark = '',
  knownLabel,
  emptyMessage,
  description,
  error,
  withAsterisk,
  disabled,
  clearable,
}: OrgPickerProps) {
  const combobox = useCombobox({
    onDropdownClose: () => {
      combobox.resetSelectedOption();
      setSearch('');
    },
  });
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search, DEBOUNCE_MS);
  const opened = combobox.dropdownOpened;
  const { rows, more, loading, failure } = useOrgChoices(opened, debounced, unitId, unitOnly);
  const [current, setCurrent] = useCurrentChoice(value, rows);

  // A new answer highlights its first choice (Enter or Tab takes it), as SearchSelect does.
  useEffect(() => {
    if (opened && rows && rows.length > 0 && search.trim() !== '') combobox.selectFirstOption();
  }, [rows]); // only when an answer arrives

  const nameOf = (c: OrgChoiceDto) => (c.validTo ? `${c.name}${endedMark}` : c.name);
  const shown = value === null ? '' : current?.id === value ? nameOf(current) : (knownLabel ?? '');
  const waiting = loading || search !== debounced;

  const choose = (id: string) => {
    const picked = rows?.find((r) => r.id === id) ?? null;
    if (picked) setCurrent(picked);
    if (id !== value) onChange(id);
    combobox.closeDropdown();
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    // Enter never submits the form around the picker (Mantine clicks the highlighted option itself).
    if (e.key === 'Enter' && opened) e.preventDefault();
    if (e.key === 'Tab' && !e.shiftKey && opened) {
      const list = combobox.listId ? document.getElementById(combobox.listId) : null;
      const option = list?.querySelector<HTMLElement>('[data-combobox-selected]');
      option?.click();
    }
  };

  const emptyText = failure
    ? ORG_PICKER.failed(failure)
    : rows === null || waiting
      ? ORG_PICKER.searching
      : debounced.trim() === '' && emptyMessage
        ? emptyMessage
        : ORG_PICKER.nothingFound;

  const clear =
    clearable && value !== null && !disabled ? (
      <CloseButton
        size="sm"
        aria-label={ORG_PICKER.clear}
        onMouseDown={(e) => e.preventDefault()}
        onClick={() => {
          setCurrent(null);
          onChange(null);
        }}
      />
    ) : null;

  return (
    <Combobox store={combobox} onOptionSubmit={choose} withinPortal>
      <Combobox.Target withExpandedAttribute>
        <InputBase
          label={label}
          description={description}
          error={error}
          withAsterisk={withAsterisk ?? false}
          disabled={disabled ?? false}
          value={opened ? search : shown}
          {...(opened ? { placeholder: ORG_PICKER.typeToSearch } : {})}
          rightSection={opened && waiting ? <Loader size="xs" /> : (clear ?? <Combobox.Chevron />)}
          rightSectionPointerEvents={clear ? 'all' : 'none'}
          onChange={(e) => {
            setSearch(e.currentTarget.value);
            combobox.openDropdown();
            combobox.resetSelectedOption();
          }}
          onClick={() => combobox.openDropdown()}
          onFocus={() => combobox.openDropdown()}
          onBlur={() => combobox.closeDropdown()}
          onKeyDown={onKeyDown}
          autoComplete="off"
        />
      </Combobox.Target>
      <OrgDropdown rows={rows ?? []} nameOf={nameOf} emptyText={emptyText} more={more} />
    </Combobox>
  );
}
