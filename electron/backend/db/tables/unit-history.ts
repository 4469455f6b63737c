/** Row types of the unit-history feature's tables (see migrations/0002_unit_history.ts). */

export interface UnitYearStatsTable {
  id: string;
  unit_id: string;
  year: number;
  households: number | null;
  residents: number | null;
  /** 0/1: "xã trọng điểm, phức tạp về ANTT" in that year. */
  trong_diem: number;
  created_at: string;
  updated_at: string;
}

/** A closed past interval during which the unit sat under parent_id. */
export interface UnitParentsTable {
  id: string;
  unit_id: string;
  parent_id: string;
  /** null: since the unit's start. */
  valid_from: string | null;
  valid_to: string;
  created_at: string;
}

/** A closed past interval during which the unit had this name, kind and code. */
export interface UnitNamesTable {
  id: string;
  unit_id: string;
  name: string;
  kind: string;
  code: string | null;
  valid_from: string | null;
  valid_to: string;
  created_at: string;
}

export interface UnitLineageTable {
  id: string;
  /** Links written by one merge or split share an event id. */
  event_id: string;
  predecessor_id: string;
  successor_id: string;
  effective_date: string;
  kind: string;
  /** 0/1: the predecessor's figures follow this link. */
  is_primary: number;
  note: string | null;
  created_at: string;
}

/** Per-unit values beside the core units row (one row per unit that has any). */
export interface UnitAttributesTable {
  unit_id: string;
  /** 'nong_thon' | 'do_thi' | null */
  area_type: string | null;
  /** Era of the unit's official code; null = the office's era at set-up. */
  code_era: string | null;
  updated_at: string;
}

/** A record moved to a successor when its unit was merged or ended (0012). */
export interface UnitTransfersTable {
  id: string;
  /** Rows moved by one merge or end share a batch id; undo works on a batch. */
  batch_id: string;
  table_name: string;
  row_id: string;
  column_name: string;
  from_unit_id: string;
  to_unit_id: string;
  effective_date: string;
  at: string;
  undone_at: string | null;
}

export interface UnitHistoryTables {
  unit_attributes: UnitAttributesTable;
  unit_year_stats: UnitYearStatsTable;
  unit_parents: UnitParentsTable;
  unit_names: UnitNamesTable;
  unit_lineage: UnitLineageTable;
  unit_transfers: UnitTransfersTable;
}
