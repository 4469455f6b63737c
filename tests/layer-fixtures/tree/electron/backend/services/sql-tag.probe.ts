// expect: pass
// expect-lint: no-restricted-syntax
// Raw SQL through Kysely's sql tag in a service.
declare function sql(parts: TemplateStringsArray, ...values: unknown[]): unknown;

export const probe = (): unknown => sql`delete from units`;
