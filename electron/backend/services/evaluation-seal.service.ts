/**
 * The seal of frozen evaluation years (issue 10 items 5–6). Freezing a year appends an entry to a
 * MAC-chained ledger that names the freeze record (who, when, note, how many subjects) and every
 * frozen row with its keyed MAC; unfreezing appends another. The key is not in the database
 * (`ctx.seal`, a SealKeySource), so editing the file with an SQL tool cannot make a forged row,
 * a deleted freeze or a faked unfreeze look genuine.
 *
 * `yearSeal` reads the ledger and the tables and says, for one year: whether it is locked, the
 * freeze to show, and for each sealed subject either its verified frozen result or why it is not
 * known ("không xác định"), with a Vietnamese message naming each problem. The year's state comes
 * from the ledger, never from the freeze table alone: a deleted freeze record or a faked unfreeze
 * leaves the year locked and says so.
 */
import { AppError } from '../errors';
import type { ServiceContext } from '../context';
import type { Db } from '../repos/units.repo';
import {
  appendLedgerEntry,
  deleteLegacyEntries,
  freezeById,
  hasLegacyEntries,
  ledgerEntries,
  type FreezeRecord,
  type LedgerEntry,
} from '../repos/seal.repo';
import { createHash } from 'node:crypto';
import { freezeRuleTextOf, frozenResultsOf, openFreeze, type FreezeRow, type FrozenRow } from '../repos/evaluation.repo';
import { keyId, ledgerMac, rowMac, sameMac, type Utf8Pieces } from '../seal/mac';
import { NO_SEAL_KEY, type SealKeySource } from '../seal/key-source';
import {
  canonicalJson,
  deriveFrozen,
  frozenVerdicts,
  parseFrozenInputs,
  parseFrozenRules,
  verifyFrozen,
  type FrozenResult,
  type FrozenVerdicts,
  type RuleSet,
} from '../../../shared/domain/criteria';
import { formatDateVi } from '../../../shared/lib/dates';

/** The open freeze whose rows are sealed. */
export type SealedFreeze = FreezeRow;

/** [subject key "type:id", subject name, row MAC] — the MAC is '' for a row that was already broken when adopted. */
type SealedRowRef = [string, string, string];

interface FreezeBody {
  v: 1;
  keyId: string;
  freeze: SealedFreeze;
  rows: SealedRowRef[];
  legacy?: { adoptedAt: string; fnvFailed: string[] };
}

interface UnfreezeBody {
  v: 1;
  keyId: string;
  freezeId: string;
  at: string;
  by: string;
  reason: string;
}

/**
 * A verified frozen row: its verdicts (what the board, the export and the figures read), and its
 * full result on demand — stored whole in form 1, computed again from the sealed inputs in form 2
 * (frozen-v2.ts), where a string says why it cannot be shown as frozen.
 */
export type SealedRowState = { ok: true; verdicts: FrozenVerdicts; frozen: () => FrozenResult | string } | { ok: false; reason: string };

export interface YearSeal {
  year: number;
  /** The year counts as frozen: changes to its subjects are refused. */
  locked: boolean;
  /** The freeze to show (from the sealed ledger when it can be trusted). */
  freeze: SealedFreeze | null;
  /** False when nothing frozen for this year can be verified (key missing, ledger damaged). */
  trusted: boolean;
  /** Per sealed subject ("type:id"): its verified frozen result, or why it is not known. */
  rows: Map<string, SealedRowState>;
  /** Every problem found, in Vietnamese, each naming what was altered. */
  problems: string[];
  /** Informative notes (a year sealed again from the old unkeyed hashes). */
  notes: string[];
}

const keys = (ctx: ServiceContext): SealKeySource => ctx.seal ?? NO_SEAL_KEY;

// ---------------------------------------------------------------------------------------------
// Reading a frozen row

/** Parses a stored frozen row; null when the content is not a frozen result of that subject. */
/** The subject's name in a stored frozen row of either form (for messages); null when unreadable. */
function frozenRowName(row: FrozenRow): string | null {
  return parseFrozenInputs(row.content)?.facts.unitName ?? parseFrozenRow(row)?.result?.unitName ?? null;
}

export function parseFrozenRow(row: FrozenRow): FrozenResult | null {
  try {
    const parsed = JSON.parse(row.content) as FrozenResult;
    if (typeof parsed !== 'object' || parsed === null) return null;
    if (parsed.unitId !== row.subjectId || parsed.result?.overall !== row.overall) return null;
    return parsed;
  } catch {
    return null;
  }
}

function macOfRow(key: Buffer, freezeId: string, year: number, row: FrozenRow, contentUtf8?: Utf8Pieces): string {
  return rowMac(
    key,
    {
      freezeId,
      year,
      subjectType: row.subjectType,
      subjectId: row.subjectId,
      overall: row.overall,
      content: row.content,
    },
    contentUtf8,
  );
}

// ---------------------------------------------------------------------------------------------
// Writing

async function inTransaction<T>(db: Db, body: (trx: Db) => Promise<T>): Promise<T> {
  return db.isTransaction ? body(db) : db.transaction().execute(body);
}

async function append(
  ctx: ServiceContext,
  db: Db,
  key: Buffer,
  e: { year: number; event: 'freeze' | 'unfreeze'; freezeId: string; at: string; body: FreezeBody | UnfreezeBody },
): Promise<void> {
  const all = await ledgerEntries(db);
  const last = all.at(-1);
  const seq = (last?.seq ?? 0) + 1;
  const body = canonicalJson(e.body);
  const mac = ledgerMac(key, { seq, prevMac: last?.mac ?? '', event: e.event, year: e.year, freezeId: e.freezeId, at: e.at, body });
  await appendLedgerEntry(
    db,
    { seq, id: ctx.newId(), year: e.year, event: e.event, freezeId: e.freezeId, at: e.at, body, mac },
    ctx.clock.timestamp(),
  );
}

/** Seals a freeze just written: the record and every row (with the MAC stored as each row's hash). */
export async function sealFreeze(
  ctx: ServiceContext,
  db: Db,
  f: SealedFreeze,
  rows: readonly { key: string; name: string; mac: string }[],
  legacy?: FreezeBody['legacy'],
): Promise<void> {
  const key = keys(ctx).readOrCreate();
  const body: FreezeBody = {
    v: 1,
    keyId: keyId(key),
    freeze: { id: f.id, year: f.year, at: f.at, by: f.by, note: f.note, subjects: f.subjects },
    rows: rows.map((r): SealedRowRef => [r.key, r.name, r.mac]).sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)),
    ...(legacy ? { legacy } : {}),
  };
  await append(ctx, db, key, { year: f.year, event: 'freeze', freezeId: f.id, at: f.at, body });
}

/**
 * Seals new frozen rows: the key is read (or created) once for the whole freeze. `contentUtf8`, when
 * given, is the row content's UTF-8 bytes (sealedRow's `contentUtf8`): the MAC is the same.
 */
export function rowSealer(ctx: ServiceContext): (freezeId: string, year: number, row: FrozenRow, contentUtf8?: Utf8Pieces) => string {
  const key = keys(ctx).readOrCreate();
  return (freezeId, year, row, contentUtf8) => macOfRow(key, freezeId, year, row, contentUtf8);
}

export async function sealUnfreeze(
  ctx: ServiceContext,
  db: Db,
  year: number,
  freezeId: string,
  by: string,
  reason: string,
  at: string,
): Promise<void> {
  const key = keys(ctx).readOrCreate();
  await append(ctx, db, key, { year, event: 'unfreeze', freezeId, at, body: { v: 1, keyId: keyId(key), freezeId, at, by, reason } });
}

/**
 * Years frozen before the keyed seal existed carry a 'legacy' ledger entry (migration 0010). The
 * first time the seal is needed they are sealed under the key, row by row, after checking the old
 * FNV-1a hashes: a row whose hash no longer matches is sealed as broken and stays "không xác
 * định". Only while no entry carries a MAC yet: afterwards an entry without one is a forgery.
 */
async function adoptLegacy(ctx: ServiceContext, db: Db): Promise<void> {
  if (!(await hasLegacyEntries(db))) return;
  const entries = await ledgerEntries(db);
  if (entries.some((e) => e.mac !== null)) return;
  await inTransaction(db, async (trx) => {
    await deleteLegacyEntries(trx);
    const key = keys(ctx).readOrCreate();
    const adoptedAt = ctx.clock.timestamp();
    for (const e of entries) {
      const f = await freezeById(trx, e.freezeId);
      if (!f || f.unfrozenAt !== null) continue;
      const rows = [...(await frozenResultsOf(trx, f.id)).values()];
      const fnvFailed: string[] = [];
      const refs = rows.map((row) => {
        const parsed = parseFrozenRow(row);
        const intact = parsed !== null && parsed.hash === row.hash && verifyFrozen(parsed);
        const name = parsed?.result?.unitName ?? row.subjectId;
        if (!intact) fnvFailed.push(name);
        return { key: `${row.subjectType}:${row.subjectId}`, name, mac: intact ? macOfRow(key, f.id, f.year, row) : '' };
      });
      await sealFreeze(ctx, trx, { id: f.id, year: f.year, at: f.at, by: f.by, note: f.note, subjects: f.subjects }, refs, {
        adoptedAt,
        fnvFailed,
      });
    }
  });
}

// ---------------------------------------------------------------------------------------------
// Verifying

/** A problem of the ledger, at the entry it was found at (0: the whole ledger). */
interface ChainProblem {
  seq: number;
  text: string;
}

interface ChainCheck {
  valid: Set<number>;
  /** Sequence numbers that follow a hole (entries removed before them). */
  gapsBefore: number[];
  problems: ChainProblem[];
  keyMissing: boolean;
}

function checkChain(entries: readonly LedgerEntry[], key: Buffer | null, describeKey: string): ChainCheck {
  const valid = new Set<number>();
  const gapsBefore: number[] = [];
  const problems: ChainProblem[] = [];
  const keyMissing = key === null && entries.length > 0;
  if (keyMissing) {
    problems.push({
      seq: 0,
      text: `Không đọc được ${describeKey}: không kiểm tra được kết quả đã chốt. Hãy chép lại tệp khóa từ bản sao lưu của thư mục dữ liệu.`,
    });
    return { valid, gapsBefore: [], problems, keyMissing };
  }
  let prevMac = '';
  let expected = 1;
  const ownKeyId = key ? keyId(key) : '';
  for (const e of entries) {
    if (e.seq !== expected) {
      problems.push({
        seq: e.seq,
        text: `Sổ niêm phong kết quả chốt thiếu ${e.seq - expected === 1 ? `dòng số ${expected}` : `các dòng số ${expected}–${e.seq - 1}`} (đã bị xóa ngoài phần mềm).`,
      });
      gapsBefore.push(e.seq);
    }
    expected = e.seq + 1;
    const ok =
      key !== null &&
      e.mac !== null &&
      sameMac(e.mac, ledgerMac(key, { seq: e.seq, prevMac, event: e.event, year: e.year, freezeId: e.freezeId, at: e.at, body: e.body }));
    if (ok) valid.add(e.seq);
    else {
      let otherKey: boolean;
      try {
        const b = JSON.parse(e.body) as { keyId?: unknown };
        otherKey = typeof b.keyId === 'string' && b.keyId !== ownKeyId;
      } catch {
        otherKey = false;
      }
      problems.push({
        seq: e.seq,
        text: otherKey
          ? `Dòng số ${e.seq} của sổ niêm phong (năm ${e.year}) được niêm phong bằng khóa khác: tệp dữ liệu có thể được chép từ máy khác hoặc tệp khóa đã bị thay.`
          : e.mac === null
            ? `Dòng số ${e.seq} của sổ niêm phong (năm ${e.year}) không có mã xác thực: được thêm ngoài phần mềm.`
            : `Dòng số ${e.seq} của sổ niêm phong (năm ${e.year}) không khớp mã xác thực: đã bị sửa ngoài phần mềm.`,
      });
    }
    prevMac = e.mac ?? '';
  }
  return { valid, gapsBefore, problems, keyMissing };
}

/**
 * Whether a year stays locked although its ledger is damaged: its last verified entry is a freeze,
 * or something unverified (a bad entry of the year, a hole) comes after that entry. Without the key
 * nothing verifies, so the last entry's claim decides.
 */
function lockedDespiteDamage(chain: ChainCheck, mine: readonly LedgerEntry[]): boolean {
  if (chain.keyMissing) return mine.at(-1)?.event === 'freeze';
  const lastValid = [...mine].reverse().find((e) => chain.valid.has(e.seq));
  if (lastValid?.event === 'freeze') return true;
  const after = lastValid?.seq ?? 0;
  if (mine.some((e) => e.seq > after && !chain.valid.has(e.seq))) return true;
  return mine.length > 0 && chain.gapsBefore.some((g) => g > after);
}

function parseBody<T>(e: LedgerEntry): T | null {
  try {
    return JSON.parse(e.body) as T;
  } catch {
    return null;
  }
}

function freezeRecordProblems(year: number, sealed: SealedFreeze, record: FreezeRecord | null, open: { id: string } | null): string[] {
  const when = `chốt ngày ${formatDateVi(sealed.at.slice(0, 10))}, người chốt: ${sealed.by}`;
  if (!record)
    return [`Bản ghi chốt kết quả năm ${year} (${when}) đã bị xóa khỏi tệp dữ liệu ngoài phần mềm; năm ${year} vẫn được coi là đã chốt.`];
  const out: string[] = [];
  if (record.unfrozenAt !== null) {
    out.push(
      `Bản ghi chốt kết quả năm ${year} bị sửa thành "đã mở chốt" ngoài phần mềm (sổ niêm phong không ghi việc mở chốt này); năm ${year} vẫn được coi là đã chốt.`,
    );
  }
  if (
    record.at !== sealed.at ||
    record.by !== sealed.by ||
    record.note !== sealed.note ||
    record.subjects !== sealed.subjects ||
    record.year !== sealed.year
  ) {
    out.push(`Bản ghi chốt kết quả năm ${year} (${when}) bị sửa ngoài phần mềm; thông tin đúng lấy từ sổ niêm phong.`);
  }
  if (open && open.id !== sealed.id)
    out.push(`Năm ${year} có một bản ghi chốt khác không có trong sổ niêm phong (được thêm ngoài phần mềm); không dùng bản ghi đó.`);
  return out;
}

const TAMPERED = 'Kết quả đã chốt bị sửa ngoài phần mềm (không khớp mã niêm phong).';

/** A freeze's rule sets in form 2 (frozen-v2.ts): the SHA-256 of the stored text (sealed in every row) and the sets. */
interface FreezeRules {
  digest: string;
  sets: Map<string, RuleSet> | null;
}

/** A form-1 row verified by its MAC: its result as stored. */
function storedState(row: FrozenRow): SealedRowState | null {
  const parsed = parseFrozenRow(row);
  return parsed ? { ok: true, verdicts: parsed.result, frozen: () => parsed } : null;
}

/**
 * A form-2 row verified by its MAC: its verdicts from the sealed letters, its result computed again
 * on demand. The rule sets the row sealed (by digest) must be the freeze's as stored, or the row is
 * "không xác định" exactly as an altered row is (form 1 had the texts inside what the MAC covers).
 */
function inputsState(row: FrozenRow, rules: () => FreezeRules): SealedRowState | null {
  const v = parseFrozenInputs(row.content);
  if (v === null || v.unitId !== row.subjectId || v.result.overall !== row.overall) return null;
  const r = rules();
  if (r.sets === null || v.rulesDigest !== r.digest) return { ok: false, reason: TAMPERED };
  const sets = r.sets;
  const verdicts = frozenVerdicts(v, sets);
  if (verdicts === null) return null;
  let full: FrozenResult | string | undefined;
  return { ok: true, verdicts, frozen: () => (full ??= deriveFrozen(v, sets, row.hash)) };
}

async function sealedRows(db: Db, key: Buffer, year: number, body: FreezeBody, problems: string[]): Promise<Map<string, SealedRowState>> {
  const table = await frozenResultsOf(db, body.freeze.id);
  // Form 2's rule sets, read and hashed once for the freeze, only when a row needs them.
  const ruleText = await freezeRuleTextOf(db, body.freeze.id);
  let rules: FreezeRules | undefined;
  const rulesOf = (): FreezeRules =>
    (rules ??= {
      digest: ruleText === null ? '' : createHash('sha256').update(ruleText, 'utf8').digest('hex'),
      sets: parseFrozenRules(ruleText),
    });
  const rows = new Map<string, SealedRowState>();
  const sealedKeys = new Set<string>();
  for (const [k, name, mac] of body.rows) {
    sealedKeys.add(k);
    const row = table.get(k);
    if (!row) {
      rows.set(k, { ok: false, reason: 'Kết quả đã chốt đã bị xóa khỏi tệp dữ liệu ngoài phần mềm.' });
      problems.push(`Kết quả đã chốt năm ${year} của ${name} đã bị xóa khỏi tệp dữ liệu ngoài phần mềm: không xác định.`);
      continue;
    }
    if (mac === '') {
      rows.set(k, { ok: false, reason: 'Kết quả đã chốt không khớp dấu kiểm tra cũ (FNV-1a) khi niêm phong lại.' });
      problems.push(`Kết quả đã chốt năm ${year} của ${name} đã không còn nguyên vẹn từ trước khi niêm phong bằng khóa: không xác định.`);
      continue;
    }
    const state = sameMac(mac, macOfRow(key, body.freeze.id, year, row)) ? (inputsState(row, rulesOf) ?? storedState(row)) : null;
    if (state === null || !state.ok) {
      rows.set(k, { ok: false, reason: TAMPERED });
      problems.push(`Kết quả đã chốt năm ${year} của ${name} bị sửa ngoài phần mềm (không khớp mã niêm phong): không xác định.`);
    } else rows.set(k, state);
  }
  for (const [k, row] of table) {
    if (sealedKeys.has(k)) continue;
    const name = frozenRowName(row) ?? row.subjectId;
    problems.push(`Kết quả đã chốt năm ${year} của ${name} không có trong sổ niêm phong (được thêm ngoài phần mềm); không được tính.`);
  }
  return rows;
}

/**
 * The seal state of one year. `withRows: false` skips checking the frozen rows (enough to know
 * whether the year is locked).
 */
export async function yearSeal(ctx: ServiceContext, db: Db, year: number, opts: { withRows?: boolean } = {}): Promise<YearSeal> {
  await adoptLegacy(ctx, db);
  const entries = await ledgerEntries(db);
  const key = keys(ctx).read();
  const chain = checkChain(entries, key, keys(ctx).description);
  const mine = entries.filter((e) => e.year === year);
  // Damage only matters to a year if it comes after the year's last verified entry: once a year is
  // unfrozen and frozen again in the app, older damage no longer concerns it.
  const last = [...mine].reverse().find((e) => chain.valid.has(e.seq));
  const after = chain.keyMissing ? 0 : (last?.seq ?? 0);
  const damage = chain.problems.filter((p) => p.seq === 0 || p.seq > after);
  const open = await openFreeze(db, year);
  const out: YearSeal = { year, locked: false, freeze: null, trusted: true, rows: new Map(), problems: [], notes: [] };
  out.problems.push(...damage.map((p) => p.text));
  const lastBody = last?.event === 'freeze' ? parseBody<FreezeBody>(last) : null;

  if (damage.length > 0) {
    // The ledger cannot be trusted for this year: every frozen row of the year is "không xác định",
    // and the year stays locked while anything unverified could be its freeze.
    out.trusted = false;
    out.locked = open !== null || lockedDespiteDamage(chain, mine);
    const claim = [...mine].reverse().find((e) => e.event === 'freeze');
    out.freeze =
      (claim ? parseBody<FreezeBody>(claim)?.freeze : undefined) ??
      (open ? { id: open.id, year, at: open.at, by: open.by, note: open.note, subjects: open.subjects } : null);
    return out;
  }

  if (lastBody) {
    out.locked = true;
    out.freeze = lastBody.freeze;
    out.problems.push(...freezeRecordProblems(year, lastBody.freeze, await freezeById(db, lastBody.freeze.id), open));
    if (lastBody.legacy) {
      out.notes.push(
        `Kết quả năm ${year} được chốt trước khi có niêm phong bằng khóa; đã được niêm phong lại ngày ${formatDateVi(lastBody.legacy.adoptedAt.slice(0, 10))} sau khi kiểm tra dấu cũ.`,
      );
    }
    if (opts.withRows !== false && key) out.rows = await sealedRows(db, key, year, lastBody, out.problems);
  } else if (open) {
    out.problems.push(
      `Bản ghi chốt kết quả năm ${year} (ngày ${formatDateVi(open.at.slice(0, 10))}, ${open.by}) không có trong sổ niêm phong (được thêm ngoài phần mềm); năm ${year} không được coi là đã chốt.`,
    );
  }
  return out;
}

/** Refuses a change to a locked year, with who froze it and when. */
export async function refuseIfLocked(ctx: ServiceContext, db: Db, year: number): Promise<void> {
  const s = await yearSeal(ctx, db, year, { withRows: false });
  if (!s.locked) return;
  const f = s.freeze;
  throw new AppError(
    'CONFLICT',
    f
      ? `Kết quả năm ${year} đã được chốt ngày ${formatDateVi(f.at.slice(0, 10))} (${f.by}); không thể thay đổi. Muốn thay đổi cần mở lại kết quả năm ${year} và ghi lý do.`
      : `Kết quả năm ${year} đã được chốt; không thể thay đổi. Muốn thay đổi cần mở lại kết quả năm ${year} và ghi lý do.`,
  );
}
