/**
 * The one error English needs before the client's code arrives (the rest of `errors.ts` comes with it, see
 * `error-words.ts`): that code could not be fetched. Other locales carry it in their own chunk.
 */
export const network = {
  LATCH_NETWORK: "We couldn't reach the sign-in service. Check your connection and try again.",
} as const;
