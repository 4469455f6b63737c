/**
 * Trust between the province and its offices (issue 12 item 1): this office's identity and key
 * file, and the keys it trusts. A key is trusted only once the officer has confirmed its
 * fingerprint ("mã nhận diện") against what the other side printed or read on the phone. At an
 * office the trusted province key is pinned (a new one only through the province's rotation); at
 * the province each office has at most one trusted key.
 *
 * `enrollPeer` and `confirmPeer` take a transaction: the inbox and the package services call them
 * inside their own.
 */
import type { MethodOutput, ParsedInput } from '../../../shared/ipc/contract';
import type { KeyFilePreviewDto, PeerDto } from '../../../shared/ipc/contracts/handoff-keys.contract';
import type { OfficeDto } from '../../../shared/ipc/contracts/office.contract';
import type { ServiceContext } from '../context';
import { getOffice } from '../repos/office.repo';
import {
  findPeerById,
  findPeerByKey,
  insertPeer,
  listPeers,
  markPeerRetired,
  markPeerTrusted,
  peersWith,
  trustedPeerByCode,
  trustedProvince,
  type PeerRole,
  type PeerSource,
  type PeerStatus,
} from '../repos/handoff-peers.repo';
import type { Db } from '../repos/units.repo';
import { sha256Hex } from '../handoff/container';
import { readBoundedFile, writeNewFile } from '../handoff/files';
import type { OfficeIdentity } from '../handoff/identity';
import { fingerprintOfPublicKey } from '../handoff/identity';
import { buildKeyFile, keyFileName, readKeyFile, roleOfLevel, type KeyFileContents } from '../handoff/key-file';
import { refuse } from '../handoff/texts';

/** A key file is about 3 KiB; anything much bigger is refused before it is read. */
export const KEY_FILE_MAX_BYTES = 256 * 1024;

export async function requireIdentity(ctx: ServiceContext): Promise<OfficeIdentity> {
  if (!ctx.identity) throw refuse('IDENTITY_UNAVAILABLE');
  return ctx.identity.readOrCreate();
}

export async function requireOffice(db: Db): Promise<OfficeDto> {
  const office = await getOffice(db);
  if (!office) throw refuse('OFFICE_NOT_SET_UP');
  return office;
}

export async function ownIdentity(ctx: ServiceContext): Promise<MethodOutput<'handoffKeys.own'>> {
  const office = await requireOffice(ctx.db);
  const id = await requireIdentity(ctx);
  return {
    fingerprint: id.fingerprint,
    signPublicKey: id.signPublicKey,
    signPublicKeyFile: id.signPublicKeyFile,
    ageRecipient: id.ageRecipient,
    role: roleOfLevel(office.level),
    office: { code: office.code, name: office.name, level: office.level },
    keyFileName: keyFileName(office.code),
    createdAt: id.createdAt,
  };
}

export async function exportKeyFile(ctx: ServiceContext, folder: string): Promise<MethodOutput<'handoffKeys.exportKeyFile'>> {
  const office = await requireOffice(ctx.db);
  const id = await requireIdentity(ctx);
  const { fileName, bytes } = buildKeyFile(id, office, ctx.clock.timestamp());
  // Read back through the same checks an importer runs.
  readKeyFile(bytes);
  const written = writeNewFile(folder, fileName, bytes);
  return { path: written, fileName, sha256: sha256Hex(bytes), bytes: bytes.length };
}

/** The role this office accepts in a key file: offices take the province's key, the province the offices'. */
function acceptedRole(office: OfficeDto): PeerRole {
  return office.level === 'tinh' ? 'office' : 'province';
}

function checkAcceptable(office: OfficeDto, identity: OfficeIdentity, contents: KeyFileContents): void {
  if (contents.signPublicKey === identity.signPublicKey) throw refuse('OWN_KEY');
  if (contents.role !== acceptedRole(office)) {
    throw refuse('ROLE_UNEXPECTED', office.level === 'tinh' ? '(cần tệp khóa của đơn vị cấp dưới)' : '(cần tệp khóa của Công an tỉnh)');
  }
}

/** The trusted key that trusting `contents` would conflict with (same province or same office code), if any. */
async function conflicting(db: Db, contents: { role: PeerRole; officeCode: string; signPublicKey: string }): Promise<PeerDto | null> {
  const current = contents.role === 'province' ? await trustedProvince(db) : await trustedPeerByCode(db, 'office', contents.officeCode);
  return current && current.signPublicKey !== contents.signPublicKey ? current : null;
}

async function readChecked(ctx: ServiceContext, path: string) {
  const bytes = readBoundedFile(path, KEY_FILE_MAX_BYTES);
  const contents = readKeyFile(bytes);
  const office = await requireOffice(ctx.db);
  checkAcceptable(office, await requireIdentity(ctx), contents);
  return { bytes, contents, office };
}

export async function previewKeyFile(ctx: ServiceContext, path: string): Promise<KeyFilePreviewDto> {
  const { bytes, contents } = await readChecked(ctx, path);
  const existing = await findPeerByKey(ctx.db, contents.role, contents.signPublicKey);
  const current = await conflicting(ctx.db, {
    role: contents.role,
    officeCode: contents.sender.code,
    signPublicKey: contents.signPublicKey,
  });
  return {
    role: contents.role,
    officeCode: contents.sender.code,
    name: contents.sender.name,
    level: contents.sender.level,
    fingerprint: contents.fingerprint,
    signPublicKey: contents.signPublicKey,
    ageRecipient: contents.ageRecipient,
    createdAt: contents.createdAt,
    sha256: sha256Hex(bytes),
    existing,
    replaces: contents.role === 'office' ? current : null,
  };
}

export interface EnrollInput {
  role: PeerRole;
  officeCode: string;
  name: string;
  level: PeerDto['level'];
  signPublicKey: string;
  ageRecipient: string | null;
  source: PeerSource;
  status: Exclude<PeerStatus, 'retired'>;
}

/**
 * Records a key (idempotent: a key already known is returned as it is, never downgraded). A
 * 'trusted' enrolment is refused when another key of the same province / office is trusted.
 * The fingerprint is computed here from the key.
 */
export async function enrollPeer(trx: Db, input: EnrollInput, at: string, newId: () => string): Promise<PeerDto> {
  const known = await findPeerByKey(trx, input.role, input.signPublicKey);
  if (known) {
    if (input.status === 'trusted' && known.status === 'pending') return confirmPeer(trx, known.id, known.fingerprint, at);
    return known;
  }
  const print = fingerprintOfPublicKey(input.signPublicKey);
  if (!print) throw refuse('KEY_FILE_INVALID');
  if (input.status === 'trusted' && (await conflicting(trx, input))) {
    throw refuse(input.role === 'province' ? 'PROVINCE_KEY_CONFLICT' : 'OFFICE_KEY_CONFLICT');
  }
  const id = newId();
  await insertPeer(trx, { ...input, id, fingerprint: print, at });
  return (await findPeerById(trx, id))!;
}

/**
 * Trusts a known key once the officer typed its fingerprint (normalised "dddd-…"). With
 * `replaceExisting` (offices only, at the province) the office's current trusted key is retired and
 * points to this one; otherwise a conflicting trusted key refuses.
 */
export async function confirmPeer(
  trx: Db,
  peerId: string,
  typedFingerprint: string,
  at: string,
  replaceExisting = false,
): Promise<PeerDto> {
  const peer = await findPeerById(trx, peerId);
  if (!peer) throw refuse('PEER_NOT_FOUND');
  if (peer.fingerprint !== typedFingerprint) throw refuse('FINGERPRINT_MISMATCH');
  if (peer.status === 'trusted') return peer;
  if (peer.status === 'retired') throw refuse('SENDER_RETIRED');
  const current = await conflicting(trx, peer);
  if (current) {
    if (peer.role === 'province') throw refuse('PROVINCE_KEY_CONFLICT');
    if (!replaceExisting) throw refuse('OFFICE_KEY_CONFLICT');
    await markPeerRetired(trx, current.id, at, peer.id);
  }
  await markPeerTrusted(trx, peer.id, at);
  return (await findPeerById(trx, peer.id))!;
}

export async function trustKeyFile(ctx: ServiceContext, input: ParsedInput<'handoffKeys.trustKeyFile'>): Promise<PeerDto> {
  const { contents } = await readChecked(ctx, input.path);
  // The officer's digits must be the file's before anything is written.
  if (input.fingerprint !== contents.fingerprint) throw refuse('FINGERPRINT_MISMATCH');
  const at = ctx.clock.timestamp();
  return ctx.db.transaction().execute(async (trx) => {
    const peer = await enrollPeer(
      trx,
      {
        role: contents.role,
        officeCode: contents.sender.code,
        name: contents.sender.name,
        level: contents.sender.level,
        signPublicKey: contents.signPublicKey,
        ageRecipient: contents.ageRecipient,
        source: 'key-file',
        status: 'pending',
      },
      at,
      ctx.newId,
    );
    return confirmPeer(trx, peer.id, input.fingerprint, at, input.replaceExisting);
  });
}

export async function confirmPeerById(ctx: ServiceContext, input: ParsedInput<'handoffKeys.confirmPeer'>): Promise<PeerDto> {
  const at = ctx.clock.timestamp();
  return ctx.db.transaction().execute((trx) => confirmPeer(trx, input.peerId, input.fingerprint, at));
}

export async function provinceKeys(ctx: ServiceContext): Promise<MethodOutput<'handoffKeys.province'>> {
  return { trusted: await trustedProvince(ctx.db), pending: await peersWith(ctx.db, 'province', 'pending') };
}

export { listPeers, trustedProvince, findPeerByKey };
