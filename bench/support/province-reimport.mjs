// Issue 16, done-when: "an exported list of every registry re-imports unchanged at province scale,
// same-named units included". On a copy of the cached province, every registry's list is exported
// (xlsx.export, the whole office) and previewed back into the same file (xlsx.preview: parse, match
// every unit, classify each row against what is stored): every row must come back "unchanged", with
// no error and nothing new or changed. Prints per registry the rows exported, the preview's counts,
// how many of the registry's records sit on a unit whose name another unit shares (exactly, e.g. the
// 549 "Thôn 1", or once accents are folded, e.g. "Xã Hoằng Phụ" / "Xã Hoằng Phú"), and the time.
//
// The generated province has no yearly figures: before exporting, figures for 2025 are stored for
// every active commune and hamlet through unitStats.upsert (the screen's save), on the copy only.
// Evaluation registrations: none in the generated province (printed as such).
import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { openBenchBackend } from './bundle.mjs';
import { NOW } from './province.mjs';
import { n, sec } from './figures.mjs';

const FILTER = { unitId: null, year: null, search: '', kind: null, status: null };
/** Registry → how a record names its unit (SQL over the registry's table giving one unit_id per exported row). */
const REGISTRIES = [
  ['units', 'SELECT id AS unit_id FROM units'],
  ['unit_year_stats', 'SELECT unit_id FROM unit_year_stats'],
  ['organizations', 'SELECT unit_id FROM organizations WHERE deleted_at IS NULL'],
  ['mass_orgs', 'SELECT unit_id FROM mass_orgs WHERE deleted_at IS NULL'],
  [
    'members',
    'SELECT o.unit_id FROM mass_org_members m JOIN mass_orgs o ON o.id = m.mass_org_id WHERE m.deleted_at IS NULL AND o.deleted_at IS NULL',
  ],
  ['models', 'SELECT origin_unit_id AS unit_id FROM models WHERE deleted_at IS NULL'],
  ['model_sites', 'SELECT unit_id FROM model_sites WHERE deleted_at IS NULL'],
  ['evaluation_registrations', null],
  ['propaganda', 'SELECT unit_id FROM propaganda_sessions WHERE deleted_at IS NULL'],
  ['tips', 'SELECT unit_id FROM tips WHERE deleted_at IS NULL'],
  ['events', 'SELECT unit_id FROM activity_events WHERE deleted_at IS NULL'],
  ['mediations', 'SELECT unit_id FROM mediations WHERE deleted_at IS NULL'],
  ['incidents', 'SELECT unit_id FROM incidents WHERE deleted_at IS NULL'],
  ['awards', 'SELECT unit_id FROM awards WHERE deleted_at IS NULL'],
];

const nOrDash = (v) => (v === null ? '—' : n(v));

const fold = (s) =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .trim();

/**
 * Runs the re-import check on a copy of the province folder `dir`; returns rows for the report and
 * whether every registry came back unchanged.
 */
export async function reimportEveryRegistry({ app, dir, copyOf, only = [], log = console.log }) {
  const d = copyOf(dir);
  const { backend, call } = await openBenchBackend(app, d, NOW);
  const file = path.join(
    d,
    fs.readdirSync(d).find((f) => f.endsWith('.sqlite') || f.endsWith('.db')),
  );
  try {
    const units = await call('units.list', { includeEnded: true });
    // Yearly figures on every active commune and hamlet (the generated province has none).
    const placed = units.filter((u) => u.validTo === null && (u.level === 'xa' || u.level === 'khu_dan_cu'));
    const t = performance.now();
    await call('unitStats.upsert', {
      rows: placed.map((u, i) => ({
        unitId: u.id,
        year: 2025,
        households: 300 + (i % 700),
        residents: 1200 + (i % 2900),
        trongDiem: false,
      })),
    });
    log(
      `  re-import: yearly figures for 2025 stored on ${n(placed.length)} communes and hamlets (unitStats.upsert, ${sec(performance.now() - t)})`,
    );

    // Units whose name another unit shares, exactly or once accents are folded.
    const byExact = new Map();
    const byFolded = new Map();
    for (const u of units) {
      byExact.set(u.name.normalize('NFC'), (byExact.get(u.name.normalize('NFC')) ?? 0) + 1);
      const f = fold(u.name);
      byFolded.set(f, (byFolded.get(f) ?? new Set()).add(u.name.normalize('NFC')));
    }
    const sameName = new Set(units.filter((u) => byExact.get(u.name.normalize('NFC')) > 1).map((u) => u.id));
    const accent = new Set(units.filter((u) => byFolded.get(fold(u.name)).size > 1).map((u) => u.id));
    const pairs = [...byFolded.values()].filter((s) => s.size > 1);
    log(
      `  re-import: ${n(units.length)} units; ${n(sameName.size)} share their exact name with another unit ` +
        `("Thôn 1": ${n(units.filter((u) => u.name === 'Thôn 1').length)}); ${n(accent.size)} units in ${pairs.length} names that collide once accents are folded ` +
        `(${pairs
          .slice(0, 3)
          .map((s) => [...s].join(' / '))
          .join('; ')}…)`,
    );

    const raw = new BetterSqlite3(file, { readonly: true });
    const rows = [];
    for (const [registry, unitSql] of REGISTRIES) {
      if (only.length > 0 && !only.includes(registry)) continue;
      // CPU time of this process (the backend runs in it): less noisy than the wall clock on a shared machine.
      const cpuMs = (c) => (c.user + c.system) / 1000;
      const t0 = performance.now();
      const c0 = process.cpuUsage();
      const exported = await call('xlsx.export', { registry, filter: FILTER });
      const exportMs = performance.now() - t0;
      const exportCpuMs = cpuMs(process.cpuUsage(c0));
      if (exported.rows === 0) {
        rows.push({ registry, exported: 0, skipped: 'no records in the province' });
        log(`  re-import ${registry}: 0 rows exported (none in the province): nothing to check`);
        continue;
      }
      const t1 = performance.now();
      const c1 = process.cpuUsage();
      const p = await call('xlsx.preview', { registry, fileBase64: exported.base64 });
      const previewMs = performance.now() - t1;
      const previewCpuMs = cpuMs(process.cpuUsage(c1));
      const unitIds = unitSql ? raw.prepare(unitSql).pluck().all() : [];
      // null (printed "—") for the registrations: their subjects are not one table's unit column.
      const onSame = unitSql ? unitIds.filter((id) => sameName.has(id)).length : null;
      const onAccent = unitSql ? unitIds.filter((id) => accent.has(id)).length : null;
      const unchangedRows = p.rows.filter((r) => r.status === 'unchanged').length;
      // An error row whose messages are empty is still an error (the registrations sheet once returned such rows).
      const errors = p.rows.filter((r) => r.status === 'error' || r.errors.length > 0);
      const messages = (r) => (r.errors.length > 0 ? r.errors : ['(lỗi không có nội dung)']);
      const ok = p.counts.new === 0 && p.counts.update === 0 && p.counts.error === 0 && unchangedRows === exported.rows;
      const row = {
        registry,
        exported: exported.rows,
        counts: p.counts,
        duplicates: p.duplicates,
        unchangedRows,
        onSame,
        onAccent,
        exportMs,
        previewMs,
        exportCpuMs,
        previewCpuMs,
        ok,
        // Every error row when they are few, else the first three.
        firstErrors: errors
          .slice(0, errors.length <= 20 ? 20 : 3)
          .map((r) => `row ${r.rowNumber}${r.label ? ` (${r.label})` : ''}: ${messages(r).join('; ')}`),
        // Errors grouped by their message with names, dates and numbers blanked: what kinds of refusal.
        errorKinds: [
          ...errors
            .flatMap(messages)
            .map((e) => e.replace(/"[^"]*"/g, '"…"').replace(/\d[\d./]*/g, '#'))
            .reduce((m, e) => m.set(e, (m.get(e) ?? 0) + 1), new Map()),
        ].map(([e, k]) => `${n(k)} × ${e}`),
      };
      rows.push(row);
      log(
        `  re-import ${registry}: ${n(exported.rows)} rows exported → ${n(p.counts.unchanged)} unchanged, ${n(p.counts.new)} new, ` +
          `${n(p.counts.update)} changed, ${n(p.counts.error)} errors, ${n(p.duplicates)} repeats; ${nOrDash(onSame)} records on a same-named unit, ` +
          `${nOrDash(onAccent)} on an accent-colliding one; export ${sec(exportMs)} (CPU ${sec(exportCpuMs)}), preview ${sec(previewMs)} (CPU ${sec(previewCpuMs)}) — ${ok ? 'UNCHANGED' : 'NOT UNCHANGED'}` +
          (row.firstErrors.length ? `; errors by kind: ${row.errorKinds.join(' | ')}; first: ${row.firstErrors.join(' | ')}` : ''),
      );
    }
    raw.close();
    return rows;
  } finally {
    backend.close();
    fs.rmSync(d, { recursive: true, force: true });
  }
}

/** The re-import result as a Markdown table. */
export function reimportTable(rows) {
  const lines = [
    '| Registry | Rows exported | Unchanged | New | Changed | Errors | Records on a same-named unit | on an accent-colliding unit | Export / preview (wall) | Export / preview (CPU) | Result |',
    '|---|---|---|---|---|---|---|---|---|---|---|',
  ];
  for (const r of rows) {
    if (r.skipped) lines.push(`| ${r.registry} | 0 | — | — | — | — | — | — | — | — | ${r.skipped} |`);
    else
      lines.push(
        `| ${r.registry} | ${n(r.exported)} | ${n(r.counts.unchanged)} | ${n(r.counts.new)} | ${n(r.counts.update)} | ${n(r.counts.error)} | ` +
          `${nOrDash(r.onSame)} | ${nOrDash(r.onAccent)} | ${sec(r.exportMs)} / ${sec(r.previewMs)} | ${sec(r.exportCpuMs)} / ${sec(r.previewCpuMs)} | ${r.ok ? 'unchanged' : `NOT unchanged: ${r.errorKinds.join(' | ')}`} |`,
      );
  }
  return lines.join('\n');
}
