/** Row types of the audit log (see migrations/0022_audit_log.ts). */

export interface AuditLogTable {
  seq: number;
  at: string;
  kind: 'change' | 'view' | 'system';
  actor_id: string | null;
  actor_name: string | null;
  actor_role: string | null;
  method: string;
  /** JSON array of at most 20 ids. */
  record_ids: string;
  summary: string;
  prev_hash: string;
  hash: string;
}

export interface AuditTables {
  audit_log: AuditLogTable;
}
