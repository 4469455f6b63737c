/** The province's inbox (issue 12 items 4-8): inspect, dry run, apply, roll back, receipts, completeness matrix. */
export const handoffInboxContract = {} as const;
