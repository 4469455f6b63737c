/** The office's identity and the keys it trusts (issue 12 item 1): its own signing key and fingerprint, the province's key from a key file or package, confirmed by fingerprint. */
import { z } from 'zod';
import { empty, uuid } from '../common';
import { officeLevel } from './units.contract';

export const PEER_ROLES = ['province', 'office'] as const;
export const PEER_STATUSES = ['pending', 'trusted', 'retired'] as const;
export const PEER_SOURCES = ['key-file', 'package', 'snapshot', 'rotation'] as const;

/** "dddd-dddd-dddd-dddd-dddd-dddd": 24 digits read aloud; spaces and dashes are free when typed. */
export const FINGERPRINT_RE = /^\d{4}(-\d{4}){5}$/;
export const fingerprintDto = z.string().regex(FINGERPRINT_RE);

/** What the officer types or ticks to confirm a key: the 24 digits, grouped any way. */
export const fingerprintInput = z
  .string({ error: 'Hãy nhập mã nhận diện.' })
  .trim()
  .max(60, { error: 'Mã nhận diện quá dài.' })
  .regex(/^[\d\s-]*$/, { error: 'Mã nhận diện chỉ gồm chữ số (có thể có dấu gạch ngang).' })
  .transform((s) => s.replace(/\D/g, ''))
  .refine((s) => s.length === 24, { error: 'Mã nhận diện gồm đúng 24 chữ số (6 nhóm 4 số).' })
  .transform((s) => s.match(/\d{4}/g)!.join('-'));

/** An absolute path on this computer, chosen or typed by the officer. */
export const absolutePath = z
  .string({ error: 'Hãy nhập đường dẫn.' })
  .trim()
  .min(1, { error: 'Hãy nhập đường dẫn.' })
  .max(1000, { error: 'Đường dẫn quá dài.' })
  .refine((p) => p.startsWith('/') || /^[A-Za-z]:[\\/]/.test(p) || p.startsWith('\\\\'), {
    error: 'Cần đường dẫn đầy đủ (ví dụ /media/usb hoặc E:\\).',
  });

export const peerDto = z.object({
  id: z.string(),
  role: z.enum(PEER_ROLES),
  officeCode: z.string(),
  name: z.string(),
  level: officeLevel.nullable(),
  fingerprint: fingerprintDto,
  signPublicKey: z.string(),
  ageRecipient: z.string().nullable(),
  status: z.enum(PEER_STATUSES),
  source: z.enum(PEER_SOURCES),
  confirmedAt: z.string().nullable(),
  retiredAt: z.string().nullable(),
  replacedBy: z.string().nullable(),
  createdAt: z.string(),
});
export type PeerDto = z.infer<typeof peerDto>;

export const keyFilePreviewDto = z.object({
  role: z.enum(PEER_ROLES),
  officeCode: z.string(),
  name: z.string(),
  level: officeLevel,
  fingerprint: fingerprintDto,
  signPublicKey: z.string(),
  ageRecipient: z.string(),
  createdAt: z.string(),
  /** The file's SHA-256 (hex), to name it in the confirmation. */
  sha256: z.string(),
  /** This key is already known here (its row), or null. */
  existing: peerDto.nullable(),
  /** At the province: the trusted key of the same office that trusting this one would retire. */
  replaces: peerDto.nullable(),
});
export type KeyFilePreviewDto = z.infer<typeof keyFilePreviewDto>;

export const handoffKeysContract = {
  /** This office's identity: the fingerprint to read aloud, the public keys, the office. */
  'handoffKeys.own': {
    input: empty,
    output: z.object({
      fingerprint: fingerprintDto,
      signPublicKey: z.string(),
      signPublicKeyFile: z.string(),
      ageRecipient: z.string(),
      role: z.enum(PEER_ROLES),
      office: z.object({ code: z.string(), name: z.string(), level: officeLevel }),
      keyFileName: z.string(),
      createdAt: z.string(),
    }),
  },
  /** Writes this office's key file (ANTQ_KHOA_<code>.antq) into a folder. */
  'handoffKeys.exportKeyFile': {
    input: z.object({ folder: absolutePath }).strict(),
    output: z.object({ path: z.string(), fileName: z.string(), sha256: z.string(), bytes: z.number().int() }),
  },
  /** Reads and checks a key file; changes nothing. */
  'handoffKeys.previewKeyFile': {
    input: z.object({ path: absolutePath }).strict(),
    output: keyFilePreviewDto,
  },
  /** Trusts the key in a key file once the officer has confirmed its fingerprint. */
  'handoffKeys.trustKeyFile': {
    input: z
      .object({
        path: absolutePath,
        fingerprint: fingerprintInput,
        /** At the province: retire the office's current key (a reinstalled office). */
        replaceExisting: z.boolean().default(false),
      })
      .strict(),
    output: peerDto,
  },
  /** Confirms a pending key (enrolled from a snapshot or package) by its fingerprint. */
  'handoffKeys.confirmPeer': {
    input: z.object({ peerId: uuid, fingerprint: fingerprintInput }).strict(),
    output: peerDto,
  },
  /** Every key known here, newest first. */
  'handoffKeys.listPeers': {
    input: empty,
    output: z.array(peerDto),
  },
  /** At an office: the pinned province key (trusted) and any province key waiting for confirmation. */
  'handoffKeys.province': {
    input: empty,
    output: z.object({ trusted: peerDto.nullable(), pending: z.array(peerDto) }),
  },
} as const;
