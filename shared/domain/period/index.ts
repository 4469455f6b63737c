/**
 * Period figures (domain.md §9): for any period and any part of the territory, every indicator of
 * §9.2 that activity records feed, the previous equal period and the change, and one Vietnamese
 * sentence per report section in the style of the seed reports. Pure: records, the scope test,
 * the registry figures and "today" are passed in; nothing here reads a clock or a database.
 *
 * What the module owns:
 * - periods: the previous equal period, how a report opens its figures ("Năm 2022", "Trong 03 năm
 *   qua", "6 tháng đầu năm 2026") and a short label for headers;
 * - indicators: one flat list (`INDICATORS`), each with its section, label, unit and how it adds
 *   up. Figures are a record keyed by indicator, so comparing, tabulating and property-testing treat
 *   every indicator alike;
 * - `activityFigures` / `figuresByGroup`: one pass over the records placed in the period
 *   (`placementDate`), summed per group (the whole scope, or each unit of a breakdown);
 * - `compareFigures`: value, previous, difference and percent change ("tăng 12 (10,5%)");
 * - sentences per section, from the data only, leaving out clauses whose figures are 0.
 *
 * Counting rules (decisions):
 * - A propaganda "buổi" is a record whose form is a gathering or a broadcast; newsletters, social
 *   media and press records (`PUBLICATION_FORMS`) add their posts and newsletters but are not
 *   sessions and their attendance is not "lượt người tham gia". Leaflets count from every record.
 * - Awards: "tập thể" / "cá nhân" are distinct recipients in the period (same unit, same kind, same
 *   name without diacritics), so a person with two awards is one person; these two add up over
 *   disjoint units but not over periods. Every other count is a plain sum over records and adds up
 *   over disjoint units and over disjoint periods (property-tested).
 * - Criminal tips are timed against their legal limit as of `today` (tipTiming).
 * - The mediation success rate is "thành" over every case received (as reports write "tiếp nhận
 *   120 vụ, hòa giải thành 100 vụ, đạt 83,3%").
 *
 * Files: periods.ts (periods and their names), indicators.ts (the indicator list), counting.ts
 * (figures from records), comparison.ts (previous period), places.ts (where new models were built),
 * sentences.ts (the report sentences).
 */
export * from './periods';
export * from './indicators';
export * from './counting';
export * from './grouping';
export * from './comparison';
export * from './places';
export * from './sentences';
export * from './incident-rules';
export * from './report-figures';
export * from './registrations';
export * from './registration-sentences';
export * from './sources';
