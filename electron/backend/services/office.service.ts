/**
 * First-run set-up: records which office runs this copy of the app and creates its unit tree from
 * the shipped administrative-unit catalogue, with official codes.
 */
import type { MethodOutput, OfficeDto, ParsedInput } from '../../../shared/ipc/contract';
import type { Catalogue, CatalogueUnit } from '../catalogue/catalogue';
import { getOffice, insertOffice } from '../repos/office.repo';
import { insertChanges, insertUnits, type NewUnitRow } from '../repos/units.repo';
import { AppError } from '../errors';
import { levelOfKind, type Era } from '../../../shared/domain/units';
import type { ServiceContext } from './units.service';

/** New-era units took effect with Resolution 202/2025/QH15 on 1 July 2025 (domain.md §3.1). */
export const REFORM_EFFECTIVE_DATE = '2025-07-01';

function startOf(era: Era): string | null {
  // Before the reform the catalogue does not say when a unit was founded: unknown, not invented.
  return era === 'sau_2025' ? REFORM_EFFECTIVE_DATE : null;
}

function requireFrom(catalogue: Catalogue, era: Era, code: string, what: string): CatalogueUnit {
  const unit = catalogue.find(era, code);
  if (!unit) throw new AppError('VALIDATION', `Không tìm thấy ${what} có mã ${code} trong danh mục.`);
  return unit;
}

/** Resolves the office's own catalogue unit, checking the choice is consistent. */
function resolveOfficeUnit(catalogue: Catalogue, input: ParsedInput<'office.setup'>): CatalogueUnit {
  const province = requireFrom(catalogue, input.era, input.provinceCode, 'tỉnh, thành phố');
  if (province.parentCode !== null) throw new AppError('VALIDATION', 'Mã tỉnh, thành phố không hợp lệ.');
  if (input.level === 'tinh') return province;
  if (input.level === 'huyen') {
    if (input.era !== 'truoc_2025') {
      throw new AppError('VALIDATION', 'Công an cấp huyện chỉ có trong danh mục trước sắp xếp năm 2025.');
    }
    if (!input.districtCode) throw new AppError('VALIDATION', 'Hãy chọn huyện, quận, thị xã, thành phố.');
    const district = requireFrom(catalogue, input.era, input.districtCode, 'huyện');
    if (district.parentCode !== province.code || levelOfKind(district.kind) !== 'huyen') {
      throw new AppError('VALIDATION', 'Huyện đã chọn không thuộc tỉnh đã chọn.');
    }
    return district;
  }
  if (!input.communeCode) throw new AppError('VALIDATION', 'Hãy chọn xã, phường.');
  const commune = requireFrom(catalogue, input.era, input.communeCode, 'xã, phường');
  const parentOk =
    input.era === 'sau_2025'
      ? commune.parentCode === province.code
      : commune.parentCode !== null && catalogue.find(input.era, commune.parentCode)?.parentCode === province.code;
  if (!parentOk || levelOfKind(commune.kind) !== 'xa') {
    throw new AppError('VALIDATION', 'Xã, phường đã chọn không thuộc tỉnh đã chọn.');
  }
  return commune;
}

/** The catalogue units below the office, parents before children. */
function catalogueChildren(catalogue: Catalogue, era: Era, officeUnit: CatalogueUnit): CatalogueUnit[] {
  const level = levelOfKind(officeUnit.kind);
  if (level === 'xa') return [];
  if (level === 'huyen') return catalogue.communes(era, officeUnit.code);
  if (era === 'sau_2025') return catalogue.communes(era, officeUnit.code);
  const out: CatalogueUnit[] = [];
  for (const district of catalogue.districts(officeUnit.code)) {
    out.push(district, ...catalogue.communes(era, district.code));
  }
  return out;
}

/** The office this database belongs to, or null before the set-up. */
export function currentOffice(ctx: ServiceContext): Promise<OfficeDto | null> {
  return getOffice(ctx.db);
}

export async function setupOffice(
  ctx: ServiceContext,
  catalogue: Catalogue,
  input: ParsedInput<'office.setup'>,
): Promise<MethodOutput<'office.setup'>> {
  const officeUnit = resolveOfficeUnit(catalogue, input);
  return ctx.db.transaction().execute(async (trx) => {
    if (await getOffice(trx)) {
      throw new AppError('SETUP_STATE', 'Phần mềm đã được thiết lập cho một cơ quan; không thể thiết lập lại.');
    }
    const at = ctx.clock.timestamp();
    const validFrom = startOf(input.era);
    const rootId = ctx.newId();
    const rows: NewUnitRow[] = [
      {
        id: rootId,
        parentId: null,
        level: levelOfKind(officeUnit.kind),
        kind: officeUnit.kind,
        name: officeUnit.name,
        code: officeUnit.code,
        validFrom,
        source: 'catalogue',
        at,
      },
    ];
    if (input.importChildren) {
      const idByCode = new Map<string, string>([[officeUnit.code, rootId]]);
      for (const c of catalogueChildren(catalogue, input.era, officeUnit)) {
        const parentId = c.parentCode ? idByCode.get(c.parentCode) : undefined;
        if (!parentId) continue;
        const id = ctx.newId();
        idByCode.set(c.code, id);
        rows.push({
          id,
          parentId,
          level: levelOfKind(c.kind),
          kind: c.kind,
          name: c.name,
          code: c.code,
          validFrom,
          source: 'catalogue',
          at,
        });
      }
    }
    await insertUnits(trx, rows);
    await insertChanges(
      trx,
      rows.map((r) => ({
        id: ctx.newId(),
        unitId: r.id,
        at,
        action: 'create' as const,
        summary: 'Tạo từ danh mục đơn vị hành chính khi thiết lập ban đầu.',
        reason: null,
        data: { code: r.code, source: catalogue.sources[input.era] },
      })),
    );
    const office: OfficeDto = {
      id: ctx.newId(),
      level: input.level,
      era: input.era,
      name: input.name,
      code: input.code,
      provinceCode: input.provinceCode,
      rootUnitId: rootId,
      createdAt: at,
    };
    await insertOffice(trx, office);
    return { office, unitsCreated: rows.length };
  });
}
