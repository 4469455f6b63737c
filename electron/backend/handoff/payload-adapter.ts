/**
 * The inbox's view of the table classification for the hand-off: 'scope' rows of the office's
 * units, 'catalogue' office-wide rows records point at, 'never' sent.
 */
import { tableSpec } from '../../../shared/domain/table-registry';

export type HandoffClass = 'scope' | 'catalogue' | 'never';

const NEVER = new Set(['office', 'evaluation_seal_ledger', 'tip_informants']);

export function handoffClassOf(name: string): HandoffClass {
  if (name.startsWith('handoff_') || NEVER.has(name)) return 'never';
  return tableSpec(name).unit.via === 'office' ? 'catalogue' : 'scope';
}
