/**
 * Province packages at an office (issue 12 item 9): "Nhập gói của tỉnh". `inspectPackage` reads
 * and verifies a file and says what it would change, writing nothing; `applyPackage` does the same
 * checks again and applies everything in one transaction: the province key pinned (after the
 * officer confirmed its fingerprint, when none was pinned) or rotated (old retired, new trusted),
 * the policy of personal fields, the new rule-set and rubric files, the unit list's changes to the
 * office's own tree (handoff-package-units.service.ts), and the package recorded. The offices are
 * shown, not applied.
 */
import type { ServiceContext } from '../context';
import { AppError } from '../errors';
import { insertStoredFile, listStoredFiles } from '../repos/rubrics.repo';
import {
  getPolicyRow,
  insertPackage,
  lastPackageSequence,
  listPackages,
  savePolicyRow,
  type Db,
  type PackageRow,
} from '../repos/handoff-package.repo';
import { shippedFiles } from './rulesets.service';
import { enrollPeer } from './handoff-keys.service';
import { markPeerRetired, peersOfRole } from '../repos/handoff-peers.repo';
import type { PeerDto } from '../../../shared/ipc/contracts/handoff-keys.contract';
import { requireOffice, summaryOf, toRecord } from './handoff-package.service';
import { refuse } from '../handoff/texts';
import { parsePolicyJson, policyJson } from '../handoff/policy';
import { packageFileName, type PackagePayload } from '../handoff/package-payload';
import {
  openPackage,
  readPackageFile,
  readPackagePayload,
  verifyPackageSignature,
  verifyRotation,
  type OpenedPackage,
} from '../handoff/package-read';
import { planFiles, type KnownFile, type PlannedFile } from '../handoff/package-preview';
import { applyUnitChanges, packageReason, planForOffice, type UnitChoice, type UnitsApplied } from './handoff-package-units.service';
import type { UnitPlan } from '../handoff/package-units';
import { normalisePolicy, policyDifference } from '../../../shared/domain/handoff-policy';
import type { OfficeDto } from '../../../shared/ipc/contract';
import type { PackagePreviewDto, PackageRecordDto, PolicyValue } from '../../../shared/ipc/contracts/handoff-package.contract';

interface Examined {
  office: OfficeDto;
  pkg: OpenedPackage;
  payload: PackagePayload;
  /** The trusted province key that signed it, or null when none is pinned yet. */
  signer: PeerDto | null;
  rotation: { oldFingerprint: string; newFingerprint: string } | null;
  lastApplied: number;
  ruleSets: PlannedFile[];
  rubrics: PlannedFile[];
}

async function knownFiles(db: Db, table: 'rule_set_files' | 'rubric_files'): Promise<KnownFile[]> {
  const shipped = table === 'rule_set_files' ? shippedFiles().ruleSets : shippedFiles().rubrics;
  return [
    ...shipped.map((f) => ({ id: f.value.id, version: f.value.version, hash: f.hash, origin: 'shipped' as const, fileName: f.fileName })),
    ...(await listStoredFiles(db, table)).map((f) => ({
      id: f.fileId,
      version: f.version,
      hash: f.hash,
      origin: 'imported' as const,
      fileName: f.fileName,
    })),
  ];
}

/** Which key may have signed the package: the pinned one, or none pinned yet. */
async function signerOf(db: Db, pkg: OpenedPackage): Promise<PeerDto | null> {
  const peers = await peersOfRole(db, 'province');
  const key = pkg.fields.keys.signPublicKey;
  const trusted = peers.find((p) => p.status === 'trusted') ?? null;
  const retired = peers.find((p) => p.status === 'retired' && p.signPublicKey === key);
  if (retired) throw refuse('SENDER_RETIRED', `(mã nhận diện ${retired.fingerprint})`);
  if (trusted) {
    if (trusted.signPublicKey !== key) {
      throw refuse(
        'SIGNATURE_WRONG_KEY',
        `(gói ký bằng khóa có mã nhận diện ${pkg.opened.manifest.sender.fingerprint}; khóa đã xác nhận của tỉnh có mã ${trusted.fingerprint})`,
      );
    }
    verifyPackageSignature(pkg, trusted.signPublicKey);
    return trusted;
  }
  // None pinned: the package's own key, trusted at apply once the officer confirms its fingerprint
  // (a pending key file of the same key is confirmed by the same step).
  verifyPackageSignature(pkg, key);
  return null;
}

/** Every check, in order, before anything is written. */
async function examine(ctx: ServiceContext, db: Db, bytes: Uint8Array): Promise<Examined> {
  const office = await requireOffice(ctx, db);
  if (office.level === 'tinh') throw refuse('ROLE_UNEXPECTED', '(gói của tỉnh chỉ nhập ở đơn vị cấp xã, cấp huyện)');
  const pkg = openPackage(bytes);
  const province = pkg.fields.province;
  if (province.provinceCode !== office.provinceCode) {
    throw refuse(
      'WRONG_RECIPIENT',
      `(gói của ${province.name}, mã tỉnh ${province.provinceCode}; đơn vị này thuộc tỉnh mã ${office.provinceCode})`,
    );
  }
  const signer = await signerOf(db, pkg);
  const rotation = verifyRotation(pkg);
  const payload = readPackagePayload(pkg);
  const applied = await listPackages(db, 'applied');
  if (applied.some((p) => p.sha256 === pkg.fileSha256)) throw refuse('REPLAY', `(gói số ${payload.sequence})`);
  const lastApplied = await lastPackageSequence(db, 'applied', province.code);
  if (payload.sequence <= lastApplied) {
    throw refuse('OLDER_SEQUENCE', `Gói cũ hơn gói đã áp dụng (gói số ${payload.sequence}; đã áp dụng gói số ${lastApplied}).`);
  }
  return {
    office,
    pkg,
    payload,
    signer,
    rotation,
    lastApplied,
    ruleSets: planFiles(payload.ruleSets, 'ruleset', await knownFiles(db, 'rule_set_files')),
    rubrics: planFiles(payload.rubrics, 'rubric', await knownFiles(db, 'rubric_files')),
  };
}

async function ownFingerprint(ctx: ServiceContext): Promise<string | null> {
  return (await ctx.identity?.read())?.fingerprint ?? null;
}

export async function inspectPackage(ctx: ServiceContext, input: { path: string }): Promise<PackagePreviewDto> {
  const x = await examine(ctx, ctx.db, readPackageFile(input.path));
  const before = parsePolicyJson((await getPolicyRow(ctx.db))?.json ?? null);
  const after = normalisePolicy(x.payload.policy);
  const mine = await ownFingerprint(ctx);
  const self = x.payload.offices.find((o) => o.code === x.office.code) ?? null;
  const fileChange = (f: PlannedFile) => ({ id: f.id, version: f.version, name: f.name, fileName: f.fileName, status: f.status });
  return {
    fileName: packageFileName(x.payload.province.code, x.payload.sequence),
    sha256: x.pkg.fileSha256,
    bytes: x.pkg.bytes,
    createdAt: x.pkg.opened.manifest.createdAt,
    province: x.payload.province,
    sequence: x.payload.sequence,
    lastApplied: x.lastApplied > 0 ? x.lastApplied : null,
    signer: { fingerprint: x.pkg.opened.manifest.sender.fingerprint, status: x.signer ? 'trusted' : 'unpinned' },
    rotation: x.rotation,
    policy: { before: { ...before } as PolicyValue, after, changes: policyDifference(before, after) },
    ruleSets: x.ruleSets.map(fileChange),
    rubrics: x.rubrics.map(fileChange),
    offices: x.payload.offices.map((o) => ({ code: o.code, name: o.name, level: o.level, fingerprint: o.fingerprint, self: o === self })),
    ownEnrolment: !self ? 'absent' : self.fingerprint === mine ? 'match' : 'mismatch',
    units: unitsPreview(await planForOffice(ctx.db, x.office, x.payload)),
  };
}

function unitsPreview(plan: UnitPlan): PackagePreviewDto['units'] {
  return {
    era: plan.era,
    compared: plan.compared,
    total: plan.total,
    changes: plan.changes.map((c) => ({
      key: c.key,
      kind: c.kind,
      code: c.code,
      name: c.name,
      before: c.before,
      after: c.after,
      applicable: c.applicable,
      conflict: c.conflict,
      ours: c.ours,
    })),
  };
}

const digitsOnly = (s: string) => s.replace(/[^0-9]/g, '');

/**
 * Pins the package's key (none was pinned; the officer typed its fingerprint) and, for a rotation,
 * retires the signer and trusts the new key, through h12-core's trust functions.
 */
async function applyKeys(ctx: ServiceContext, trx: Db, x: Examined, at: string): Promise<void> {
  const { province, keys, rotation } = x.pkg.fields;
  const peer = { role: 'province' as const, officeCode: province.code, name: province.name, level: 'tinh' as const };
  const signerId = x.signer
    ? x.signer.id
    : (
        await enrollPeer(
          trx,
          { ...peer, signPublicKey: keys.signPublicKey, ageRecipient: keys.ageRecipient, source: 'package', status: 'trusted' },
          at,
          ctx.newId,
        )
      ).id;
  if (!rotation) return;
  // Retire first: at most one trusted key per province (handoff_peers_trusted); then point the old key at the new one.
  await markPeerRetired(trx, signerId, at, null);
  const next = await enrollPeer(
    trx,
    { ...peer, signPublicKey: rotation.newSignPublicKey, ageRecipient: rotation.newAgeRecipient, source: 'rotation', status: 'trusted' },
    at,
    ctx.newId,
  );
  await markPeerRetired(trx, signerId, at, next.id);
}

async function insertFiles(
  ctx: ServiceContext,
  trx: Db,
  table: 'rule_set_files' | 'rubric_files',
  files: readonly PlannedFile[],
  at: string,
) {
  for (const f of files.filter((p) => p.status === 'new')) {
    await insertStoredFile(trx, table, {
      id: ctx.newId(),
      fileId: f.id,
      version: f.version,
      name: f.name,
      hash: f.hash,
      fileName: f.fileName,
      content: f.bytes,
      importedBy: null,
      at,
    });
  }
}

function applyMessage(x: Examined, units: UnitsApplied): string {
  const parts = [`Đã áp dụng gói số ${x.payload.sequence} của ${x.payload.province.name}`];
  const unitParts = [
    units.renamed > 0 ? `đổi tên ${units.renamed}` : null,
    units.recoded > 0 ? `đổi mã ${units.recoded}` : null,
    units.ended > 0 ? `kết thúc ${units.ended}` : null,
    units.added > 0 ? `thêm ${units.added}` : null,
  ].filter((p): p is string => p !== null);
  if (unitParts.length > 0) parts.push(`đơn vị hành chính: ${unitParts.join(', ')}`);
  const newRules = x.ruleSets.filter((f) => f.status === 'new').length;
  const newRubrics = x.rubrics.filter((f) => f.status === 'new').length;
  if (newRules > 0) parts.push(`${newRules} bộ tiêu chí mới`);
  if (newRubrics > 0) parts.push(`${newRubrics} biểu điểm mới`);
  if (x.rotation) parts.push(`khóa mới của tỉnh có mã nhận diện ${x.rotation.newFingerprint}`);
  return `${parts.join('; ')}.`;
}

export async function applyPackage(
  ctx: ServiceContext,
  input: { path: string; sha256: string; confirmFingerprint: string | null; unitChoices?: { key: string; choice: UnitChoice }[] },
): Promise<{ record: PackageRecordDto; message: string; units: UnitsApplied }> {
  // Read (size first) before the transaction; every check runs inside it, so nothing can slip
  // between the checks and the writes.
  const bytes = readPackageFile(input.path);
  // A backup before the province's package changes anything (issue 15 item 4); a failed one refuses it.
  await ctx.backups?.before('package', null);
  return ctx.db.transaction().execute(async (trx) => {
    const x = await examine(ctx, trx, bytes);
    if (x.pkg.fileSha256 !== input.sha256) {
      throw new AppError('CONFLICT', 'Tệp gói đã thay đổi kể từ khi xem trước; hãy xem trước lại trước khi áp dụng.');
    }
    if (!x.signer) {
      const typed = digitsOnly(input.confirmFingerprint ?? '');
      if (typed === '') throw refuse('PROVINCE_NOT_TRUSTED', 'Hãy đối chiếu và nhập mã nhận diện của Công an tỉnh để xác nhận khóa.');
      if (typed !== digitsOnly(x.pkg.opened.manifest.sender.fingerprint)) throw refuse('FINGERPRINT_MISMATCH');
    }
    const at = ctx.clock.timestamp();
    const row: PackageRow = {
      id: ctx.newId(),
      direction: 'applied',
      provinceCode: x.payload.province.code,
      sequence: x.payload.sequence,
      fileName: packageFileName(x.payload.province.code, x.payload.sequence),
      sha256: x.pkg.fileSha256,
      summaryJson: JSON.stringify(summaryOf(x.payload, x.rotation)),
      createdAt: at,
    };
    await insertPackage(trx, row);
    await applyKeys(ctx, trx, x, at);
    await savePolicyRow(trx, { json: policyJson(x.payload.policy), packageId: row.id, updatedAt: at });
    await insertFiles(ctx, trx, 'rule_set_files', x.ruleSets, at);
    await insertFiles(ctx, trx, 'rubric_files', x.rubrics, at);
    const units = await applyUnitChanges(ctx, trx, {
      plan: await planForOffice(trx, x.office, x.payload),
      choices: new Map((input.unitChoices ?? []).map((c) => [c.key, c.choice])),
      reason: packageReason(x.payload.sequence, x.pkg.opened.manifest.createdAt),
      packageId: row.id,
      provinceCode: x.payload.province.code,
    });
    return { record: toRecord(row), message: applyMessage(x, units), units };
  });
}
