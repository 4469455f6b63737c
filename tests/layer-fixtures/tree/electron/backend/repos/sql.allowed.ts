// expect: pass
// expect-lint: pass
// Repositories are where SQL lives.
declare const db: { selectFrom(table: string): { selectAll(): unknown } };

export const probe = (): unknown => db.selectFrom('units').selectAll();
