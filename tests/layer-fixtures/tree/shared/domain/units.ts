// Stand-in for a domain module.
export const UNIT_LEVELS = ['province'] as const;
