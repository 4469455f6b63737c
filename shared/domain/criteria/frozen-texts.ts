/**
 * How a frozen year stores each criterion's text once (issue 16): every frozen result repeats the
 * clause, title, description and threshold of every criterion of its rule sets, and most of the
 * sentences the engine writes, the same for many subjects of the year (about 15 KB a subject).
 * Stored, a frozen row's content has those strings replaced by
 * a reference `{"$t": n}` into the freeze's list of texts (evaluation_freezes.rule_texts); read, the
 * references are put back and the content is, character for character, the JSON the freeze sealed
 * (JSON.stringify of JSON.parse of such a text is the text itself), so the row's MAC and the
 * result's own hash verify unchanged.
 *
 * A reference that does not resolve (texts damaged or removed outside the app) is left in place:
 * the restored content then differs from what was sealed and the row is "không xác định".
 */

/**
 * The texts of each criterion: the rule set's own (clause, title, description, threshold), the same
 * for every subject, and the sentences the engine writes (value, explanation, what is missing),
 * which repeat across the subjects of a year with the same situation ("Thiếu dữ liệu: …").
 */
const TEXT_FIELDS = ['clause', 'title', 'description', 'threshold', 'value', 'explanation'] as const;
const TEXT_LISTS = ['missing'] as const;

/** Shorter texts are kept inline: a reference would not be smaller. */
const MIN_LENGTH = 16;

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The texts of one freeze, each once, numbered in the order they were first met. */
export class RuleTextList {
  private readonly ids = new Map<string, number>();
  readonly texts: string[] = [];

  constructor(texts: readonly string[] = []) {
    for (const t of texts) this.idOf(t);
  }

  idOf(text: string): number {
    let id = this.ids.get(text);
    if (id === undefined) {
      id = this.texts.length;
      this.texts.push(text);
      this.ids.set(text, id);
    }
    return id;
  }
}

function rulesOf(frozen: unknown): unknown[] | null {
  if (!isObject(frozen) || !isObject(frozen['result'])) return null;
  const rules = frozen['result']['rules'];
  return Array.isArray(rules) ? rules : null;
}

/** The criteria of a result with their texts as references into `list` (in order: the list numbers texts as first met). */
function compactRules(rules: readonly unknown[], list: RuleTextList): unknown[] {
  return rules.map((rule) => {
    if (!isObject(rule)) return rule;
    const out: Json = { ...rule };
    const ref = (v: unknown) => (typeof v === 'string' && v.length >= MIN_LENGTH ? { $t: list.idOf(v) } : v);
    for (const f of TEXT_FIELDS) if (f in rule) out[f] = ref(rule[f]);
    for (const f of TEXT_LISTS) {
      const v = rule[f];
      if (Array.isArray(v)) out[f] = v.map(ref);
    }
    return out;
  });
}

/** The stored form of a frozen result (the object the freeze stringified): its criteria's texts as references into `list`. */
export function compactFrozen(frozen: unknown, list: RuleTextList): string {
  const rules = rulesOf(frozen);
  if (!rules) return JSON.stringify(frozen);
  const f = frozen as Json;
  return JSON.stringify({ ...f, result: { ...(f['result'] as Json), rules: compactRules(rules, list) } });
}

/** The `result` member of the stored form, from the result as the freeze copied it (parsed from its canonical JSON). */
export function compactResultJson(result: Json, list: RuleTextList): string {
  const rules = result['rules'];
  return JSON.stringify(Array.isArray(rules) ? { ...result, rules: compactRules(rules, list) } : result);
}

/** The content as it was sealed, from its stored form and the freeze's texts (null: stored whole). */
export function expandFrozen(stored: string, texts: readonly string[] | null): string {
  if (texts === null || !stored.includes('"$t":')) return stored;
  let parsed: unknown;
  try {
    parsed = JSON.parse(stored);
  } catch {
    return stored;
  }
  const rules = rulesOf(parsed);
  if (!rules) return stored;
  const text = (v: unknown): unknown => {
    if (!isObject(v)) return v;
    const id = v['$t'];
    return Object.keys(v).length === 1 && typeof id === 'number' && Number.isInteger(id) && id >= 0 && id < texts.length ? texts[id] : v;
  };
  for (const rule of rules) {
    if (!isObject(rule)) continue;
    for (const f of TEXT_FIELDS) if (f in rule) rule[f] = text(rule[f]);
    for (const f of TEXT_LISTS) {
      const v = rule[f];
      if (Array.isArray(v)) rule[f] = v.map(text);
    }
  }
  return JSON.stringify(parsed);
}

/** The freeze's texts as stored (a JSON array of strings), or null when there are none or they are damaged. */
export function parseRuleTexts(stored: string | null): string[] | null {
  if (stored === null) return null;
  try {
    const v = JSON.parse(stored) as unknown;
    return Array.isArray(v) && v.every((t) => typeof t === 'string') ? v : null;
  } catch {
    return null;
  }
}
