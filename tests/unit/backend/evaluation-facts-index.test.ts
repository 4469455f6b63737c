/**
 * The evaluation facts' index (electron/backend/services/evaluation-facts.index.ts, issue 16) picks,
 * for every subject, exactly the rows — in the same order — that the per-subject filters it replaced
 * picked: every row of the two-year window tested against the subject's scope. Property test over
 * generated unit trees (with merges and cycles in bad data), incidents, propaganda, tips, team
 * ratings and models; the reference filters are the old code's, kept here.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { rowsUnder, yearIndex, type IndexedYear } from '../../../electron/backend/services/evaluation-facts.index';
import { unitsInScope } from '../../../shared/domain/scope';

const unitIds = Array.from({ length: 12 }, (_, i) => `u${i}`);
const orgIds = ['o0', 'o1', 'o2', 'o3'];
const unitId = fc.constantFrom(...unitIds);
const orgId = fc.option(fc.constantFrom(...orgIds), { nil: null });

const year = fc
  .record({
    parents: fc.array(fc.option(unitId, { nil: null }), { minLength: unitIds.length, maxLength: unitIds.length }),
    links: fc.array(fc.record({ predecessorId: unitId, successorId: unitId, primary: fc.boolean() }), { maxLength: 6 }),
    incidents: fc.array(fc.record({ unitId, organizationId: orgId, n: fc.nat() }), { maxLength: 40 }),
    propaganda: fc.array(fc.record({ unitId, organizationId: orgId }), { maxLength: 30 }),
    tips: fc.array(fc.record({ unitId }), { maxLength: 20 }),
    teamRatings: fc.array(fc.record({ unitId }), { maxLength: 10 }),
    models: fc.array(fc.record({ originUnitId: unitId, sites: fc.array(fc.record({ unitId, organizationId: orgId }), { maxLength: 4 }) }), {
      maxLength: 10,
    }),
    subjects: fc.array(fc.record({ unitId }), { maxLength: 15 }),
    orgs: fc.array(fc.record({ unitId }), { maxLength: 8 }),
  })
  .map((g): IndexedYear => ({
    ...g,
    units: unitIds.map((id, i) => ({ id, parentId: g.parents[i] ?? null })),
  }));

describe('evaluation facts index', () => {
  it('gives every subject the rows the per-subject filters gave, in the same order', () => {
    fc.assert(
      fc.property(year, (data) => {
        const ix = yearIndex(data);
        for (const root of unitIds) {
          const scope = unitsInScope(data.units, data.links, root);
          const tree = unitsInScope(data.units, [], root);
          expect(ix.scope(root)).toEqual(scope);
          expect(ix.subtree(root)).toEqual(tree);
          expect(rowsUnder(data.incidents, ix.incidentsByUnit, scope)).toEqual(data.incidents.filter((i) => scope.has(i.unitId)));
          expect(rowsUnder(data.propaganda, ix.propagandaByUnit, scope)).toEqual(data.propaganda.filter((p) => scope.has(p.unitId)));
          expect(rowsUnder(data.tips, ix.tipsByUnit, scope)).toEqual(data.tips.filter((p) => scope.has(p.unitId)));
          expect(rowsUnder(data.teamRatings, ix.teamRatingsByUnit, tree)).toEqual(data.teamRatings.filter((p) => tree.has(p.unitId)));
          expect(rowsUnder(data.models, ix.modelsByUnit, scope)).toEqual(
            data.models.filter((m) => scope.has(m.originUnitId) || m.sites.some((x) => scope.has(x.unitId))),
          );
          expect(rowsUnder(data.subjects, ix.subjectsByUnit, tree)).toEqual(data.subjects.filter((s) => tree.has(s.unitId)));
          expect(rowsUnder(data.orgs, ix.orgsByUnit, tree)).toEqual(data.orgs.filter((o) => tree.has(o.unitId)));
        }
        for (const org of orgIds) {
          expect(rowsUnder(data.incidents, ix.incidentsByOrg, [org])).toEqual(data.incidents.filter((i) => i.organizationId === org));
          expect(rowsUnder(data.propaganda, ix.propagandaByOrg, [org])).toEqual(data.propaganda.filter((p) => p.organizationId === org));
          expect(rowsUnder(data.models, ix.modelsByOrg, [org])).toEqual(
            data.models.filter((m) => m.sites.some((x) => x.organizationId === org)),
          );
        }
      }),
      { numRuns: 150 },
    );
  });

  it('is rebuilt when the subjects list is replaced (the transition rules replace it)', () => {
    const data: IndexedYear = {
      units: [{ id: 'a', parentId: null }],
      links: [],
      incidents: [],
      propaganda: [],
      tips: [],
      teamRatings: [],
      models: [],
      subjects: [{ unitId: 'a' }],
      orgs: [],
    };
    expect(rowsUnder(data.subjects, yearIndex(data).subjectsByUnit, ['a'])).toHaveLength(1);
    data.subjects = [];
    expect(rowsUnder(data.subjects, yearIndex(data).subjectsByUnit, ['a'])).toEqual([]);
  });
});
