/**
 * Issue 12 loose ends: a personal column an office's file leaves out (the province's policy did
 * not ask for it) is stored as NULL ("not known") at the province, never as a stand-in value, and
 * the members list and its gender counts show those members as "không rõ", not as men.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startBackend, type TestBackend } from '../../support/backend';
import { useTempDir } from '../../support/temp-dir';
import { queryAll } from '../../support/sqlite';
import { LAO_CAI_SETUP, SA_PA_SETUP } from '../../support/handoff-offices';
import { identityOf, payloadOf, snapshotFile, type SnapshotPayloadValue } from '../../support/handoff-files';
import { sampleRecords } from './activities-records';
import { omittedColumns } from '../../../electron/backend/handoff/payload';
import { genderTotals } from '../../../shared/domain/mass-org-members-list';
import { officeMembers } from '../../support/members';
import { recordTitle } from '../../../shared/domain/activities';

const tmp = useTempDir('antq-unknowns-');
const TO_BAO_VE_KIND = '9068e308-4a4e-4512-9e34-06939b518384';
let office: TestBackend;
let province: TestBackend;
let inbox: string;

beforeEach(async () => {
  office = await startBackend(path.join(tmp.path(), 'office'));
  const setup = await office.call('office.setup', SA_PA_SETUP);
  const root = setup.office.rootUnitId;
  const team = await office.call('massOrgs.create', {
    kindId: TO_BAO_VE_KIND,
    unitId: root,
    name: 'Tổ bảo vệ ANTT tổ dân phố 1',
    decisionIssuer: '',
    decisionNumber: '',
    decisionDate: null,
    validFrom: '2025-08-01',
    note: '',
  });
  for (const [fullName, gender] of [
    ['Lò Văn Minh', 'nam'],
    ['Lò Thị Mai', 'nu'],
    ['Giàng Thị Sua', 'nu'],
  ] as const) {
    await office.call('members.create', {
      massOrgId: team.id,
      fullName,
      gender,
      birthYear: 1980,
      ethnicity: 'Thái',
      phone: '',
      role: 'to_vien',
      joinedOn: '2025-08-01',
      note: '',
    });
  }
  const award = sampleRecords(root).awards;
  await office.call('activities.save', {
    kind: 'awards',
    id: null,
    record: { ...award, recipient: 'ca_nhan', recipientName: 'Lò Văn Minh' },
  });
  await office.call('activities.save', {
    kind: 'awards',
    id: null,
    record: { ...award, recipient: 'ca_nhan', recipientName: 'Lò Thị Mai' },
  });
  province = await startBackend(path.join(tmp.path(), 'province'));
  await province.call('office.setup', LAO_CAI_SETUP);
  inbox = path.join(tmp.path(), 'usb');
  fs.mkdirSync(inbox);
});
afterEach(() => {
  office.close();
  province.close();
});

/** The office's payload with the personal columns the policy does not ask for left out, as the sender does. */
function withPolicy(p: SnapshotPayloadValue, policy: Record<string, string[]>): SnapshotPayloadValue {
  const tables = { ...p.tables };
  const omitted: Record<string, string[]> = {};
  for (const name of ['mass_org_members', 'awards']) {
    const out = omittedColumns(name, policy);
    const t = tables[name]!;
    const keep = t.columns.map((c, i) => [c, i] as const).filter(([c]) => !out.includes(c));
    tables[name] = { columns: keep.map(([c]) => c), rows: t.rows.map((r) => keep.map(([, i]) => r[i]!)) };
    omitted[name] = out;
  }
  return { ...p, tables, omitted };
}

async function receive(payload: SnapshotPayloadValue): Promise<void> {
  const officeKey = await identityOf(path.join(tmp.path(), 'office'));
  const provinceKey = await identityOf(path.join(tmp.path(), 'province'));
  const db = new BetterSqlite3(province.backend.databasePath);
  try {
    db.prepare(
      `INSERT INTO handoff_peers (id, role, office_code, name, level, sign_public_key, age_recipient, fingerprint, status, source, confirmed_at, created_at, updated_at)
       VALUES (?, 'office', '03006', 'Công an phường Sa Pa', 'xa', ?, ?, ?, 'trusted', 'key-file', NULL, '2026-11-22T03:00:00.000Z', '2026-11-22T03:00:00.000Z')`,
    ).run(crypto.randomUUID(), officeKey.signPublicKey, officeKey.ageRecipient, officeKey.fingerprint);
  } finally {
    db.close();
  }
  const f = await snapshotFile({ office: officeKey, province: provinceKey, payload });
  const file = path.join(inbox, f.fileName);
  fs.writeFileSync(file, f.bytes);
  const [ready] = (await province.call('handoffInbox.inspect', { path: file })).files;
  expect(ready, JSON.stringify(ready?.reason)).toMatchObject({ status: 'ready' });
  await province.call('handoffInbox.apply', { path: file, sha256: ready!.sha256 });
}

const members = async (t: TestBackend) => (await officeMembers(t)).rows;

describe('a personal column the office did not send', () => {
  it('is NULL at the province, and the gender counts show those members as not known', async () => {
    const at = await members(office);
    expect(genderTotals(at)).toEqual({ women: 2, men: 1, unknown: 0, total: 3 });
    // The province asks for names but not for gender, birth year, ethnicity or phone.
    await receive(withPolicy(payloadOf(office.backend.databasePath, 2026, 1), { mass_org_members: ['full_name'] }));

    expect(
      queryAll(province.backend.databasePath, 'SELECT full_name, gender, birth_year FROM mass_org_members ORDER BY full_name_sort'),
    ).toEqual([
      { full_name: 'Giàng Thị Sua', gender: null, birth_year: null },
      { full_name: 'Lò Thị Mai', gender: null, birth_year: null },
      { full_name: 'Lò Văn Minh', gender: null, birth_year: null },
    ]);
    const rows = await members(province);
    expect(rows.map((r) => r.gender)).toEqual([null, null, null]);
    const totals = genderTotals(rows);
    expect(totals).toEqual({ women: 0, men: 0, unknown: 3, total: 3 });
    // With the office's own rows: never counted as men (renderer's "2 nữ, 3 không rõ": tests/unit/renderer/members-gender.test.ts).
    expect(genderTotals([...rows, ...at])).toEqual({ women: 2, men: 1, unknown: 3, total: 6 });

    // One member read whole (its own form): not known either.
    const member = await province.call('members.get', { id: rows[0]!.id });
    expect(member.member).toMatchObject({ gender: null });
  });

  it('leaves names and award recipients NULL when the policy asks for none', async () => {
    await receive(withPolicy(payloadOf(office.backend.databasePath, 2026, 1), {}));
    expect(
      queryAll(province.backend.databasePath, 'SELECT full_name, full_name_folded, full_name_sort, gender FROM mass_org_members'),
    ).toEqual(Array.from({ length: 3 }, () => ({ full_name: null, full_name_folded: null, full_name_sort: null, gender: null })));
    expect(queryAll(province.backend.databasePath, 'SELECT recipient_name FROM awards')).toEqual([
      { recipient_name: null },
      { recipient_name: null },
    ]);
    const rows = await members(province);
    expect(rows.map((r) => r.fullName)).toEqual([null, null, null]);
    const awards = await province.call('activities.list', {
      kind: 'awards',
      unitId: null,
      from: null,
      to: null,
      search: '',
      category: null,
    });
    expect(awards.rows).toHaveLength(2);
    for (const a of awards.rows) {
      expect(a).toMatchObject({ recipientName: null });
      expect(recordTitle('awards', a)).toMatch(/^không rõ – /);
    }
  });
});
