/**
 * Sending to the province (issue 12 items 2-3), the office's side: the preview of a snapshot, the
 * snapshot file written into a folder and verified, the "Đã gửi" list, and the province's receipt.
 *
 * Sequence numbers: the next file carries 1 + the highest of (the files recorded as sent, the
 * office's snapshot files already in the chosen folder). A number is recorded only once its file
 * has been written and verified; a file that fails is removed, so no file with that number has
 * left the office and the number may be used by the next attempt (docs/decisions.md (h12-send)).
 */
import type { ServiceContext } from '../context';
import type { ParsedInput, MethodOutput } from '../../../shared/ipc/contract';
import type { OfficeDto } from '../../../shared/ipc/contract';
import type { SendPreviewDto, SentFileDto } from '../../../shared/ipc/contracts/handoff-send.contract';
import { BOARD_CATEGORIES, BOARD_CATEGORY_LABELS } from '../../../shared/domain/evaluation';
import { AppError } from '../errors';
import { getOffice } from '../repos/office.repo';
import * as repo from '../repos/handoff-send.repo';
import { HANDOFF_TABLES, parsePersonalPolicy, omittedColumns, tableLabel, type SnapshotManifestFields } from '../handoff/payload';
import { buildSnapshot, payloadOffice, type BuiltSnapshot } from './handoff-snapshot.build';
import {
  checkWritableFolder,
  encodeSnapshot,
  highestSequenceInFolder,
  realDisk,
  snapshotFileName,
  writeVerifiedSnapshot,
  type SnapshotDisk,
} from '../handoff/snapshot-file';
import { refuse } from '../handoff/texts';
import { PERSONAL_COLUMN_LABELS, SEND_TEXTS } from '../handoff/send-texts';
import { headPoint } from '../repos/audit.repo';

/** The log's head as the manifest carries it (seq and full hash), or null for an empty log. */
async function auditHeadPoint(db: ServiceContext['db']): Promise<{ seq: number; hash: string } | null> {
  const head = await headPoint(db);
  return head ? { seq: head.seq, hash: head.hash } : null;
}

type Scope = ParsedInput<'handoffSend.preview'>;

function periodOf(scope: Scope): { from: string; to: string } {
  return { from: scope.from ?? `${scope.year}-01-01`, to: scope.to ?? `${scope.year}-12-31` };
}

async function officeOrRefuse(ctx: ServiceContext): Promise<OfficeDto & { level: 'xa' | 'huyen' }> {
  const office = await getOffice(ctx.db);
  if (!office) throw refuse('OFFICE_NOT_SET_UP');
  if (office.level === 'tinh') throw new AppError('RULE', SEND_TEXTS.provinceOnly);
  return office as OfficeDto & { level: 'xa' | 'huyen' };
}

async function provinceOrRefuse(ctx: ServiceContext): Promise<repo.ProvincePeer & { ageRecipient: string }> {
  const province = await repo.trustedProvince(ctx.db);
  if (!province) throw new AppError('RULE', SEND_TEXTS.noProvinceKey, { reason: 'PROVINCE_NOT_TRUSTED' });
  if (!province.ageRecipient) throw new AppError('RULE', SEND_TEXTS.provinceKeyNoRecipient, { reason: 'PROVINCE_NOT_TRUSTED' });
  return province as repo.ProvincePeer & { ageRecipient: string };
}

// ---------------------------------------------------------------------------------------------
// Preview

function personalSentences(policyJson: string | null): { omitted: string[]; sent: string[] } {
  const policy = parsePersonalPolicy(policyJson);
  const omitted: string[] = [];
  const sent: string[] = [];
  const words = (cols: readonly string[]) => cols.map((c) => PERSONAL_COLUMN_LABELS[c] ?? c).join(', ');
  for (const spec of HANDOFF_TABLES.filter((t) => t.personal.length > 0)) {
    const out = omittedColumns(spec.name, policy);
    const going = spec.personal.filter((c) => !out.includes(c));
    if (out.length > 0) omitted.push(SEND_TEXTS.personalOmitted(tableLabel(spec.name), words(out)));
    if (going.length > 0) sent.push(SEND_TEXTS.personalSent(tableLabel(spec.name), words(going)));
  }
  return { omitted, sent };
}

function evaluationSummary(built: BuiltSnapshot): SendPreviewDto['evaluation'] {
  const rows = built.payload.evaluation;
  const byBasis = { frozen: 0, live: 0, unverified: 0 };
  for (const r of rows) byBasis[r.basis]++;
  const byCategory = BOARD_CATEGORIES.map((category) => {
    const of = rows.filter((r) => r.category === category);
    const bases = [...new Set(of.map((r) => r.basis))];
    return {
      category,
      label: BOARD_CATEGORY_LABELS[category],
      subjects: of.length,
      // A category no rule set covers in the year was not evaluated: "không đánh giá", never 0.
      dat: built.unevaluated.has(category) ? null : of.filter((r) => r.result === 'dat').length,
      basis: bases.join(', '),
    };
  }).filter((c) => c.subjects > 0);
  return { frozen: built.frozen, subjects: rows.length, byBasis, byCategory };
}

export async function preview(ctx: ServiceContext, scope: Scope): Promise<SendPreviewDto> {
  const office = await officeOrRefuse(ctx);
  const province = await repo.trustedProvince(ctx.db);
  const blockers: string[] = [];
  if (!province) blockers.push(SEND_TEXTS.noProvinceKey);
  else if (!province.ageRecipient) blockers.push(SEND_TEXTS.provinceKeyNoRecipient);
  const nextSequence = (await repo.lastSequence(ctx.db)) + 1;
  const period = periodOf(scope);
  const built = await buildSnapshot(ctx, office, { year: scope.year, period, sequence: nextSequence });
  const names = await repo.unitNames(ctx.db);
  const personal = personalSentences(await repo.policyJson(ctx.db));
  return {
    year: scope.year,
    period,
    office: { code: office.code, name: office.name },
    province: province ? { name: province.name, fingerprint: province.fingerprint } : null,
    nextSequence,
    fileName: snapshotFileName(office.code, scope.year, nextSequence),
    kinds: HANDOFF_TABLES.map((t) => ({
      table: t.name,
      label: tableLabel(t.name),
      rows: built.counts[t.name] ?? 0,
      deleted: built.deleted[t.name] ?? 0,
    })),
    units: [...built.byUnit.entries()]
      .map(([unitId, rows]) => ({ unitId, name: names.get(unitId) ?? unitId, rows }))
      .sort((a, b) => (a.unitId === office.rootUnitId ? -1 : b.unitId === office.rootUnitId ? 1 : a.name.localeCompare(b.name, 'vi'))),
    evaluation: evaluationSummary(built),
    never: [SEND_TEXTS.informant, ...personal.omitted, SEND_TEXTS.notSent],
    personalSent: personal.sent,
    blockers,
  };
}

// ---------------------------------------------------------------------------------------------
// Writing the file

function toSentDto(r: repo.SentRow): SentFileDto {
  return {
    sequence: r.sequence,
    year: r.year,
    periodFrom: r.periodFrom,
    periodTo: r.periodTo,
    fileName: r.fileName,
    folder: r.folder,
    sha256: r.sha256,
    bytes: r.bytes,
    createdAt: r.createdAt,
    receipt: r.receiptAt ? { at: r.receiptAt, status: r.receiptStatus ?? 'applied' } : null,
  };
}

export async function writeSnapshot(
  ctx: ServiceContext,
  input: ParsedInput<'handoffSend.write'>,
  disk: SnapshotDisk = realDisk,
): Promise<MethodOutput<'handoffSend.write'>> {
  const office = await officeOrRefuse(ctx);
  const province = await provinceOrRefuse(ctx);
  const folder = checkWritableFolder(input.folder);
  if (!ctx.identity) throw refuse('IDENTITY_UNAVAILABLE');
  const identity = await ctx.identity.readOrCreate();
  const sequence = Math.max(await repo.lastSequence(ctx.db), highestSequenceInFolder(folder, office.code)) + 1;
  const period = periodOf(input.scope);
  const year = input.scope.year;
  const built = await buildSnapshot(ctx, office, { year, period, sequence });
  const fileName = snapshotFileName(office.code, year, sequence);
  const createdAt = ctx.clock.timestamp();
  const fields: SnapshotManifestFields = {
    office: payloadOffice(office),
    year,
    period,
    sequence,
    recipient: province.fingerprint,
    counts: built.counts,
    auditHead: await auditHeadPoint(ctx.db),
  };
  const encoded = await encodeSnapshot({
    payload: built.payload,
    fields,
    sender: { code: office.code, name: office.name, level: office.level },
    createdAt,
    fileName,
    identity,
    provinceRecipient: province.ageRecipient,
  });
  const target = await writeVerifiedSnapshot(disk, folder, fileName, encoded, identity);
  const row: repo.SentRow = {
    id: ctx.newId(),
    sequence,
    year,
    periodFrom: period.from,
    periodTo: period.to,
    fileName,
    folder,
    sha256: encoded.sha256,
    bytes: encoded.bytes.length,
    recipientPeerId: province.id,
    summaryJson: JSON.stringify({
      counts: built.counts,
      deleted: built.deleted,
      omitted: built.payload.omitted,
      evaluation: { frozen: built.frozen, subjects: built.payload.evaluation.length },
    }),
    receiptAt: null,
    receiptStatus: null,
    receiptSha256: null,
    createdAt,
  };
  try {
    await ctx.db.transaction().execute((trx) => repo.insertSent(trx, row));
  } catch (err) {
    // Not recorded (another file took the number meanwhile): the file must not leave either.
    disk.remove(target);
    throw err;
  }
  return { ...toSentDto(row), path: target, counts: built.counts };
}

export async function listSent(ctx: ServiceContext): Promise<SentFileDto[]> {
  return (await repo.listSent(ctx.db)).map(toSentDto);
}
