// expect: pass
// expect-lint: pass
// Migrations are written against Kysely<any> and run SQL.
declare const db: { schema: unknown; insertInto(table: string): unknown };

export const probe = (value: any): unknown => [db.insertInto('units'), value as unknown];
