/** Row types of the hand-off tables (see migrations/0013_handoff.ts). */
import type { Generated } from 'kysely';

export interface HandoffPeersTable {
  id: string;
  role: string;
  office_code: string;
  name: string;
  level: string | null;
  sign_public_key: string;
  age_recipient: string | null;
  fingerprint: string;
  status: string;
  source: string;
  confirmed_at: string | null;
  retired_at: string | null;
  replaced_by: string | null;
  created_at: string;
  updated_at: string;
}

export interface HandoffSentTable {
  id: string;
  sequence: number;
  year: number;
  period_from: string;
  period_to: string;
  file_name: string;
  folder: string;
  sha256: string;
  bytes: number;
  recipient_peer_id: string;
  summary_json: string;
  receipt_at: string | null;
  receipt_status: string | null;
  receipt_sha256: string | null;
  created_at: string;
}

export interface HandoffReceivedTable {
  id: string;
  peer_id: string | null;
  office_code: string | null;
  year: number | null;
  sequence: number | null;
  file_name: string;
  sha256: string;
  bytes: number;
  status: string;
  reason_code: string | null;
  reason: string | null;
  file: Uint8Array | null;
  summary_json: string | null;
  received_at: string;
  applied_at: string | null;
  receipt_written_at: string | null;
}

export interface HandoffOwnershipTable {
  table_name: string;
  row_id: string;
  peer_id: string;
  received_id: string;
}

export interface HandoffUnitMapTable {
  peer_id: string;
  remote_unit_id: string;
  local_unit_id: string;
}

export interface HandoffPackagesTable {
  id: string;
  direction: string;
  province_code: string;
  sequence: number;
  file_name: string;
  sha256: string;
  summary_json: string;
  created_at: string;
  /** 0014: 'pending' until a made package's file is written and its key switched; 'done'; 'abandoned'. */
  state: Generated<string>;
  /** 0014: where a made package was written. */
  path: string | null;
}

/** 0014: a province unit matched to an office unit, with what the last package applied said of it. */
export interface HandoffPackageUnitsTable {
  unit_id: string;
  province_code: string;
  province_unit_id: string;
  name: string;
  kind: string;
  code: string;
  valid_to: string | null;
  package_id: string;
  updated_at: string;
}

export interface HandoffPolicyTable {
  singleton: number;
  personal_allowed_json: string;
  package_id: string | null;
  updated_at: string;
}

export interface HandoffTables {
  handoff_peers: HandoffPeersTable;
  handoff_sent: HandoffSentTable;
  handoff_received: HandoffReceivedTable;
  handoff_ownership: HandoffOwnershipTable;
  handoff_unit_map: HandoffUnitMapTable;
  handoff_packages: HandoffPackagesTable;
  handoff_policy: HandoffPolicyTable;
  handoff_package_units: HandoffPackageUnitsTable;
}
