/**
 * The province's side, simulated for the office's sending tests: its own identity (a key file in
 * its own data folder, made by h12-core's identity module), its key trusted at the office (a
 * handoff_peers row, as confirming the fingerprint leaves it), its receipts (signed containers),
 * and reading a snapshot the way the province will (open, verify, decrypt, gunzip).
 */
import zlib from 'node:zlib';
import BetterSqlite3 from 'better-sqlite3';
import { fileIdentity, type OfficeIdentity } from '../../electron/backend/handoff/identity';
import { ageDecrypt } from '../../electron/backend/handoff/age';
import { ANTQ_LIMITS, openContainer, verifyContainerSignature, writeContainer } from '../../electron/backend/handoff/container';

export async function provinceIdentity(dataDir: string): Promise<OfficeIdentity> {
  return fileIdentity(dataDir, () => new Date('2026-11-01T00:00:00Z')).readOrCreate();
}

/** The office trusts this province key (as after the officer confirmed its fingerprint). */
export function trustProvince(dbFile: string, identity: OfficeIdentity, opts: { code?: string; name?: string; id?: string } = {}): string {
  const id = opts.id ?? '7e1d2c3b-4a59-4687-9a0b-1c2d3e4f5a6b';
  const db = new BetterSqlite3(dbFile);
  try {
    db.prepare(
      `INSERT INTO handoff_peers (id, role, office_code, name, level, sign_public_key, age_recipient, fingerprint, status, source,
         confirmed_at, created_at, updated_at)
       VALUES (?, 'province', ?, ?, 'tinh', ?, ?, ?, 'trusted', 'key-file', ?, ?, ?)`,
    ).run(
      id,
      opts.code ?? '37',
      opts.name ?? 'Công an tỉnh Ninh Bình',
      identity.signPublicKey,
      identity.ageRecipient,
      identity.fingerprint,
      '2026-11-01T00:00:00.000Z',
      '2026-11-01T00:00:00.000Z',
      '2026-11-01T00:00:00.000Z',
    );
  } finally {
    db.close();
  }
  return id;
}

/** Sets the province's policy of personal fields at the office. */
export function setPolicy(dbFile: string, allowed: Record<string, string[]>): void {
  const db = new BetterSqlite3(dbFile);
  try {
    db.prepare(
      `INSERT INTO handoff_policy (singleton, personal_allowed_json, package_id, updated_at) VALUES (1, ?, NULL, '2026-11-01T00:00:00.000Z')
       ON CONFLICT(singleton) DO UPDATE SET personal_allowed_json = excluded.personal_allowed_json`,
    ).run(JSON.stringify(allowed));
  } finally {
    db.close();
  }
}

/** A snapshot opened as the province will: verified with the office's key, decrypted, as JSON text. */
export async function readSnapshotAsProvince(
  bytes: Uint8Array,
  officeSignPublicKey: string,
  province: OfficeIdentity,
): Promise<{ manifest: Record<string, unknown>; json: string }> {
  const opened = openContainer(bytes);
  verifyContainerSignature(opened, officeSignPublicKey);
  const gz = await ageDecrypt(opened.payload!, province.ageIdentity, ANTQ_LIMITS.payloadBytes);
  const json = zlib.gunzipSync(gz).toString('utf8');
  return { manifest: opened.manifest, json };
}

export interface ReceiptFor {
  officeCode: string;
  year: number;
  sequence: number;
  sha256: string;
  fileName: string;
}

/** A receipt signed by `signer` (the province, or an impostor in refusal tests). */
export function makeReceipt(
  signer: OfficeIdentity,
  target: ReceiptFor,
  appliedAt = '2026-12-03T02:00:00.000Z',
): { name: string; bytes: Uint8Array } {
  const name = `ANTQ_BIENNHAN_${target.officeCode}_${target.year}_${target.sequence}.antq`;
  const bytes = writeContainer({
    manifest: {
      format: 'antq',
      version: 1,
      kind: 'receipt',
      sender: { code: '37', name: 'Công an tỉnh Ninh Bình', level: 'tinh', fingerprint: signer.fingerprint },
      createdAt: appliedAt,
      for: target,
      status: 'applied',
      appliedAt,
    },
    fileName: name,
    signer: signer.sign,
  });
  return { name, bytes };
}
