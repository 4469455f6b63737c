// Stand-in for a renderer component.
export const Stub = 1;
