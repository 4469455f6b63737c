// The province bench's runtime budget (issue 16: ONE `BENCH_SCALES=50k,500k,2m npm run bench --
// province` run in about 45 minutes on a 2-core machine). Each path runs BENCH_RUNS times (default
// 3) at every scale, except where a rule below gives it fewer runs at a large scale (never fewer
// than 2 for a ratio: app and baseline alternate, so two runs still see both orders) or skips it
// there — and a skipped path is printed as "not run at <scale>: <why>" in the log and in its table
// cell, never dropped silently. The rules come from the 50k run's times scaled by the rows each
// path reads (docs/decisions.md (h16-benchrun)). BENCH_BUDGET=off runs everything BENCH_RUNS times.
const RUNS = Math.max(1, Number(process.env['BENCH_RUNS'] ?? 3));
const OFF = process.env['BENCH_BUDGET'] === 'off';

/**
 * [label substring (lower case), smallest scale the rule applies to, runs or null, why].
 * runs null = skip. The first matching rule wins.
 */
const RULES = [
  // At 2m each of these costs tens of seconds to minutes per run (the freeze and the hand-off's apply
  // each copy the whole ~1 GB file first; the board reads 40× the 50k window; the Excel imports face
  // a 2m-row table): two alternated runs (one app-first, one baseline-first).
  ['evaluation board, first load', 2_000_000, 2, 'two runs at 2m'],
  ['evaluation board after an edit', 2_000_000, 2, 'two runs at 2m'],
  ['freezing a year', 2_000_000, 2, 'two runs at 2m'],
  ['propaganda list, no date range', 2_000_000, 2, 'two runs at 2m'],
  ['hand-off import', 2_000_000, 2, 'two runs at 2m'],
  ['writes', 500_000, 2, 'two runs from 500k (each leg copies the padded province)'],
];

/** { runs, skip } of a path at a scale. */
export function budgetFor(label, rows) {
  if (OFF) return { runs: RUNS, skip: null };
  const l = label.toLowerCase();
  const rule = RULES.find(([key, from]) => l.includes(key) && rows >= from);
  if (!rule) return { runs: RUNS, skip: null };
  const [, , runs, why] = rule;
  return runs === null ? { runs: 0, skip: why } : { runs: Math.min(RUNS, runs), skip: null, why };
}

/** One sentence for the table's footnote. */
export function budgetNote() {
  if (OFF) return 'BENCH_BUDGET=off: every path at every scale';
  return `budget rules: ${RULES.map(([key, from, runs]) => `"${key}" from ${from.toLocaleString('vi-VN')} rows: ${runs === null ? 'not run' : `${runs} runs`}`).join('; ')}`;
}
