/**
 * Small shared helpers: Vietnamese number formatting (shared/lib/numbers.ts) and record ids
 * (shared/lib/ids.ts).
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { formatDecimalVi, formatIntVi } from '../../../shared/lib/numbers';
import { isUuid } from '../../../shared/lib/ids';

describe('formatIntVi', () => {
  it.each([
    [0, '0'],
    [7, '7'],
    [999, '999'],
    [1000, '1.000'],
    [51511, '51.511'],
    [1234567, '1.234.567'],
    [68.5, '69'], // rounded: an integer format shows no decimals
  ])('%d → %s', (n, shown) => {
    expect(formatIntVi(n)).toBe(shown);
  });

  it('writes negative numbers with a leading minus sign', () => {
    expect(formatIntVi(-1234)).toMatch(/^[-\u2212]1\.234$/);
  });

  it('property: digits survive grouping (removing the dots gives the number back)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2_000_000_000 }), (n) => {
        const shown = formatIntVi(n);
        expect(shown.replace(/\./g, '')).toBe(String(n));
        expect(shown).toMatch(/^\d{1,3}(\.\d{3})*$/);
      }),
    );
  });
});

describe('formatDecimalVi', () => {
  it.each([
    [68.5, 1, '68,5'],
    [68.54, 1, '68,5'],
    [68, 1, '68,0'],
    [2, 2, '2,00'],
    [1234.5, 1, '1.234,5'],
    [0.25, 2, '0,25'],
  ])('%d with %d digits → %s', (n, digits, shown) => {
    expect(formatDecimalVi(n, digits)).toBe(shown);
  });

  it('defaults to one fraction digit', () => {
    expect(formatDecimalVi(12)).toBe('12,0');
  });
});

describe('isUuid', () => {
  it('accepts ids made by crypto.randomUUID', () => {
    for (let i = 0; i < 200; i++) expect(isUuid(randomUUID())).toBe(true);
  });

  it('property: accepts RFC 4122 ids of versions 1–5', () => {
    fc.assert(
      fc.property(fc.uuid({ version: [1, 2, 3, 4, 5] }), (id) => {
        expect(isUuid(id)).toBe(true);
      }),
    );
  });

  it.each([
    '',
    'not-a-uuid',
    '00000000-0000-0000-0000-000000000000', // nil: version 0
    '550e8400-e29b-41d4-c716-446655440000', // variant c is not RFC 4122
    '550e8400-e29b-91d4-a716-446655440000', // version 9
    '550e8400e29b41d4a716446655440000', // no dashes
    '{550e8400-e29b-41d4-a716-446655440000}',
    ' 550e8400-e29b-41d4-a716-446655440000',
    '550e8400-e29b-41d4-a716-44665544000g',
    '550e8400-e29b-41d4-a716-4466554400000',
  ])('refuses %j', (id) => {
    expect(isUuid(id)).toBe(false);
  });
});
