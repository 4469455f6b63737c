/**
 * Methods shared by every registry: Excel template, import (preview, then commit) and export.
 * The registry id picks the sheet layout (shared/domain/registries.ts).
 */
import { z } from 'zod';
import { REGISTRY_IDS } from '../../domain/registries';
import { TABLES } from '../../domain/table-registry';
import { fileBase64, isoDate, listFilter, uuid } from '../common';
import { jobIdInput } from './jobs.contract';
import { registrationBlockDto } from './period.contract';

const registry = z.enum(REGISTRY_IDS, { error: 'Danh mục không hợp lệ.' });
const file = z.object({ fileName: z.string(), base64: z.string() });
/** jobId: made up by the caller to watch the import's progress (jobs.progress) and cancel it (jobs.cancel). */
const importInput = z.object({ registry, fileBase64, jobId: jobIdInput }).strict();

const territory = z.object({
  communes: z.number(),
  residentialAreas: z.number(),
  households: z.number(),
  residents: z.number(),
  unitsWithFigures: z.number(),
  trongDiem: z.number(),
});
const organizations = z.object({
  total: z.number(),
  byKind: z.object({ co_quan: z.number(), doanh_nghiep: z.number(), co_so_giao_duc: z.number() }),
  eligible: z.number(),
  ineligible: z.number(),
  incomplete: z.number(),
});
const models = z.object({
  modelTypes: z.number(),
  models: z.number(),
  sites: z.number(),
  teams: z.number(),
  members: z.number(),
  newModels: z.number(),
  newSites: z.number(),
  replicated: z.number(),
  retired: z.number(),
  effective: z.number(),
  exemplary: z.number(),
});
const massOrgs = z.object({
  organizations: z.number(),
  members: z.number(),
  effective: z.number(),
  byKind: z.array(
    z.object({ kindId: z.string(), kind: z.string(), organizations: z.number(), members: z.number(), effective: z.number() }),
  ),
});
const overviewBlock = z.object({ territory, organizations, models, massOrgs });

const tableName = z.enum(TABLES.map((t) => t.name) as [string, ...string[]], { error: 'Bảng dữ liệu không hợp lệ.' });

export const registryContract = {
  /** Which of these rows an office sent (at the province: read-only there); absent ids are the province's own. */
  'ownership.lookup': {
    input: z
      .object({ table: tableName, ids: z.array(uuid).max(5000, { error: 'Quá nhiều bản ghi trong một lần tra cứu (tối đa 5.000).' }) })
      .strict(),
    output: z.object({ owners: z.array(z.object({ id: z.string(), officeCode: z.string(), officeName: z.string() })) }),
  },
  'registry.overview': {
    input: z.object({ from: isoDate, to: isoDate, unitId: uuid.nullable() }).strict(),
    output: overviewBlock.extend({
      sentences: z.object({ territory: z.string(), organizations: z.string(), models: z.string(), massOrgs: z.string() }),
      /** Registration and recognition of the period's last year (issue 14 item 3). */
      registrations: registrationBlockDto,
      perUnit: z.array(overviewBlock.extend({ unitId: z.string(), name: z.string() })),
    }),
  },
  'xlsx.template': {
    input: z.object({ registry }).strict(),
    output: file,
  },
  'xlsx.preview': {
    input: importInput,
    output: z.object({
      title: z.string(),
      rows: z.array(
        z.object({
          rowNumber: z.number().int(),
          /** 'duplicate': the same values as an earlier row of the file, written once. */
          status: z.enum(['new', 'update', 'unchanged', 'duplicate', 'error']),
          label: z.string(),
          errors: z.array(z.string()),
          /** Written only when the officer accepts them (near-duplicates). */
          warnings: z.array(z.string()),
          notes: z.array(z.string()),
        }),
      ),
      counts: z.object({ new: z.number(), update: z.number(), unchanged: z.number(), error: z.number() }),
      /** Rows skipped as exact repeats of an earlier row. */
      duplicates: z.number().int(),
      /** Rows to be written that carry warnings: xlsx.commit needs acceptWarnings. */
      warnings: z.number().int(),
    }),
  },
  'xlsx.commit': {
    /** acceptWarnings: the officer saw the preview's warnings (near-duplicates) and writes those rows anyway. */
    input: importInput.extend({ acceptWarnings: z.boolean().optional() }).strict(),
    output: z.object({
      created: z.number(),
      updated: z.number(),
      unchanged: z.number(),
      /** The span of the rows written on the list's dates (dated records only), so the list can show them. */
      dates: z.object({ from: isoDate, to: isoDate }).optional(),
    }),
  },
  'xlsx.export': {
    /** jobId: optional, to watch a large export's progress (jobs.progress); the host answers meanwhile either way. */
    input: z.object({ registry, filter: listFilter, jobId: jobIdInput }).strict(),
    output: file.extend({ rows: z.number().int() }),
  },
} as const;
