/** Province packages (issue 12 item 9): made at the province, verified, previewed and applied at an office. */
export const handoffPackageContract = {} as const;
