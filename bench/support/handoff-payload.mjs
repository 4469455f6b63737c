// The rows a hand-off file carries, decrypted with the province's key and turned into the rows the
// province stores (app.storedRow), for the benches' raw-INSERT baselines (bench/handoff.bench.mjs and
// the province bench's hand-off leg, support/province-handoff.mjs). Not timed by either.
import fs from 'node:fs';
import zlib from 'node:zlib';
import { Decrypter } from 'age-encryption';

/** The entries of the file's tar container (name and bytes), read as the 512-byte ustar blocks say. */
function tarEntries(tar) {
  const entries = [];
  for (let at = 0; at + 512 <= tar.length;) {
    const name = tar
      .subarray(at, at + 100)
      .toString('latin1')
      .replace(/\0.*$/s, '');
    if (!name) break;
    const size = parseInt(tar.subarray(at + 124, at + 136).toString('latin1'), 8);
    entries.push({ name, data: tar.subarray(at + 512, at + 512 + size) });
    at += 512 + Math.ceil(size / 512) * 512;
  }
  return entries;
}

/**
 * `{ tables: [{ table, columns, values }], jsonBytes, gzBytes }`: each non-empty table of the payload
 * with its rows as the province stores them (columns of the first row, values in that order).
 */
export async function payloadTables(app, file, provinceDir) {
  const identity = await app.fileIdentity(provinceDir).readOrCreate();
  const d = new Decrypter();
  d.addIdentity(identity.ageIdentity);
  const payloadEntry = tarEntries(fs.readFileSync(file)).find((e) => e.name === 'payload.json.gz.age');
  const gz = Buffer.from(await d.decrypt(payloadEntry.data));
  const json = zlib.gunzipSync(gz);
  const payload = JSON.parse(json.toString('utf8'));
  const tables = Object.entries(payload.tables)
    .filter(([, t]) => t.rows.length > 0)
    .map(([table, t]) => {
      const rows = t.rows.map((r) => app.storedRow(table, t.columns, r, payload.omitted[table] ?? []));
      const columns = Object.keys(rows[0]);
      return { table, columns, values: rows.map((r) => columns.map((c) => r[c])) };
    });
  return { tables, jsonBytes: json.length, gzBytes: gz.length };
}
