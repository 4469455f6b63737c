/**
 * The keyed MACs of the evaluation seal (HMAC-SHA256, node:crypto). A frozen row's MAC covers its
 * freeze, year, subject, overall result and full content; a ledger entry's MAC covers its place in
 * the chain (sequence number and the previous entry's MAC) and its body, so an entry cannot be
 * changed, removed from the middle, reordered or added without the key.
 */
import crypto from 'node:crypto';

const DOMAIN = 'antq.evaluation-seal.v1';

function hmac(key: Buffer, parts: readonly (string | number)[]): string {
  const h = crypto.createHmac('sha256', key);
  h.update(DOMAIN);
  // Length-prefixed parts: no two different part lists give the same input.
  for (const p of parts) {
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

export function rowMac(key: Buffer, r: SealedRowInput): string {
  return hmac(key, ['row', r.freezeId, r.year, r.subjectType, r.subjectId, r.overall, r.content]);
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
