/**
 * The renderer's column layout of the activity fields (renderer/src/features/activities/layout.ts):
 * every key it names is a field of its kind, each list has one flexible text column, and every
 * list or grid column has a width.
 */
import { describe, expect, it } from 'vitest';
import { ACTIVITY_FIELDS, ACTIVITY_KINDS } from '../../../shared/domain/activities';
import { ACTIVITY_LAYOUT, flexKey, gridFields, layoutOf, listFields } from '../../../renderer/src/features/activities/layout';

describe('activity column layout', () => {
  it.each(ACTIVITY_KINDS)('%s: names only fields of the kind, with one flexible list column of text', (kind) => {
    const keys = new Set(ACTIVITY_FIELDS[kind].map((f) => f.key));
    for (const key of Object.keys(ACTIVITY_LAYOUT[kind])) expect(keys.has(key), `${kind}.${key}`).toBe(true);
    const flex = Object.keys(ACTIVITY_LAYOUT[kind]).filter((key) => layoutOf(kind, key).flex);
    expect(flex).toEqual([flexKey(kind)]);
    expect(layoutOf(kind, flexKey(kind)).list).toBe(true);
    expect(ACTIVITY_FIELDS[kind].find((f) => f.key === flexKey(kind))?.type).toBe('text');
  });

  it.each(ACTIVITY_KINDS)('%s: every list and grid column has a width, and the unit is in both', (kind) => {
    for (const f of [...listFields(kind), ...gridFields(kind)]) expect(layoutOf(kind, f.key).width, `${kind}.${f.key}`).toBeGreaterThan(0);
    expect(listFields(kind).map((f) => f.key)).toContain('unitId');
    expect(gridFields(kind).map((f) => f.key)).toContain('unitId');
  });
});
