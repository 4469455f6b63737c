// Issue 16 item 1: the heavy paths at province scale, each through the contract's dispatch against a
// baseline over the same rows in the same run. The province (bench/support/province.mjs: 3.026 units,
// 8.000 organisations, 600 models with 3.000 sites, 10.546 mass organisations with 135.716 members,
// N activity records) is built once per scale and cached under .cache/bench/.
//
// For each path: BENCH_RUNS runs (default 3), the app and its baseline alternated (app first in odd
// runs, baseline first in even runs) so that the machine's other load hits both; median and min–max
// of each; ratio = app median ÷ baseline median; the process's resident memory after the app call and
// its peak so far (process.resourceUsage().maxRSS: better-sqlite3 calls are synchronous, so a timer
// cannot sample during one). Paths that write run on a fresh copy of the cached folder each time.
//
// BENCH_SCALES=50k,500k,2m (default 50k). BENCH_PATHS=period,overview runs only the paths whose label
// contains one of the words (case-insensitive; default every path). Each app leg also records the
// longest the event loop went without a turn while it ran (a 5 ms timer's longest gap, the last gap
// closed when the call returns: a call that never yields shows its whole time) and how far the
// process's peak RSS rose during it.
// BENCH_FREEZE_MORE=1 adds, beside the freeze (form 2), the freeze in form 1 (the whole result per subject,
// as before h16-seal) and the freeze right after the board was loaded (its cache reused), in the same run.
// Prints one Markdown table at the end. Never fails on a time.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import BetterSqlite3 from 'better-sqlite3';
import { bundleBackend, openBenchBackend } from './support/bundle.mjs';
import { NOW, PROVINCE_EXPORTS, editedPropaganda, provinceFolder } from './support/province.mjs';
import { WRITES_EXPORTS, rawInsert, writePaths } from './support/province-writes.mjs';
import { loopWatch, n, sec, median, spread } from './support/figures.mjs';
import { HANDOFF_EXPORTS, closeHandoffOffice, handoffLeg } from './support/province-handoff.mjs';
import { frozenTexts, writeFloor } from './support/province-frozen.mjs';
import { budgetFor, budgetNote } from './support/province-budget.mjs';
import { compareScales, contentHashes, distinctPairs } from './support/province-data-check.mjs';

const RUNS = Math.max(1, Number(process.env['BENCH_RUNS'] ?? 3));
const parseScale = (s) => {
  const m = /^(\d+(?:\.\d+)?)([km]?)$/i.exec(s.trim());
  if (!m) throw new Error(`BENCH_SCALES: "${s}" is not a size like 50k, 500k or 2m`);
  return Math.round(Number(m[1]) * { '': 1, k: 1e3, m: 1e6 }[m[2].toLowerCase()]);
};
const SCALES = (process.env['BENCH_SCALES'] ?? '50k').split(',').map(parseScale);
// Separated by commas, or by semicolons when there is one (a label with a comma: "evaluation board, first load;…").
const PATHS = (process.env['BENCH_PATHS'] ?? '')
  .split((process.env['BENCH_PATHS'] ?? '').includes(';') ? ';' : ',')
  .map((p) => p.trim().toLowerCase())
  .filter(Boolean);
const wanted = (label) => PATHS.length === 0 || PATHS.some((p) => label.toLowerCase().includes(p));
// BENCH_PATHS=writes: only the write paths (Excel import of activity rows, saveMany: support/province-writes.mjs).
const WRITES = PATHS.length === 0 || PATHS.includes('writes');

const mb = (kb) => `${n(kb / 1024)} MB`;
const maxRssKb = () => process.resourceUsage().maxRSS;

/**
 * The freeze's backup, apart (issue 16: the baseline is "read its inputs", the backup is a copy of
 * the whole file made before any once-a-year action): polls the job's label every 20 ms and sums the
 * process CPU while it reads "Đang sao lưu…". `stop()` returns that CPU (ms).
 */
function backupWatch(backend, jobId) {
  const cpuMs = () => {
    const c = process.cpuUsage();
    return (c.user + c.system) / 1000;
  };
  let inBackup = false;
  let start = 0;
  let total = 0;
  let polling = false;
  const timer = setInterval(() => {
    if (polling) return;
    polling = true;
    void backend.dispatch('jobs.progress', { jobId }).then((r) => {
      polling = false;
      const now = r.ok && r.value ? r.value.label.startsWith('Đang sao lưu') : false;
      if (now && !inBackup) start = cpuMs();
      if (!now && inBackup) total += cpuMs() - start;
      inBackup = now;
    });
  }, 20);
  return {
    stop: () => {
      clearInterval(timer);
      if (inBackup) total += cpuMs() - start;
      return total;
    },
  };
}

// The period figures' own account (the CPU of each step of a first computation) and the fields they count.
const PERIOD_EXPORTS = `
  export { lastPhases } from './electron/backend/services/phase-cpu.ts';
  export { lastBoardData } from './electron/backend/services/evaluation-cache.ts';
  export { boardWork } from './electron/backend/services/evaluation-facts.service.ts';
  export { sliceStats } from './electron/backend/services/period-slices.ts';
  export { partStats } from './electron/backend/services/period-records.ts';
  export { COUNTED_FIELDS } from './shared/domain/period/grouping.ts';
  export { ACTIVITY_KIND_INFO } from './shared/domain/activities.ts';
  export { ACTIVITY_TABLES } from './electron/backend/db/tables/activities.ts';
`;
const app = await bundleBackend('province', PROVINCE_EXPORTS + WRITES_EXPORTS + HANDOFF_EXPORTS + PERIOD_EXPORTS);
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'antq-bench-province-'));

const dbFile = (dir) =>
  path.join(
    dir,
    fs.readdirSync(dir).find((f) => f.endsWith('.sqlite') || f.endsWith('.db')),
  );
let copies = 0;
const copyOf = (dir) => {
  const to = path.join(work, `copy-${copies++}`);
  fs.cpSync(dir, to, { recursive: true });
  return to;
};

/**
 * The figures the app keeps in the file across restarts (migration 0026, db/stored-reads.ts): a
 * "first load" leg forgets them before each run, so it measures the first computation; an "after a
 * restart" leg opens a backend on a file where an earlier session kept them.
 */
const forgetKept = (dir) => {
  const conn = new BetterSqlite3(dbFile(dir));
  try {
    conn.exec('DELETE FROM stored_reads');
  } finally {
    conn.close();
  }
};

/** The bytes of JSON the file keeps for a call (its stored value and the blocks stored with it). */
const keptBytes = (dir, method) => {
  const conn = new BetterSqlite3(dbFile(dir), { readonly: true });
  try {
    const names = { 'evaluation.board': ['evaluation.board'], 'period.figures': ['period.%'], 'registry.overview': ['registry.overview'] }[
      method
    ] ?? [method];
    return names.reduce(
      (sum, like) =>
        sum + (conn.prepare('SELECT coalesce(sum(length(value)), 0) FROM stored_reads WHERE name LIKE ?').pluck().get(like) ?? 0),
      0,
    );
  } finally {
    conn.close();
  }
};

// The activity tables and the column each dates its records by.
const ACTIVITY_DATES = {
  propaganda_sessions: 'date',
  tips: 'received_on',
  activity_events: 'date',
  mediations: 'received_on',
  incidents: 'occurred_on',
  awards: 'year',
};

/** The previous equal period of whole calendar years, as the app's previousPeriod gives it (the legs ask whole years). */
const previousOf = (from, to) => {
  if (!from.endsWith('-01-01') || !to.endsWith('-12-31')) throw new Error(`previousOf: whole years only (${from}–${to})`);
  const years = Number(to.slice(0, 4)) - Number(from.slice(0, 4)) + 1;
  return [`${Number(from.slice(0, 4)) - years}-01-01`, `${Number(to.slice(0, 4)) - years}-12-31`];
};

const snake = (key) => key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/**
 * The GROUP BY the period figures need from one activity table at least: per unit and per value of
 * every field a figure reads (COUNTED_FIELDS: the enums and flags, a criminal tip's dates, an
 * award's recipient), with the count and the sums of the summed fields. The app runs the same
 * aggregate (repos/period-counts.repo.ts) with the units folded into their breakdown class instead
 * of one group per unit; this plain form is what SQLite needs whatever the app does with it.
 */
function countedGroupBySql(kind) {
  const spec = app.COUNTED_FIELDS[kind];
  const keys = spec.keys.map((k) => {
    const col = `"${snake(k.field)}"`;
    return k.only ? `CASE WHEN "${snake(k.only.field)}" IS ${k.only.whenNull ? '' : 'NOT '}NULL THEN ${col} END` : col;
  });
  const sums = spec.sums.map((f) => `sum("${snake(f)}")`);
  const placement = snake(app.ACTIVITY_KIND_INFO[kind].placement);
  return {
    byYear: placement === 'year',
    sql:
      `SELECT unit_id, count(*)${[...keys, ...sums].map((e) => `, ${e}`).join('')} FROM "${app.ACTIVITY_TABLES[kind]}"` +
      ` WHERE deleted_at IS NULL AND "${placement}" BETWEEN ? AND ? GROUP BY unit_id${keys.map((_, i) => `, ${i + 3}`).join('')}`,
  };
}

/** The last fuller baseline's split (CPU ms): the activity GROUP BYs and the registries' (printed beside the app's steps). */
const baselineSplit = { activity: 0, registries: 0 };

/** Baselines: plain SQL over the same rows, on a read-only connection to the same file. */
function baselines(db) {
  const tables = new Set(db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all());
  const activity = Object.entries(ACTIVITY_DATES).filter(([t]) => tables.has(t));
  const all = (sql, ...args) => db.prepare(sql).all(...args).length;
  const within = (t, col, from, to) =>
    col === 'year'
      ? all(`SELECT * FROM "${t}" WHERE deleted_at IS NULL AND year BETWEEN ? AND ?`, Number(from.slice(0, 4)), Number(to.slice(0, 4)))
      : all(`SELECT * FROM "${t}" WHERE deleted_at IS NULL AND "${col}" BETWEEN ? AND ?`, from, to);
  const registries = ['units', 'organizations', 'models', 'model_sites', 'mass_orgs', 'unit_year_stats'].filter((t) => tables.has(t));
  const evaluationTables = [...tables].filter((t) => t.startsWith('evaluation_') || t === 'incident_stats_declarations');
  const validIn = (f, t) => `(${f} IS NULL OR ${f} <= ?) AND (${t} IS NULL OR ${t} >= ?)`;
  // The members' own covering index (mass_org_id, joined_on, left_on), as the app's count uses it.
  const membersIndex = db.prepare("SELECT 1 FROM sqlite_master WHERE name = 'mass_org_members_live_org'").get()
    ? 'INDEXED BY mass_org_members_live_org'
    : '';
  /** One GROUP BY per registry the period figures and the overview report, for each year. */
  const registriesOfYears = (years) => {
    let rows = 0;
    for (const y of years) {
      const [lo, hi] = [`${y}-12-31`, `${y}-01-01`];
      rows += all(
        `SELECT unit_id, kind, count(*) FROM organizations WHERE deleted_at IS NULL AND ${validIn('valid_from', 'valid_to')} GROUP BY unit_id, kind`,
        lo,
        hi,
      );
      rows += all(
        `SELECT unit_id, kind_id, count(*) FROM mass_orgs WHERE deleted_at IS NULL AND ${validIn('valid_from', 'valid_to')} GROUP BY unit_id, kind_id`,
        lo,
        hi,
      );
      rows += all(
        `SELECT mass_org_id, count(*) FROM mass_org_members ${membersIndex} WHERE deleted_at IS NULL AND ${validIn('joined_on', 'left_on')} GROUP BY mass_org_id`,
        lo,
        hi,
      );
      rows += all('SELECT level, count(*) FROM mass_org_ratings WHERE deleted_at IS NULL AND year = ? GROUP BY level', y);
      if (tables.has('evaluation_registrations')) {
        rows += all(
          'SELECT subject_type, status, count(*) FROM evaluation_registrations WHERE deleted_at IS NULL AND year = ? GROUP BY subject_type, status',
          y,
        );
      }
    }
    rows += all('SELECT origin_unit_id, status, count(*) FROM models WHERE deleted_at IS NULL GROUP BY origin_unit_id, status');
    rows += all('SELECT unit_id, count(*) FROM model_sites WHERE deleted_at IS NULL GROUP BY unit_id');
    return rows;
  };
  return {
    /** Reading the evaluation's inputs: every registry row and the two-year window of activity rows. */
    evaluationInputs: (year) => {
      let rows = 0;
      for (const t of [...registries, ...evaluationTables]) rows += all(`SELECT * FROM "${t}"`);
      for (const [t, col] of activity) rows += within(t, col, `${year - 1}-01-01`, `${year}-12-31`);
      return rows;
    },
    /** One full-scan GROUP BY per activity table over the period, per unit. */
    periodGroupBy: (from, to) => {
      let rows = 0;
      for (const [t, col] of activity) {
        const [lo, hi] = col === 'year' ? [Number(from.slice(0, 4)), Number(to.slice(0, 4))] : [from, to];
        rows += all(`SELECT unit_id, count(*) FROM "${t}" WHERE deleted_at IS NULL AND "${col}" BETWEEN ? AND ? GROUP BY unit_id`, lo, hi);
      }
      return rows;
    },
    /** One GROUP BY per registry (unit) plus the activity GROUP BYs of the period. */
    overviewGroupBy: (from, to) => {
      let rows = 0;
      for (const t of ['organizations', 'models', 'mass_orgs'].filter((x) => tables.has(x))) {
        const unitCol = t === 'models' ? 'origin_unit_id' : 'unit_id';
        rows += all(`SELECT "${unitCol}", count(*) FROM "${t}" WHERE deleted_at IS NULL GROUP BY "${unitCol}"`);
      }
      for (const [t, col] of activity) {
        const [lo, hi] = col === 'year' ? [Number(from.slice(0, 4)), Number(to.slice(0, 4))] : [from, to];
        rows += all(`SELECT unit_id, count(*) FROM "${t}" WHERE deleted_at IS NULL AND "${col}" BETWEEN ? AND ? GROUP BY unit_id`, lo, hi);
      }
      return rows;
    },
    /**
     * The fuller baseline of the period figures (issue 16 item 2): periodGroupBy reads the activity
     * tables of the period only, while the figures also count the previous equal period and report
     * every registry of both periods' years. Here: the activity GROUP BYs of both periods over the
     * fields the figures count (countedGroupBySql: per unit and per value of each counted field, with
     * the sums — not only a count per unit, which no figure but the totals could be made from), and for
     * each of the two years one GROUP BY per registry the figures report — organisations, mass
     * organisations, their members active in the year, their ratings, the registrations — plus the
     * models and their sites once.
     */
    periodRegistriesGroupBy: (from, to, prevFrom, prevTo) => {
      let rows = 0;
      const c0 = process.cpuUsage();
      for (const [lo, hi] of [
        [from, to],
        [prevFrom, prevTo],
      ]) {
        for (const kind of Object.keys(app.COUNTED_FIELDS)) {
          if (!tables.has(app.ACTIVITY_TABLES[kind])) continue;
          const { sql, byYear } = countedGroupBySql(kind);
          rows += byYear ? all(sql, Number(lo.slice(0, 4)), Number(hi.slice(0, 4))) : all(sql, lo, hi);
        }
      }
      const c1 = process.cpuUsage();
      rows += registriesOfYears([Number(to.slice(0, 4)), Number(prevTo.slice(0, 4))]);
      const c2 = process.cpuUsage();
      baselineSplit.activity = (c1.user - c0.user + c1.system - c0.system) / 1000;
      baselineSplit.registries = (c2.user - c1.user + c2.system - c1.system) / 1000;
      return rows;
    },
    /**
     * The fuller baseline of the overview: GROUP BY per registry of the year, members, ratings,
     * registrations and the units' yearly figures included (overviewGroupBy groups organisations,
     * models and mass organisations by unit over every year, and activity tables the overview does
     * not read).
     */
    overviewRegistriesGroupBy: (year) =>
      registriesOfYears([year]) + all('SELECT unit_id, households, residents FROM unit_year_stats WHERE year = ?', year),
    propagandaAll: () => all('SELECT * FROM propaganda_sessions WHERE deleted_at IS NULL'),
    // What one page of the list needs at least: the count of the list and its first 100 rows by date.
    propagandaFirstPage: () => {
      all('SELECT count(*) AS n FROM propaganda_sessions WHERE deleted_at IS NULL');
      return all('SELECT * FROM propaganda_sessions WHERE deleted_at IS NULL ORDER BY date DESC LIMIT 100');
    },
    // One organisation's members (an organisation's detail: members.list answers one organisation).
    membersOfOrg: (id) => all('SELECT * FROM mass_org_members WHERE mass_org_id = ? AND deleted_at IS NULL', id),
    largestOrg: () =>
      db
        .prepare(
          `SELECT mass_org_id AS id, count(*) AS n FROM mass_org_members WHERE deleted_at IS NULL
           GROUP BY mass_org_id ORDER BY n DESC, mass_org_id LIMIT 1`,
        )
        .get(),
    // What one page of the members list needs at least: the count and the first 100 rows in the
    // screen's name order (the stored sort key and the list's index, migration 0020), the search
    // as a LIKE on the stored folded name.
    membersFirstPage: (search) => {
      const where = search ? 'deleted_at IS NULL AND full_name_folded LIKE ?' : 'deleted_at IS NULL';
      const args = search ? [`%${search}%`] : [];
      all(`SELECT count(*) AS n FROM mass_org_members INDEXED BY mass_org_members_list WHERE ${where}`, ...args);
      return all(`SELECT * FROM mass_org_members WHERE ${where} ORDER BY full_name_sort, id LIMIT 100`, ...args);
    },
  };
}

/** Runs app and baseline legs alternately; returns the row of the table. */
async function measure(label, baselineLabel, appLeg, baseLeg) {
  if (!wanted(label)) return null;
  // Per-scale run counts and skips (support/province-budget.mjs): a path not run says why, in the log and the table.
  const plan = budgetFor(label, currentRows);
  if (plan.skip) {
    console.log(`  ${label}: not run at ${n(currentRows)}: ${plan.skip}`);
    return { label, baselineLabel, skipped: plan.skip };
  }
  const RUNS = plan.runs;
  const appMs = [];
  const baseMs = [];
  // CPU time of the process during each leg (user + system): on a machine shared with other work the
  // wall clock includes waiting for a core, the CPU time does not (both legs run in this process).
  const appCpu = [];
  const baseCpu = [];
  const cpuMs = () => {
    const c = process.cpuUsage();
    return (c.user + c.system) / 1000;
  };
  let rssKb = 0;
  let blockMs = 0;
  let blockOwnMs;
  let peakRiseKb = 0;
  let note = '';
  for (let i = 0; i < RUNS; i++) {
    const a = async () => {
      const peakBefore = maxRssKb();
      const loop = loopWatch();
      const c0 = cpuMs();
      const r = await appLeg(i);
      appCpu.push(r.cpu ?? cpuMs() - c0);
      // A leg that copies and opens a fresh backend first (synchronous file copy, integrity check)
      // reports the block of its call alone, like its CPU time.
      const legBlock = loop.stop();
      blockMs = Math.max(blockMs, r.blockMs ?? legBlock);
      const own = r.blockMs === undefined ? loop.own() : r.blockOwnMs;
      if (own !== undefined) blockOwnMs = Math.max(blockOwnMs ?? 0, own);
      peakRiseKb = Math.max(peakRiseKb, maxRssKb() - peakBefore);
      appMs.push(r.ms);
      rssKb = Math.max(rssKb, process.memoryUsage().rss / 1024);
      if (r.note) note = r.note;
    };
    const b = async () => {
      const c0 = cpuMs();
      const r = await baseLeg(i);
      baseMs.push(r.ms);
      // A baseline that copies the province first reports the CPU time of its inserts alone.
      baseCpu.push(r.cpu ?? cpuMs() - c0);
    };
    if (i % 2 === 0) {
      await a();
      await b();
    } else {
      await b();
      await a();
    }
  }
  const ratio = baseMs.length ? median(appMs) / median(baseMs) : null;
  const cpuRatio = baseCpu.length && median(baseCpu) > 0 ? median(appCpu) / median(baseCpu) : null;
  const row = {
    label,
    baselineLabel,
    runs: RUNS,
    app: appMs,
    base: baseMs,
    ratio,
    appCpu,
    baseCpu,
    cpuRatio,
    rssKb,
    peakKb: maxRssKb(),
    peakRiseKb,
    blockMs,
    blockOwnMs,
    note,
  };
  console.log(
    `  ${label}: app ${spread(appMs)}; ${baselineLabel} ${baseMs.length ? spread(baseMs) : '—'}; ratio ${ratio ? ratio.toFixed(1) : '—'}×; ` +
      `CPU app ${sec(median(appCpu))}, baseline ${baseCpu.length ? sec(median(baseCpu)) : '—'}, CPU ratio ${cpuRatio ? cpuRatio.toFixed(1) : '—'}×; ` +
      `RSS ${mb(row.rssKb)}, peak ${mb(row.peakKb)} (rose ${mb(peakRiseKb)} during the app legs); ` +
      `longest event-loop block ${sec(blockMs)}${blockOwnMs !== undefined ? ` (without the host's waits for a core ${sec(blockOwnMs)})` : ''}${note ? `; ${note}` : ''}`,
  );
  return row;
}

const timed = async (fn) => {
  const c = process.cpuUsage();
  const t = performance.now();
  const value = await fn();
  const ms = performance.now() - t;
  const used = process.cpuUsage(c);
  // cpu: this call alone (a leg that opens a backend first reports the call's CPU, not the opening's).
  return { ms, cpu: (used.user + used.system) / 1000, value };
};

/**
 * A call on a backend the leg has just opened: its time, its CPU and its longest event-loop block
 * watched around the call alone (the opening, and the session before it, are the bench's).
 */
const watchedCall = async (fn) => {
  const loop = loopWatch();
  const r = await timed(fn);
  const blockMs = loop.stop();
  return { ...r, blockMs, blockOwnMs: loop.own() };
};

/** The period slices' and kinds' parts' counters (what a call read again and counted again). */
const sliceCounters = () => ({
  queries: { ...app.sliceStats.queries },
  statements: app.sliceStats.statements,
  hits: app.sliceStats.hits,
  filed: { ...(app.sliceStats.filed ?? {}) },
  counted: { ...app.partStats.counted },
  kept: app.partStats.kept,
});
const sliceDelta = (a, b) => {
  const diff = (x, y) =>
    Object.entries(y)
      .map(([k, v]) => [k, v - (x[k] ?? 0)])
      .filter(([, v]) => v > 0)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ') || 'none';
  return (
    `slices read: ${diff(a.queries, b.queries)} in ${b.statements - a.statements} statements, ${b.hits - a.hits} kept, ` +
    `from the file: ${diff(a.filed, b.filed)}; ` +
    `kinds counted again: ${diff(a.counted, b.counted)}, taken kept ${b.kept - a.kept}; groups kept (every file) ${n(app.sliceStats.kept)}`
  );
};

const HANDOFF_LABEL = 'Hand-off import, one office (inspect + apply)';
let currentRows = 0;
const hashes = new Map();
async function runScale(rows) {
  currentRows = rows;
  const t0 = performance.now();
  const { dir, facts } = await provinceFolder(app, rows, (l) => console.log(l));
  console.log(`province ${n(rows)}: ${n(facts.rows)} activity records; ready in ${sec(performance.now() - t0)}`);
  const results = [];

  // Read-only paths: one open backend on a copy, a read-only raw connection on the same file.
  const readDir = copyOf(dir);
  // The generator does not repeat, and the data is the same at every scale (support/province-data-check.mjs).
  for (const line of distinctPairs(dbFile(readDir))) console.log(`  data: ${line}`);
  hashes.set(rows, contentHashes(dbFile(readDir), Math.round(Math.min(...SCALES) * 0.3)));
  const { backend, call } = await openBenchBackend(app, readDir, NOW);
  const raw = new BetterSqlite3(dbFile(readDir), { readonly: true });
  const base = baselines(raw);
  const YEAR = 2026;
  // The session before: a backend of its own opens the file, makes the screen's call (which keeps
  // the value in the file) and closes; the leg's backend then opens the file as the app does after
  // a restart. (The main backend's memory may hold the value already, so it would keep nothing.)
  const keptBy = async (method, input) => {
    const o = await openBenchBackend(app, readDir, NOW);
    await o.call(method, input);
    o.backend.close();
  };

  // The app's shells start the read-only SQL worker as the file opens (BackendOptions.readerAtOpen,
  // h21-board), so the first screen's call does not wait for it. Here it is started right after the
  // opening and awaited before the timed call, and its whole start's CPU is printed apart (`startCpu`),
  // as the period legs do (with readerAtOpen the start would overlap the bench's login, unmeasured).
  const openedWithReader = async () => {
    const o = await openBenchBackend(app, readDir, NOW);
    const c0 = process.cpuUsage();
    await o.backend.readerStarted();
    const c1 = process.cpuUsage(c0);
    return { ...o, startCpu: Math.round((c1.user + c1.system) / 1000) };
  };

  // The board three ways (issue 16, evaluation-cache.ts): the first load of a freshly opened file
  // (nothing cached: every subject's verdicts computed), loaded again with nothing written (the
  // cached records and verdicts), and after one incident is saved (a write to an input table drops
  // the year's cache: the whole year is read and evaluated again).
  const board = () => call('evaluation.board', { year: YEAR, category: null, unitId: null });
  // Each run's CPU in the note (h20-board): with two runs the median is the slower, and at the first
  // scale the first run is the process's first board, which also compiles the board's code (JIT).
  const firstRuns = [];
  results.push(
    await measure(
      'Evaluation board, first load',
      'read its inputs',
      async () => {
        forgetKept(readDir);
        const o = await openedWithReader();
        const r = await watchedCall(() => o.call('evaluation.board', { year: YEAR, category: null, unitId: null }));
        o.backend.close();
        firstRuns.push(r.cpu);
        return {
          ...r,
          note:
            `${n(r.value.rows.length)} subjects; nothing kept in the file (the first computation); reader worker started with the opening ` +
            `(${o.startCpu} ms CPU, not counted); CPU of each run in order ${firstRuns.map((ms) => sec(ms)).join(', ')} (the whole 8.644 rows' output check counted)`,
        };
      },
      async () => timed(() => base.evaluationInputs(YEAR)),
    ),
  );
  // The screen's own first computation (h20-board): BoardPanel asks evaluation.boardPage, which computes
  // and keeps the whole board but checks and sends one page of 100 rows (evaluation.board, above, checks
  // all 8.644 against the contract: ≈ 44 MB of zod's copies). The read-only SQL worker is started with
  // the opening, as in the period figures' first loads: its start is printed, not counted.
  const firstPageRuns = [];
  results.push(
    await measure(
      "Evaluation board, first computation through the screen's first page",
      'read its inputs',
      async () => {
        forgetKept(readDir);
        const o = await openedWithReader();
        const page = { year: YEAR, category: null, unitId: null, search: '', page: { offset: 0, limit: 100, sort: 'default', dir: 'asc' } };
        const r = await watchedCall(() => o.call('evaluation.boardPage', page));
        o.backend.close();
        firstPageRuns.push(r.cpu);
        return {
          ...r,
          note:
            `${n(r.value.rows.length)} of ${n(r.value.total)} subjects; nothing kept in the file; reader worker started with the opening ` +
            `(${o.startCpu} ms CPU, not counted); CPU of each run in order ${firstPageRuns.map((ms) => sec(ms)).join(', ')}`,
        };
      },
      async () => timed(() => base.evaluationInputs(YEAR)),
    ),
  );
  // Why the first computation cannot come near 2× its read at 50k (h19-board): the board's
  // per-subject work measured on the records the board has just read, in two parts — every subject's
  // facts built (lean, as the board builds them), then the verdicts pass over the facts already built
  // (the engine alone: no read, no fact, no row, no sort). The row's ratio is the engine alone against
  // reading the inputs; the note gives both parts per subject.
  results.push(
    await measure(
      'Evaluation board, the engine alone over facts already built',
      'read its inputs',
      async () => {
        // Nothing kept in the file: the board reads and assembles the year (a board kept by an earlier
        // leg would be read back whole, and no year would be read).
        forgetKept(readDir);
        const o = await openBenchBackend(app, readDir, NOW);
        await o.call('evaluation.board', { year: YEAR, category: null, unitId: null });
        const t0 = performance.now();
        const w = app.boardWork(app.lastBoardData());
        // The block reported is boardWork's own synchronous run (a measurement, not a path of the app).
        const blockMs = performance.now() - t0;
        o.backend.close();
        const per = (cpu) => `${n(Math.round((1000 * cpu) / w.subjects))} µs`;
        return {
          ms: w.verdictsWallMs,
          cpu: w.verdictsMs,
          blockMs,
          note:
            `${n(w.subjects)} subjects: the verdicts pass over facts already built ${sec(w.verdictsMs)} CPU (${per(w.verdictsMs)} a subject); ` +
            `building the facts (lean) ${sec(w.factsMs)} (${per(w.factsMs)} a subject); both ${sec(w.factsMs + w.verdictsMs)} CPU`,
        };
      },
      async () => timed(() => base.evaluationInputs(YEAR)),
    ),
  );
  results.push(
    await measure(
      'Evaluation board, first load after a restart',
      'read its inputs',
      async () => {
        // An earlier session looked at the board (kept in the file); this one starts and opens it.
        await keptBy('evaluation.board', { year: YEAR, category: null, unitId: null });
        const o = await openBenchBackend(app, readDir, NOW);
        const r = await watchedCall(() => o.call('evaluation.board', { year: YEAR, category: null, unitId: null }));
        o.backend.close();
        const kb = n(keptBytes(readDir, 'evaluation.board') / 1e3);
        return { ...r, note: `${n(r.value.rows.length)} subjects; kept in the file by the session before (${kb} KB of JSON)` };
      },
      async () => timed(() => base.evaluationInputs(YEAR)),
    ),
  );
  // The screen's first look after a restart (evaluation.boardPage): the board kept in the file is read
  // back in slices, a turn each (evaluation-view.service.ts BOARD_CODEC), and one page of 100 rows is
  // sent. Beside it, in the note: the next page and a search on the same backend, the JSON sent, and
  // one JSON.parse of the whole kept text (what the host did in one turn before the slices), timed here.
  const pageInput = (offset, search = '') => ({
    year: YEAR,
    category: null,
    unitId: null,
    search,
    page: { offset, limit: 100, sort: 'default', dir: 'asc' },
  });
  results.push(
    await measure(
      'Evaluation board, first page after a restart',
      'read its inputs',
      async () => {
        await keptBy('evaluation.board', { year: YEAR, category: null, unitId: null });
        const o = await openBenchBackend(app, readDir, NOW);
        const r = await watchedCall(() => o.call('evaluation.boardPage', pageInput(0)));
        const next = await watchedCall(() => o.call('evaluation.boardPage', pageInput(100)));
        const found = await watchedCall(() => o.call('evaluation.boardPage', pageInput(0, 'thon 1')));
        o.backend.close();
        const conn = new BetterSqlite3(dbFile(readDir), { readonly: true });
        const text = conn.prepare("SELECT value FROM stored_reads WHERE name = 'evaluation.board'").pluck().get() ?? '';
        conn.close();
        const t0 = performance.now();
        JSON.parse(text);
        const parseMs = performance.now() - t0;
        const sent = Buffer.byteLength(JSON.stringify(r.value));
        return {
          ...r,
          note:
            `${n(r.value.rows.length)} of ${n(r.value.total)} subjects, ${n(sent / 1e3)} KB of JSON sent; ` +
            `the next page ${sec(next.ms)} (block ${sec(next.blockMs)}), a search "thon 1" (${n(found.value.total)} found) ${sec(found.ms)} ` +
            `(block ${sec(found.blockMs)}); one JSON.parse of the ${n(text.length / 1e3)} KB kept (the host's turn before the slices) ${sec(parseMs)}`,
        };
      },
      async () => timed(() => base.evaluationInputs(YEAR)),
    ),
  );
  const INCIDENT = {
    category: 'te_nan_xa_hoi',
    count: 1,
    solved: 0,
    deaths: 0,
    injuries: 0,
    excuse: null,
    excuseReason: null,
    excuseApprovedBy: null,
    excuseApprovedOn: null,
    note: null,
  };
  // The session before looked at the board, saved one incident and closed: the board's verdicts kept
  // in the file with the rows touched since (evaluation-cache.kept.ts); this session decides again
  // only the subjects that incident reaches.
  results.push(
    await measure(
      'Evaluation board after a restart and an edit',
      'read its inputs',
      async (i) => {
        const before = await openBenchBackend(app, readDir, NOW);
        const commune = (await before.call('units.list', { includeEnded: false })).find((u) => u.level === 'xa');
        const save = (description) =>
          before.call('activities.save', {
            kind: 'incidents',
            id: null,
            record: { ...INCIDENT, occurredOn: '2026-06-30', unitId: commune.id, organizationId: null, description },
          });
        // The board (read back from the file after the first run), then the edit the next session
        // must account for (its touch carried into the kept state: evaluation-cache.ts FileCache.carry).
        await before.call('evaluation.board', { year: YEAR, category: null, unitId: null });
        await save(`Vụ việc giữa hai phiên ${i + 1}`);
        before.backend.close();
        const o = await openedWithReader();
        const r = await watchedCall(() => o.call('evaluation.board', { year: YEAR, category: null, unitId: null }));
        const restored = app.lastBoardLoad?.().restored;
        o.backend.close();
        return {
          ...r,
          note: `${n(r.value.rows.length)} subjects; verdicts read back: ${restored ?? '?'}; reader worker started with the opening (${o.startCpu} ms CPU, not counted)`,
        };
      },
      async () => timed(() => base.evaluationInputs(YEAR)),
    ),
  );
  if (wanted('Evaluation board, loaded again')) await board();
  results.push(
    await measure(
      'Evaluation board, loaded again (cache)',
      'read its inputs',
      async () => {
        const r = await timed(board);
        return { ms: r.ms, note: `${n(r.value.rows.length)} subjects` };
      },
      async () => timed(() => base.evaluationInputs(YEAR)),
    ),
  );
  const someCommune = wanted('Evaluation board after an edit')
    ? (await call('units.list', { includeEnded: false })).find((u) => u.level === 'xa')
    : null;
  results.push(
    await measure(
      'Evaluation board after an edit',
      'read its inputs',
      async (i) => {
        await call('activities.save', {
          kind: 'incidents',
          id: null,
          record: {
            occurredOn: '2026-06-30',
            unitId: someCommune.id,
            organizationId: null,
            category: 'te_nan_xa_hoi',
            count: 1,
            solved: 0,
            deaths: 0,
            injuries: 0,
            description: `Vụ việc thêm ${i + 1}`,
            excuse: null,
            excuseReason: null,
            excuseApprovedBy: null,
            excuseApprovedOn: null,
            note: null,
          },
        });
        const r = await timed(board);
        return { ms: r.ms, note: 'one incident saved before each load (not timed)' };
      },
      async () => timed(() => base.evaluationInputs(YEAR)),
    ),
  );
  // Freezing, in the form a freeze writes now (2: inputs and verdicts sealed, rule sets once) and, in
  // the same run, in form 1 (the whole result per subject, as before h16-seal: ctx.frozenForm = 1).
  // Beside each ratio, the freeze's own floors per run: the backup's CPU and the raw write of the
  // same sealed rows (support/province-frozen.mjs writeFloor).
  const freezeLeg = async (label, frozenForm, boardFirst = false) => {
    const backups = [];
    const floors = [];
    const row = await measure(
      label,
      'read its inputs',
      async () => {
        const d = copyOf(dir);
        const o = await openBenchBackend(app, d, NOW, frozenForm === 1 ? { frozenForm } : {});
        // What a person does before freezing: the board of the year (not timed); its cache is the freeze's.
        if (boardFirst) await o.call('evaluation.board', { year: YEAR, category: null, unitId: null });
        // The block and the backup's share are watched around the call alone: copying and opening the
        // province (synchronous, seconds at 500k) is the bench's, not the freeze's.
        const jobId = randomUUID();
        const loop = loopWatch();
        const backup = backupWatch(o.backend, jobId);
        const r = await timed(() => o.call('evaluation.freeze', { year: YEAR, by: 'Nguyễn Văn An', note: null, jobId }));
        const backupCpu = backup.stop();
        const blockMs = loop.stop();
        const blockOwnMs = loop.own();
        const ownGap = loop.ownParts();
        const way = o.backend.backups.lastWay;
        o.backend.close();
        const bytes = fs.statSync(dbFile(d)).size - fs.statSync(dbFile(dir)).size;
        // "A frozen year stores each rule text once": the stored bytes per subject and the freeze's list of texts.
        const texts = frozenTexts(dbFile(d), YEAR);
        const floor = writeFloor(dbFile(d), YEAR);
        fs.rmSync(d, { recursive: true, force: true });
        backups.push(backupCpu);
        if (floor) floors.push(floor);
        const split = `backup before the freeze (made as "${way}") ${sec(backupCpu)} of the call's ${sec(r.cpu)} CPU (without it ${sec(r.cpu - backupCpu)})`;
        return {
          ms: r.ms,
          cpu: r.cpu,
          blockMs,
          blockOwnMs,
          note: `${split}; the gap of the longest own block ${ownGap}; database grew by ${n(bytes / 1e6)} MB (WAL not counted); ${texts}`,
        };
      },
      async () => timed(() => base.evaluationInputs(YEAR)),
    );
    if (row && !row.skipped && floors.length && row.baseCpu.length) {
      // Beside the ratio: how much of it the write of these rows needs at least, and the ratio without the backup.
      const baseCpu = median(row.baseCpu);
      const floorCpu = median(floors.map((f) => f.cpuMs));
      const f = floors.at(-1);
      const withoutBackup = median(row.appCpu.map((c, i) => c - (backups[i] ?? 0)));
      const floorNote =
        `write floor (raw INSERT of the same ${n(f.rows)} sealed rows, ${n(f.bytes / 1e6)} MB, one statement, one transaction): ` +
        `${sec(floorCpu)} CPU = ${(floorCpu / baseCpu).toFixed(1)}× the baseline; freeze without the backup ${sec(withoutBackup)} CPU = ` +
        `${(withoutBackup / baseCpu).toFixed(1)}× (of which the write floor ${(floorCpu / baseCpu).toFixed(1)}×)`;
      row.note = `${row.note}; ${floorNote}`;
      console.log(`  ${label}: ${floorNote}`);
    }
    results.push(row);
  };
  await freezeLeg('Freezing a year', 2);
  if (process.env['BENCH_FREEZE_MORE'] === '1') {
    await freezeLeg('Freezing a year, the board loaded first (not timed)', 2, true);
    await freezeLeg('Freezing a year, form 1 (before h16-seal)', 1);
  }
  // Period figures and the overview three ways (issue 16, period-slices.ts and read-cache.ts): the
  // first call on a freshly opened file (nothing cached), the same call again (every kind's year
  // slices and the blocks cached), and — ten years — after one propaganda session is saved (only
  // propaganda's slices are read again; the blocks keyed on every table are recomputed too).
  const coldCall = async (method, input) => {
    forgetKept(readDir);
    const o = await openBenchBackend(app, readDir, NOW);
    // The read-only SQL worker is started with the opening (otherwise the first heavy read starts it):
    // its thread's start-up is a cost of opening the file, not of computing the figures. Printed.
    const c0 = process.cpuUsage();
    await o.backend.readerStarted();
    const c1 = process.cpuUsage(c0);
    const r = await watchedCall(() => o.call(method, input));
    o.backend.close();
    const steps = Object.entries(app.lastPhases[method] ?? {});
    const total = steps.reduce((t, [, ms]) => t + ms, 0);
    const activity = steps.filter(([k]) => k.startsWith('activity')).reduce((t, [, ms]) => t + ms, 0);
    const account = steps.length
      ? `; steps (CPU): ${steps.map(([k, ms]) => `${k} ${Math.round(ms)} ms`).join(', ')}` +
        `; work on registries, reports and sentences (no activity record) ${Math.round(total - activity)} ms = ${Math.round((100 * (total - activity)) / total)} %`
      : '';
    const split =
      method === 'period.figures' && baselineSplit.activity + baselineSplit.registries > 0
        ? `; fuller baseline: activity GROUP BYs ${Math.round(baselineSplit.activity)} ms, registries ${Math.round(baselineSplit.registries)} ms`
        : '';
    return {
      ...r,
      note: `nothing kept in the file (the first computation); reader worker started with the opening (${Math.round((c1.user + c1.system) / 1000)} ms CPU, not counted)${account}${split}`,
    };
  };
  const restartCall = async (method, input) => {
    await keptBy(method, input);
    const o = await openBenchBackend(app, readDir, NOW);
    const r = await watchedCall(() => o.call(method, input));
    o.backend.close();
    return { ...r, note: `kept in the file by the session before (${n(keptBytes(readDir, method) / 1e3)} KB of JSON)` };
  };
  const periodInput = (from, to) => ({ from, to, unitId: null });
  const periodLegs = async (label, from, to) => {
    results.push(
      await measure(
        `${label}, first load`,
        'GROUP BY per table',
        () => coldCall('period.figures', periodInput(from, to)),
        async () => timed(() => base.periodGroupBy(from, to)),
      ),
    );
    // The same first load against the fuller baseline (both periods' activity, every registry the
    // figures report): the row above keeps the historical baseline so both ratios are read.
    results.push(
      await measure(
        `${label}, first load (fuller baseline)`,
        'GROUP BY per table over the counted fields, both periods, and per registry',
        () => coldCall('period.figures', periodInput(from, to)),
        async () => timed(() => base.periodRegistriesGroupBy(from, to, ...previousOf(from, to))),
      ),
    );
    results.push(
      await measure(
        `${label}, first load after a restart`,
        'GROUP BY per table',
        () => restartCall('period.figures', periodInput(from, to)),
        async () => timed(() => base.periodGroupBy(from, to)),
      ),
    );
    if (wanted(`${label}, loaded again`)) await call('period.figures', periodInput(from, to));
    results.push(
      await measure(
        `${label}, loaded again (cache)`,
        'GROUP BY per table',
        async () => timed(() => call('period.figures', periodInput(from, to))),
        async () => timed(() => base.periodGroupBy(from, to)),
      ),
    );
  };
  await periodLegs('Period figures, one year', '2026-01-01', '2026-12-31');
  await periodLegs('Period figures, ten years', '2017-01-01', '2026-12-31');
  const editCommune = wanted('Period figures, ten years, after a propaganda edit')
    ? (await call('units.list', { includeEnded: false })).find((u) => u.level === 'xa')
    : null;
  // The slices of this session: the figures the main backend holds may have been read back from the
  // file (kept there by the restart legs' sessions), which leaves no slice in memory; one edit and one
  // call first (not timed), so that every run measures an edit in a session that counted the figures.
  // The first edit after the figures were read back from the file is the next leg's.
  if (editCommune) {
    await call('activities.save', { kind: 'propaganda', id: null, record: editedPropaganda(editCommune.id, 20) });
    await call('period.figures', periodInput('2017-01-01', '2026-12-31'));
  }
  const editStats = [];
  results.push(
    await measure(
      'Period figures, ten years, after a propaganda edit',
      'GROUP BY per table',
      async (i) => {
        await call('activities.save', { kind: 'propaganda', id: null, record: editedPropaganda(editCommune.id, i) });
        const before = sliceCounters();
        const r = await timed(() => call('period.figures', periodInput('2017-01-01', '2026-12-31')));
        // What the call read again and counted again (period-slices.ts sliceStats, period-records.ts partStats).
        const stats = sliceDelta(before, sliceCounters());
        const steps = Object.entries(app.lastPhases['period.figures'] ?? {})
          .map(([k, ms]) => `${k} ${Math.round(ms)} ms`)
          .join(', ');
        console.log(`  ten years after a propaganda edit, run ${i + 1}: ${sec(r.cpu)} CPU; ${stats}; steps (CPU): ${steps}`);
        editStats.push(stats);
        return { ...r, note: `one propaganda session saved before each call (not timed); per run: ${editStats.join(' | ')}` };
      },
      async () => timed(() => base.periodGroupBy('2017-01-01', '2026-12-31')),
    ),
  );
  // The first edit after a restart: a session counts the ten years and keeps them in the file (with
  // each kind's part, period-records.ts PartsInFile) and closes; the next opens the file, is shown the
  // figures read back (nothing counted, no slice in memory), saves one propaganda session: timed is the
  // call after that save (propaganda's years read and counted, the other kinds' parts read back).
  const restartStats = [];
  results.push(
    await measure(
      'Period figures, ten years, after a restart and a propaganda edit',
      'GROUP BY per table',
      async (i) => {
        const ten = periodInput('2017-01-01', '2026-12-31');
        await keptBy('period.figures', ten);
        const o = await openBenchBackend(app, readDir, NOW);
        await o.call('period.figures', ten);
        const commune = (await o.call('units.list', { includeEnded: false })).find((u) => u.level === 'xa');
        await o.call('activities.save', { kind: 'propaganda', id: null, record: editedPropaganda(commune.id, 10 + i) });
        // The read-only SQL worker started before the timed call, as the first loads start it with the
        // opening (h21-period): otherwise this call, the session's first heavy read, starts its thread
        // (~50 ms of CPU at 50k). Printed, not counted.
        const c0 = process.cpuUsage();
        await o.backend.readerStarted();
        const c1 = process.cpuUsage(c0);
        const before = sliceCounters();
        const filed = app.partStats.filed;
        const r = await watchedCall(() => o.call('period.figures', ten));
        const steps = Object.entries(app.lastPhases['period.figures'] ?? {})
          .map(([k, ms]) => `${k} ${Math.round(ms)} ms`)
          .join(', ');
        const stats = `${sliceDelta(before, sliceCounters())}, parts read back from the file ${app.partStats.filed - filed}; period.slices kept ${n(keptBytes(readDir, 'period.slices') / 1e3)} KB of JSON; reader worker started before the call (${Math.round((c1.user + c1.system) / 1000)} ms CPU, not counted); steps (CPU): ${steps}`;
        o.backend.close();
        console.log(`  ten years after a restart and a propaganda edit, run ${i + 1}: ${sec(r.cpu)} CPU; ${stats}`);
        restartStats.push(stats);
        return {
          ...r,
          note: `the figures read back from the file, then one propaganda session saved (not timed); per run: ${restartStats.join(' | ')}`,
        };
      },
      async () => timed(() => base.periodGroupBy('2017-01-01', '2026-12-31')),
    ),
  );
  const overviewInput = { from: '2026-01-01', to: '2026-12-31', unitId: null };
  results.push(
    await measure(
      'Overview, first load',
      'GROUP BY per registry',
      () => coldCall('registry.overview', overviewInput),
      async () => timed(() => base.overviewGroupBy('2026-01-01', '2026-12-31')),
    ),
  );
  results.push(
    await measure(
      'Overview, first load (fuller baseline)',
      'GROUP BY per registry, members and registrations',
      () => coldCall('registry.overview', overviewInput),
      async () => timed(() => base.overviewRegistriesGroupBy(2026)),
    ),
  );
  results.push(
    await measure(
      'Overview, first load after a restart',
      'GROUP BY per registry',
      () => restartCall('registry.overview', overviewInput),
      async () => timed(() => base.overviewGroupBy('2026-01-01', '2026-12-31')),
    ),
  );
  if (wanted('Overview, loaded again')) await call('registry.overview', overviewInput);
  results.push(
    await measure(
      'Overview, loaded again (cache)',
      'GROUP BY per registry',
      async () => timed(() => call('registry.overview', overviewInput)),
      async () => timed(() => base.overviewGroupBy('2026-01-01', '2026-12-31')),
    ),
  );
  results.push(
    await measure(
      'Propaganda list, no date range',
      'SELECT * of the table',
      async () => {
        // Above LIST_MAX_ROWS records the call is refused before any row is built (h18-blocks): the
        // leg then times the refusal and says so.
        const r = await timed(() =>
          call('activities.list', { kind: 'propaganda', unitId: null, from: null, to: null, search: '', category: null }).catch((e) => ({
            refused: String(e.message ?? e),
          })),
        );
        if (r.value.refused) return { ms: r.ms, note: `refused: ${r.value.refused}` };
        const count = Array.isArray(r.value) ? r.value.length : (r.value.rows?.length ?? r.value.columns?.id?.length ?? 0);
        return { ms: r.ms, note: `${n(count)} rows, ${n(JSON.stringify(r.value).length / 1e6)} MB of JSON` };
      },
      async () => timed(() => base.propagandaAll()),
    ),
  );
  // The screen's list now reads pages (activities.page): the first page of a new question pays the
  // count and totals of the whole list; later pages of the same question reuse them (generations).
  const pageOf = (offset, extra = {}) =>
    call('activities.page', {
      kind: 'propaganda',
      unitId: null,
      from: null,
      to: null,
      search: '',
      category: null,
      ...extra,
      page: { offset, limit: 100, sort: 'default', dir: 'asc' },
    });
  const pageLeg = (label, offset, extra) => {
    let firstMs = null;
    return measure(
      label,
      'count + first 100 rows by date',
      async () => {
        // The first run finds no cached count; later runs of the same question do (what scrolling sees).
        const r = await timed(() => pageOf(offset, extra));
        firstMs ??= r.ms;
        const bytes = JSON.stringify(r.value).length;
        return {
          ms: r.ms,
          note: `${n(r.value.rows.length)} rows of ${n(r.value.total)}, ${n(bytes)} bytes of JSON; first run ${n(firstMs)} ms`,
        };
      },
      async () => timed(() => base.propagandaFirstPage()),
    );
  };
  results.push(await pageLeg('Propaganda list, first page (activities.page)', 0, {}));
  results.push(await pageLeg('Propaganda list, page at row 100.000', 100_000, {}));
  results.push(await pageLeg('Propaganda list, search "phong chong"', 0, { search: 'phong chong' }));
  // members.list answers one organisation (an organisation's detail); the office's list is read by pages below.
  const largest = base.largestOrg();
  results.push(
    await measure(
      'Members list of one organisation (the largest)',
      'SELECT * of its members',
      async () => {
        const r = await timed(() =>
          call('members.list', { unitId: null, year: YEAR, search: '', kind: null, status: null, massOrgId: largest.id }),
        );
        return { ms: r.ms, note: `${n(r.value.columns.id.length)} rows, ${n(JSON.stringify(r.value).length)} bytes of JSON` };
      },
      async () => timed(() => base.membersOfOrg(largest.id)),
    ),
  );
  // The screen's members list reads pages (members.page): the first 100 rows of the whole office
  // in the screen's default order, the total and the gender counts of the list.
  const membersPage = (search) =>
    call('members.page', {
      unitId: null,
      year: YEAR,
      search,
      kind: null,
      status: null,
      massOrgId: null,
      page: { offset: 0, limit: 100, sort: 'fullName', dir: 'asc' },
    });
  for (const [label, search] of [
    ['Members list, first page (members.page)', ''],
    ['Members list, search "nguyen van an" (members.page)', 'nguyen van an'],
  ]) {
    let firstMs = null;
    results.push(
      await measure(
        label,
        'count + first 100 rows by name',
        async () => {
          const r = await timed(() => membersPage(search));
          firstMs ??= r.ms;
          return {
            ms: r.ms,
            note: `${n(r.value.rows.length)} rows of ${n(r.value.total)}, ${n(JSON.stringify(r.value).length)} bytes of JSON; first run ${n(firstMs)} ms`,
          };
        },
        async () => timed(() => base.membersFirstPage(search)),
      ),
    );
  }
  raw.close();

  // Writing paths, each leg on a fresh copy of the cached province.
  // BENCH_PATHS='8.000 organisations' (the label's own words) runs this leg too.
  const importing = wanted('Excel import') || wanted(`Excel import, ${n(8000)} organisations (preview + commit)`);
  const exported = importing
    ? await call('xlsx.export', {
        registry: 'organizations',
        filter: { unitId: null, year: null, search: '', kind: null, status: null },
      })
    : { rows: 0 };
  const orgRows = importing ? new BetterSqlite3(dbFile(readDir), { readonly: true }).prepare('SELECT * FROM organizations').all() : [];
  backend.close();
  results.push(
    await measure(
      `Excel import, ${n(exported.rows)} organisations (preview + commit)`,
      'raw INSERT, same schema',
      async () => {
        const d = copyOf(dir);
        const o = await openBenchBackend(app, d, NOW);
        const loop = loopWatch();
        const r = await timed(async () => {
          const p = await o.call('xlsx.preview', { registry: 'organizations', fileBase64: exported.base64 });
          // A file with error rows is refused whole by the commit: then only the preview is timed.
          const c = p.counts.error === 0 ? await o.call('xlsx.commit', { registry: 'organizations', fileBase64: exported.base64 }) : null;
          return { p, c };
        });
        const blockMs = loop.stop();
        const blockOwnMs = loop.own();
        o.backend.close();
        fs.rmSync(d, { recursive: true, force: true });
        const k = r.value.p.counts;
        return {
          ms: r.ms,
          // The calls' CPU time and longest block, not the copy's and the opening's.
          cpu: r.cpu,
          blockMs,
          blockOwnMs,
          note:
            `re-import of the app's own export: ${n(k.new)} new, ${n(k.update)} changed, ${n(k.unchanged)} unchanged, ${n(k.error)} errors` +
            (r.value.c ? '' : ' — commit refused, preview only timed'),
        };
      },
      async () => {
        const d = copyOf(dir);
        const fresh = orgRows.map((r, i) => ({ ...r, id: crypto.randomUUID(), name: `${r.name} (b${i})`, tax_code: null }));
        const c = process.cpuUsage();
        const ms = rawInsert(dbFile(d), 'organizations', fresh);
        const used = process.cpuUsage(c);
        fs.rmSync(d, { recursive: true, force: true });
        return { ms, cpu: (used.user + used.system) / 1000 };
      },
    ),
  );

  if (WRITES) {
    const plan = budgetFor('writes', rows);
    if (plan.skip) console.log(`  write paths (Excel import of propaganda rows, saveMany): not run at ${n(rows)}: ${plan.skip}`);
    else results.push(...(await writePaths({ app, dir, rows, runs: plan.runs, copyOf })));
  }

  // The hand-off import (issue 12): the province at this scale takes in one office's snapshot.
  if (wanted('Hand-off import')) {
    const plan = budgetFor('Hand-off import', rows);
    if (plan.skip) results.push(await measure(HANDOFF_LABEL, 'raw INSERT of the snapshot rows', null, null));
    else {
      // A failure here (a refused file, a changed contract) is printed in the table, not fatal to the run.
      try {
        const leg = await handoffLeg({ app, dir, work, copyOf });
        results.push(await measure(HANDOFF_LABEL, 'raw INSERT of the snapshot rows', leg.appLeg, leg.baseLeg));
        leg.cleanup();
      } catch (e) {
        console.log(`  ${HANDOFF_LABEL}: not run at ${n(rows)}: failed: ${e.message}`);
        results.push({ label: HANDOFF_LABEL, baselineLabel: 'raw INSERT of the snapshot rows', skipped: `failed: ${e.message}` });
      }
    }
  }
  fs.rmSync(readDir, { recursive: true, force: true });

  // Done-when "every registry's export re-imports unchanged" is bench/registry-reimport.bench.mjs
  // (`npm run bench -- reimport`): at 50k its members export and preview alone took 19 minutes on the
  // loaded machine, more than this run's whole budget allows.

  return results.filter((r) => r !== null);
}

try {
  console.log(
    `province bench: scales ${SCALES.map(n).join(', ')}; ${RUNS} alternated runs; ${os.cpus().length} CPUs, load avg ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(' / ')}`,
  );
  const byScale = new Map();
  const scaleTimes = new Map();
  for (const rows of SCALES) {
    console.log(`\n--- ${n(rows)} activity records ---`);
    const t = performance.now();
    byScale.set(
      rows,
      (await runScale(rows)).filter((r) => r !== null),
    );
    scaleTimes.set(rows, performance.now() - t);
    console.log(
      `--- ${n(rows)} done in ${sec(performance.now() - t)} (load avg ${os
        .loadavg()
        .map((l) => l.toFixed(1))
        .join(' / ')}) ---`,
    );
  }
  // One Markdown table: a column per scale (app median, ratio), the baseline, memory, growth. Rows
  // are matched by label across scales; a path not run at a scale shows why in its cell.
  const labels = [];
  for (const rs of byScale.values()) for (const r of rs) if (!labels.includes(r.label)) labels.push(r.label);
  const head = [
    'Path',
    ...SCALES.map((s) => `${n(s)} rows: app (min–max) · ratio`),
    'Baseline (median)',
    'CPU app / baseline · ratio',
    'RSS / peak (rise)',
    "Longest block (without the host's waits for a core)",
    'Growth',
    'Note',
  ];
  const lines = [`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`];
  const cellOr = (r, f) => (!r ? 'not measured' : r.skipped ? `not run: ${r.skipped}` : f(r));
  for (const label of labels) {
    const rs = SCALES.map((s) => byScale.get(s).find((r) => r.label === label));
    const ran = rs.filter((r) => r && !r.skipped);
    const last = ran[ran.length - 1] ?? rs.find(Boolean);
    const growth = rs
      .slice(1)
      .map((r, k) => (r && !r.skipped && rs[k] && !rs[k].skipped ? `${(median(r.app) / median(rs[k].app)).toFixed(1)}×` : '—'))
      .join(', ');
    lines.push(
      `| ${label} | ${rs.map((r) => cellOr(r, (x) => `${spread(x.app)} · ${x.ratio ? `${x.ratio.toFixed(1)}×` : '—'} (${x.runs ?? x.app.length} runs)`)).join(' | ')} | ` +
        `${last.baselineLabel}: ${rs.map((r) => cellOr(r, (x) => sec(median(x.base)))).join(' / ')} | ` +
        // The write paths (province-writes.mjs) measure no CPU time: '—'.
        `${rs.map((r) => cellOr(r, (x) => (x.appCpu ? `${sec(median(x.appCpu))} / ${x.baseCpu.length ? sec(median(x.baseCpu)) : '—'} · ${x.cpuRatio ? `${x.cpuRatio.toFixed(1)}×` : '—'}` : '—'))).join(' ; ')} | ` +
        `${ran.length ? `${mb(last.rssKb)} / ${mb(last.peakKb)}` : '—'} (${rs.map((r) => cellOr(r, (x) => (x.peakRiseKb !== undefined ? `+${mb(x.peakRiseKb)}` : '—'))).join(' / ')}) | ` +
        `${rs.map((r) => cellOr(r, (x) => `${sec(x.blockMs)}${x.blockOwnMs !== undefined ? ` (${sec(x.blockOwnMs)})` : ''}`)).join(' / ')} | ${growth || '—'} | ${last.note ?? ''} |`,
    );
  }
  console.log(`\n${lines.join('\n')}`);
  console.log(
    `\n(ratio = app median ÷ baseline median; growth = app median at each scale ÷ the previous scale; runs per cell in brackets; ${budgetNote()})`,
  );
  console.log(
    `scales: ${[...scaleTimes].map(([s, ms]) => `${n(s)} in ${sec(ms)}`).join(', ')}; load avg at the end ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(' / ')}`,
  );
  console.log(`re-import of every registry's export: not in this run (bench/registry-reimport.bench.mjs, npm run bench -- reimport)`);
  if (hashes.size > 1) {
    const [first, ...rest] = [...hashes.keys()];
    for (const s of rest)
      for (const line of compareScales(hashes.get(first), hashes.get(s), n(first), n(s)))
        console.log(`same data at ${n(first)} and ${n(s)}: ${line}`);
  }
  closeHandoffOffice();
} finally {
  fs.rmSync(work, { recursive: true, force: true });
}
