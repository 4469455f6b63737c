// expect: pass
// expect-lint: @typescript-eslint/no-explicit-any
export const probe = (value: any): string => String(value);
