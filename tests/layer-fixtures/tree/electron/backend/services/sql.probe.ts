// expect: pass
// expect-lint: no-restricted-syntax
// A service running SQL itself instead of calling a repository.
declare const db: { selectFrom(table: string): { selectAll(): unknown } };

export const probe = (): unknown => db.selectFrom('units').selectAll();
