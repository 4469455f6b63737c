// Stand-in for the contract.
export const contract = {};
