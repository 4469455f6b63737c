/**
 * Key rotation of this copy's own identity (issue 12 item 9, at the province): a new key pair is
 * prepared in a side file ("khoa-nhan-dien.moi.key"), the package carrying it is written and
 * verified, and only then the side file replaces the key file, the old one kept as
 * "khoa-nhan-dien.cu-<time>.key" (old files and receipts signed with it stay checkable by hand).
 * Wraps h12-core's fileIdentity so its cache is dropped once the new key is in place.
 */
import fs from 'node:fs';
import path from 'node:path';
import { ageRecipientOf, generateAgeIdentity } from './age';
import { fileIdentity, fingerprint, IDENTITY_KEY_FILE, parseKeyFileText, type IdentitySource, type OfficeIdentity } from './identity';
import { generateKeyPair, publicKeyBase64, publicKeyFileText } from './minisign';
import { refuse } from './texts';

export const PENDING_KEY_FILE = 'khoa-nhan-dien.moi.key';

export interface PendingRotation {
  identity: OfficeIdentity;
  /** Puts the new key in place (the old file archived). */
  commit(): void;
  /** Forgets the prepared key (the package was not written). */
  discard(): void;
}

export interface RotatableIdentitySource extends IdentitySource {
  prepareRotation(): Promise<PendingRotation>;
  /**
   * After a crash between writing a package and switching the key: the prepared key left in the
   * side file, if its fingerprint is the one the package carries (null when there is none).
   */
  leftRotation(newFingerprint: string): Promise<PendingRotation | null>;
  /** Removes a prepared key a crash left behind before its package was written. */
  discardLeftRotation(): void;
}

export function isRotatable(source: IdentitySource | undefined): source is RotatableIdentitySource {
  return !!source && typeof (source as Partial<RotatableIdentitySource>).prepareRotation === 'function';
}

function writeOwnerOnly(file: string, text: string): void {
  const fd = fs.openSync(file, 'w', 0o600);
  try {
    fs.writeSync(fd, text);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

function syncDir(dir: string): void {
  try {
    const fd = fs.openSync(dir, 'r');
    try {
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
  } catch {
    // Not every platform can open a directory (Windows): the rename itself is still atomic.
  }
}

/** fileIdentity of the data folder, plus the rotation. */
export function rotatableIdentity(dataDir: string, now: () => Date = () => new Date()): RotatableIdentitySource {
  let inner = fileIdentity(dataDir, now);
  const keyFile = path.join(dataDir, IDENTITY_KEY_FILE);
  const pendingFile = path.join(dataDir, PENDING_KEY_FILE);
  return {
    get description() {
      return inner.description;
    },
    read: () => inner.read(),
    readOrCreate: () => inner.readOrCreate(),
    async leftRotation(newFingerprint: string): Promise<PendingRotation | null> {
      let identity: OfficeIdentity | null;
      try {
        identity = await parseKeyFileText(fs.readFileSync(pendingFile, 'utf8'));
      } catch {
        return null;
      }
      return identity && identity.fingerprint === newFingerprint ? pendingOf(identity) : null;
    },
    discardLeftRotation() {
      fs.rmSync(pendingFile, { force: true });
    },
    async prepareRotation(): Promise<PendingRotation> {
      const sign = generateKeyPair();
      const ageIdentity = await generateAgeIdentity();
      const createdAt = now().toISOString();
      // The same file format as identity.ts writes, so fileIdentity reads it after the switch.
      const file = {
        format: 'antq-identity',
        version: 1,
        keyId: Buffer.from(sign.keyId).toString('hex'),
        signSecretKey: Buffer.from(sign.secretKey).toString('hex'),
        ageIdentity,
        createdAt,
      };
      try {
        writeOwnerOnly(pendingFile, `${JSON.stringify(file, null, 2)}\n`);
      } catch {
        throw refuse('IDENTITY_UNAVAILABLE', `(${PENDING_KEY_FILE})`);
      }
      const identity: OfficeIdentity = {
        sign,
        signPublicKey: publicKeyBase64(sign),
        signPublicKeyFile: publicKeyFileText(sign, `antq public key ${fingerprint(sign.publicKey)}`),
        ageIdentity,
        ageRecipient: await ageRecipientOf(ageIdentity),
        fingerprint: fingerprint(sign.publicKey),
        createdAt,
      };
      return pendingOf(identity);
    },
  };

  function pendingOf(identity: OfficeIdentity): PendingRotation {
    return {
      identity,
      commit() {
        const stamp = now().toISOString().replace(/[:.]/g, '-');
        fs.copyFileSync(keyFile, path.join(dataDir, `khoa-nhan-dien.cu-${stamp}.key`), fs.constants.COPYFILE_EXCL);
        fs.renameSync(pendingFile, keyFile);
        syncDir(dataDir);
        inner = fileIdentity(dataDir, now);
      },
      discard() {
        fs.rmSync(pendingFile, { force: true });
      },
    };
  }
}
