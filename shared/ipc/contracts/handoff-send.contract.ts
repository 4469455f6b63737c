/** Sending to the province (issue 12 items 2-3): preview, write the snapshot file, the sent list, importing the province's receipt. */
export const handoffSendContract = {} as const;
