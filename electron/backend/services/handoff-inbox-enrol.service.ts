/**
 * Enrolling an office at the province from its key file found in the inbox folder, or confirming a
 * pending key: shown as "Đơn vị mới: <name>, mã nhận diện <fingerprint>", trusted only once the
 * officer confirms the fingerprint (h12-core's trust rules: handoff-keys.service.ts).
 */
import type { InboxFileDto } from '../../../shared/ipc/contracts/handoff-inbox.contract';
import type { ServiceContext } from '../context';
import { openContainer, sha256Hex } from '../handoff/container';
import { isHandoffRefusal, refuse } from '../handoff/texts';
import { confirmPeerById, previewKeyFile, trustKeyFile } from './handoff-keys.service';
import { readBounded } from '../handoff/inbox-files';

/** The office's key is already trusted here. */
export const KEY_KNOWN = { code: 'KEY_KNOWN', message: 'Khóa của đơn vị này đã được xác nhận trước đó; không có gì thay đổi.' };

export const INBOX_TEXTS = {
  waitsForKeyFile: (keyFile: string) =>
    `Tệp của đơn vị mới: chờ xác nhận mã nhận diện trong tệp khóa ${keyFile}; sau khi xác nhận, tệp được kiểm tra lại. Chưa có gì được ghi.`,
};

type KeyFileKeys = Map<string, { name: string; level: string | null; signPublicKey: string; fingerprint: string; fileName: string }>;

/** The key files among the folder's files: their entries (by path), and the offices' keys still to confirm (by code). */
export async function keyFileEntries(
  ctx: ServiceContext,
  files: readonly { path: string; name: string }[],
): Promise<{ entries: Map<string, InboxFileDto>; keyFiles: KeyFileKeys }> {
  const entries = new Map<string, InboxFileDto>();
  const keyFiles: KeyFileKeys = new Map();
  for (const f of files) {
    let bytes: Uint8Array;
    try {
      bytes = readBounded(f.path);
    } catch {
      continue;
    }
    if (!isKeyFile(bytes)) continue;
    const entry = await keyFileEntry(ctx, f.path, f.name, bytes);
    entries.set(f.path, entry);
    if (entry.status === 'held' && entry.enrol) {
      const p = await previewKeyFile(ctx, f.path);
      keyFiles.set(p.officeCode, {
        name: p.name,
        level: p.level,
        signPublicKey: p.signPublicKey,
        fingerprint: p.fingerprint,
        fileName: f.name,
      });
    }
  }
  return { entries, keyFiles };
}

/** Whether the bytes are an .antq key file (anything unreadable is left to the snapshot checks). */
export function isKeyFile(bytes: Uint8Array): boolean {
  try {
    return openContainer(bytes).manifest.kind === 'key';
  } catch {
    return false;
  }
}

/** An office key file of the inbox folder: held for confirmation, already known, or refused (nothing is written). */
export async function keyFileEntry(ctx: ServiceContext, path: string, fileName: string, bytes: Uint8Array): Promise<InboxFileDto> {
  const base = {
    path,
    fileName,
    sha256: sha256Hex(bytes),
    bytes: bytes.length,
    kind: 'key' as const,
    year: null,
    sequence: null,
    dryRun: null,
  };
  try {
    const p = await previewKeyFile(ctx, path);
    if (p.role !== 'office') throw refuse('ROLE_UNEXPECTED');
    const office = { code: p.officeCode, name: p.name };
    if (p.existing?.status === 'trusted') return { ...base, status: 'replay', office, reason: KEY_KNOWN, enrol: null };
    const enrol = { peerId: null, code: p.officeCode, name: p.name, fingerprint: p.fingerprint };
    return { ...base, status: 'held', office, reason: null, enrol };
  } catch (err) {
    if (!isHandoffRefusal(err)) throw err;
    return { ...base, status: 'refused', office: null, reason: { code: err.reason, message: err.message }, enrol: null };
  }
}

/** Trusts an office: its key file (path) or its pending key (peerId), once the fingerprint typed matches. */
export async function confirmOffice(
  ctx: ServiceContext,
  input: { peerId: string | null; path: string | null; fingerprint: string },
): Promise<{ peerId: string }> {
  if (input.path !== null) {
    const peer = await trustKeyFile(ctx, { path: input.path, fingerprint: input.fingerprint, replaceExisting: false });
    return { peerId: peer.id };
  }
  const peer = await confirmPeerById(ctx, { peerId: input.peerId!, fingerprint: input.fingerprint });
  return { peerId: peer.id };
}
