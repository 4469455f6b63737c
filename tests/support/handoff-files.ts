/**
 * Snapshot files for the province's inbox tests, built from an office's database with the
 * hand-off primitives (container, age, canonical JSON) and the payload's column lists, so a test
 * can make a valid file and then break exactly one thing in it. Not the office's export service
 * (h12-send): the inbox must take any file written to the format, not only ours.
 */
import fs from 'node:fs';
import zlib from 'node:zlib';
import { canonicalJson } from '../../electron/backend/handoff/canonical-json';
import { ageEncrypt } from '../../electron/backend/handoff/age';
import { writeContainer } from '../../electron/backend/handoff/container';
import { fileIdentity, type OfficeIdentity } from '../../electron/backend/handoff/identity';
import { HANDOFF_TABLES, PAYLOAD_COLUMNS, SNAPSHOT_PAYLOAD_FORMAT, SNAPSHOT_PAYLOAD_VERSION } from '../../electron/backend/handoff/payload';
import { withReadonly } from './sqlite';
import { openStored, TEST_DATA_KEY } from './keys';

export type Cell = string | number | null;

export interface OfficeInfo {
  id: string;
  code: string;
  name: string;
  level: 'xa' | 'huyen';
  era: 'truoc_2025' | 'sau_2025';
  rootUnitId: string;
}

export interface SnapshotPayloadValue {
  format: string;
  version: number;
  office: OfficeInfo;
  year: number;
  period: { from: string; to: string };
  sequence: number;
  tables: Record<string, { columns: string[]; rows: Cell[][] }>;
  omitted: Record<string, string[]>;
  evaluation: unknown[];
}

/** The hand-off identity of a data folder (created, with the folder, when missing). */
export function identityOf(dataDir: string): Promise<OfficeIdentity> {
  fs.mkdirSync(dataDir, { recursive: true });
  return fileIdentity(dataDir).readOrCreate();
}

/** The office row and every sent table of an office's database, as a payload value. */
export function payloadOf(dbFile: string, year: number, sequence: number, key: Uint8Array = TEST_DATA_KEY): SnapshotPayloadValue {
  return withReadonly(dbFile, (db) => {
    const o = db.prepare('SELECT id, code, name, level, era, root_unit_id FROM office').get() as Record<string, string>;
    const office: OfficeInfo = {
      id: o['id']!,
      code: o['code']!,
      name: o['name']!,
      level: o['level'] as 'xa',
      era: o['era'] as 'sau_2025',
      rootUnitId: o['root_unit_id']!,
    };
    const tables: SnapshotPayloadValue['tables'] = {};
    for (const spec of HANDOFF_TABLES) {
      const columns = (PAYLOAD_COLUMNS[spec.name] ?? []).map((c) => c.name);
      const rows = db
        .prepare(`SELECT ${columns.map((c) => `"${c}"`).join(', ')} FROM "${spec.name}" ORDER BY rowid`)
        .raw()
        .all() as Cell[][];
      // As the sender does: encrypted columns leave the file opened (the age-encrypted payload carries plaintext).
      const keyAt = columns.indexOf(spec.key[0]!);
      for (const c of spec.encrypted) {
        const i = columns.indexOf(c);
        if (i >= 0) for (const r of rows) r[i] = openStored(key, spec.name, c, String(r[keyAt]), (r[i] ?? null) as string | null);
      }
      tables[spec.name] = { columns, rows };
    }
    return {
      format: SNAPSHOT_PAYLOAD_FORMAT,
      version: SNAPSHOT_PAYLOAD_VERSION,
      office,
      year,
      period: { from: `${year}-01-01`, to: `${year}-12-31` },
      sequence,
      tables,
      omitted: {},
      evaluation: [],
    };
  });
}

export interface SnapshotFileOptions {
  office: OfficeIdentity;
  /** Encrypted to (age recipient) and named in `recipient` (fingerprint). */
  province: { fingerprint: string; ageRecipient: string };
  payload: SnapshotPayloadValue;
  /** Changes to the manifest before it is signed. */
  manifest?: (m: Record<string, unknown>) => Record<string, unknown>;
  /** The gzip'd bytes before encryption (a bomb, garbage). */
  gzipped?: Uint8Array;
  fileName?: string;
}

export function snapshotFileName(code: string, year: number, sequence: number): string {
  return `ANTQ_${code}_${year}_${sequence}.antq`;
}

/** A signed, encrypted snapshot file of the payload. */
export async function snapshotFile(opts: SnapshotFileOptions): Promise<{ bytes: Uint8Array; fileName: string }> {
  const p = opts.payload;
  const fileName = opts.fileName ?? snapshotFileName(p.office.code, p.year, p.sequence);
  const gz = opts.gzipped ?? zlib.gzipSync(Buffer.from(canonicalJson(p), 'utf8'));
  const encrypted = await ageEncrypt(gz, [opts.province.ageRecipient, opts.office.ageRecipient]);
  const counts: Record<string, number> = {};
  for (const [name, t] of Object.entries(p.tables)) counts[name] = t.rows.length;
  let manifest: Record<string, unknown> = {
    format: 'antq',
    version: 1,
    kind: 'snapshot',
    sender: { code: p.office.code, name: p.office.name, level: p.office.level, fingerprint: opts.office.fingerprint },
    createdAt: '2026-11-22T03:00:00.000Z',
    office: p.office,
    year: p.year,
    period: p.period,
    sequence: p.sequence,
    recipient: opts.province.fingerprint,
    counts,
  };
  if (opts.manifest) manifest = opts.manifest(manifest);
  const bytes = writeContainer({ manifest, fileName, signer: opts.office.sign, payload: encrypted });
  return { bytes, fileName };
}
