/**
 * Row types of the activity records' tables (see migrations/0006_activities.ts). Columns mirror the
 * record fields of shared/domain/activities.ts in snake_case; booleans are 0/1.
 */
import type { Generated } from 'kysely';
import type { ActivityKind } from '../../../../shared/domain/activities';

interface Stamps {
  created_at: string;
  updated_at: string;
  /** The bin: set by activities.delete, cleared by activities.restore. */
  deleted_at: string | null;
  /**
   * The list's stored keys (0025, repos/activities.keys.ts): the unit's sort key, the title's sort
   * key (sort_title2: a title's second part, incidents and awards only), the folded search text.
   * sort_title NULL = to be computed before the commit. Never in the hand-off payload.
   */
  sort_unit: Generated<string | null>;
  sort_title: Generated<string | null>;
  search_folded: Generated<string | null>;
}

export interface PropagandaSessionsTable extends Stamps {
  id: string;
  date: string;
  unit_id: string;
  organization_id: string | null;
  purpose: string;
  form: string;
  topic: string;
  venue: string | null;
  attendance: number;
  leaflets: number;
  loudspeaker_minutes: number;
  posts: number;
  newsletters: number;
  commitments: number;
  note: string | null;
}

export interface ActivityEventsTable extends Stamps {
  id: string;
  date: string;
  unit_id: string;
  kind: string;
  level: string;
  title: string;
  venue: string | null;
  attendance: number;
  opinions_raised: number;
  opinions_answered: number;
  gifts: number;
  gifts_value: number;
  note: string | null;
}

export interface TipsTable extends Stamps {
  id: string;
  received_on: string;
  unit_id: string;
  channel: string;
  category: string;
  legal_type: string | null;
  valuable: number;
  summary: string;
  status: string;
  outcome: string | null;
  resolved_on: string | null;
  extensions: number;
  criminal_cases: number;
  administrative_cases: number;
  persons_handled: number;
  wanted_arrested: number;
  wanted_surrendered: number;
  weapons: number;
  ammunition: number;
  explosives_kg: number;
  support_tools: number;
  assets_value: number;
  note: string | null;
}

/** PERSONAL DATA: read only by the `tips.informant` method. */
export interface TipInformantsTable {
  tip_id: string;
  name: string | null;
  phone: string | null;
  address: string | null;
  id_number: string | null;
  note: string | null;
  updated_at: string;
}

export interface MediationsTable extends Stamps {
  id: string;
  received_on: string;
  unit_id: string;
  team_id: string | null;
  basis: string;
  case_type: string;
  summary: string;
  outcome: string;
  closed_on: string | null;
  note: string | null;
}

export interface IncidentsTable extends Stamps {
  sort_title2: Generated<string | null>;
  id: string;
  occurred_on: string;
  unit_id: string;
  organization_id: string | null;
  category: string;
  count: number;
  solved: number;
  deaths: number;
  injuries: number;
  description: string | null;
  excuse: string | null;
  excuse_reason: string | null;
  excuse_approved_by: string | null;
  excuse_approved_on: string | null;
  note: string | null;
}

export interface AwardsTable extends Stamps {
  sort_title2: Generated<string | null>;
  id: string;
  year: number;
  unit_id: string;
  recipient: string;
  /** NULL: not known here, an office's file left it out (0016). */
  recipient_name: string | null;
  organization_id: string | null;
  form: string;
  issuer: string;
  decision_number: string | null;
  decision_date: string | null;
  occasion: string | null;
  note: string | null;
}

export interface ActivityTables {
  propaganda_sessions: PropagandaSessionsTable;
  activity_events: ActivityEventsTable;
  tips: TipsTable;
  tip_informants: TipInformantsTable;
  mediations: MediationsTable;
  incidents: IncidentsTable;
  awards: AwardsTable;
}

/** The table of each kind's records. */
export const ACTIVITY_TABLES = {
  propaganda: 'propaganda_sessions',
  events: 'activity_events',
  tips: 'tips',
  mediations: 'mediations',
  incidents: 'incidents',
  awards: 'awards',
} as const satisfies Record<ActivityKind, keyof ActivityTables>;
