/**
 * The pickers of every form that chooses an agency, enterprise or school, or a mass organisation such
 * as a mediation team (issue 16: no list sends more than a screen plus a page). They never load the
 * registry (8,000 organisations, 7,8 MB; 10,546 mass organisations, 2,7 MB at a province): they ask
 * the backend for what the person typed (at most 50, diacritics ignored, debounced) and for the
 * current value by id, so the chosen name shows wherever it is in the order. One `ChoicePicker`
 * behind both, each with its own source of choices (`OrgPicker`, `MassOrgPicker`).
 *
 * Keyboard as on SearchSelect: typing highlights the first match, arrows move, Enter or Tab takes
 * the highlighted one (neither submits the form), Escape closes.
 */
import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { CloseButton, Combobox, InputBase, Loader, Text, useCombobox } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { ORG_CHOICES_MAX } from '../../../shared/ipc/contracts/organizations.contract';
import { MASS_ORG_CHOICES_MAX } from '../../../shared/ipc/contracts/mass-orgs.contract';
import { call } from '../api/client';
import { ORG_PICKER } from './texts';

/** One choice as the picker shows it: the name, and its unit under it. */
export interface PickerChoice {
  id: string;
  name: string;
  unitName: string | null;
  validTo: string | null;
}

/** Where a picker's choices come from: what was typed, and one choice by id. */
export interface ChoiceSource {
  ask: (search: string) => Promise<{ rows: readonly PickerChoice[]; more: boolean }>;
  byId: (id: string) => Promise<PickerChoice | null>;
  /** The most choices one answer holds. */
  max: number;
}

interface PickerProps {
  label: string;
  value: string | null;
  onChange: (id: string | null) => void;
  /** Appended to the name of an organisation that has ended (e.g. " (đã kết thúc)"). */
  endedMark?: string;
  /** Shown for the current value until its own choice arrives (e.g. the name stored with the record). */
  knownLabel?: string | undefined;
  /** Shown when there is no choice at all (nothing typed). */
  emptyMessage?: string;
  description?: string | undefined;
  error?: string | undefined;
  withAsterisk?: boolean;
  disabled?: boolean;
  clearable?: boolean;
}

export interface OrgPickerProps extends PickerProps {
  /** The unit whose organisations are offered (with the units below it unless `unitOnly`); null: the whole office. */
  unitId: string | null;
  unitOnly?: boolean;
}

/** The agencies, enterprises and schools of a unit (and the units below it unless `unitOnly`). */
export function OrgPicker({ unitId, unitOnly = false, ...props }: OrgPickerProps) {
  const source = useMemo<ChoiceSource>(
    () => ({
      ask: (search) => call('organizations.choices', { unitId, unitOnly, search, limit: ORG_CHOICES_MAX }),
      byId: async (id) => (await call('organizations.choicesByIds', { ids: [id] }))[0] ?? null,
      max: ORG_CHOICES_MAX,
    }),
    [unitId, unitOnly],
  );
  return <ChoicePicker {...props} source={source} />;
}

export interface MassOrgPickerProps extends PickerProps {
  kindId: string;
  /** A record's unit: the organisations of that unit, the units above and below it; null: the whole office. */
  nearUnitId: string | null;
}

/** The mass organisations of a kind (a mediation team of a record, say) near a unit. */
export function MassOrgPicker({ kindId, nearUnitId, ...props }: MassOrgPickerProps) {
  const source = useMemo<ChoiceSource>(
    () => ({
      ask: (search) => call('massOrgs.choices', { kindId, nearUnitId, search, limit: MASS_ORG_CHOICES_MAX }),
      byId: async (id) => (await call('massOrgs.choicesByIds', { ids: [id] }))[0] ?? null,
      max: MASS_ORG_CHOICES_MAX,
    }),
    [kindId, nearUnitId],
  );
  return <ChoicePicker {...props} source={source} />;
}

const DEBOUNCE_MS = 250;

/** The choices for what was typed (`debounced`) while the dropdown is open; only the latest answer is kept. */
function useChoices(opened: boolean, debounced: string, source: ChoiceSource) {
  const [rows, setRows] = useState<readonly PickerChoice[] | null>(null);
  const [more, setMore] = useState(false);
  const [loading, setLoading] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const asked = useRef(0);
  useEffect(() => {
    if (!opened) return;
    const ask = ++asked.current;
    setLoading(true);
    setFailure(null);
    source.ask(debounced).then(
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
  }, [opened, debounced, source]);

  return { rows, more, loading, failure };
}

/** The current value's own choice (name, unit, ended), fetched by id when no answer holds it. */
function useCurrentChoice(value: string | null, rows: readonly PickerChoice[] | null, source: ChoiceSource) {
  const [current, setCurrent] = useState<PickerChoice | null>(null);
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
    source.byId(value).then(
      (found) => {
        if (live) setCurrent(found);
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
  max,
}: {
  rows: readonly PickerChoice[];
  nameOf: (c: PickerChoice) => string;
  emptyText: string;
  more: boolean;
  max: number;
}) {
  return (
    <Combobox.Dropdown>
      <Combobox.Options mah={320} style={{ overflowY: 'auto' }}>
        {rows.length === 0 && <Combobox.Empty>{emptyText}</Combobox.Empty>}
        {rows.map((r) => (
          <Combobox.Option value={r.id} key={r.id}>
            <Text size="sm">{nameOf(r)}</Text>
            {r.unitName !== null && r.unitName !== '' && (
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
            {ORG_PICKER.more(max)}
          </Text>
        </Combobox.Footer>
      )}
    </Combobox.Dropdown>
  );
}

function ChoicePicker({
  label,
  value,
  onChange,
  source,
  endedMark = '',
  knownLabel,
  emptyMessage,
  description,
  error,
  withAsterisk,
  disabled,
  clearable,
}: PickerProps & { source: ChoiceSource }) {
  const combobox = useCombobox({
    onDropdownClose: () => {
      combobox.resetSelectedOption();
      setSearch('');
    },
  });
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search, DEBOUNCE_MS);
  const opened = combobox.dropdownOpened;
  const { rows, more, loading, failure } = useChoices(opened, debounced, source);
  const [current, setCurrent] = useCurrentChoice(value, rows, source);

  // A new answer highlights its first choice (Enter or Tab takes it), as SearchSelect does.
  useEffect(() => {
    if (opened && rows && rows.length > 0 && search.trim() !== '') combobox.selectFirstOption();
  }, [rows]); // only when an answer arrives

  const nameOf = (c: PickerChoice) => (c.validTo ? `${c.name}${endedMark}` : c.name);
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
      <OrgDropdown rows={rows ?? []} nameOf={nameOf} emptyText={emptyText} more={more} max={source.max} />
    </Combobox>
  );
}
