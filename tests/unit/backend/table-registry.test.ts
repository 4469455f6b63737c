/**
 * The table registry (shared/domain/table-registry.ts) against the schema the migrations really
 * create: every table is listed, every column it names exists, and every foreign key to a unit or
 * an organisation is declared as a reference (so the unit tree's "what still points at it" and the
 * coming snapshot cannot miss a table).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBackend, type TestBackend } from '../../support/backend';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { queryAll } from '../../support/sqlite';
import { TABLES, TRANSFER_TABLES, tableSpec, transferableReferences, type TableSpec } from '../../../shared/domain/table-registry';
import { PERSONAL_MEMBER_FIELDS } from '../../../shared/domain/mass-orgs';

let dir: string;
let t: TestBackend;
let columns: Map<string, Set<string>>;
let foreignKeys: { table: string; column: string; target: string }[];

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'antq-registry-'));
  t = await startBackend(dir);
  const file = t.backend.databasePath;
  const names = queryAll<{ name: string }>(
    file,
    "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
  );
  columns = new Map(
    names.map((n) => [
      n.name,
      new Set(queryAll<{ name: string }>(file, `SELECT name FROM pragma_table_info('${n.name}')`).map((c) => c.name)),
    ]),
  );
  foreignKeys = names.flatMap((n) =>
    queryAll<{ from: string; table: string }>(file, `SELECT "from", "table" FROM pragma_foreign_key_list('${n.name}')`).map((fk) => ({
      table: n.name,
      column: fk.from,
      target: fk.table,
    })),
  );
});
afterAll(() => {
  t.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** Every column a registry entry names, with where it is named. */
function namedColumns(spec: TableSpec): [string, string][] {
  const out: [string, string][] = [];
  const add = (where: string, list: readonly string[]) => list.forEach((c) => out.push([where, c]));
  add('key', spec.key);
  add('naturalKey', spec.naturalKey ?? []);
  add('personal', spec.personal);
  add('protected', spec.protected);
  add('encrypted', spec.encrypted);
  if (spec.unit.via === 'column' || spec.unit.via === 'parent') add('unit', [spec.unit.column]);
  if (spec.unit.via === 'subject') add('unit', [spec.unit.typeColumn, spec.unit.idColumn]);
  for (const ref of [...spec.unitRefs, ...spec.organizationRefs, ...spec.teamRefs]) {
    add('ref', [ref.column, ...(ref.when ? [ref.when.column] : [])]);
    if (ref.transfer) {
      add('transfer', [ref.transfer.endColumn]);
      for (const v of [ref.transfer.name, ref.transfer.detail]) if (v && 'column' in v) add('transfer', [v.column]);
      for (const v of [ref.transfer.name, ref.transfer.detail, ref.transfer.teamWhen])
        if (v && 'lookup' in v) add('transfer', [v.lookup.column]);
    }
  }
  return out;
}

describe('the table registry', () => {
  it('lists every table the migrations create, and no other', () => {
    expect(TABLES.map((s) => s.name).sort()).toEqual([...columns.keys()].sort());
    expect(new Set(TABLES.map((s) => s.name)).size).toBe(TABLES.length);
  });

  it('names only columns that exist, and marks a tombstone exactly where deleted_at exists', () => {
    for (const spec of TABLES) {
      const cols = columns.get(spec.name)!;
      for (const [where, c] of namedColumns(spec)) expect(cols.has(c), `${spec.name}.${c} (${where})`).toBe(true);
      expect(spec.tombstone, `${spec.name} tombstone`).toBe(cols.has('deleted_at'));
      if (spec.unit.via === 'parent') expect(columns.has(spec.unit.table), `${spec.name} parent table`).toBe(true);
    }
  });

  it('declares every foreign key to a unit, an organisation or a mediation team as a reference', () => {
    for (const fk of foreignKeys) {
      const spec = tableSpec(fk.table);
      if (fk.target === 'units')
        expect(
          spec.unitRefs.map((r) => r.column),
          `${fk.table}.${fk.column}`,
        ).toContain(fk.column);
      if (fk.target === 'organizations')
        expect(
          spec.organizationRefs.map((r) => r.column),
          `${fk.table}.${fk.column}`,
        ).toContain(fk.column);
    }
    expect(tableSpec('mediations').teamRefs.map((r) => r.column)).toEqual(['team_id']);
  });

  it('gives every record reference words for the refusal, and lookups point at existing columns', () => {
    for (const spec of TABLES) {
      for (const ref of [...spec.unitRefs, ...spec.organizationRefs, ...spec.teamRefs]) {
        if (ref.role === 'record') expect(ref.label, `${spec.name}.${ref.column}`).toMatch(/\S/);
        const t = ref.transfer;
        for (const v of [t?.name, t?.detail, t?.teamWhen]) {
          if (v && 'lookup' in v)
            expect(columns.get(v.lookup.table)?.has(v.lookup.value), `${v.lookup.table}.${v.lookup.value}`).toBe(true);
        }
      }
    }
  });

  it('the transferable tables are the ones the contract and migration 0012 accept, each with updated_at', () => {
    const transferable = transferableReferences().map((r) => r.table.name);
    expect([...transferable].sort()).toEqual([...TRANSFER_TABLES].sort());
    for (const name of transferable) expect(columns.get(name)!.has('updated_at'), name).toBe(true);
  });

  it('encrypts every protected column and every phone or ID-card number column of any table (issue 15 item 2)', () => {
    for (const spec of TABLES) for (const c of spec.protected) expect(spec.encrypted, `${spec.name}.${c}`).toContain(c);
    const numberLike = /(^|_)(phone|id_number|cccd|cmnd|identity_card|so_dien_thoai)($|_)/;
    for (const [table, cols] of columns) {
      for (const c of cols) if (numberLike.test(c)) expect(tableSpec(table).encrypted, `${table}.${c}`).toContain(c);
    }
    // An encrypted column is TEXT with a single-column key (the row id the value is bound to).
    for (const spec of TABLES) if (spec.encrypted.length > 0) expect(spec.key, spec.name).toHaveLength(1);
  });

  it('keeps the informant protected and the members personal; the domain list is derived from it', () => {
    expect(tableSpec('tip_informants').protected).toEqual(['name', 'phone', 'address', 'id_number', 'note']);
    expect([...PERSONAL_MEMBER_FIELDS]).toEqual([...tableSpec('mass_org_members').personal]);
    // No other table holds the informant's identity.
    for (const spec of TABLES) if (spec.name !== 'tip_informants') expect(spec.protected, spec.name).toEqual([]);
  });
});
