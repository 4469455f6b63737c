/**
 * A tip with no extension and no results yet: the fourteen counters every tip record carries,
 * all zero. Test builders spread it and override what their case is about.
 */
import type { TipRecord } from '../../shared/domain/activities';

type TipResults = Pick<
  TipRecord,
  | 'extensions'
  | 'criminalCases'
  | 'administrativeCases'
  | 'personsHandled'
  | 'wantedArrested'
  | 'wantedSurrendered'
  | 'weapons'
  | 'ammunition'
  | 'explosivesKg'
  | 'supportTools'
  | 'assetsValue'
>;

export const NO_TIP_RESULTS: Readonly<TipResults> = {
  extensions: 0,
  criminalCases: 0,
  administrativeCases: 0,
  personsHandled: 0,
  wantedArrested: 0,
  wantedSurrendered: 0,
  weapons: 0,
  ammunition: 0,
  explosivesKg: 0,
  supportTools: 0,
  assetsValue: 0,
};
