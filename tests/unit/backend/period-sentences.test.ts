/**
 * Issue 14 item 8 through the real backend: period.figures names the kind of team that received
 * each mediation (read from the mass-organisation registry; the app
 * takes only a Tổ hòa giải as a mediation's team) and counts the cases with no team apart, the
 * channel of the public's tips, says the agencies apart from the mass organisations, and follows the
 * clock for "Hiện nay".
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { UnitDto } from '../../../shared/ipc/contract';
import { BUILT_IN_KINDS } from '../../../shared/domain/mass-orgs';
import { startBackend, type TestBackend } from '../../support/backend';
import { useTempDir } from '../../support/temp-dir';
import { activityApi, sampleRecords, setupGiaVien, type AnyRecordInput } from './activities-records';
import { organizationInput } from '../../support/offices';

const tmp = useTempDir('antq-period-sentences-');
const kindId = (code: string) => BUILT_IN_KINDS.find((k) => k.code === code)!.id;

let t: TestBackend;
let api: ReturnType<typeof activityApi>;
let hoa: UnitDto;
let rec: AnyRecordInput;

beforeEach(async () => {
  t = await startBackend(tmp.path(), '2026-11-22T03:00:00.000Z');
  api = activityApi(t);
  const unit = await setupGiaVien(t);
  hoa = unit('Xã Gia Hòa');
  rec = sampleRecords(hoa.id);
});
afterEach(() => t.close());

const team = (code: string, name: string) =>
  t.call('massOrgs.create', {
    kindId: kindId(code),
    unitId: hoa.id,
    name,
    decisionIssuer: null,
    decisionNumber: null,
    decisionDate: null,
    validFrom: '2021-01-01',
    note: null,
  });

describe('period.figures sentences (issue 14 item 8)', () => {
  it('names the mediation teams by their kind and the tip channels as recorded', async () => {
    const hg = await team('to_hoa_giai', 'Tổ hòa giải thôn Đông');
    const tay = await team('to_hoa_giai', 'Tổ hòa giải thôn Tây');
    await api.save('mediations', { ...rec.mediations, teamId: hg.id });
    await api.save('mediations', { ...rec.mediations, teamId: hg.id, outcome: 'khong_thanh' });
    await api.save('mediations', { ...rec.mediations, teamId: tay.id });
    await api.save('mediations', { ...rec.mediations, teamId: null });
    await api.save('tips', { ...rec.tips, channel: 'qua_to_chuc' });
    await api.save('tips', { ...rec.tips, channel: 'qua_to_chuc', legalType: null, outcome: null, valuable: false });
    await api.save('tips', { ...rec.tips, channel: 'dien_thoai', legalType: null, outcome: null, valuable: false });

    const f = await t.call('period.figures', { from: '2026-01-01', to: '2026-12-31', unitId: null });
    expect(f.sentences.mediations).toMatch(
      /^Năm 2026, các tổ hòa giải ở cơ sở đã tiếp nhận 4 vụ việc \(tổ hòa giải 3 vụ việc, chưa ghi tổ tiếp nhận 1 vụ việc\)/,
    );
    expect(f.activities.current['tips.channel.qua_to_chuc']).toBe(2);
    expect(f.sentences.tips).toContain(
      'Nguồn tin của quần chúng được tiếp nhận qua điện thoại, đường dây nóng (1 nguồn tin) và qua tổ chức quần chúng, khu dân cư (2 nguồn tin).',
    );
    expect(f.comparison.find((r) => r.key === 'tips.channel.qua_to_chuc')).toMatchObject({ section: 'tips', value: 2 });
  });

  it('says the agencies in their own section, the mass organisations by kind without members nobody recorded', async () => {
    await t.call('organizations.create', organizationInput(hoa.id, 'Trường THCS Gia Hòa'));
    await team('to_hoa_giai', 'Tổ hòa giải thôn Đông');
    await team('to_an_ninh_nhan_dan', 'Tổ an ninh nhân dân thôn Đông');
    const f = await t.call('period.figures', { from: '2026-01-01', to: '2026-12-31', unitId: null });
    expect(f.sentences.massOrgs).toBe('Trên địa bàn có 2 tổ chức quần chúng (1 tổ hòa giải; 1 tổ an ninh nhân dân).');
    expect(f.sentences.organizations).toMatch(/^Trên địa bàn có 1 cơ quan, doanh nghiệp, cơ sở giáo dục/);
    expect(f.comparison.find((r) => r.key === 'organizations.total')?.section).toBe('organizations');
  });

  it('says "Hiện nay" for the running year and not for a year that has ended', async () => {
    const type = (await t.call('modelTypes.list', { includeInactive: false }))[0]!;
    await t.call('models.create', {
      name: 'Dòng họ tự quản',
      typeId: type.id,
      originUnitId: hoa.id,
      originLevel: 'xa',
      foundedOn: '2024-03-01',
      status: 'hoat_dong',
      note: null,
    });
    const now = await t.call('period.figures', { from: '2026-01-01', to: '2026-12-31', unitId: null });
    expect(now.sentences.models).toMatch(/^Hiện nay trên địa bàn có 1 loại mô hình với tổng số 1 điểm mô hình đang hoạt động/);
    const past = await t.call('period.figures', { from: '2025-01-01', to: '2025-12-31', unitId: null });
    expect(past.sentences.models).toMatch(/^Năm 2025, trên địa bàn có 1 loại mô hình với tổng số 1 điểm mô hình hoạt động/);
  });
});
