/**
 * The grid's columns: one per grid field of the kind (layout.ts), with the kind of cell it is
 * (date, choice, count, yes/no, year, text), whether a new row carries it down from the row above,
 * its width, and the list a choice cell picks from.
 */
import type { ActivityKind, FieldSpec } from '../../../../../shared/domain/activities';
import { ChoiceIndex, type Choice } from '../../../../../shared/lib/tsv';
import { gridFields, layoutOf } from '../layout';

export type CellKind = 'date' | 'choice' | 'count' | 'bool' | 'year' | 'text';

export interface GridColumn {
  key: string;
  label: string;
  kind: CellKind;
  carry: boolean;
  required: boolean;
  total: boolean;
  /**
   * Width in px. Text columns (flex) take the room left over and never get narrower than this;
   * the others have exactly this width, so a propaganda grid fits 1366 px without side scrolling.
   */
  width: number;
  flex: boolean;
  /** The list a choice cell picks from (units, enum values, teams, organisations). */
  choices: ChoiceLookup | null;
}

/**
 * What a choice cell matches against: a list held whole (ChoiceIndex: units, enum values) or one
 * asked of the backend as the person types (teams, organisations: org-choices.ts), which also tells
 * when its answers grow and lets a save wait for the texts it has not answered yet.
 */
export interface ChoiceLookup {
  search(query: string, limit?: number): Choice[];
  resolve(text: string): Choice | null;
  subscribe?(listener: () => void): () => void;
  ensure?(texts: Iterable<string>): Promise<void>;
}

/** Choices of the cells that refer to other records, by field type (a list, or a lookup that asks). */
export interface GridLookups {
  unit: readonly Choice[];
  team: readonly Choice[] | ChoiceLookup;
  org: readonly Choice[] | ChoiceLookup;
}

/** A list is folded once per list (an answer of the organisations does not fold the units again). */
const indexes = new WeakMap<readonly Choice[], ChoiceIndex>();
function lookupOf(choices: readonly Choice[] | ChoiceLookup): ChoiceLookup {
  if (!Array.isArray(choices)) return choices as ChoiceLookup;
  const list = choices as readonly Choice[];
  let index = indexes.get(list);
  if (!index) indexes.set(list, (index = new ChoiceIndex(list)));
  return index;
}

function cellKindOf(f: FieldSpec): CellKind {
  switch (f.type) {
    case 'date':
      return 'date';
    case 'unit':
    case 'org':
    case 'team':
    case 'enum':
      return 'choice';
    case 'int':
    case 'money':
      return 'count';
    case 'bool':
      return 'bool';
    case 'year':
      return 'year';
    default:
      return 'text';
  }
}

/** The grid's columns: the kind's grid fields (layout.ts), in the field list's order. */
export function gridColumns(kind: ActivityKind, lookups: GridLookups): GridColumn[] {
  return gridFields(kind).map((f) => {
    const cellKind = cellKindOf(f);
    let choices: ChoiceLookup | null = null;
    if (f.type === 'enum') {
      choices = new ChoiceIndex(
        Object.entries(f.options ?? {}).map(([value, label]) => ({ value, label, keys: [value.replace(/_/g, ' ')] })),
      );
    } else if (f.type === 'unit' || f.type === 'team' || f.type === 'org') {
      choices = lookupOf(lookups[f.type]);
    }
    return {
      key: f.key,
      label: f.label,
      kind: cellKind,
      carry: f.carry === true,
      required: f.required === true,
      total: f.total === true,
      width: gridWidth(f, cellKind, layoutOf(kind, f.key).width),
      flex: cellKind === 'text',
      choices,
    };
  });
}

/** The list's widths (layout.ts) suit the list; the grid is denser (headers wrap, counts are short). */
function gridWidth(f: FieldSpec, kind: CellKind, listWidth: number | undefined): number {
  switch (kind) {
    case 'date':
      return 108;
    case 'year':
      return 80;
    case 'count':
      return f.type === 'money' ? 120 : 76;
    case 'bool':
      return 84;
    case 'choice':
      return f.type === 'unit' ? 170 : Math.min(Math.max(listWidth ?? 160, 110), 260);
    default:
      return Math.min(Math.max(Math.round((listWidth ?? 160) * 0.75), 110), 200);
  }
}
