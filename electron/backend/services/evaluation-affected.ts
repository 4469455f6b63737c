/**
 * Which board rows a change of some subjects can move, so the board patches those rows instead of
 * recomputing every subject (issue 14 item 2). A subject's registration or decision reaches:
 *  - itself;
 *  - the communes above it (XA-4 counts their residential areas and the organisations they manage;
 *    the board's commune rows read those decisions and registrations);
 *  - the units that carry its registration after a merge (successors by lineage links), and the
 *    communes above them.
 * Anything else on the board reads none of a subject's evaluation rows.
 */
import type { Subject, YearData } from './evaluation-facts.service';
import { subjectKey } from './evaluation-facts.data';
import { registrableUnit } from './evaluation-transition';

export function affectedSubjects(data: YearData, keys: readonly { subjectType: Subject['type']; subjectId: string }[]): Subject[] {
  const byKey = new Map(data.subjects.map((s) => [subjectKey(s.type, s.id), s]));
  const out = new Map<string, Subject>();
  const add = (type: Subject['type'], id: string) => {
    const s = byKey.get(subjectKey(type, id));
    if (s) out.set(subjectKey(type, id), s);
  };
  const ancestors = (unitId: string) => {
    let cursor = data.unitsById.get(unitId)?.parentId ?? null;
    for (let steps = 0; cursor !== null && steps < 100; steps++) {
      add('unit', cursor);
      cursor = data.unitsById.get(cursor)?.parentId ?? null;
    }
  };
  const seen = new Set<string>();
  const successors = (unitId: string) => {
    for (const l of data.links) {
      if (l.predecessorId !== unitId || seen.has(l.successorId)) continue;
      seen.add(l.successorId);
      add('unit', l.successorId);
      ancestors(l.successorId);
      successors(l.successorId);
    }
  };
  for (const k of keys) {
    add(k.subjectType, k.subjectId);
    const s =
      byKey.get(subjectKey(k.subjectType, k.subjectId)) ?? (k.subjectType === 'unit' ? registrableUnit(data, k.subjectId) : undefined);
    if (!s) continue;
    if (s.type === 'unit') {
      ancestors(s.id);
      successors(s.id);
    } else {
      // An organisation sits at its commune (or a unit below it): that commune and those above.
      add('unit', s.unitId);
      ancestors(s.unitId);
    }
  }
  return [...out.values()];
}
