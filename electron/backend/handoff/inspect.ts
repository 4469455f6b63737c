/**
 * The province's checks of one received file (issue 12 item 4), in this order and before anything
 * is written: size, format and version, signature against the key enrolled for that office (an
 * office not yet confirmed: the file is held), replay and sequence, recipient and decryption,
 * decompression within limits, every record validated, every record inside the sender's units,
 * no duplicate or foreign ids. Reads the database, never writes it: the service logs refusals and
 * applies. A check that fails throws a HandoffRefusal naming the reason in Vietnamese.
 */
import type { ServiceContext } from '../context';
import { ANTQ_LIMITS, openContainer, sha256Hex, verifyContainerSignature, type OpenedContainer } from './container';
import { openSealedPayload } from './codec';
import { snapshotFileName } from './snapshot-file';
import { fingerprintOfPublicKey } from './identity';
import { refuse } from './texts';
import {
  parseSnapshotPayload,
  SNAPSHOT_PAYLOAD_VERSION,
  snapshotManifestFieldsSchema,
  storedRow,
  validatePayloadRowsPausing,
  type SnapshotManifestFields,
  type SnapshotPayload,
} from './payload';
import { acceptedBySha, highestAccepted, listOfficePeers, type PeerRow, type LooseRow } from '../repos/handoff-inbox.repo';
import { findDuplicateId, findOutOfScope, type SnapshotRows } from './landing';
import { planLanding, type LandingPlan, type LandingTarget } from './apply';
import { fieldsOf } from '../keys/fields';
import { TABLES } from '../../../shared/domain/table-registry';
import type { Rubric } from '../../../shared/domain/criteria/rubric';
import { allRubricFiles } from '../services/rubrics.service';
import type { CheckContext } from './payload-forms';
import { detachedJob, type Job } from '../jobs/jobs';
import { inspectTexts } from './texts';

export interface InspectOptions {
  /** Re-applying a file accepted before (a roll-back): its hash is known and an older sequence is allowed. */
  rollbackOf?: string;
  /** Office keys from key files found beside the file, not yet confirmed (by office code): a file they verify is held. */
  keyFiles?: ReadonlyMap<string, { name: string; level: string | null; signPublicKey: string; fingerprint: string; fileName: string }>;
  /**
   * The call's job (issue 16 item 3): the checks pause at its checkpoint between slices of records
   * (the host answers meanwhile, a cancel stops them) and report the records checked.
   */
  job?: Job;
}

/** A file from an office not yet confirmed: shown with its fingerprint, applied only after the officer confirms. */
export interface HeldFile {
  status: 'held';
  /** The pending key (null: the office's key file beside it, named by `keyFileName`, is to be confirmed). */
  peerId: string | null;
  keyFileName: string | null;
  office: { code: string; name: string; level: string | null };
  fingerprint: string;
}

export interface CheckedSnapshot {
  status: 'ready';
  peer: PeerRow;
  peerIds: string[];
  manifest: SnapshotManifestFields;
  payload: SnapshotPayload;
  rows: SnapshotRows;
  plan: LandingPlan;
  /** What apply.ts lands: the office's keys, its root and code, the rows. */
  target: LandingTarget;
  sha256: string;
  bytes: number;
  fileName: string;
}

export interface ReplayedFile {
  status: 'replay';
  receivedId: string;
}

export type InspectResult = CheckedSnapshot | ((HeldFile | ReplayedFile) & { sha256: string; bytes: number; fileName: string });

/** What is known of a file before it is refused: logged with the refusal. */
export interface FileFacts {
  peerId: string | null;
  officeCode: string | null;
  year: number | null;
  sequence: number | null;
}

export class FileRefused extends Error {
  constructor(
    readonly refusal: ReturnType<typeof refuse>,
    readonly facts: FileFacts,
  ) {
    super(refusal.message);
  }
}

function snapshotFields(opened: OpenedContainer): SnapshotManifestFields {
  if (opened.manifest.kind !== 'snapshot') throw refuse('KIND_UNEXPECTED');
  const parsed = snapshotManifestFieldsSchema.safeParse(opened.manifest);
  if (!parsed.success) throw refuse('MANIFEST_INVALID');
  if (parsed.data.office.code !== opened.manifest.sender.code) throw refuse('MANIFEST_INVALID', '(mã bên gửi khác mã đơn vị)');
  return parsed.data;
}

function verifies(opened: OpenedContainer, key: string, fileName: string): boolean {
  try {
    verifyContainerSignature(opened, key, fileName);
    return true;
  } catch {
    return false;
  }
}

/**
 * The sender's key: the confirmed one must verify the file (a wrong key or a bad signature is
 * refused); with no confirmed key, a pending key that verifies holds the file for confirmation.
 * The signed trusted comment must name the file the manifest describes (ANTQ_<code>_<year>_<seq>),
 * whatever the file is called on the stick.
 */
function senderKey(
  opened: OpenedContainer,
  peers: readonly PeerRow[],
  manifest: SnapshotManifestFields,
  rollback: boolean,
): { peer: PeerRow; held: boolean } {
  const code = opened.manifest.sender.code;
  const signedName = snapshotFileName(manifest.office.code, manifest.year, manifest.sequence);
  const mine = peers.filter((p) => p.officeCode === code);
  const trusted = mine.find((p) => p.status === 'trusted');
  // A file accepted before stays valid after the office's key was replaced: a roll-back may use the retired key.
  const retired = rollback ? mine.find((p) => p.status === 'retired' && verifies(opened, p.signPublicKey, signedName)) : undefined;
  if (retired) return { peer: retired, held: false };
  if (trusted) {
    verifyContainerSignature(opened, trusted.signPublicKey, signedName);
    if (fingerprintOfPublicKey(trusted.signPublicKey) !== opened.manifest.sender.fingerprint) throw refuse('FINGERPRINT_MISMATCH');
    return { peer: trusted, held: false };
  }
  const pending = mine.find((p) => p.status === 'pending' && verifies(opened, p.signPublicKey, signedName));
  if (pending) return { peer: pending, held: true };
  if (mine.some((p) => p.status === 'retired' && verifies(opened, p.signPublicKey, signedName))) throw refuse('SENDER_RETIRED');
  throw refuse('SENDER_UNKNOWN', `(mã đơn vị ${code}: hãy nhận tệp khóa của đơn vị và xác nhận mã nhận diện trước)`);
}

/** An office with no key here whose key file lies beside the file and verifies it: the file waits for that confirmation. */
function heldByKeyFile(
  opened: OpenedContainer,
  peers: readonly PeerRow[],
  options: InspectOptions,
  manifest: SnapshotManifestFields,
): HeldFile | null {
  const code = opened.manifest.sender.code;
  if (peers.some((p) => p.officeCode === code && p.status !== 'retired')) return null;
  const key = options.keyFiles?.get(code);
  if (!key || !verifies(opened, key.signPublicKey, snapshotFileName(manifest.office.code, manifest.year, manifest.sequence))) return null;
  return {
    status: 'held',
    peerId: null,
    keyFileName: key.fileName,
    office: { code, name: key.name, level: key.level },
    fingerprint: key.fingerprint,
  };
}

/** The province's identity, and the file must be addressed to it (checked on every call, never cached). */
async function recipientIdentity(ctx: ServiceContext, manifest: SnapshotManifestFields) {
  const identity = await ctx.identity?.read();
  if (!identity) throw refuse('IDENTITY_UNAVAILABLE');
  if (manifest.recipient !== identity.fingerprint) throw refuse('WRONG_RECIPIENT');
  return identity;
}

async function decodePayload(
  opened: OpenedContainer,
  manifest: SnapshotManifestFields,
  ageIdentity: string,
  pause: () => Promise<void>,
): Promise<SnapshotPayload> {
  // Decrypted within the file limit, gunzipped within 128 MiB (a bomb stops there), parsed: h12-core's codec.
  const value = await openSealedPayload(opened.payload!, ageIdentity, undefined, pause);
  const version = value !== null && typeof value === 'object' ? (value as { version?: unknown }).version : undefined;
  if (typeof version === 'number' && Number.isInteger(version) && version > SNAPSHOT_PAYLOAD_VERSION) {
    throw refuse('VERSION_UNSUPPORTED', `(phiên bản ${version} của phần dữ liệu)`);
  }
  await pause();
  const parsed = parseSnapshotPayload(value);
  if (!parsed.ok) throw refuse('SCHEMA_INVALID', parsed.message);
  const p = parsed.payload;
  const same =
    p.office.code === manifest.office.code &&
    p.office.rootUnitId === manifest.office.rootUnitId &&
    p.office.id === manifest.office.id &&
    p.year === manifest.year &&
    p.sequence === manifest.sequence;
  if (!same) throw refuse('PAYLOAD_INVALID', '(phần dữ liệu không khớp với phần mô tả đã ký)');
  return p;
}

/** The payload's rows as the province stores them (stand-ins in omitted personal columns), registry order. */
export function payloadRows(payload: SnapshotPayload): Map<string, LooseRow[]> {
  const out = new Map<string, LooseRow[]>();
  for (const spec of TABLES) {
    const t = payload.tables[spec.name];
    if (!t) continue;
    const omitted = payload.omitted[spec.name] ?? [];
    out.set(
      spec.name,
      t.rows.map((cells) => storedRow(spec.name, t.columns, cells, omitted)),
    );
  }
  return out;
}

async function checkSequence(ctx: ServiceContext, peerIds: string[], manifest: SnapshotManifestFields, options: InspectOptions) {
  const highest = await highestAccepted(ctx.db, peerIds);
  if (highest === null || options.rollbackOf !== undefined) return;
  if (manifest.sequence < highest) throw refuse('OLDER_SEQUENCE', `(gói số ${manifest.sequence}, đã nhận gói số ${highest})`);
  if (manifest.sequence === highest) throw refuse('OLDER_SEQUENCE', `(gói số ${manifest.sequence} đã được nhận với nội dung khác)`);
}

/** The checks that depend on the file's bytes alone: every record valid, no duplicate id, every record in the office's units. */
/**
 * What the screens' checks need from the province: its date (a record dated after it is refused
 * as the office's screen refuses it) and the rubric files it holds (a score is checked against the
 * file it was entered with, by hash; a file the province does not hold leaves the shape check).
 */
async function checkContext(ctx: ServiceContext, payload: SnapshotPayload): Promise<CheckContext> {
  const rubrics = new Map<string, Rubric>();
  if ((payload.tables['rubric_scores']?.rows.length ?? 0) > 0) {
    for (const file of await allRubricFiles(ctx)) rubrics.set(file.hash, file.value);
  }
  return { today: ctx.clock.today(), rubric: (hash) => rubrics.get(hash) ?? null };
}

async function checkRowsOf(
  manifest: SnapshotManifestFields,
  payload: SnapshotPayload,
  context: CheckContext,
  job: Job,
): Promise<SnapshotRows> {
  // The count is reported every slice of rows (200); every fifth, the host gets a turn whatever the
  // time, so "Đã kiểm tra n/N bản ghi" moves on the screen (and a cancel lands) on a fast machine too.
  let slices = 0;
  const problems = await validatePayloadRowsPausing(payload, { maxProblems: 1, context }, async (done, total) => {
    job.report(done, total, inspectTexts.checked(done, total));
    if (++slices % 5 === 0) await job.yieldNow();
    else await job.checkpoint();
  });
  if (problems.length > 0) throw refuse(problems[0]!.duplicate ? 'DUPLICATE_ID' : 'SCHEMA_INVALID', problems[0]!.message);
  const rows = payloadRows(payload);
  await job.checkpoint();
  const office = { code: manifest.office.code, rootUnitId: manifest.office.rootUnitId };
  const dup = findDuplicateId(rows);
  if (dup) throw refuse('DUPLICATE_ID', `(bảng ${dup.table}, mã ${dup.id})`);
  await job.checkpoint();
  const out = findOutOfScope(office, rows);
  if (out) throw refuse('OUT_OF_SCOPE', `(bảng ${out.table}, mã ${out.id})`);
  return rows;
}

interface DecodedFile {
  /** sha256 of the file and fingerprint of the identity that decrypted it. */
  key: string;
  payload: SnapshotPayload;
  rows: SnapshotRows;
}

/**
 * The last file that passed the byte-only checks, per database: the apply that follows its dry run
 * re-reads the file and hashes it, and the same hash (with the same province key) means the same
 * bytes, so decryption, parsing and record validation would give the same answer. Every check that
 * reads the database (key, replay, sequence, ownership, foreign ids) runs again.
 */
const lastDecoded = new WeakMap<object, DecodedFile>();

/** Forgets the decoded file of this database (after it was applied: it would be a replay). */
export function forgetDecoded(ctx: ServiceContext): void {
  lastDecoded.delete(ctx.db);
}

async function decodeChecked(ctx: ServiceContext, opened: OpenedContainer, manifest: SnapshotManifestFields, sha256: string, job: Job) {
  const identity = await recipientIdentity(ctx, manifest);
  const key = `${sha256}:${identity.fingerprint}`;
  const cached = lastDecoded.get(ctx.db);
  if (cached?.key === key) return cached;
  lastDecoded.delete(ctx.db);
  job.report(0, null, inspectTexts.decrypting);
  const payload = await decodePayload(opened, manifest, identity.ageIdentity, () => job.checkpoint());
  await job.checkpoint();
  const rows = await checkRowsOf(manifest, payload, await checkContext(ctx, payload), job);
  const decoded = { key, payload, rows };
  lastDecoded.set(ctx.db, decoded);
  return decoded;
}

async function planRecords(
  ctx: ServiceContext,
  peer: PeerRow,
  peerIds: string[],
  manifest: SnapshotManifestFields,
  rows: SnapshotRows,
  job: Job,
) {
  const office = { code: manifest.office.code, rootUnitId: manifest.office.rootUnitId };
  const target: LandingTarget = { peerId: peer.id, peerIds, office, rows };
  const plan = await planLanding(ctx.db, target, fieldsOf(ctx), () => job.checkpoint());
  if (plan.foreign) {
    const owner = plan.foreign.owner === 'province' ? 'của Công an tỉnh' : 'của một đơn vị khác';
    throw refuse('FOREIGN_ID', `(bảng ${plan.foreign.table}, mã ${plan.foreign.id} là dữ liệu ${owner})`);
  }
  return { plan, target };
}

/** Runs every check on one file's bytes. Throws FileRefused (with what was learnt) on the first failure. */
export async function inspectFile(
  ctx: ServiceContext,
  bytes: Uint8Array,
  fileName: string,
  options: InspectOptions = {},
): Promise<InspectResult> {
  const sha256 = sha256Hex(bytes);
  const base = { sha256, bytes: bytes.length, fileName };
  const facts: FileFacts = { peerId: null, officeCode: null, year: null, sequence: null };
  try {
    if (bytes.length > ANTQ_LIMITS.fileBytes) throw refuse('FILE_TOO_LARGE');
    const opened = openContainer(bytes);
    const manifest = snapshotFields(opened);
    Object.assign(facts, { officeCode: manifest.office.code, year: manifest.year, sequence: manifest.sequence });
    const peers = await listOfficePeers(ctx.db);
    const fromKeyFile = heldByKeyFile(opened, peers, options, manifest);
    if (fromKeyFile) return { ...base, ...fromKeyFile };
    const { peer, held } = senderKey(opened, peers, manifest, options.rollbackOf !== undefined);
    facts.peerId = peer.id;
    if (held) {
      const fp = fingerprintOfPublicKey(peer.signPublicKey) ?? peer.fingerprint;
      return {
        ...base,
        status: 'held',
        peerId: peer.id,
        keyFileName: null,
        office: { code: peer.officeCode, name: peer.name, level: peer.level },
        fingerprint: fp,
      };
    }
    const peerIds = peers.filter((p) => p.officeCode === peer.officeCode).map((p) => p.id);
    const seen = await acceptedBySha(ctx.db, sha256);
    if (seen && seen.id !== options.rollbackOf) return { ...base, status: 'replay', receivedId: seen.id };
    await checkSequence(ctx, peerIds, manifest, options);
    const job = options.job ?? detachedJob();
    const { payload, rows } = await decodeChecked(ctx, opened, manifest, sha256, job);
    job.report(0, null, inspectTexts.planning);
    await job.checkpoint();
    // Rows are owned under the office's current key, whichever of its keys signed the file.
    const owner = peers.find((p) => p.officeCode === peer.officeCode && p.status === 'trusted') ?? peer;
    const { plan, target } = await planRecords(ctx, owner, peerIds, manifest, rows, job);
    return { ...base, status: 'ready', peer, peerIds, manifest, payload, rows, plan, target };
  } catch (err) {
    if (err instanceof Error && err.name === 'HandoffRefusal') throw new FileRefused(err as ReturnType<typeof refuse>, facts);
    throw err;
  }
}
