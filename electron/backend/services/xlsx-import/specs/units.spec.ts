/**
 * Excel layout of the unit list ('units'): one row per unit below the office (residential areas
 * above all, also communes), with its parent, kind, code, start date and, optionally, one year's
 * households and residents. A unit with figures for several years takes one row per year (the
 * unit's columns repeated), so the sheet keeps fixed columns whatever the years.
 *
 * Natural key: parent + exact name (+ year). An import adds units, fills a missing code or start
 * date, and records yearly figures (in unit_year_stats, through writeStats); it never renames,
 * re-kinds or moves a unit — a value that contradicts what is recorded is a row error.
 */
import type { ImportSpec, ImportStatus, CellValue } from '../../../xlsx/spec';
import type { ServiceContext } from '../../../context';
import { findUnit, insertChanges, insertUnits, listUnits, updateUnit, type Db, type NewChange } from '../../../repos/units.repo';
import { statYears, statsFor, statsOfYear } from '../../../repos/unit-history.repo';
import { writeStats } from '../../../services/unit-history';
import { requireEra } from '../../units.service';
import { RowReader, headerMap } from '../../../xlsx/cells';
import { UnitIndex, exactKey } from '../../../xlsx/unit-index';
import type { UnitDto } from '../../../../../shared/ipc/contract';
import { REGISTRY_TITLES, type ListFilter } from '../../../../../shared/domain/registries';
import { checkPlacement, sameUnitName } from '../../../../../shared/domain/unit-tree';
import { levelOfKind, type Era, type UnitKind } from '../../../../../shared/domain/units';
import { KIND_LABELS } from '../../../../../shared/domain/labels';
import { checkFigures } from '../../../../../shared/domain/lineage';
import { formatDateVi } from '../../../../../shared/lib/dates';
import { compareVietnamese, matchesQuery } from '../../../../../shared/lib/text';
import { UNIT_SHEET_TEXTS as T, childKinds, inferKind } from './units.texts';

export interface UnitRowValue {
  /** Parent id + exact name: the unit the row is about, existing or to be created. */
  identity: string;
  parentId: string;
  parentName: string;
  /** The live unit with this parent and exact name, or null when the import creates it. */
  existingId: string | null;
  name: string;
  kind: UnitKind;
  code: string | null;
  validFrom: string | null;
  /** Blanks of an existing unit that the row fills in. */
  fill: { code?: string; validFrom?: string };
  year: number | null;
  households: number | null;
  residents: number | null;
}

const COLUMNS = [
  { key: 'parent', header: 'Đơn vị cấp trên', width: 34, required: true, example: 'Xã Gia Hòa', note: T.notes.parent },
  { key: 'name', header: 'Tên đơn vị', width: 26, required: true, example: 'Thôn Đông', note: T.notes.name },
  { key: 'kind', header: 'Loại', width: 16, options: childKinds.map((k) => KIND_LABELS[k]), example: 'Thôn', note: T.notes.kind },
  { key: 'code', header: 'Mã', width: 10, example: '', note: T.notes.code },
  { key: 'validFrom', header: 'Ngày bắt đầu hoạt động', width: 16, example: '01/07/2025', note: T.notes.validFrom },
  { key: 'year', header: 'Năm số liệu', width: 10, example: '2025', note: T.notes.year },
  { key: 'households', header: 'Số hộ', width: 10, example: '245', note: T.notes.households },
  { key: 'residents', header: 'Số nhân khẩu', width: 12, example: '980', note: T.notes.residents },
] as const;

const HEADERS = headerMap(COLUMNS);
const col = (key: keyof typeof HEADERS) => `Cột "${HEADERS[key]}"`;
const MIN_YEAR = 1990;

interface Lookup {
  era: Era;
  today: string;
  index: UnitIndex;
  /** What earlier rows of this file said about each unit, so the rows of one unit agree. */
  seen: Map<string, { kind: UnitKind; code: string | null; validFrom: string | null }>;
  /** Parent → the names earlier rows gave new units under it. */
  newNames: Map<string, string[]>;
  /** Parent + code → the identity of the unit that an earlier row gave it to. */
  seenCodes: Map<string, string>;
}

type Reader = RowReader;

/** The parent cell, resolved exactly (code, name, then path). */
function readParent(r: Reader, lookup: Lookup): UnitDto | null {
  const text = r.raw('parent');
  if (text === '') {
    r.problem(`${col('parent')}: không được để trống.`, 'parent');
    return null;
  }
  const found = lookup.index.resolve(text);
  if (!found.ok) {
    r.problem(`${col('parent')}: ${found.message}`, 'parent');
    return null;
  }
  return found.unit;
}

function readKind(r: Reader, name: string | null, existing: UnitDto | null, parent: UnitDto | null, lookup: Lookup): UnitKind | null {
  if (r.raw('kind') !== '') {
    const labels = Object.fromEntries(childKinds.map((k) => [k, KIND_LABELS[k]])) as Record<UnitKind, string>;
    return r.choice('kind', labels);
  }
  if (existing) return existing.kind;
  const inferred = name !== null && parent !== null ? inferKind(name, lookup.era, parent.level) : null;
  if (inferred) return inferred;
  // Without a parent the allowed kinds are unknown; the parent's error is the one to show.
  if (name !== null && parent !== null) r.problem(`${col('kind')}: ${T.kindMissing(name)}`, 'kind');
  return null;
}

/** The year's figures: a year is needed with any figure, and no figures for a year not yet begun. */
function readFigures(r: Reader, lookup: Lookup) {
  const year = r.int('year', { min: MIN_YEAR, max: 2100 });
  const households = r.int('households', { min: 0, max: 1_000_000_000 });
  const residents = r.int('residents', { min: 0, max: 1_000_000_000 });
  const current = Number(lookup.today.slice(0, 4));
  if (year !== null && year > current) r.problem(`${col('year')}: ${T.futureYear(year, current)}`, 'year');
  if (year === null && r.raw('year') === '' && (households !== null || residents !== null)) {
    r.problem(`${col('year')}: ${T.yearNeeded}`, 'year');
  }
  const figures = checkFigures(households, residents);
  if (figures) r.problem(`${col('residents')}: ${figures}`, 'residents');
  return { year, households, residents };
}

/** Rules of a unit that already exists: the file may fill its blanks, never contradict it. */
function checkExisting(r: Reader, existing: UnitDto, kind: UnitKind, code: string | null, validFrom: string | null): UnitRowValue['fill'] {
  const fill: UnitRowValue['fill'] = {};
  if (kind !== existing.kind)
    r.problem(`${col('kind')}: ${T.kindDiffers(existing.name, KIND_LABELS[existing.kind], KIND_LABELS[kind])}`, 'kind');
  if (code !== null && existing.code !== null && code !== existing.code) {
    r.problem(`${col('code')}: ${T.codeDiffers(existing.name, existing.code, code)}`, 'code');
  } else if (code !== null && existing.code === null) fill.code = code;
  if (validFrom !== null && existing.validFrom !== null && validFrom !== existing.validFrom) {
    r.problem(
      `${col('validFrom')}: ${T.dateDiffers(existing.name, formatDateVi(existing.validFrom), formatDateVi(validFrom))}`,
      'validFrom',
    );
  } else if (validFrom !== null && existing.validFrom === null) fill.validFrom = validFrom;
  return fill;
}

/** Rules of a unit the file creates: placement, a name and code free among its siblings and in the file. */
function checkNew(r: Reader, lookup: Lookup, parent: UnitDto, name: string, kind: UnitKind | null, code: string | null): void {
  if (kind !== null) {
    const placement = checkPlacement(lookup.era, parent.level, kind);
    if (placement) r.problem(`${col('kind')}: ${placement}`, 'kind');
  }
  // The same rule as a unit added by hand (units.service assertUniqueAmongSiblings).
  const similar = lookup.index.activeChildren(parent.id).find((s) => sameUnitName(s.name, name));
  if (similar) r.problem(`${col('name')}: ${T.similarName(parent.name, similar.name, name)}`, 'name');
  const inFile = (lookup.newNames.get(parent.id) ?? []).find((n) => sameUnitName(n, name) && exactKey(n) !== exactKey(name));
  if (inFile !== undefined) r.problem(`${col('name')}: ${T.similarInFile(parent.name, inFile, name)}`, 'name');
  if (code !== null) {
    const holder = lookup.index.activeChildren(parent.id).find((s) => s.code === code);
    if (holder) r.problem(`${col('code')}: ${T.codeTaken(code, holder.name)}`, 'code');
  }
}

/** The rows of one unit must say the same about it; a code is given to one unit only. */
function checkAgainstFile(r: Reader, lookup: Lookup, v: Pick<UnitRowValue, 'identity' | 'parentId' | 'kind' | 'code' | 'validFrom'>): void {
  const earlier = lookup.seen.get(v.identity);
  if (earlier && (earlier.kind !== v.kind || earlier.code !== v.code || earlier.validFrom !== v.validFrom)) {
    r.problem(T.rowsDisagree);
  }
  if (v.code !== null) {
    const other = lookup.seenCodes.get(`${v.parentId}/${v.code}`);
    if (other !== undefined && other !== v.identity) r.problem(`${col('code')}: ${T.codeTwiceInFile(v.code)}`, 'code');
  }
}

function remember(lookup: Lookup, v: UnitRowValue): void {
  if (lookup.seen.has(v.identity)) return;
  lookup.seen.set(v.identity, { kind: v.kind, code: v.code, validFrom: v.validFrom });
  if (v.existingId === null) lookup.newNames.set(v.parentId, [...(lookup.newNames.get(v.parentId) ?? []), v.name]);
  if (v.code !== null) lookup.seenCodes.set(`${v.parentId}/${v.code}`, v.identity);
}

function parseUnitRow(cells: Readonly<Record<string, string>>, lookup: Lookup) {
  const r = new RowReader(cells, HEADERS);
  const parent = readParent(r, lookup);
  const name = r.text('name', { required: true, max: 200 });
  const index = lookup.index;
  const nameKey = name !== null ? exactKey(name) : '';
  const code = r.text('code', { max: 20 });
  if (code !== null && !/^[0-9A-Za-z._-]+$/.test(code)) r.problem(`${col('code')}: ${T.badCode}`, 'code');
  // Live siblings may share a name (the catalogue holds two "Xã Đông Khê" under Thành phố Thanh Hóa):
  // then the row's code says which one it is about.
  const siblings = parent && name !== null ? index.activeChildren(parent.id).filter((c) => index.keyOf(c) === nameKey) : [];
  const existing = siblings.length <= 1 ? (siblings[0] ?? null) : (siblings.find((c) => code !== null && c.code === code) ?? null);
  if (siblings.length > 1 && existing === null) r.problem(`${col('code')}: ${T.sameNameNeedsCode(name ?? '', siblings.length)}`, 'code');
  const kind = readKind(r, name, existing, parent, lookup);
  const validFrom = r.date('validFrom');
  if (validFrom !== null && validFrom > lookup.today) r.problem(`${col('validFrom')}: ${T.futureStart}`, 'validFrom');
  const figures = readFigures(r, lookup);
  if (parent && parent.validTo !== null) r.problem(`${col('parent')}: ${T.parentEnded(parent.name)}`, 'parent');
  let fill: UnitRowValue['fill'] = {};
  if (parent && name !== null) {
    if (existing && kind !== null) fill = checkExisting(r, existing, kind, code, validFrom);
    else if (siblings.length === 0) checkNew(r, lookup, parent, name, kind, code);
  }
  if (kind !== null && figures.year !== null && levelOfKind(kind) !== 'xa' && levelOfKind(kind) !== 'khu_dan_cu') {
    r.problem(`${col('year')}: ${T.figuresLevel}`, 'year');
  }
  const start = existing?.validFrom ?? validFrom;
  if (figures.year !== null && start !== null && Number(start.slice(0, 4)) > figures.year) {
    r.problem(`${col('year')}: ${T.beforeStart(formatDateVi(start), figures.year)}`, 'year');
  }
  if (parent === null || name === null || kind === null || r.issues.length > 0) return { ok: false as const, errors: r.issues };
  const value: UnitRowValue = {
    identity: siblings.length > 1 && existing ? `${parent.id}/${nameKey}/${existing.id}` : `${parent.id}/${nameKey}`,
    parentId: parent.id,
    parentName: parent.name,
    existingId: existing?.id ?? null,
    name: existing?.name ?? name,
    kind,
    code: existing?.code ?? code,
    validFrom: existing?.validFrom ?? validFrom,
    fill,
    ...figures,
  };
  checkAgainstFile(r, lookup, { ...value, code, validFrom });
  if (r.issues.length > 0) return { ok: false as const, errors: r.issues };
  remember(lookup, { ...value, code, validFrom });
  const where = index.pathLabel(parent);
  return { ok: true as const, value, label: `${value.name} (${where})${value.year !== null ? ` – năm ${value.year}` : ''}` };
}

/** Creates the new units of the file (one row per unit even when it has several years) and fills blanks. */
async function writeUnits(db: Db, ctx: ServiceContext, values: readonly UnitRowValue[]): Promise<Map<string, string>> {
  const at = ctx.clock.timestamp();
  const ids = new Map<string, string>();
  const rows: Parameters<typeof insertUnits>[1][number][] = [];
  const changes: NewChange[] = [];
  for (const v of values) {
    if (v.existingId !== null) {
      ids.set(v.identity, v.existingId);
      continue;
    }
    if (ids.has(v.identity)) continue;
    const id = ctx.newId();
    ids.set(v.identity, id);
    rows.push({
      id,
      parentId: v.parentId,
      level: levelOfKind(v.kind),
      kind: v.kind,
      name: v.name,
      code: v.code,
      validFrom: v.validFrom,
      source: 'manual',
      at,
    });
    changes.push({ id: ctx.newId(), unitId: id, at, action: 'create', summary: T.createdSummary(v), reason: T.reason, data: { after: v } });
  }
  await insertUnits(db, rows);
  const filled = new Set<string>();
  for (const v of values) {
    if (v.existingId === null || filled.has(v.existingId) || (v.fill.code === undefined && v.fill.validFrom === undefined)) continue;
    filled.add(v.existingId);
    const current = await findUnit(db, v.existingId);
    if (!current) continue;
    await updateUnit(
      db,
      current,
      { ...(v.fill.code !== undefined && { code: v.fill.code }), ...(v.fill.validFrom !== undefined && { validFrom: v.fill.validFrom }) },
      at,
    );
    changes.push({
      id: ctx.newId(),
      unitId: current.id,
      at,
      action: 'update',
      summary: T.filledSummary(v.fill),
      reason: T.reason,
      data: { before: current, after: v.fill },
    });
  }
  await insertChanges(db, changes);
  return ids;
}

/** Rows with figures → the yearly stats; a blank figure keeps what is recorded. */
async function writeFigures(db: Db, ctx: ServiceContext, values: readonly UnitRowValue[], ids: ReadonlyMap<string, string>): Promise<void> {
  const rows = values.filter((v) => v.year !== null && (v.households !== null || v.residents !== null));
  const recorded = await statsFor(
    db,
    rows.filter((v) => v.existingId !== null).map((v) => ({ unitId: v.existingId!, year: v.year! })),
  );
  const stats = [];
  for (const v of rows) {
    const unitId = ids.get(v.identity);
    if (v.year === null || unitId === undefined) continue;
    const existing = recorded.get(`${unitId}/${v.year}`);
    stats.push({
      unitId,
      year: v.year,
      households: v.households ?? existing?.households ?? null,
      residents: v.residents ?? existing?.residents ?? null,
      trongDiem: existing?.trongDiem ?? false,
    });
  }
  if (stats.length > 0) await writeStats(db, ctx, stats);
}

function isWithin(index: UnitIndex, unit: UnitDto, ancestorId: string): boolean {
  let cursor: UnitDto | undefined = unit;
  for (let steps = 0; cursor && steps < 10_000; steps++) {
    if (cursor.id === ancestorId) return true;
    cursor = cursor.parentId !== null ? index.get(cursor.parentId) : undefined;
  }
  return false;
}

export const unitsSpec: ImportSpec<UnitRowValue, Lookup> = {
  id: 'units',
  title: REGISTRY_TITLES.units,
  columns: COLUMNS,

  async prepare(ctx) {
    return {
      era: await requireEra(ctx.db),
      today: ctx.clock.today(),
      index: new UnitIndex(await listUnits(ctx.db, true)),
      seen: new Map(),
      newNames: new Map(),
      seenCodes: new Map(),
    };
  },

  parseRow: parseUnitRow,

  naturalKey: (v) => `${v.identity}/${v.year ?? ''}`,

  async classify(db: Db, values) {
    const withFigures = values.filter((v) => v.existingId !== null && v.year !== null && (v.households !== null || v.residents !== null));
    const recorded = await statsFor(
      db,
      withFigures.map((v) => ({ unitId: v.existingId!, year: v.year! })),
    );
    return values.map((v): ImportStatus => {
      if (v.existingId === null) return 'new';
      if (v.fill.code !== undefined || v.fill.validFrom !== undefined) return 'update';
      if (v.year === null || (v.households === null && v.residents === null)) return 'unchanged';
      const s = recorded.get(`${v.existingId}/${v.year}`);
      const changed =
        !s || (v.households !== null && v.households !== s.households) || (v.residents !== null && v.residents !== s.residents);
      return changed ? 'update' : 'unchanged';
    });
  },

  async apply(db, ctx, values) {
    const ids = await writeUnits(db, ctx, values);
    await writeFigures(db, ctx, values, ids);
  },

  async exportRows(ctx, filter: ListFilter) {
    const units = await listUnits(ctx.db, false);
    const index = new UnitIndex(units);
    const years = filter.year !== null ? [filter.year] : await statYears(ctx.db);
    const byUnit = new Map<string, { year: number; households: number | null; residents: number | null }[]>();
    for (const year of years) {
      for (const s of await statsOfYear(ctx.db, year)) {
        const list = byUnit.get(s.unitId) ?? [];
        list.push({ year, households: s.households, residents: s.residents });
        byUnit.set(s.unitId, list);
      }
    }
    const chosen = units.filter(
      (u) =>
        u.parentId !== null &&
        (filter.unitId === null || isWithin(index, u, filter.unitId)) &&
        (filter.kind === null || u.kind === filter.kind) &&
        (filter.search.trim() === '' || matchesQuery(`${u.name} ${u.code ?? ''}`, filter.search)),
    );
    // Parents before their children (a path sorts before the paths that extend it).
    const sorted = chosen.map((u) => ({ u, path: index.pathLabel(u) })).sort((a, b) => compareVietnamese(a.path, b.path));
    const out: Record<string, CellValue>[] = [];
    for (const { u } of sorted) {
      const parent = index.get(u.parentId!);
      const base = {
        parent: parent ? index.exportLabel(parent) : '',
        name: u.name,
        kind: KIND_LABELS[u.kind],
        code: u.code,
        validFrom: u.validFrom ? formatDateVi(u.validFrom) : null,
      };
      const figures = (byUnit.get(u.id) ?? []).filter((s) => s.households !== null || s.residents !== null);
      if (figures.length === 0) out.push({ ...base, year: null, households: null, residents: null });
      for (const s of figures) out.push({ ...base, year: s.year, households: s.households, residents: s.residents });
    }
    return out;
  },
};
