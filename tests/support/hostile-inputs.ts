/**
 * Generated bad inputs for every contract method (issue 10 item 11 and `npm run fuzz`). From each
 * method's zod input schema it builds a plausible valid input, then, deterministically, variants
 * with one thing wrong: a field of the wrong type, missing, null, too long, holding control
 * characters, a right-to-left override or a lone surrogate; numbers negative, huge, fractional,
 * NaN or infinite; dates that do not exist or are written the wrong way; extra keys, __proto__ and
 * constructor keys; and wrong shapes for the whole input. Each variant says whether it must be
 * refused whatever the data: text-safety and prototype-key variants always; the others when the
 * field's own schema refuses the value in isolation.
 */
import type { z } from 'zod';

type Path = (string | number)[];
type Schema = z.ZodType;
interface Def {
  type: string;
  shape?: Record<string, Schema>;
  innerType?: Schema;
  element?: Schema;
  options?: Schema[];
  in?: Schema;
  values?: unknown[];
  entries?: Record<string, unknown>;
  catchall?: Schema;
  keyType?: Schema;
  valueType?: Schema;
  getter?: () => Schema;
  defaultValue?: unknown;
}

function defOf(s: Schema): Def {
  return (s as unknown as { _zod: { def: Def } })._zod.def;
}

function bag(s: Schema): { minimum?: number; maximum?: number; format?: string } {
  return (s as unknown as { _zod: { bag?: { minimum?: number; maximum?: number; format?: string } } })._zod.bag ?? {};
}

const UUID = '00000000-0000-4000-8000-000000000000';
const DATE_KEYS = /(On|Date|^date|^from$|^to$|^validFrom$|^validTo$|^on$)/;

/** A plausible valid value for the schema (best effort: refinements cannot be seen). */
export function sample(s: Schema, key = '', depth = 0): unknown {
  const d = defOf(s);
  if (depth > 8) return undefined;
  switch (d.type) {
    case 'object':
      return Object.fromEntries(
        Object.entries(d.shape ?? {})
          .map(([k, v]) => [k, sample(v, k, depth + 1)])
          .filter(([, v]) => v !== undefined),
      );
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'readonly':
    case 'catch':
    case 'nonoptional':
      return sample(d.innerType!, key, depth + 1);
    case 'array': {
      const min = bag(s).minimum ?? 0;
      return Array.from({ length: Math.max(1, min) }, () => sample(d.element!, key, depth + 1));
    }
    case 'union':
      return sample(d.options![0]!, key, depth + 1);
    case 'pipe':
      return sample(d.in!, key, depth + 1);
    case 'lazy':
      return sample(d.getter!(), key, depth + 1);
    case 'enum':
      return Object.values(d.entries ?? {})[0];
    case 'literal':
      return d.values?.[0];
    case 'boolean':
      return false;
    case 'number': {
      const b = bag(s);
      if (/year/i.test(key)) return 2024;
      return typeof b.minimum === 'number' && Number.isFinite(b.minimum) && b.minimum > 0 ? b.minimum : 1;
    }
    case 'string': {
      if (/(^id$|Id$)/.test(key)) return UUID;
      if (DATE_KEYS.test(key)) return '2025-01-01';
      if (key === 'fileBase64' || key === 'base64') return 'UEsDBA==';
      const min = bag(s).minimum ?? 0;
      return 'Thôn Đông Xuyên'.padEnd(Math.max(min, 1), 'x').slice(0, Math.max(min, Math.min(bag(s).maximum ?? 200, 15)));
    }
    case 'record':
      return {};
    default:
      return undefined;
  }
}

export interface Variant {
  /** Short description: "<path>: <what>". */
  what: string;
  input: unknown;
  /** True when no data in the database can make this input acceptable. */
  mustRefuse: boolean;
}

interface Leaf {
  path: Path;
  schema: Schema;
}

const WRAPPERS = new Set(['optional', 'nullable', 'default', 'prefault', 'readonly', 'catch', 'nonoptional', 'pipe']);

/**
 * Every field reachable by keys and first array items, once per path, with the outermost schema
 * at that path (its optional/nullable decides what is valid there).
 */
function leaves(s: Schema, path: Path = [], out: Leaf[] = [], depth = 0, wrapped = false): Leaf[] {
  const d = defOf(s);
  if (depth > 8) return out;
  if (path.length > 0 && !wrapped) out.push({ path, schema: s });
  if (WRAPPERS.has(d.type)) return leaves(d.innerType ?? d.in!, path, out, depth + 1, true);
  if (d.type === 'object') for (const [k, v] of Object.entries(d.shape ?? {})) leaves(v, [...path, k], out, depth + 1);
  if (d.type === 'array') leaves(d.element!, [...path, 0], out, depth + 1);
  return out;
}

function setAt(root: unknown, path: Path, value: unknown, remove = false): unknown {
  const copy = structuredClone(root) as Record<string | number, unknown>;
  let cur: Record<string | number, unknown> = copy;
  for (let i = 0; i < path.length - 1; i++) {
    const next = cur[path[i]!];
    if (next === null || typeof next !== 'object') return copy;
    cur = next as Record<string | number, unknown>;
  }
  const last = path[path.length - 1]!;
  if (remove) delete cur[last];
  else cur[last] = value;
  return copy;
}

const RLO = '\u202E';
const LONE = '\uD800';
const TEXT_ATTACKS: [string, string][] = [
  ['NUL', 'Thôn\u00001'],
  ['ESC', '\u001b[31mThôn'],
  ['C1 control', 'Thôn\u0085'],
  ['right-to-left override', `Thôn ${RLO}1 nốhT`],
  ['lone high surrogate', `Thôn ${LONE}`],
  ['lone low surrogate', `\uDC00Thôn`],
];

function wrongValues(s: Schema, key: string): [string, unknown][] {
  const maxLen = bag(s).maximum;
  const list: [string, unknown][] = [
    ['missing', undefined],
    ['null', null],
    ['number', 42],
    ['string', 'không phải'],
    ['boolean', true],
    ['array', []],
    ['object', {}],
    ['empty string', ''],
    ['whitespace', '   '],
    ['negative', -1],
    ['huge number', 1e308],
    ['fraction', 1.5],
    ['unsafe integer', 2 ** 60],
    ['NaN', Number.NaN],
    ['Infinity', Number.POSITIVE_INFINITY],
    ['huge string', 'x'.repeat(100_000)],
    ['nonexistent date', '2025-02-30'],
    ['date written dd/MM/yyyy', '30/01/2025'],
    ['date with time', '2025-01-01T00:00:00Z'],
  ];
  if (typeof maxLen === 'number' && maxLen < 1e6) list.push(['one character too long', 'x'.repeat(maxLen + 1)]);
  if (/(^id$|Id$)/.test(key)) list.push(['not a uuid', 'abc'], ['uuid with spaces', ` ${UUID} `]);
  return list;
}

/** The bad variants of one method's input, in a fixed order. */
export function badInputs(schema: Schema): Variant[] {
  const base = sample(schema) ?? {};
  const out: Variant[] = [
    // The dispatch reads a null input as {} (methods without input are called so).
    { what: 'input null', input: null, mustRefuse: !schema.safeParse({}).success },
    { what: 'input a string', input: 'units.list', mustRefuse: true },
    { what: 'input an array', input: [base], mustRefuse: true },
    { what: 'input a number', input: -1, mustRefuse: true },
    {
      what: 'extra key',
      input: { ...base, zzExtra: 1 },
      mustRefuse: !schema.safeParse({ ...base, zzExtra: 1 }).success,
    },
    {
      what: '__proto__ key',
      input: JSON.parse(`{"__proto__":{"polluted":1},${JSON.stringify(base).slice(1)}`.replace(',}', '}')),
      mustRefuse: true,
    },
    { what: 'constructor key', input: { ...base, constructor: { prototype: { polluted: 1 } } }, mustRefuse: true },
    { what: 'nested 100 deep', input: { ...base, deep: JSON.parse('['.repeat(100) + ']'.repeat(100)) as unknown }, mustRefuse: true },
  ];
  for (const leaf of leaves(schema)) {
    const key = String([...leaf.path].reverse().find((p) => typeof p === 'string') ?? '');
    const name = leaf.path.join('.');
    for (const [what, value] of wrongValues(leaf.schema, key)) {
      const input = setAt(base, leaf.path, value, value === undefined);
      const fieldOk = leaf.schema.safeParse(value).success;
      out.push({ what: `${name}: ${what}`, input, mustRefuse: !fieldOk });
    }
    const current = leaf.path.reduce<unknown>((v, p) => (v as Record<string | number, unknown> | undefined)?.[p], base);
    if (typeof current === 'string') {
      for (const [what, text] of TEXT_ATTACKS) {
        out.push({ what: `${name}: ${what}`, input: setAt(base, leaf.path, text), mustRefuse: true });
      }
    }
  }
  return out;
}

/** Words that betray the schema library or JavaScript in a message meant for a person. */
export const TECHNICAL_TERMS =
  /\b(string|int|integer|number|boolean|array|object|undefined|null|NaN|Infinity|bigint|regex|uuid|enum|expected|received|invalid)\b|<=|>=|mong đợi|nhận được|\bkiểu\b/i;
