/**
 * The province's receipt, imported at the office (issue 12 item 3): read within a small bound,
 * opened, verified against the pinned province key (the trusted one, or one since retired by a
 * rotation), matched to a file sent by office code, year, sequence and the SHA-256 of the file
 * that was sent. Only then is the file marked received; any refusal changes nothing. Importing the
 * same receipt again changes nothing either.
 */
import type { ServiceContext } from '../context';
import type { MethodOutput, ParsedInput } from '../../../shared/ipc/contract';
import { AppError } from '../errors';
import { getOffice } from '../repos/office.repo';
import * as repo from '../repos/handoff-send.repo';
import { openContainer, sha256Hex, verifyContainerSignature, type OpenedContainer } from '../handoff/container';
import { readBoundedFile } from '../handoff/files';
import { isHandoffRefusal, refuse } from '../handoff/texts';
import { RECEIPT_MAX_BYTES, receiptFieldsSchema } from '../handoff/receipt';
import { SEND_TEXTS } from '../handoff/send-texts';

/** The province key that signed the receipt (trusted first, then retired ones). */
function verifyWithProvinceKeys(opened: OpenedContainer, keys: Awaited<ReturnType<typeof repo.provinceKeys>>): void {
  const ordered = [...keys].sort((a, b) => (a.status === b.status ? 0 : a.status === 'trusted' ? -1 : 1));
  let last: unknown = null;
  for (const key of ordered) {
    try {
      verifyContainerSignature(opened, key.signPublicKey);
      return;
    } catch (err) {
      last = err;
    }
  }
  // One key: its own reason (bad signature, wrong key…); none matched several keys: signed by another key.
  if (ordered.length === 1 && isHandoffRefusal(last)) throw last;
  throw new AppError('RULE', SEND_TEXTS.receiptSigner, { reason: 'SIGNATURE_WRONG_KEY' });
}

export async function importReceipt(
  ctx: ServiceContext,
  input: ParsedInput<'handoffSend.importReceipt'>,
): Promise<MethodOutput<'handoffSend.importReceipt'>> {
  const office = await getOffice(ctx.db);
  if (!office) throw refuse('OFFICE_NOT_SET_UP');
  if (office.level === 'tinh') throw new AppError('RULE', SEND_TEXTS.provinceOnly);
  const keys = await repo.provinceKeys(ctx.db);
  if (keys.length === 0) throw new AppError('RULE', SEND_TEXTS.noProvinceKey, { reason: 'PROVINCE_NOT_TRUSTED' });

  const bytes = readBoundedFile(input.path, RECEIPT_MAX_BYTES);
  const opened = openContainer(bytes);
  if (opened.manifest.kind !== 'receipt') throw new AppError('RULE', SEND_TEXTS.receiptNotReceipt, { reason: 'KIND_UNEXPECTED' });
  verifyWithProvinceKeys(opened, keys);
  const parsed = receiptFieldsSchema.safeParse(opened.manifest);
  if (!parsed.success) throw new AppError('RULE', SEND_TEXTS.receiptInvalid, { reason: 'MANIFEST_INVALID' });
  const { for: target, status, appliedAt } = parsed.data;

  if (target.officeCode !== office.code)
    throw new AppError('RULE', SEND_TEXTS.receiptOtherOffice(target.officeCode), { reason: 'WRONG_RECIPIENT' });
  const sent = await repo.findSentBySequence(ctx.db, target.sequence);
  if (!sent) throw new AppError('RULE', SEND_TEXTS.receiptUnknownSequence(target.sequence), { reason: 'RECEIPT_UNKNOWN' });
  if (sent.year !== target.year)
    throw new AppError('RULE', SEND_TEXTS.receiptWrongYear(target.sequence, target.year), { reason: 'RECEIPT_UNKNOWN' });
  if (sent.sha256 !== target.sha256) throw new AppError('RULE', SEND_TEXTS.receiptWrongHash(target.sequence), { reason: 'RECEIPT_HASH' });

  const receiptSha = sha256Hex(bytes);
  if (sent.receiptAt !== null)
    return { sequence: sent.sequence, fileName: sent.fileName, receivedAt: sent.receiptAt, alreadyImported: true };
  await ctx.db.transaction().execute((trx) => repo.markReceipt(trx, sent.id, { at: appliedAt, status, sha256: receiptSha }));
  return { sequence: sent.sequence, fileName: sent.fileName, receivedAt: appliedAt, alreadyImported: false };
}
