/**
 * The inbox's view of the table classification for the hand-off (the registry's `handoff` class,
 * set by h12-send): 'scope' rows of the office's units, 'catalogue' office-wide rows records point
 * at, 'never' sent.
 */
import { tableSpec, type HandoffClass } from '../../../shared/domain/table-registry';

export type { HandoffClass };

export function handoffClassOf(name: string): HandoffClass {
  return tableSpec(name).handoff;
}
