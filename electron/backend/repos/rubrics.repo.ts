/**
 * Imported rule-set and rubric files, the evaluation settings and the rubric scores: plain
 * functions over a Kysely db or transaction. Rows are mapped to plain objects here and nowhere else.
 */
import type { Kysely, Selectable, Transaction } from 'kysely';
import type { Database } from '../db/schema';
import type { RubricScoresTable } from '../db/tables/rubrics';

export type Db = Kysely<Database> | Transaction<Database>;

/** An imported file of either kind (rule set or rubric), as stored. */
export interface StoredFile {
  recordId: string;
  /** The rule set's or rubric's own id (from the file). */
  fileId: string;
  version: string;
  name: string;
  hash: string;
  fileName: string;
  content: Uint8Array;
  importedBy: string | null;
  importedAt: string;
}

export type FileTable = 'rule_set_files' | 'rubric_files';

export async function listStoredFiles(db: Db, table: FileTable): Promise<StoredFile[]> {
  if (table === 'rule_set_files') {
    const rows = await db.selectFrom('rule_set_files').selectAll().orderBy('rule_set_id').orderBy('version').execute();
    return rows.map((r) => ({
      recordId: r.id,
      fileId: r.rule_set_id,
      version: r.version,
      name: r.name,
      hash: r.hash,
      fileName: r.file_name,
      content: toBytes(r.content),
      importedBy: r.imported_by,
      importedAt: r.created_at,
    }));
  }
  const rows = await db.selectFrom('rubric_files').selectAll().orderBy('rubric_id').orderBy('version').execute();
  return rows.map((r) => ({
    recordId: r.id,
    fileId: r.rubric_id,
    version: r.version,
    name: r.name,
    hash: r.hash,
    fileName: r.file_name,
    content: toBytes(r.content),
    importedBy: r.imported_by,
    importedAt: r.created_at,
  }));
}

/** better-sqlite3 returns BLOBs as Buffers; hand out plain byte arrays. */
function toBytes(v: Uint8Array): Uint8Array {
  return new Uint8Array(v.buffer, v.byteOffset, v.byteLength);
}

export interface NewStoredFile {
  id: string;
  fileId: string;
  version: string;
  name: string;
  hash: string;
  fileName: string;
  content: Uint8Array;
  importedBy: string | null;
  at: string;
}

export async function insertStoredFile(db: Db, table: FileTable, f: NewStoredFile): Promise<void> {
  const common = {
    id: f.id,
    version: f.version,
    name: f.name,
    hash: f.hash,
    file_name: f.fileName,
    // A Buffer is what better-sqlite3 binds as a BLOB; a bare Uint8Array is refused.
    content: Buffer.from(f.content),
    imported_by: f.importedBy,
    created_at: f.at,
    updated_at: f.at,
  };
  if (table === 'rule_set_files')
    await db
      .insertInto('rule_set_files')
      .values({ ...common, rule_set_id: f.fileId })
      .execute();
  else
    await db
      .insertInto('rubric_files')
      .values({ ...common, rubric_id: f.fileId })
      .execute();
}

export async function deleteStoredFile(db: Db, table: FileTable, recordId: string): Promise<void> {
  await db.deleteFrom(table).where('id', '=', recordId).execute();
}

// ---------------------------------------------------------------------------------------------
// Settings

export interface StoredSettings {
  reducedMeans: string;
  subunitPool: string;
  updatedBy: string | null;
  updatedAt: string;
}

export async function getSettingsRow(db: Db): Promise<StoredSettings | null> {
  const r = await db.selectFrom('evaluation_settings').selectAll().where('singleton', '=', 1).executeTakeFirst();
  return r ? { reducedMeans: r.reduced_means, subunitPool: r.subunit_pool, updatedBy: r.updated_by, updatedAt: r.updated_at } : null;
}

export async function saveSettingsRow(
  db: Db,
  s: { id: string; reducedMeans: string; subunitPool: string; updatedBy: string | null; at: string },
): Promise<void> {
  await db
    .insertInto('evaluation_settings')
    .values({
      id: s.id,
      singleton: 1,
      reduced_means: s.reducedMeans,
      subunit_pool: s.subunitPool,
      updated_by: s.updatedBy,
      created_at: s.at,
      updated_at: s.at,
    })
    .onConflict((oc) =>
      oc
        .column('singleton')
        .doUpdateSet({ reduced_means: s.reducedMeans, subunit_pool: s.subunitPool, updated_by: s.updatedBy, updated_at: s.at }),
    )
    .execute();
}

// ---------------------------------------------------------------------------------------------
// Scores

export type ScoreRow = Selectable<RubricScoresTable>;

export async function listScores(db: Db, year: number, rubricId: string): Promise<ScoreRow[]> {
  return db.selectFrom('rubric_scores').selectAll().where('year', '=', year).where('rubric_id', '=', rubricId).execute();
}

export async function findScore(
  db: Db,
  subjectId: string,
  year: number,
  rubricId: string,
  kind: 'tu_cham' | 'tham_dinh',
): Promise<ScoreRow | null> {
  const r = await db
    .selectFrom('rubric_scores')
    .selectAll()
    .where('subject_id', '=', subjectId)
    .where('year', '=', year)
    .where('rubric_id', '=', rubricId)
    .where('kind', '=', kind)
    .executeTakeFirst();
  return r ?? null;
}

export async function upsertScore(db: Db, row: ScoreRow): Promise<void> {
  await db
    .insertInto('rubric_scores')
    .values(row)
    .onConflict((oc) =>
      oc.columns(['subject_id', 'year', 'rubric_id', 'kind']).doUpdateSet({
        rubric_version: row.rubric_version,
        rubric_hash: row.rubric_hash,
        inputs: row.inputs,
        scored_by: row.scored_by,
        note: row.note,
        updated_at: row.updated_at,
      }),
    )
    .execute();
}

// ---------------------------------------------------------------------------------------------
// What a rubric may score

export type RubricOrgRow = Selectable<Database['organizations']>;

export async function liveOrganizationsForRubrics(db: Db): Promise<RubricOrgRow[]> {
  return db.selectFrom('organizations').selectAll().where('deleted_at', 'is', null).execute();
}
