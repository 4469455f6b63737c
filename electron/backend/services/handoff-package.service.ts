/**
 * Province packages at the province (issue 12 item 9): the policy of personal fields it asks the
 * offices for, and "Tạo gói gửi các đơn vị": a signed ANTQ_TINH_<code>_<sequence>.antq holding
 * the province's keys, the policy, the enrolled offices, the rule sets and rubrics it imported,
 * its unit list, and optionally a key rotation (the province then signs with the new key).
 * The office side (inspect, apply) is in handoff-package-apply.service.ts.
 */
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import type { ServiceContext } from '../context';
import { AppError } from '../errors';
import { getOffice } from '../repos/office.repo';
import { listUnits } from '../repos/units.repo';
import { listStoredFiles } from '../repos/rubrics.repo';
import {
  getPolicyRow,
  insertPackage,
  lastPackageSequence,
  listPackages,
  savePolicyRow,
  setPackageState,
  type Db,
  type PackageRow,
} from '../repos/handoff-package.repo';
import { peersOfRole } from '../repos/handoff-peers.repo';
import { canonicalJsonBytes } from '../handoff/canonical-json';
import { ANTQ_FORMAT, ANTQ_VERSION, sha256Hex, writeContainer } from '../handoff/container';
import { sign } from '../handoff/minisign';
import { refuse } from '../handoff/texts';
import { checkFolder, writeNewFile } from '../handoff/files';
import { isRotatable, type PendingRotation } from '../handoff/identity-rotate';
import type { OfficeIdentity } from '../handoff/identity';
import { parsePolicyJson, policyJson } from '../handoff/policy';
import { openPackage, readPackagePayload, verifyPackageSignature, verifyRotation } from '../handoff/package-read';
import {
  PACKAGE_KIND,
  PACKAGE_PAYLOAD_FORMAT,
  PACKAGE_PAYLOAD_VERSION,
  packageFileName,
  rotationMessage,
  rotationTrustedComment,
  type PackagePayload,
  type PackageRotation,
  type PackageUnit,
} from '../handoff/package-payload';
import { personalPolicySchema, type PersonalPolicy } from '../../../shared/domain/handoff-policy';
import type { OfficeDto } from '../../../shared/ipc/contract';
import type { PackageRecordDto, PackageSummaryDto, PolicyDto, PolicyValue } from '../../../shared/ipc/contracts/handoff-package.contract';

export const NOT_PROVINCE = 'Chỉ Công an tỉnh tạo gói và đặt chính sách; đơn vị nhận chúng qua gói của tỉnh.';

export async function requireOffice(ctx: ServiceContext, db: Db = ctx.db): Promise<OfficeDto> {
  const office = await getOffice(db);
  if (!office) throw refuse('OFFICE_NOT_SET_UP');
  return office;
}

export function toRecord(row: PackageRow): PackageRecordDto {
  return {
    id: row.id,
    direction: row.direction,
    sequence: row.sequence,
    fileName: row.fileName,
    sha256: row.sha256,
    createdAt: row.createdAt,
    summary: JSON.parse(row.summaryJson) as PackageSummaryDto,
  };
}

export async function listPackageRecords(ctx: ServiceContext): Promise<PackageRecordDto[]> {
  await requireOffice(ctx);
  const rows = [...(await listPackages(ctx.db, 'made')), ...(await listPackages(ctx.db, 'applied'))];
  return rows.map(toRecord);
}

export async function getPolicy(ctx: ServiceContext): Promise<PolicyDto> {
  const row = await getPolicyRow(ctx.db);
  let packageSequence: number | null = null;
  if (row?.packageId) {
    const all = [...(await listPackages(ctx.db, 'made')), ...(await listPackages(ctx.db, 'applied'))];
    packageSequence = all.find((p) => p.id === row.packageId)?.sequence ?? null;
  }
  return { policy: { ...parsePolicyJson(row?.json ?? null) } as PolicyValue, updatedAt: row?.updatedAt ?? null, packageSequence };
}

export async function setPolicy(ctx: ServiceContext, input: { policy: PolicyValue }): Promise<PolicyDto> {
  const office = await requireOffice(ctx);
  if (office.level !== 'tinh') throw new AppError('RULE', NOT_PROVINCE);
  const parsed = personalPolicySchema.safeParse(input.policy);
  if (!parsed.success) {
    throw new AppError('VALIDATION', `Chính sách trường cá nhân không hợp lệ: ${parsed.error.issues.map((i) => i.message).join(' ')}`);
  }
  // An empty list means "none" in the form; stored without it.
  await ctx.db
    .transaction()
    .execute((trx) => savePolicyRow(trx, { json: policyJson(parsed.data), packageId: null, updatedAt: ctx.clock.timestamp() }));
  return getPolicy(ctx);
}

/** The province's units with an official code (province, districts, communes), ended ones included. */
async function unitList(db: Db): Promise<PackageUnit[]> {
  const units = (await listUnits(db, true)).filter((u) => u.level !== 'khu_dan_cu');
  const codeOf = new Map(units.map((u) => [u.id, u.code]));
  return units
    .filter((u): u is typeof u & { code: string } => u.code !== null)
    .map((u) => ({
      id: u.id,
      parentId: u.parentId !== null && codeOf.get(u.parentId) ? u.parentId : null,
      code: u.code,
      name: u.name,
      kind: u.kind,
      parentCode: u.parentId ? (codeOf.get(u.parentId) ?? null) : null,
      validFrom: u.validFrom,
      validTo: u.validTo,
    }))
    .sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

async function gatherPayload(
  ctx: ServiceContext,
  db: Db,
  office: OfficeDto,
  sequence: number,
  policy: PersonalPolicy,
): Promise<PackagePayload> {
  const offices = (await peersOfRole(db, 'office'))
    .filter((p) => p.status === 'trusted')
    .map((p) => ({
      code: p.officeCode,
      name: p.name,
      level: p.level === 'huyen' ? ('huyen' as const) : p.level === 'xa' ? ('xa' as const) : null,
      fingerprint: p.fingerprint,
      signPublicKey: p.signPublicKey,
    }));
  const file = (f: { fileName: string; content: Uint8Array }) => ({
    fileName: f.fileName,
    sha256: sha256Hex(f.content),
    base64: Buffer.from(f.content).toString('base64'),
  });
  return {
    format: PACKAGE_PAYLOAD_FORMAT,
    version: PACKAGE_PAYLOAD_VERSION,
    province: { code: office.code, name: office.name, provinceCode: office.provinceCode },
    sequence,
    policy: { ...policy } as PackagePayload['policy'],
    offices,
    ruleSets: (await listStoredFiles(db, 'rule_set_files')).map(file),
    rubrics: (await listStoredFiles(db, 'rubric_files')).map(file),
    units: { era: office.era, list: await unitList(db) },
  };
}

function rotationOf(provinceCode: string, old: OfficeIdentity, next: OfficeIdentity): PackageRotation {
  return {
    newSignPublicKey: next.signPublicKey,
    newAgeRecipient: next.ageRecipient,
    newFingerprint: next.fingerprint,
    signatureByNew: sign(
      rotationMessage(provinceCode, old.fingerprint, next.fingerprint),
      next.sign,
      rotationTrustedComment(old.fingerprint),
      `antq rotation signed by ${next.fingerprint}`,
    ),
  };
}

export function summaryOf(payload: PackagePayload, rotation: { oldFingerprint: string; newFingerprint: string } | null): PackageSummaryDto {
  return {
    provinceCode: payload.province.code,
    provinceName: payload.province.name,
    sequence: payload.sequence,
    policyTables: Object.keys(payload.policy).length,
    offices: payload.offices.length,
    ruleSets: payload.ruleSets.length,
    rubrics: payload.rubrics.length,
    units: payload.units.list.length,
    rotation,
  };
}

/** Test seams between the steps of a make: throwing from one leaves the state a crash there would. */
export interface MakeSteps {
  afterReserve?: () => void;
  afterWrite?: () => void;
  afterSwitch?: () => void;
}

type MadePackage = { record: PackageRecordDto; path: string; fingerprint: string };

/** One make at a time per database: a make's recovery must never see another make's steps in flight. */
const makeQueues = new WeakMap<object, Promise<unknown>>();
function oneAtATime<T>(key: object, fn: () => Promise<T>): Promise<T> {
  const next = (makeQueues.get(key) ?? Promise.resolve()).then(fn, fn);
  makeQueues.set(
    key,
    next.catch(() => undefined),
  );
  return next;
}

/**
 * "Tạo gói gửi các đơn vị", in steps that survive a crash between any two of them:
 * 1. the sequence is taken and the package recorded as 'pending' in one write transaction (unique
 *    per province: two makes never share a number; a number is never reused);
 * 2. the file is written (temporary name, fsync, link, read back);
 * 3. for a rotation, the new key replaces the old;
 * 4. the record becomes 'done'.
 * A record a crash left 'pending' is finished or given up by the next make (finishLeftMakes).
 */
export function makePackage(
  ctx: ServiceContext,
  input: { folder: string; rotateKey: boolean },
  steps: MakeSteps = {},
): Promise<MadePackage> {
  return oneAtATime(ctx.db, () => makeInSteps(ctx, input, steps));
}

async function makeInSteps(ctx: ServiceContext, input: { folder: string; rotateKey: boolean }, steps: MakeSteps): Promise<MadePackage> {
  const office = await requireOffice(ctx);
  if (office.level !== 'tinh') throw new AppError('RULE', NOT_PROVINCE);
  const folder = checkFolder(input.folder);
  if (!ctx.identity) throw refuse('IDENTITY_UNAVAILABLE');
  await finishLeftMakes(ctx);
  const identity = await ctx.identity.readOrCreate();
  let pending: PendingRotation | null = null;
  if (input.rotateKey) {
    if (!isRotatable(ctx.identity)) throw refuse('IDENTITY_UNAVAILABLE', '(không thay được khóa)');
    pending = await ctx.identity.prepareRotation();
  }
  let reserved: { row: PackageRow; bytes: Uint8Array; target: string; policyRow: Awaited<ReturnType<typeof getPolicyRow>> };
  try {
    reserved = await ctx.db.transaction().execute((trx) => reserve(ctx, trx, office, folder, identity, pending));
  } catch (err) {
    pending?.discard();
    throw err;
  }
  steps.afterReserve?.();
  const { row, bytes, target, policyRow } = reserved;
  try {
    writeNewFile(folder, row.fileName, bytes);
  } catch (err) {
    // Nothing went out: the prepared key is dropped and the number is not used again.
    pending?.discard();
    await setPackageState(ctx.db, row.id, 'abandoned');
    throw err;
  }
  steps.afterWrite?.();
  // The package is on disk: from now on the province signs with the new key.
  pending?.commit();
  steps.afterSwitch?.();
  await ctx.db.transaction().execute(async (trx) => {
    await setPackageState(trx, row.id, 'done');
    if (policyRow) await savePolicyRow(trx, { json: policyRow.json, packageId: row.id, updatedAt: policyRow.updatedAt });
  });
  return { record: toRecord(row), path: target, fingerprint: pending ? pending.identity.fingerprint : identity.fingerprint };
}

/** Step 1, in the write transaction: the next sequence, the signed and re-verified bytes, the 'pending' record. */
async function reserve(
  ctx: ServiceContext,
  trx: Db,
  office: OfficeDto,
  folder: string,
  identity: OfficeIdentity,
  pending: PendingRotation | null,
) {
  const sequence = (await lastPackageSequence(trx, 'made')) + 1;
  const fileName = packageFileName(office.code, sequence);
  const target = path.join(folder, fileName);
  if (fs.existsSync(target)) throw refuse('FILE_EXISTS', `(${fileName})`);
  const policyRow = await getPolicyRow(trx);
  const payload = await gatherPayload(ctx, trx, office, sequence, parsePolicyJson(policyRow?.json ?? null));
  const rotation = pending ? rotationOf(office.provinceCode, identity, pending.identity) : undefined;
  const manifest = {
    format: ANTQ_FORMAT,
    version: ANTQ_VERSION,
    kind: PACKAGE_KIND,
    sender: { code: office.code, name: office.name, level: 'tinh', fingerprint: identity.fingerprint },
    createdAt: ctx.clock.timestamp(),
    province: payload.province,
    sequence,
    keys: { signPublicKey: identity.signPublicKey, ageRecipient: identity.ageRecipient },
    ...(rotation ? { rotation } : {}),
  };
  const gz = new Uint8Array(zlib.gzipSync(canonicalJsonBytes(payload), { level: 9 }));
  const bytes = writeContainer({ manifest, fileName, signer: identity.sign, payload: gz });
  // What an office will check, checked here first: a package the office would refuse is never left behind.
  const reopened = openPackage(bytes);
  verifyPackageSignature(reopened, identity.signPublicKey);
  verifyRotation(reopened);
  readPackagePayload(reopened);
  const rotationSummary = pending ? { oldFingerprint: identity.fingerprint, newFingerprint: pending.identity.fingerprint } : null;
  const row: PackageRow = {
    id: ctx.newId(),
    direction: 'made',
    provinceCode: office.code,
    sequence,
    fileName,
    sha256: sha256Hex(bytes),
    summaryJson: JSON.stringify(summaryOf(payload, rotationSummary)),
    createdAt: ctx.clock.timestamp(),
    state: 'pending',
    path: target,
  };
  await insertPackage(trx, row);
  return { row, bytes, target, policyRow };
}

function fileHash(file: string | null | undefined): string | null {
  try {
    return file ? sha256Hex(new Uint8Array(fs.readFileSync(file))) : null;
  } catch {
    return null;
  }
}

/**
 * A make a crash interrupted: if its file is where it was written, byte for byte, the package went
 * out: its key switch is finished (the prepared key is still beside the key file) and it is 'done'.
 * Otherwise nothing went out: the prepared key is dropped and the record 'abandoned' (its number is
 * not reused, so no two different packages ever share one).
 */
export async function finishLeftMakes(ctx: ServiceContext): Promise<void> {
  for (const row of await listPackages(ctx.db, 'made', 'pending')) {
    const rotation = (JSON.parse(row.summaryJson) as PackageSummaryDto).rotation;
    const current = (await ctx.identity?.read())?.fingerprint ?? null;
    const written = fileHash(row.path) === row.sha256;
    const rotatable = isRotatable(ctx.identity) ? ctx.identity : null;
    if (rotation && current !== rotation.newFingerprint) {
      const left = written ? await rotatable?.leftRotation(rotation.newFingerprint) : null;
      if (left) left.commit();
      else rotatable?.discardLeftRotation();
      await setPackageState(ctx.db, row.id, left ? 'done' : 'abandoned');
      continue;
    }
    await setPackageState(ctx.db, row.id, written || rotation ? 'done' : 'abandoned');
  }
}
