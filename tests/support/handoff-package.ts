/**
 * Province-package test helpers: a province (Công an tỉnh Ninh Bình, 129 communes after 2025) and
 * one of its offices (Công an phường Phủ Lý, 13285) on two backends, a fingerprint of every table
 * (row count and SHA-256) to show a refusal changed nothing, and a re-signer that crafts packages
 * the app would never make, signed with the province's real key.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import type { MethodInput } from '../../shared/ipc/contract';
import { dumpDatabase } from './sqlite';
import { canonicalJsonBytes } from '../../electron/backend/handoff/canonical-json';
import { openContainer, writeContainer } from '../../electron/backend/handoff/container';
import { fileIdentity } from '../../electron/backend/handoff/identity';

export const PROVINCE_SETUP = {
  level: 'tinh',
  era: 'sau_2025',
  provinceCode: '37',
  districtCode: null,
  communeCode: null,
  name: 'Công an tỉnh Ninh Bình',
  code: 'CATNB',
  importChildren: true,
} as const satisfies MethodInput<'office.setup'>;

export const OFFICE_SETUP = {
  level: 'xa',
  era: 'sau_2025',
  provinceCode: '37',
  districtCode: null,
  communeCode: '13285',
  name: 'Công an phường Phủ Lý',
  code: '13285',
  importChildren: false,
} as const satisfies MethodInput<'office.setup'>;

/**
 * Row count and SHA-256 of every table (and user_version): equal means nothing was written. The
 * audit log is left out: it records refusals and the backups made before an apply, as it must.
 */
export function tableChecksums(dbFile: string): Record<string, string> {
  const dump = dumpDatabase(dbFile);
  const out: Record<string, string> = { user_version: String(dump.userVersion) };
  for (const [name, rows] of Object.entries(dump.tables)) {
    if (name === 'audit_log') continue;
    const json = JSON.stringify(rows, (_k, v: unknown) => (v instanceof Uint8Array ? Buffer.from(v).toString('hex') : v));
    out[name] = `${rows.length}:${crypto.createHash('sha256').update(json).digest('hex')}`;
  }
  return out;
}

export interface PackageParts {
  manifest: Record<string, unknown>;
  payload: Record<string, unknown>;
  fileName: string;
}

/** The manifest (without `payload`) and payload of a package file. */
export function unpack(bytes: Uint8Array): PackageParts {
  const opened = openContainer(bytes);
  const manifest: Record<string, unknown> = { ...opened.manifest };
  delete manifest['payload'];
  const payload = JSON.parse(zlib.gunzipSync(opened.payload!).toString('utf8')) as Record<string, unknown>;
  const p = manifest as { province: { code: string }; sequence: number };
  return { manifest, payload, fileName: `ANTQ_TINH_${p.province.code}_${p.sequence}.antq` };
}

/** Signs parts with the key file of a data folder (the province's current key). */
export async function repack(dataDir: string, parts: PackageParts, rawPayload?: Uint8Array): Promise<Uint8Array> {
  const id = await fileIdentity(dataDir).readOrCreate();
  const gz = rawPayload ?? new Uint8Array(zlib.gzipSync(canonicalJsonBytes(parts.payload)));
  return writeContainer({ manifest: parts.manifest, fileName: parts.fileName, signer: id.sign, payload: gz });
}

export function writeFile(dir: string, name: string, bytes: Uint8Array): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, bytes);
  return file;
}
