/**
 * The keyed MACs of the evaluation seal (HMAC-SHA256, node:crypto). A frozen row's MAC covers its
 * freeze, year, subject, overall result and full content; a ledger entry's MAC covers its place in
 * the chain (sequence number and the previous entry's MAC) and its body, so an entry cannot be
 * changed, removed from the middle, reordered or added without the key.
 */
import crypto from 'node:crypto';

const DOMAIN = 'antq.evaluation-seal.v1';

/** A part given as its UTF-8 bytes in pieces (a frozen row's content, already encoded by the freeze). */
export type Utf8Pieces = readonly Uint8Array[];

function hmac(key: Buffer, parts: readonly (string | number | Utf8Pieces)[]): string {
  const h = crypto.createHmac('sha256', key);
  h.update(DOMAIN);
  // Length-prefixed parts: no two different part lists give the same input.
  for (const p of parts) {
    if (Array.isArray(p)) {
      const pieces = p as Utf8Pieces;
      h.update(`\n${pieces.reduce((n, b) => n + b.length, 0)}:`);
      for (const b of pieces) h.update(b);
      continue;
    }
    const s = String(p);
    h.update(`\n${Buffer.byteLength(s, 'utf8')}:`);
    h.update(s, 'utf8');
  }
  return h.digest('hex');
}

/** A short public fingerprint of the key, so a seal made with another key is recognised as such. */
export function keyId(key: Buffer): string {
  return hmac(key, ['key-id']).slice(0, 16);
}

export interface SealedRowInput {
  freezeId: string;
  year: number;
  subjectType: string;
  subjectId: string;
  overall: string;
  content: string;
}

/**
 * `contentUtf8`, when given, is `content`'s UTF-8 bytes (what hashing the string would encode): the
 * freeze passes the bytes it already has, so the 20 KB text is not flattened and encoded again.
 */
export function rowMac(key: Buffer, r: SealedRowInput, contentUtf8?: Utf8Pieces): string {
  return hmac(key, ['row', r.freezeId, r.year, r.subjectType, r.subjectId, r.overall, contentUtf8 ?? r.content]);
}

export interface LedgerMacInput {
  seq: number;
  prevMac: string;
  event: string;
  year: number;
  freezeId: string;
  at: string;
  body: string;
}

export function ledgerMac(key: Buffer, e: LedgerMacInput): string {
  return hmac(key, ['ledger', e.seq, e.prevMac, e.event, e.year, e.freezeId, e.at, e.body]);
}

/** Constant-time comparison of two hex MACs. */
export function sameMac(a: string | null | undefined, b: string): boolean {
  if (typeof a !== 'string' || a.length !== b.length) return false;
  return crypto.timingSafeEqual(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}
