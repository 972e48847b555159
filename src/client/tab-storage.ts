/** sessionStorage key prefix of a waiting redirect transaction, by `state` (see redirect-store.ts). */
export const TRANSACTION_KEY = 'latchkey:redirect:';

/** This tab's sessionStorage, or nothing when the browser blocks it (then a redirect cannot be finished). */
export function tabStorage(): Storage | undefined {
  try {
    return globalThis.sessionStorage;
  } catch {
    return undefined;
  }
}
