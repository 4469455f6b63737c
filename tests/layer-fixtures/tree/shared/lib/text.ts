// Stand-in for shared/lib.
export const fold = (s: string): string => s;
