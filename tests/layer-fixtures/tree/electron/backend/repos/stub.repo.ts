// Stand-in for a repository.
export const listStub = (): string[] => [];
