// Stand-in for a pure renderer module.
export const model = 1;
