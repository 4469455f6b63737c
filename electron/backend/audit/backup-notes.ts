/**
 * The backups' entries in the audit log: a backup made (automatic ones by "Hệ thống"), a restore
 * and its undo (written into the restored file, after it is open). The copy to a folder is logged
 * by its handler (backups.handlers.ts). The backups service calls this while it holds the connection
 * alone, so the entry goes in a transaction of its own (recorder.ts appendNote).
 */
import type BetterSqlite3 from 'better-sqlite3';
import type { BackupEvent } from '../backups/backups.service';
import { appendNote } from './recorder';
import type { AuditNote } from './scope';
import { AUDIT_TEXTS } from './texts';

const REASON_WORDS: Readonly<Record<string, string>> = {
  auto: 'tự động',
  manual: 'thủ công',
  restore: 'trước khi khôi phục',
  handoff: 'trước khi nhận tệp dữ liệu',
  package: 'trước khi nhập gói của tỉnh',
  freeze: 'trước khi chốt năm',
  migration: 'trước khi nâng cấp',
};

function noteOf(e: BackupEvent): AuditNote {
  switch (e.kind) {
    case 'made':
      return {
        kind: 'system',
        summary: AUDIT_TEXTS.backupMade(REASON_WORDS[e.reason] ?? e.reason, e.fileName),
        ids: [e.id],
        ...(e.reason === 'auto' ? { method: 'backups.auto' } : {}),
      };
    case 'restored':
      return { kind: 'system', summary: AUDIT_TEXTS.restored(e.fileName, e.before), ids: [e.id] };
    case 'undone':
      return { kind: 'system', summary: AUDIT_TEXTS.restoreUndone(e.fileName), ids: [e.id] };
    case 'erased':
      return { kind: 'system', summary: AUDIT_TEXTS.backupErased(e.fileName), ids: [e.id] };
  }
}

export function backupAuditNotes(now: () => Date): (conn: BetterSqlite3.Database, event: BackupEvent) => void {
  return (conn, event) => {
    try {
      appendNote(conn, now(), noteOf(event));
    } catch (err) {
      // The backup itself is made; the log refusing its entry (a full disk) is said in the app's log.
      console.error('audit: the backup entry could not be written', err);
    }
  };
}
