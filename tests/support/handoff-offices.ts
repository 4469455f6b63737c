/**
 * Offices for the hand-off tests: Công an phường Sa Pa (xã level, post-2025 catalogue, code 03006)
 * and its province, Công an tỉnh Lào Cai (tỉnh level, code 15, the province's 99 communes and
 * wards imported), and a reader of an office's rows per table for landing tests.
 */
import type { MethodInput } from '../../shared/ipc/contract';
import { TABLES } from '../../shared/domain/table-registry';
import { withReadonly } from './sqlite';

export const SA_PA_SETUP = {
  level: 'xa',
  era: 'sau_2025',
  provinceCode: '15',
  districtCode: null,
  communeCode: '03006',
  name: 'Công an phường Sa Pa',
  code: '03006',
  importChildren: true,
} as const satisfies MethodInput<'office.setup'>;

export const LAO_CAI_SETUP = {
  level: 'tinh',
  era: 'sau_2025',
  provinceCode: '15',
  districtCode: null,
  communeCode: null,
  name: 'Công an tỉnh Lào Cai',
  code: '15',
  importChildren: true,
} as const satisfies MethodInput<'office.setup'>;

export type Cell = string | number | null;

/** Every row of the named tables of a database file, as objects, in registry order. */
export function rowsOfTables(file: string, tables: readonly string[]): Map<string, Record<string, Cell>[]> {
  return withReadonly(file, (db) => {
    const out = new Map<string, Record<string, Cell>[]>();
    for (const spec of TABLES) {
      if (!tables.includes(spec.name)) continue;
      out.set(spec.name, db.prepare(`SELECT * FROM "${spec.name}" ORDER BY rowid`).all() as Record<string, Cell>[]);
    }
    return out;
  });
}
