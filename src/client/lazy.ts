import { LatchError } from './errors.js';

/**
 * Wraps a dynamic `import()` of a chunk that only some users need (token exchange, passkey creation), so
 * it is fetched once, on first use. A failed fetch is a NETWORK error and is tried again next time.
 */
export function lazy<T>(load: () => Promise<T>): () => Promise<T> {
  let loading: Promise<T> | undefined;
  return () =>
    (loading ??= load().catch((cause: unknown) => {
      loading = undefined;
      throw new LatchError('LATCH_NETWORK', 'Could not load part of the sign-in code', { cause });
    }));
}
