// Stand-in for a service.
export const stubService = (): number => 1;
