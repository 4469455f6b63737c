/** The office's identity and the keys it trusts (issue 12 item 1): its own signing key and fingerprint, the province's key from a key file or package, confirmed by fingerprint. */
export const handoffKeysContract = {} as const;
