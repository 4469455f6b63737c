/** The unit list of a province package against an office's tree (shown in the preview, never applied). */
import { describe, expect, it } from 'vitest';
import { unitDifferences } from '../../../../electron/backend/handoff/package-preview';
import type { UnitDto } from '../../../../shared/ipc/contract';

const unit = (id: string, parentId: string | null, code: string | null, name: string, over: Partial<UnitDto> = {}): UnitDto => ({
  id,
  parentId,
  level: parentId === null ? 'huyen' : code ? 'xa' : 'khu_dan_cu',
  kind: parentId === null ? 'huyen' : code ? 'xa' : 'thon',
  name,
  code,
  validFrom: null,
  validTo: null,
  endReason: null,
  source: 'catalogue',
  createdAt: 'x',
  updatedAt: 'x',
  ...over,
});

const mine: UnitDto[] = [
  unit('r', null, '373', 'Huyện Gia Viễn'),
  unit('a', 'r', '14467', 'Xã Gia Hòa'),
  unit('b', 'r', '14470', 'Xã Gia Hưng'),
  unit('c', 'r', '14999', 'Xã Riêng'),
  unit('t', 'a', null, 'Thôn 1'),
  // Another office's commune with a code, outside this office's tree: never compared.
  unit('z', null, '99999', 'Xã Ngoài'),
];
const pu = (code: string, name: string, parentCode: string | null, validTo: string | null = null) => ({
  code,
  name,
  kind: 'xa' as const,
  parentCode,
  validFrom: null,
  validTo,
});

describe('unitDifferences', () => {
  it('finds renamed, ended, added and missing units by official code within the office tree', () => {
    const list = {
      era: 'truoc_2025' as const,
      list: [
        pu('373', 'Huyện Gia Viễn', '37'),
        pu('14467', 'Xã Gia Hòa Mới', '373'),
        pu('14470', 'Xã Gia Hưng', '373', '2025-06-30'),
        pu('14480', 'Xã Gia Lạc', '373'),
        pu('15000', 'Xã Khác Huyện', '374'),
      ],
    };
    const r = unitDifferences(mine, 'r', 'truoc_2025', list);
    expect(r.compared).toBe(true);
    expect(r.total).toBe(5);
    expect(r.changes).toEqual([
      { code: '14467', kind: 'renamed', name: 'Xã Gia Hòa', newName: 'Xã Gia Hòa Mới', validTo: null },
      { code: '14470', kind: 'ended', name: 'Xã Gia Hưng', newName: null, validTo: '2025-06-30' },
      { code: '14480', kind: 'added', name: 'Xã Gia Lạc', newName: null, validTo: null },
      { code: '14999', kind: 'missing', name: 'Xã Riêng', newName: null, validTo: null },
    ]);
  });

  it('does not compare lists of another era', () => {
    const r = unitDifferences(mine, 'r', 'truoc_2025', { era: 'sau_2025', list: [pu('14467', 'X', '37')] });
    expect(r).toEqual({ era: 'sau_2025', compared: false, total: 1, changes: [] });
  });
});
