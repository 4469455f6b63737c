// Stand-in for a handler map.
export const stubHandlers = {};
