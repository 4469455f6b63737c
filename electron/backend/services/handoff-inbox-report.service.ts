/**
 * What the province's inbox shows and writes out (issue 12 items 5, 6, 8): the history of files
 * received per office, the completeness matrix (offices × years, exported to Excel), and the
 * signed receipt of an applied file for the officer to carry back to the office.
 */
import type { MethodOutput } from '../../../shared/ipc/contract';
import type { InboxMatrixDto, ReceivedFileDto } from '../../../shared/ipc/contracts/handoff-inbox.contract';
import { formatDateVi, vietnamDateOf } from '../../../shared/lib/dates';
import { AppError } from '../errors';
import type { ServiceContext } from '../context';
import { getOffice } from '../repos/office.repo';
import { getReceived, listOfficePeers, listReceived, setReceiptWritten, type ReceivedRow } from '../repos/handoff-inbox.repo';
import { ANTQ_FORMAT, ANTQ_VERSION, writeContainer } from '../handoff/container';
import { writeFileSafely } from '../handoff/inbox-files';
import { refuse } from '../handoff/texts';
import { writeTables } from '../xlsx/tables';
import { shortHash } from '../../../shared/domain/audit';

function toDto(r: ReceivedRow, names: ReadonlyMap<string, string>): ReceivedFileDto {
  return {
    id: r.id,
    officeCode: r.office_code,
    officeName: r.office_code !== null ? (names.get(r.office_code) ?? null) : null,
    year: r.year,
    sequence: r.sequence,
    fileName: r.file_name,
    sha256: r.sha256,
    bytes: r.bytes,
    status: r.status as ReceivedFileDto['status'],
    reason: r.reason_code !== null ? { code: r.reason_code, message: r.reason ?? '' } : null,
    receivedAt: r.received_at,
    appliedAt: r.applied_at,
    receiptWrittenAt: r.receipt_written_at,
    auditHead: auditHeadOf(r.summary_json),
  };
}

/** The sender's audit head recorded from the file's manifest (services/handoff-inbox.service.ts summaryOf). */
function auditHeadOf(summaryJson: string | null): string | null {
  if (!summaryJson) return null;
  try {
    const head = (JSON.parse(summaryJson) as { auditHead?: { seq?: unknown; hash?: unknown } | null }).auditHead;
    return head && typeof head.seq === 'number' && typeof head.hash === 'string' ? `#${head.seq} · ${shortHash(head.hash)}` : null;
  } catch {
    return null;
  }
}

async function officeNames(ctx: ServiceContext): Promise<Map<string, string>> {
  const peers = await listOfficePeers(ctx.db);
  return new Map(peers.map((p) => [p.officeCode, p.name]));
}

/** Every file received, newest first (one office's when a code is given). */
export async function receivedHistory(
  ctx: ServiceContext,
  input: { officeCode: string | null },
): Promise<MethodOutput<'handoffInbox.history'>> {
  const names = await officeNames(ctx);
  const rows = await listReceived(ctx.db, input.officeCode ?? undefined);
  return { files: rows.map((r) => toDto(r, names)) };
}

/** Offices × years: the last file accepted per year, whether it is the one applied now, files refused; offices that never sent. */
export async function completenessMatrix(ctx: ServiceContext): Promise<InboxMatrixDto> {
  const peers = await listOfficePeers(ctx.db);
  const received = await listReceived(ctx.db);
  const years = [...new Set(received.filter((r) => r.year !== null).map((r) => r.year!))].sort((a, b) => a - b);
  const codes = [...new Set(peers.filter((p) => p.status !== 'retired').map((p) => p.officeCode))];
  const offices = codes.map((code) => {
    const peer = peers.find((p) => p.officeCode === code && p.status === 'trusted') ?? peers.find((p) => p.officeCode === code)!;
    const mine = received.filter((r) => r.office_code === code);
    const accepted = mine.filter((r) => r.status === 'applied' || r.status === 'superseded');
    const cells = years.map((year) => {
      const ofYear = accepted.filter((r) => r.year === year).sort((a, b) => (b.sequence ?? 0) - (a.sequence ?? 0));
      const last = ofYear[0] ?? null;
      return {
        year,
        sequence: last?.sequence ?? null,
        appliedAt: last?.applied_at ?? null,
        current: last?.status === 'applied',
        // A replay (a file accepted before, presented again) is not a refusal: the office sent nothing wrong.
        refused: mine.filter((r) => r.status === 'refused' && r.year === year).length,
      };
    });
    return { code, name: peer.name, fingerprint: peer.fingerprint, status: peer.status, neverSent: accepted.length === 0, cells };
  });
  offices.sort((a, b) => a.code.localeCompare(b.code));
  return { years, offices };
}

const dateOf = (ts: string | null) => (ts ? formatDateVi(vietnamDateOf(new Date(ts))) : null);

/** The matrix as an Excel workbook in the chosen folder (temporary name, flushed, renamed). */
export async function exportMatrix(ctx: ServiceContext, input: { folder: string }): Promise<{ path: string }> {
  const m = await completenessMatrix(ctx);
  const header = ['Mã đơn vị', 'Tên đơn vị', 'Mã nhận diện', ...m.years.map((y) => `Năm ${y}`), 'Tệp bị từ chối'];
  const rows = m.offices.map((o) => [
    o.code,
    o.name,
    o.fingerprint,
    ...o.cells.map((c) => cellText(o, c)),
    o.cells.reduce((n, c) => n + c.refused, 0),
  ]);
  const bytes = await writeTables([
    {
      title: 'Tình hình nhận dữ liệu',
      widths: [12, 36, 30, ...m.years.map(() => 26), 16],
      header,
      rows,
      footer: ['"Chưa gửi": đơn vị đã đăng ký nhưng chưa có gói nào được nhận.', `Lập ngày ${formatDateVi(ctx.clock.today())}.`],
      frozenColumns: 2,
    },
  ]);
  const name = `ANTQ_TINH_HINH_NHAN_${ctx.clock.today().replace(/-/g, '')}.xlsx`;
  return { path: writeFileSafely(input.folder, name, bytes) };
}

/** One cell of the matrix as text: "Gói số 3, 22/11/2026 (đang áp dụng)", "Chưa gửi". */
function cellText(o: InboxMatrixDto['offices'][number], c: InboxMatrixDto['offices'][number]['cells'][number]): string {
  if (c.sequence === null) return o.neverSent ? 'Chưa gửi' : 'Chưa có gói';
  const date = dateOf(c.appliedAt);
  return `Gói số ${c.sequence}${date ? `, ${date}` : ''}${c.current ? ' (đang áp dụng)' : ''}`;
}

function safeCode(code: string): string {
  return code.replace(/[^A-Za-z0-9-]/g, '_');
}

export function receiptFileName(officeCode: string, year: number, sequence: number): string {
  return `ANTQ_BIENNHAN_${safeCode(officeCode)}_${year}_${sequence}.antq`;
}

/** Writes the signed receipt of an applied (or since superseded) file to a folder; records when. */
export async function writeReceipt(
  ctx: ServiceContext,
  input: { receivedId: string; folder: string },
): Promise<{ path: string; fileName: string }> {
  const row = await getReceived(ctx.db, input.receivedId);
  const accepted = row !== null && (row.status === 'applied' || row.status === 'superseded');
  if (!accepted || row.sha256 === null || row.office_code === null || row.year === null || row.sequence === null || !row.applied_at) {
    throw new AppError('NOT_FOUND', 'Chỉ ghi được biên nhận cho một gói đã được áp dụng.');
  }
  const office = await getOffice(ctx.db);
  if (!office) throw refuse('OFFICE_NOT_SET_UP');
  const identity = await ctx.identity?.readOrCreate();
  if (!identity) throw refuse('IDENTITY_UNAVAILABLE');
  const fileName = receiptFileName(row.office_code, row.year, row.sequence);
  const bytes = writeContainer({
    manifest: {
      format: ANTQ_FORMAT,
      version: ANTQ_VERSION,
      kind: 'receipt',
      sender: { code: office.code, name: office.name, level: office.level, fingerprint: identity.fingerprint },
      createdAt: ctx.clock.timestamp(),
      for: { officeCode: row.office_code, year: row.year, sequence: row.sequence, sha256: row.sha256, fileName: row.file_name },
      status: 'applied',
      appliedAt: row.applied_at,
    },
    fileName,
    signer: identity.sign,
  });
  const path = writeFileSafely(input.folder, fileName, bytes);
  await setReceiptWritten(ctx.db, row.id, ctx.clock.timestamp());
  return { path, fileName };
}
