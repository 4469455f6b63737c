/**
 * Records of every activity kind for the activities backend tests (activities.test.ts,
 * activities-xlsx.test.ts): one plausible record per kind, as the form would send it, and typed
 * helpers around the activities methods.
 */
import type { z } from 'zod';
import type { MethodInput, MethodOutput, UnitDto } from '../../../shared/ipc/contract';
import { ACTIVITY_KINDS, type ActivityKind } from '../../../shared/domain/activities';
import type { ACTIVITY_INPUTS, ActivityRows } from '../../../shared/ipc/contracts/activities.contract';
import type { TestBackend } from '../../support/backend';
import { GIA_VIEN_SETUP } from '../../support/offices';

export type RecordInput<K extends ActivityKind> = z.input<(typeof ACTIVITY_INPUTS)[K]>;
export type AnyRecordInput = { [K in ActivityKind]: RecordInput<K> };

export const TABLES: Readonly<Record<ActivityKind, string>> = {
  propaganda: 'propaganda_sessions',
  events: 'activity_events',
  tips: 'tips',
  mediations: 'mediations',
  incidents: 'incidents',
  awards: 'awards',
};

export function sampleRecords(unitId: string): AnyRecordInput {
  return {
    propaganda: {
      date: '2026-03-10',
      unitId,
      organizationId: null,
      purpose: 'tuyen_truyen',
      form: 'truc_tiep',
      topic: 'Phòng chống ma túy trong thanh thiếu niên',
      venue: 'Nhà văn hóa thôn 1',
      attendance: 120,
      leaflets: 200,
      loudspeakerMinutes: 0,
      posts: 1,
      newsletters: 0,
      commitments: 45,
      note: null,
    },
    events: {
      date: '2026-08-19',
      unitId,
      kind: 'ngay_hoi',
      level: 'xa',
      title: 'Ngày hội toàn dân bảo vệ ANTQ năm 2026',
      venue: 'Sân vận động xã',
      attendance: 800,
      opinionsRaised: 0,
      opinionsAnswered: 0,
      gifts: 30,
      giftsValue: 15_000_000,
      note: null,
    },
    tips: {
      receivedOn: '2026-04-02',
      unitId,
      channel: 'dien_thoai',
      category: 'toi_pham',
      legalType: 'to_giac',
      valuable: true,
      summary: 'Tố giác nhóm đối tượng trộm cắp xe máy',
      status: 'da_giai_quyet',
      outcome: 'khoi_to',
      resolvedOn: '2026-04-15',
      extensions: 0,
      criminalCases: 1,
      administrativeCases: 0,
      personsHandled: 3,
      wantedArrested: 0,
      wantedSurrendered: 0,
      weapons: 0,
      ammunition: 0,
      explosivesKg: 0,
      supportTools: 0,
      assetsValue: 45_000_000,
      note: null,
    },
    mediations: {
      receivedOn: '2026-05-04',
      unitId,
      teamId: null,
      basis: 'yeu_cau',
      caseType: 'dat_dai',
      summary: 'Tranh chấp ranh giới đất giữa hai hộ liền kề',
      outcome: 'thanh',
      closedOn: '2026-05-20',
      note: null,
    },
    incidents: {
      occurredOn: '2026-06-30',
      unitId,
      organizationId: null,
      category: 'toi_pham_it_nghiem_trong',
      count: 3,
      solved: 2,
      deaths: 0,
      injuries: 0,
      description: 'Trộm cắp tài sản',
      excuse: null,
      excuseReason: null,
      excuseApprovedBy: null,
      excuseApprovedOn: null,
      note: null,
    },
    awards: {
      year: 2025,
      unitId,
      recipient: 'tap_the',
      recipientName: 'Ban Công an xã Gia Hòa',
      organizationId: null,
      form: 'giay_khen_giam_doc_ca_tinh',
      issuer: '',
      decisionNumber: '123/QĐ-CAT',
      decisionDate: '2026-01-15',
      occasion: 'Tổng kết phong trào năm 2025',
      note: null,
    },
  };
}

/** Contract-level helpers: the discriminated unions made usable for one kind at a time. */
export function activityApi(t: TestBackend) {
  const saveInput = <K extends ActivityKind>(kind: K, record: RecordInput<K>, id: string | null = null) =>
    ({ kind, id, record }) as MethodInput<'activities.save'>;
  return {
    saveInput,
    async save<K extends ActivityKind>(kind: K, record: RecordInput<K>, id: string | null = null): Promise<ActivityRows[K]> {
      const out = await t.call('activities.save', saveInput(kind, record, id));
      return out.row as ActivityRows[K];
    },
    saveManyInput: <K extends ActivityKind>(kind: K, records: RecordInput<K>[]) =>
      ({ kind, records }) as MethodInput<'activities.saveMany'>,
    async list<K extends ActivityKind>(
      kind: K,
      filter: Partial<Omit<MethodInput<'activities.list'>, 'kind'>> = {},
    ): Promise<ActivityRows[K][]> {
      const out: MethodOutput<'activities.list'> = await t.call('activities.list', {
        kind,
        unitId: null,
        from: null,
        to: null,
        search: '',
        category: null,
        ...filter,
      });
      return out.rows as ActivityRows[K][];
    },
    async get<K extends ActivityKind>(kind: K, id: string): Promise<ActivityRows[K]> {
      return (await t.call('activities.get', { kind, id })).row as ActivityRows[K];
    },
  };
}

/** Công an huyện Gia Viễn with its 18 communes; returns units by name. */
export async function setupGiaVien(t: TestBackend): Promise<(name: string) => UnitDto> {
  await t.call('office.setup', GIA_VIEN_SETUP);
  const units = await t.call('units.list', { includeEnded: true });
  return (name: string) => {
    const found = units.filter((u) => u.name === name);
    if (found.length !== 1) throw new Error(`expected one unit named ${name}`);
    return found[0]!;
  };
}

/** Gia Viễn set up; its communes (the root's children today), by name. */
export async function giaVienCommunes(t: TestBackend): Promise<UnitDto[]> {
  await setupGiaVien(t);
  const units = await t.call('units.list', { includeEnded: false });
  const root = units.find((u) => u.parentId === null)!;
  return units.filter((u) => u.parentId === root.id).sort((a, b) => a.name.localeCompare(b.name));
}

/**
 * The period tests' ground: Gia Viễn, and in each of its first three communes one record of every
 * kind (sampleRecords) plus a propaganda session in 2019 (attendance 40, 41, 42). Returns the communes.
 */
export async function seedPeriodCommunes(t: TestBackend): Promise<UnitDto[]> {
  const communes = await giaVienCommunes(t);
  const api = activityApi(t);
  for (const [i, c] of communes.slice(0, 3).entries()) {
    const s = sampleRecords(c.id);
    for (const kind of ACTIVITY_KINDS) await api.save(kind, s[kind]);
    await api.save('propaganda', { ...s.propaganda, date: `2019-0${i + 1}-11`, attendance: 40 + i });
  }
  return communes;
}

/** A record's fields only (what was entered), from a row as lists show it. */
export function fieldsOf<K extends ActivityKind>(row: ActivityRows[K]): RecordInput<K> {
  const r = { ...(row as Record<string, unknown>) };
  for (const k of ['id', 'unitName', 'createdAt', 'updatedAt', 'organizationName', 'teamName', 'deadline', 'timing']) delete r[k];
  return r as RecordInput<K>;
}
