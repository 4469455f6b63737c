/**
 * Screen facts of the activity fields (the fields themselves are shared/domain/activities.ts):
 * which are columns of the list, which are columns of the fast-entry grid, how wide a list column
 * is (the grid derives its denser widths from it), and the one text column of each list that takes
 * the width left over. Keyed by kind and field key; a key that is not a field of its kind fails the
 * layout's unit test.
 */
import { ACTIVITY_FIELDS, type ActivityKind, type FieldSpec } from '../../../../shared/domain/activities';

export interface ColumnLayout {
  /** A column of the list. */
  list?: true;
  /** A column of the fast-entry grid. */
  grid?: true;
  /** The list column's width in px. */
  width?: number;
  /** The list's text column that takes the width left over (one per kind). */
  flex?: true;
}

export const ACTIVITY_LAYOUT: Readonly<Record<ActivityKind, Readonly<Record<string, ColumnLayout>>>> = {
  propaganda: {
    date: { list: true, grid: true, width: 110 },
    unitId: { list: true, grid: true, width: 200 },
    form: { list: true, grid: true, width: 170 },
    topic: { list: true, grid: true, width: 240, flex: true },
    venue: { list: true, grid: true, width: 160 },
    attendance: { list: true, grid: true, width: 110 },
    leaflets: { list: true, grid: true, width: 110 },
    loudspeakerMinutes: { list: true, grid: true, width: 110 },
    posts: { grid: true, width: 110 },
    newsletters: { grid: true, width: 110 },
    commitments: { grid: true, width: 110 },
  },
  events: {
    date: { list: true, grid: true, width: 110 },
    unitId: { list: true, grid: true, width: 200 },
    kind: { list: true, grid: true, width: 220 },
    level: { list: true, grid: true, width: 120 },
    title: { list: true, grid: true, width: 240, flex: true },
    venue: { grid: true, width: 160 },
    attendance: { list: true, grid: true, width: 110 },
    opinionsRaised: { list: true, grid: true, width: 110 },
    opinionsAnswered: { grid: true, width: 110 },
    gifts: { grid: true, width: 110 },
    giftsValue: { list: true, grid: true, width: 140 },
  },
  tips: {
    receivedOn: { list: true, grid: true, width: 120 },
    unitId: { list: true, grid: true, width: 200 },
    channel: { list: true, grid: true, width: 170 },
    category: { list: true, grid: true, width: 130 },
    legalType: { grid: true, width: 170 },
    summary: { list: true, grid: true, width: 240, flex: true },
    valuable: { list: true, grid: true, width: 90 },
    status: { list: true, grid: true, width: 170 },
    outcome: { grid: true, width: 160 },
    resolvedOn: { grid: true, width: 120 },
    criminalCases: { grid: true, width: 110 },
    administrativeCases: { grid: true, width: 110 },
    personsHandled: { grid: true, width: 110 },
    wantedArrested: { grid: true, width: 110 },
    wantedSurrendered: { grid: true, width: 110 },
    weapons: { grid: true, width: 110 },
    ammunition: { grid: true, width: 110 },
    explosivesKg: { grid: true, width: 110 },
    supportTools: { grid: true, width: 110 },
  },
  mediations: {
    receivedOn: { list: true, grid: true, width: 120 },
    unitId: { list: true, grid: true, width: 200 },
    teamId: { list: true, grid: true, width: 200 },
    basis: { grid: true, width: 200 },
    caseType: { list: true, grid: true, width: 170 },
    summary: { list: true, grid: true, width: 240, flex: true },
    outcome: { list: true, grid: true, width: 170 },
    closedOn: { grid: true, width: 120 },
  },
  incidents: {
    occurredOn: { list: true, grid: true, width: 120 },
    unitId: { list: true, grid: true, width: 200 },
    category: { list: true, grid: true, width: 260 },
    count: { list: true, grid: true, width: 110 },
    solved: { list: true, grid: true, width: 110 },
    deaths: { grid: true, width: 110 },
    injuries: { grid: true, width: 110 },
    description: { list: true, grid: true, width: 220, flex: true },
    excuse: { list: true, width: 170 },
  },
  awards: {
    year: { list: true, grid: true, width: 100 },
    unitId: { list: true, grid: true, width: 200 },
    recipient: { list: true, grid: true, width: 100 },
    recipientName: { list: true, grid: true, width: 220, flex: true },
    form: { list: true, grid: true, width: 240 },
    issuer: { grid: true, width: 160 },
    decisionNumber: { list: true, grid: true, width: 140 },
    decisionDate: { list: true, grid: true, width: 120 },
    occasion: { grid: true, width: 200 },
  },
};

const NONE: ColumnLayout = {};

export function layoutOf(kind: ActivityKind, key: string): ColumnLayout {
  return ACTIVITY_LAYOUT[kind][key] ?? NONE;
}

/** The list's columns, in the field list's order. */
export function listFields(kind: ActivityKind): FieldSpec[] {
  return ACTIVITY_FIELDS[kind].filter((f) => layoutOf(kind, f.key).list);
}

/** The grid's columns, in the field list's order. */
export function gridFields(kind: ActivityKind): FieldSpec[] {
  return ACTIVITY_FIELDS[kind].filter((f) => layoutOf(kind, f.key).grid);
}

/** The list's flexible column. */
export function flexKey(kind: ActivityKind): string {
  return Object.keys(ACTIVITY_LAYOUT[kind]).find((key) => layoutOf(kind, key).flex) ?? '';
}
