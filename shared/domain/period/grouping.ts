/**
 * What the period figures read of each kind's records (issue 16): the fields whose values a figure
 * tells apart (`keys`: enums, flags, the fields a rule reads) and the fields it adds up (`sums`).
 * Records that agree on every key field add to the figures exactly as their sum does (counting.ts:
 * every figure is a count of records or a total of a `sums` field), so the backend counts a period
 * with one GROUP BY over these columns instead of reading every record. A field an adder reads must
 * be listed here: the backend's equivalence test (tests/unit/backend/period-equivalence.test.ts)
 * fails otherwise.
 */
import type { ActivityKind, ActivityRecords } from '../activities';

type FieldOf<K extends ActivityKind> = keyof ActivityRecords[K] & string;

/** A key field, or one read only when another field is null (`whenNull: true`) or set (false). */
export interface CountedKey<K extends ActivityKind> {
  field: FieldOf<K>;
  only?: { field: FieldOf<K>; whenNull: boolean };
}

export interface CountedFields<K extends ActivityKind> {
  keys: readonly CountedKey<K>[];
  sums: readonly FieldOf<K>[];
}

const keys = <K extends ActivityKind>(...fields: FieldOf<K>[]): CountedKey<K>[] => fields.map((field) => ({ field }));

export const COUNTED_FIELDS: { readonly [K in ActivityKind]: CountedFields<K> } = {
  propaganda: {
    keys: keys<'propaganda'>('form', 'purpose'),
    sums: ['attendance', 'leaflets', 'posts', 'newsletters', 'commitments', 'loudspeakerMinutes'],
  },
  events: {
    keys: keys<'events'>('kind', 'level'),
    sums: ['attendance', 'opinionsRaised', 'opinionsAnswered', 'gifts', 'giftsValue'],
  },
  tips: {
    keys: [
      ...keys<'tips'>('legalType', 'channel', 'valuable', 'category', 'status', 'outcome'),
      // A criminal tip's time limit (tipTiming) reads its dates and extensions; others have none.
      ...(['receivedOn', 'extensions', 'resolvedOn'] as const).map((field) => ({
        field,
        only: { field: 'legalType' as const, whenNull: false },
      })),
    ],
    sums: [
      'criminalCases',
      'administrativeCases',
      'personsHandled',
      'wantedArrested',
      'wantedSurrendered',
      'weapons',
      'ammunition',
      'explosivesKg',
      'supportTools',
      'assetsValue',
    ],
  },
  mediations: { keys: keys<'mediations'>('outcome', 'caseType', 'teamId'), sums: [] },
  incidents: { keys: keys<'incidents'>('category', 'excuse'), sums: ['count', 'solved', 'deaths', 'injuries'] },
  awards: {
    // A recipient is told apart by kind, unit and name; an award without a name is its own recipient.
    keys: [
      ...keys<'awards'>('form', 'recipient', 'unitId', 'recipientName'),
      { field: 'id', only: { field: 'recipientName', whenNull: true } },
    ],
    sums: [],
  },
};
