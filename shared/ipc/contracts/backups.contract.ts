/**
 * Backups of the office's database (issue 15 item 4): the list with each backup's date, reason,
 * size and record counts, "Sao lưu ngay", a copy to a chosen folder (a USB stick), restore (after
 * a backup of the current file) and its undo, and the last status (a failed backup is shown, never
 * silent). Restoring will be for Quản trị only once accounts exist (issue 15 item 1).
 */
import { z } from 'zod';

/** Why a backup was made. */
export const BACKUP_REASONS = ['auto', 'manual', 'migration', 'restore', 'handoff', 'package', 'freeze'] as const;
export type BackupReason = (typeof BACKUP_REASONS)[number];

/** The registries whose live records each backup counts (their tables; deleted records not counted). */
export const BACKUP_COUNTED = [
  'units',
  'organizations',
  'models',
  'model_sites',
  'mass_orgs',
  'mass_org_members',
  'propaganda_sessions',
  'activity_events',
  'tips',
  'mediations',
  'incidents',
  'awards',
] as const;
export type BackupCounted = (typeof BACKUP_COUNTED)[number];

/** Live records per registry; null where the backup's schema has no such table yet (thiếu dữ liệu). */
export const backupCountsDto = z.record(z.enum(BACKUP_COUNTED), z.number().int().nullable());

export const backupDto = z.object({
  id: z.string(),
  fileName: z.string(),
  createdAt: z.string(),
  reason: z.enum(BACKUP_REASONS),
  /** What the reason is about (the hand-off file, the year frozen, the version migrated from), or null. */
  detail: z.string().nullable(),
  bytes: z.number().int(),
  sha256: z.string(),
  userVersion: z.number().int(),
  counts: backupCountsDto,
  /**
   * The file holds protected values (informants' identities, phones) in clear: it was made before
   * set-up sealed them (the backup before upgrading an older file). Absent in entries listed by an
   * older version until the list looks at the file.
   */
  clearProtected: z.boolean().optional(),
});
export type BackupDto = z.infer<typeof backupDto>;

export const backupStatusDto = z.object({
  lastSuccess: z.object({ at: z.string(), reason: z.enum(BACKUP_REASONS) }).nullable(),
  /** The last failure, kept until a later backup succeeds. */
  lastFailure: z.object({ at: z.string(), reason: z.enum(BACKUP_REASONS), message: z.string() }).nullable(),
  /** Changes written since the last backup (an automatic one is due once 15 minutes have passed). */
  pendingChanges: z.boolean(),
});
export type BackupStatusDto = z.infer<typeof backupStatusDto>;

export const lastRestoreDto = z.object({
  at: z.string(),
  restored: backupDto,
  /** The copy of the file as it was just before the restore: "Hoàn tác khôi phục" puts it back. */
  before: backupDto,
});
export type LastRestoreDto = z.infer<typeof lastRestoreDto>;

const backupId = z
  .string({ error: 'Cần chọn một bản sao lưu.' })
  .trim()
  .min(1, { error: 'Cần chọn một bản sao lưu.' })
  .max(200, { error: 'Mã bản sao lưu không hợp lệ.' });

const folderPath = z
  .string({ error: 'Cần nhập đường dẫn thư mục.' })
  .trim()
  .min(1, { error: 'Cần nhập đường dẫn thư mục.' })
  .max(1000, { error: 'Đường dẫn quá dài.' });

export const backupsContract = {
  /** Every backup the app made (its manifest), newest first, with the folder, the status and the last restore. */
  'backups.list': {
    input: z.object({}).strict(),
    output: z.object({ folder: z.string(), entries: z.array(backupDto), status: backupStatusDto, lastRestore: lastRestoreDto.nullable() }),
  },
  /** The status alone, for the shell's header (polled). */
  'backups.status': { input: z.object({}).strict(), output: backupStatusDto },
  /** "Sao lưu ngay": a backup written, checked, listed; rotation runs after it. */
  'backups.create': { input: z.object({}).strict(), output: backupDto },
  /** Copies a backup into an existing folder (a USB stick), under its own name; never overwrites. */
  'backups.copy': { input: z.object({ id: backupId, folder: folderPath }).strict(), output: z.object({ path: z.string() }) },
  /** Replaces the database with a checked backup, after a backup of the current file. */
  'backups.restore': { input: z.object({ id: backupId }).strict(), output: lastRestoreDto },
  /** "Hoàn tác khôi phục": puts back the file as it was before the last restore. */
  'backups.undoRestore': { input: z.object({}).strict(), output: z.object({ restored: backupDto }) },
  /**
   * Erases backups that hold protected values in clear (`clearProtected`): each file overwritten,
   * then deleted, and dropped from the list. Only listed backups, only such ones; all or none.
   */
  'backups.eraseClear': {
    input: z
      .object({
        ids: z
          .array(backupId, { error: 'Cần chọn bản sao lưu cần xóa.' })
          .min(1, { error: 'Cần chọn bản sao lưu cần xóa.' })
          .max(100, { error: 'Chọn tối đa 100 bản sao lưu mỗi lần.' }),
      })
      .strict(),
    output: z.object({ erased: z.array(z.string()) }),
  },
} as const;
