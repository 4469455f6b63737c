/** What the organisations list shows and orders by, shared by the screen and organizations.page. */
import { describe, expect, it } from 'vitest';
import { orderOrgs, orgKindText, orgUnitLabel } from '../../../shared/domain/organizations-list';

const row = (name: string, validTo: string | null, unitPath: string[] = ['Công an huyện', 'Xã A']) => ({
  name,
  kind: 'doanh_nghiep' as const,
  subKind: 'hop_tac_xa',
  unitPath,
  managingLevel: 'huyen' as const,
  validTo,
  eligibility: { status: 'eligible' },
});

describe('organizations list cells and order', () => {
  it('names the kind once and the unit below the office root', () => {
    expect(orgKindText({ kind: 'doanh_nghiep', subKind: 'hop_tac_xa' })).toBe('Doanh nghiệp · Hợp tác xã');
    expect(orgKindText({ kind: 'doanh_nghiep', subKind: 'tu_nhan' })).toBe('Doanh nghiệp tư nhân (ngoài nhà nước)');
    expect(orgUnitLabel({ unitPath: ['Công an huyện', 'Xã A', 'Thôn 1'] })).toBe('Xã A › Thôn 1');
    expect(orgUnitLabel({ unitPath: ['Công an huyện'] })).toBe('Công an huyện');
  });

  it('orders a column in Vietnamese order, empty last going up and first going down, ties kept in the list order', () => {
    const rows = [row('Bình', null), row('An', '2025-01-01'), row('Ân', null), row('Ăn', '2024-05-01')];
    expect(orderOrgs(rows, 'name', 'asc').map((r) => r.name)).toEqual(['An', 'Ăn', 'Ân', 'Bình']);
    expect(orderOrgs(rows, 'status', 'asc').map((r) => r.name)).toEqual(['Ăn', 'An', 'Bình', 'Ân']);
    expect(orderOrgs(rows, 'status', 'desc').map((r) => r.name)).toEqual(['Bình', 'Ân', 'An', 'Ăn']);
    expect(orderOrgs(rows, 'default', 'asc')).toEqual(rows);
    expect(orderOrgs(rows, 'default', 'desc')).toEqual([...rows].reverse());
  });
});
