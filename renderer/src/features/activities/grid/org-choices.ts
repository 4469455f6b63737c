/**
 * The grid's organisation column (issue 16: no list sends more than a screen plus a page): it never
 * loads the registry (8,000 organisations, 7.8 MB at a province). What the person types is asked of
 * the backend (organizations.choices: at most 50, every folded word in the name or tax code, as the
 * shared OrgPicker asks), and the answers are kept, so the cell's type-ahead, the reading of a typed
 * or pasted name and the check before saving match against what was answered.
 *
 * Same keyboard flow as the other choice cells: `search` and `resolve` answer at once from what is
 * known (the type-ahead list fills in when the answer arrives: `subscribe`), and a save first waits
 * for the answers of the texts still unknown (`ensure`), so a name typed and left before its answer
 * came is read as it would have been.
 *
 * Labels are "name (unit)": organisations of one name are many in a province ("Trường Tiểu học …" in
 * every commune), and a label must name one organisation whatever else is answered later. The name
 * alone is a key, so typing the exact name of an organisation finds it.
 */
import { ORG_CHOICES_MAX, type OrgChoiceDto } from '../../../../../shared/ipc/contracts/organizations.contract';
import { foldVietnamese } from '../../../../../shared/lib/text';
import { ChoiceIndex, type Choice } from '../../../../../shared/lib/tsv';

/** Asks the backend: organizations.choices for a typed text (injected, so a test can watch every call). */
export type AskChoices = (search: string) => Promise<{ rows: readonly OrgChoiceDto[]; more: boolean }>;

/** How long the type-ahead waits for the typing to pause before asking (as OrgPicker's debounce). */
const TYPING_PAUSE_MS = 200;

export function orgChoiceOf(o: OrgChoiceDto): Choice {
  return { value: o.id, label: o.unitName === '' ? o.name : `${o.name} (${o.unitName})`, keys: [o.name, o.unitName] };
}

/**
 * A choice list asked of the backend as the person types (organisations, mediation teams): the
 * answers so far, held in `order` (the whole list's order, so ties rank as they did there) or in the
 * order they came.
 */
export class RemoteChoices<R extends { id: string }> {
  private readonly known = new Map<string, { row: R; choice: Choice }>();
  private index = new ChoiceIndex([]);
  /** Folded texts asked (or being asked) → the answer's promise. */
  private readonly asked = new Map<string, Promise<void>>();
  private readonly listeners = new Set<() => void>();
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly ask: (search: string) => Promise<{ rows: readonly R[]; more: boolean }>,
    private readonly choiceOf: (row: R) => Choice,
    private readonly onError: (message: string) => void = () => undefined,
    private readonly order: ((a: R, b: R) => number) | null = null,
  ) {}

  /** The type-ahead: matches among the answers so far; asks for `query` once the typing pauses. */
  search(query: string, limit = 8): Choice[] {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.request(query);
    }, TYPING_PAUSE_MS);
    return this.index.search(query, limit);
  }

  /** The choice a typed text stands for among the answers so far (asks for it when none matches). */
  resolve(text: string): Choice | null {
    const found = this.index.resolve(text);
    if (found === null) void this.request(text);
    return found;
  }

  /** Waits for the answers of these texts (those not asked yet are asked now, together). */
  async ensure(texts: Iterable<string>): Promise<void> {
    const waits: Promise<void>[] = [];
    for (const t of new Set(texts)) {
      if (foldVietnamese(t) === '' || this.index.resolve(t) !== null) continue;
      waits.push(this.request(t));
    }
    await Promise.all(waits);
  }

  /** Called when an answer adds choices (the type-ahead list is shown again); returns the unsubscribe. */
  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** How many choices the grid holds: only what was answered, never the registry. */
  get size(): number {
    return this.known.size;
  }

  private request(text: string): Promise<void> {
    const key = foldVietnamese(text);
    if (key === '') return Promise.resolve();
    const pending = this.asked.get(key);
    if (pending) return pending;
    const p = this.ask(text.trim().slice(0, 200)).then(
      (r) => this.add(r.rows),
      (err: unknown) => {
        this.asked.delete(key); // asked again next time
        this.onError(err instanceof Error ? err.message : String(err));
      },
    );
    this.asked.set(key, p);
    return p;
  }

  private add(rows: readonly R[]): void {
    let added = false;
    for (const row of rows) {
      if (this.known.has(row.id)) continue;
      this.known.set(row.id, { row, choice: this.choiceOf(row) });
      added = true;
    }
    if (!added) return;
    const held = [...this.known.values()];
    const order = this.order;
    if (order) held.sort((a, b) => order(a.row, b.row));
    this.index = new ChoiceIndex(held.map((h) => h.choice));
    for (const l of this.listeners) l();
  }
}

/** The organisation column's lookup (organizations.choices). */
export class RemoteOrgChoices extends RemoteChoices<OrgChoiceDto> {
  constructor(ask: AskChoices, onError: (message: string) => void = () => undefined) {
    super(ask, orgChoiceOf, onError);
  }

  /** The limit of one answer (the backend's page of choices). */
  static readonly PAGE = ORG_CHOICES_MAX;
}
