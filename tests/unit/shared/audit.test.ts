/** The audit chain's pure parts (shared/domain/audit.ts): encoding, hashing, the check, the summary. */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  AUDIT_GENESIS,
  AUDIT_MAX_IDS,
  CHAIN_START,
  auditHash,
  auditTimeVi,
  boundIds,
  canonicalAuditEncoding,
  checkChain,
  summarizeTouched,
  type AuditEntry,
  type AuditFields,
} from '../../../shared/domain/audit';
import { AUDIT_TABLE_LABELS, auditFeatureOf } from '../../../shared/domain/audit-labels';
import { TABLES } from '../../../shared/domain/table-registry';

const sha = (t: string) => createHash('sha256').update(t, 'utf8').digest('hex');

function chain(n: number): AuditEntry[] {
  const out: AuditEntry[] = [];
  let prev = AUDIT_GENESIS;
  for (let seq = 1; seq <= n; seq++) {
    const f: AuditFields = {
      seq,
      at: `2026-12-05T0${seq % 10}:00:00.000Z`,
      kind: 'change',
      actorId: 'a-1',
      actorName: 'Nguyễn Văn An',
      actorRole: 'can_bo',
      method: seq % 2 ? 'activities.save' : 'units.create',
      recordIds: [`id-${seq}`],
      summary: `Thêm ${seq} nguồn tin`,
      prevHash: prev,
    };
    const e = { ...f, hash: auditHash(f, sha) };
    out.push(e);
    prev = e.hash;
  }
  return out;
}

describe('the canonical encoding', () => {
  it('covers every field and the previous hash, in a fixed order', () => {
    const [e] = chain(1);
    const base = canonicalAuditEncoding(e!);
    expect(base).toBe(
      '["antq-audit-1",1,"2026-12-05T01:00:00.000Z","change","a-1","Nguyễn Văn An","can_bo","activities.save",["id-1"],"Thêm 1 nguồn tin","' +
        AUDIT_GENESIS +
        '"]',
    );
    const variants: Partial<AuditFields>[] = [
      { seq: 2 },
      { at: '2026-12-05T01:00:00.001Z' },
      { kind: 'view' },
      { actorId: null },
      { actorName: 'Nguyễn Văn Ân' },
      { actorRole: 'quan_tri' },
      { method: 'activities.delete' },
      { recordIds: ['id-1', 'id-2'] },
      { summary: 'Thêm 2 nguồn tin' },
      { prevHash: '1'.repeat(64) },
    ];
    for (const v of variants) expect(auditHash({ ...e!, ...v }, sha)).not.toBe(e!.hash);
  });

  it('keeps field boundaries: moving text from one field to the next changes the bytes', () => {
    const [e] = chain(1);
    const a = canonicalAuditEncoding({ ...e!, actorName: 'An', actorRole: 'bc' });
    const b = canonicalAuditEncoding({ ...e!, actorName: 'Anb', actorRole: 'c' });
    expect(a).not.toBe(b);
  });
});

describe('checkChain', () => {
  it('accepts an intact chain, also checked in slices', () => {
    const entries = chain(10);
    const whole = checkChain(entries, CHAIN_START, sha);
    expect(whole).toEqual({ ok: true, last: { seq: 10, hash: entries[9]!.hash }, checked: 10 });
    const first = checkChain(entries.slice(0, 4), CHAIN_START, sha);
    if (!first.ok) throw new Error('first slice broken');
    expect(checkChain(entries.slice(4), first.last, sha).ok).toBe(true);
  });

  it('names the first edited entry', () => {
    const entries = chain(10);
    entries[6] = { ...entries[6]!, summary: 'Xóa 1 nguồn tin' };
    entries[8] = { ...entries[8]!, summary: 'Xóa 2 nguồn tin' };
    expect(checkChain(entries, CHAIN_START, sha)).toEqual({
      ok: false,
      checked: 6,
      broken: { seq: 7, at: entries[6].at, method: 'activities.save', reason: 'edited' },
    });
  });

  it('finds an edit whose hash was recomputed: the next entry no longer links to it', () => {
    const entries = chain(5);
    const forged = { ...entries[2]!, actorName: 'Người khác' };
    entries[2] = { ...forged, hash: auditHash(forged, sha) };
    const r = checkChain(entries, CHAIN_START, sha);
    expect(r.ok ? null : r.broken).toMatchObject({ seq: 4, reason: 'unlinked' });
  });

  it('finds a removed entry (a gap) and a removed first entry', () => {
    const entries = chain(6);
    const r = checkChain([...entries.slice(0, 3), ...entries.slice(4)], CHAIN_START, sha);
    expect(r.ok ? null : r.broken).toMatchObject({ seq: 5, reason: 'gap' });
    const r2 = checkChain(entries.slice(1), CHAIN_START, sha);
    expect(r2.ok ? null : r2.broken).toMatchObject({ seq: 2, reason: 'gap' });
  });
});

describe('the summary and the ids', () => {
  it('says what was added, changed and removed, in Vietnamese', () => {
    const s = summarizeTouched(
      [
        { table: 'tips', op: 'I', count: 1 },
        { table: 'tip_informants', op: 'I', count: 1 },
        { table: 'units', op: 'U', count: 2 },
        { table: 'awards', op: 'D', count: 3 },
        { table: 'unknown_table', op: 'D', count: 1 },
      ],
      AUDIT_TABLE_LABELS,
    );
    expect(s).toBe('Thêm 1 nguồn tin, 1 thông tin người cung cấp tin; sửa 2 đơn vị; xóa 3 khen thưởng, 1 unknown_table');
    expect(summarizeTouched([], AUDIT_TABLE_LABELS)).toBe('');
  });

  it('names every table of the registry', () => {
    expect(TABLES.filter((t) => !AUDIT_TABLE_LABELS[t.name]).map((t) => t.name)).toEqual([]);
  });

  it('keeps at most AUDIT_MAX_IDS ids, first seen first, no repeats', () => {
    const ids = Array.from({ length: 50 }, (_, i) => `id-${i % 30}`);
    const bounded = boundIds(ids);
    expect(bounded).toHaveLength(AUDIT_MAX_IDS);
    expect(bounded[0]).toBe('id-0');
    expect(new Set(bounded).size).toBe(AUDIT_MAX_IDS);
  });

  it('names features and shows times in Vietnam', () => {
    expect(auditFeatureOf('activities.save')).toBe('Hoạt động, nguồn tin, vụ việc');
    expect(auditFeatureOf('khac.lam')).toBe('khac');
    expect(auditTimeVi('2026-12-05T17:03:27.000Z')).toBe('06/12/2026 00:03:27');
  });
});
