/**
 * Methods of units across time (issue 3 item 1): yearly households/residents and flags, area type,
 * merge and split with lineage, the tree as of a date, the guided 2025 reorganisation and the
 * roll-up of past figures. Method names are lowercase noun.verb (the contract test requires it).
 */
import { z } from 'zod';
import { UNIT_KINDS, UNIT_LEVELS } from '../../domain/units';
import { AREA_TYPES, LINEAGE_KINDS, ROLLUP_VIEWS, STATS_LEVELS } from '../../domain/lineage';
import { TRANSFER_GROUPS, TRANSFER_TABLES } from '../../domain/table-registry';
import { count, isoDate, listFilter, optionalText, requiredText, uuid, year } from '../common';

const kind = z.enum(UNIT_KINDS, { error: 'Loại đơn vị không hợp lệ.' });
const level = z.enum(UNIT_LEVELS);
const statsLevel = z.enum(STATS_LEVELS, { error: 'Cấp đơn vị không hợp lệ (xã hoặc khu dân cư).' });
const areaType = z.enum(AREA_TYPES, { error: 'Loại địa bàn không hợp lệ.' });

const unitName = requiredText('Tên đơn vị', 200);
/** Same rule as the core contract's unit code: digits/letters, empty means none. */
const unitCode = z
  .string()
  .trim()
  .max(20, { error: 'Mã đơn vị quá dài (tối đa 20 ký tự).' })
  .regex(/^[0-9A-Za-z._-]*$/, { error: 'Mã đơn vị chỉ gồm chữ số, chữ cái không dấu, dấu chấm, gạch.' })
  .transform((s) => (s === '' ? null : s))
  .nullable();
const reason = requiredText('Lý do', 500);

const nullableCount = (label: string) => count(label).nullable();

/**
 * Records attached to a unit that the officer chose to move to the successor when the unit is
 * merged or ended (issue 9 item 9). Empty: nothing moves.
 */
export const transferChoice = z
  .array(z.object({ table: z.enum(TRANSFER_TABLES, { error: 'Loại hồ sơ không hợp lệ.' }), id: uuid }).strict())
  .max(5000, { error: 'Quá nhiều hồ sơ trong một lần chuyển (tối đa 5.000).' })
  .default([]);

export const attachedItemDto = z.object({
  table: z.enum(TRANSFER_TABLES),
  id: z.string(),
  group: z.enum(TRANSFER_GROUPS),
  name: z.string(),
  detail: z.string().nullable(),
  unitId: z.string(),
  unitName: z.string(),
});
export type AttachedItemDto = z.infer<typeof attachedItemDto>;

export const transferBatchDto = z.object({
  batchId: z.string(),
  at: z.string(),
  effectiveDate: z.string(),
  from: z.object({ id: z.string(), name: z.string() }),
  to: z.object({ id: z.string(), name: z.string() }),
  count: z.number().int(),
  undoneAt: z.string().nullable(),
});
export type TransferBatchDto = z.infer<typeof transferBatchDto>;

/** What a merge or an end moved: the batch to undo, or null when nothing moved. */
export const transferResult = { transferBatchId: z.string().nullable(), transferred: z.number().int() };

export const yearStatDto = z.object({
  unitId: z.string(),
  year: z.number().int(),
  households: z.number().int().nullable(),
  residents: z.number().int().nullable(),
  trongDiem: z.boolean(),
  updatedAt: z.string(),
});
export type YearStatDto = z.infer<typeof yearStatDto>;

export const statsRowDto = z.object({
  unitId: z.string(),
  /** Name, kind and code as they were in the year. */
  name: z.string(),
  kind,
  code: z.string().nullable(),
  level,
  parentId: z.string().nullable(),
  parentName: z.string().nullable(),
  validFrom: z.string().nullable(),
  validTo: z.string().nullable(),
  areaType: areaType.nullable(),
  households: z.number().int().nullable(),
  residents: z.number().int().nullable(),
  trongDiem: z.boolean(),
  /** A row exists for the unit and year. */
  recorded: z.boolean(),
});
export type StatsRowDto = z.infer<typeof statsRowDto>;

const linkedUnit = z.object({
  id: z.string(),
  name: z.string(),
  code: z.string().nullable(),
  kind,
  level,
  validFrom: z.string().nullable(),
  validTo: z.string().nullable(),
});

export const lineageLinkDto = z.object({
  eventId: z.string(),
  unit: linkedUnit,
  effectiveDate: z.string(),
  kind: z.enum(LINEAGE_KINDS),
  primary: z.boolean(),
  note: z.string().nullable(),
});
export type LineageLinkDto = z.infer<typeof lineageLinkDto>;

const historicUnitDto = z.object({
  id: z.string(),
  parentId: z.string().nullable(),
  level,
  kind,
  name: z.string(),
  code: z.string().nullable(),
  validFrom: z.string().nullable(),
  validTo: z.string().nullable(),
  endReason: z.string().nullable(),
  source: z.enum(['catalogue', 'manual']),
  createdAt: z.string(),
  updatedAt: z.string(),
});

const catalogueUnit = z.object({ code: z.string(), name: z.string(), kind });

export const reorgProposalDto = z.object({
  /** False when the office cannot run the step; `reason` says why. */
  applicable: z.boolean(),
  reason: z.string().nullable(),
  effectiveDate: z.string(),
  /** Where the successors go. */
  parent: z.object({ id: z.string(), name: z.string() }),
  /** A provincial office: districts end and the office moves to the post-2025 catalogue. */
  endsDistricts: z.boolean(),
  groups: z.array(
    z.object({
      /** The new commune's official code (sau_2025). */
      key: z.string(),
      successor: catalogueUnit,
      /** 'keep': the only predecessor continues as the new commune (same code); 'merge': a new unit. */
      mode: z.enum(['merge', 'keep']),
      /** The new commune already exists (an earlier, partial application): merge into it. */
      existing: z.object({ id: z.string(), name: z.string() }).nullable(),
      predecessors: z.array(
        z.object({
          unitId: z.string(),
          name: z.string(),
          code: z.string().nullable(),
          parentName: z.string().nullable(),
          /** Every new commune this old commune went into (more than one: it was divided). */
          splitInto: z.array(catalogueUnit),
        }),
      ),
      /** Predecessors in the catalogue that are not among the office's active communes. */
      outside: z.array(catalogueUnit),
    }),
  ),
  unmapped: z.array(
    z.object({ unitId: z.string(), name: z.string(), code: z.string().nullable(), parentName: z.string().nullable(), why: z.string() }),
  ),
});
export type ReorgProposalDto = z.infer<typeof reorgProposalDto>;

export const rollUpRowDto = z.object({
  unitId: z.string(),
  name: z.string(),
  code: z.string().nullable(),
  kind,
  parentId: z.string().nullable(),
  parentName: z.string().nullable(),
  validFrom: z.string().nullable(),
  validTo: z.string().nullable(),
  households: z.number().int().nullable(),
  residents: z.number().int().nullable(),
  /** Units whose figures of the year are summed here, with the names they had in that year. */
  sources: z.array(
    z.object({ unitId: z.string(), name: z.string(), households: z.number().int().nullable(), residents: z.number().int().nullable() }),
  ),
});
export type RollUpRowDto = z.infer<typeof rollUpRowDto>;

export const unitHistoryContract = {
  'unitStats.get': {
    input: z.object({ unitId: uuid }).strict(),
    output: z.object({
      unitId: z.string(),
      level,
      areaType: areaType.nullable(),
      /** Only communes carry the "trọng điểm" flag. */
      canFlag: z.boolean(),
      /** Years the unit existed in, up to the current one, newest first. */
      years: z.array(z.number().int()),
      rows: z.array(yearStatDto),
    }),
  },
  'unitStats.list': {
    input: listFilter.extend({ level: statsLevel }).strict(),
    output: z.object({ year: z.number().int(), rows: z.array(statsRowDto) }),
  },
  'unitStats.upsert': {
    input: z
      .object({
        rows: z
          .array(
            z
              .object({
                unitId: uuid,
                year,
                households: nullableCount('Số hộ'),
                residents: nullableCount('Số nhân khẩu'),
                trongDiem: z.boolean(),
              })
              .strict(),
          )
          .min(1, { error: 'Không có dòng nào để lưu.' })
          .max(20_000, { error: 'Quá nhiều dòng trong một lần lưu (tối đa 20.000).' }),
      })
      .strict(),
    output: z.object({ created: z.number().int(), updated: z.number().int(), unchanged: z.number().int() }),
  },
  'units.areaType': {
    input: z.object({ id: uuid, areaType: areaType.nullable() }).strict(),
    output: z.object({ id: z.string(), areaType: areaType.nullable() }),
  },
  'units.trongDiem': {
    input: z.object({ id: uuid, year, value: z.boolean() }).strict(),
    output: yearStatDto,
  },
  'units.merge': {
    input: z
      .object({
        /** Every unit taking part, the kept one included when the successor is one of them. */
        unitIds: z.array(uuid).min(1, { error: 'Hãy chọn các đơn vị cần hợp nhất.' }).max(100),
        effectiveDate: isoDate,
        reason,
        successor: z.discriminatedUnion('mode', [
          z.object({ mode: z.literal('new'), name: unitName, kind, code: unitCode }).strict(),
          z.object({ mode: z.literal('existing'), unitId: uuid }).strict(),
        ]),
        note: optionalText('Ghi chú', 500),
        /** Records of the ending units to move to the successor in the same step. */
        transfer: transferChoice,
      })
      .strict(),
    output: z.object({
      eventId: z.string(),
      successor: historicUnitDto,
      ended: z.number().int(),
      movedChildren: z.number().int(),
      ...transferResult,
    }),
  },
  'units.split': {
    input: z
      .object({
        id: uuid,
        effectiveDate: isoDate,
        reason,
        successors: z
          .array(z.object({ name: unitName, kind, code: unitCode, primary: z.boolean() }).strict())
          .min(2, { error: 'Chia tách cần ít nhất hai đơn vị mới.' })
          .max(20),
        /** Where each active child goes: index into `successors`. */
        children: z.array(z.object({ childId: uuid, successor: z.number().int().min(0) }).strict()).max(5000),
        note: optionalText('Ghi chú', 500),
      })
      .strict(),
    output: z.object({ eventId: z.string(), successors: z.array(historicUnitDto), movedChildren: z.number().int() }),
  },
  'units.lineage': {
    input: z.object({ id: uuid }).strict(),
    output: z.object({ predecessors: z.array(lineageLinkDto), successors: z.array(lineageLinkDto) }),
  },
  /** Open records placed in the units (and, for an end, the units below them) that may follow them. */
  'units.attached': {
    input: z
      .object({
        unitIds: z.array(uuid).min(1, { error: 'Hãy chọn đơn vị.' }).max(100),
        withDescendants: z.boolean(),
      })
      .strict(),
    output: z.object({ items: z.array(attachedItemDto) }),
  },
  /** Moves of records out of or into a unit, newest first. */
  'units.transfers': {
    input: z.object({ id: uuid }).strict(),
    output: z.object({ batches: z.array(transferBatchDto) }),
  },
  /** Puts the records of one move back where they were. */
  'units.untransfer': {
    input: z.object({ batchId: uuid }).strict(),
    output: z.object({ restored: z.number().int(), skipped: z.number().int() }),
  },
  'units.asOf': {
    input: z.object({ date: isoDate }).strict(),
    output: z.array(historicUnitDto),
  },
  'reorg.propose': {
    input: z.object({}).strict(),
    output: reorgProposalDto,
  },
  'reorg.apply': {
    input: z
      .object({
        groups: z
          .array(
            z
              .object({
                key: z.string().max(20),
                mode: z.enum(['merge', 'keep']),
                /** Merge into this existing post-2025 commune instead of creating one (`successor` is then ignored). */
                successorId: uuid.nullable(),
                successor: z.object({ name: unitName, kind, code: unitCode }).strict(),
                unitIds: z.array(uuid).min(1, { error: 'Mỗi nhóm cần ít nhất một xã cũ.' }).max(100),
              })
              .strict(),
          )
          .min(1, { error: 'Chưa chọn nhóm nào để áp dụng.' })
          .max(5000),
        /** For communes that went into several new ones: which group carries their figures. */
        primaries: z.array(z.object({ unitId: uuid, group: z.number().int().min(0) }).strict()).max(5000),
        reason,
      })
      .strict(),
    output: z.object({
      merged: z.number().int(),
      kept: z.number().int(),
      unitsEnded: z.number().int(),
      childrenMoved: z.number().int(),
      districtsEnded: z.number().int(),
      eraChanged: z.boolean(),
    }),
  },
  'figures.rollup': {
    input: z
      .object({
        year,
        view: z.enum(ROLLUP_VIEWS),
        unitId: uuid.nullable(),
        level: statsLevel,
      })
      .strict(),
    output: z.object({
      year: z.number().int(),
      view: z.enum(ROLLUP_VIEWS),
      /** The date whose units the figures are shown on. */
      asOf: z.string(),
      rows: z.array(rollUpRowDto),
      unresolved: z.array(rollUpRowDto),
      total: z.object({ households: z.number().int().nullable(), residents: z.number().int().nullable() }),
    }),
  },
} as const;
