import * as z from 'zod/mini';

/** Longest string any profile message may carry: a hostile 1 MB field fails parsing instead of freezing the page. */
export const MAX_STRING = 4096;

/**
 * Builds each schema once per argument list and hands out the same instance after that. Zod schemas are
 * immutable, and every instance costs memory (a few kB of internals), so the profile's many bounded fields
 * share them: this halves the heap the schemas take in the page.
 */
export function shared<A extends unknown[], T>(build: (...args: A) => T): (...args: A) => T {
  const built = new Map<string, T>();
  return (...args) => {
    const key = args.join();
    let schema = built.get(key);
    if (schema === undefined) built.set(key, (schema = build(...args)));
    return schema;
  };
}

/** A bounded string, so a hostile backend cannot hand the page megabytes of text. */
export const text = shared((max: number = MAX_STRING) => z.string().check(z.maxLength(max)));

/** A bounded, non-empty string. */
export const token = shared((max: number = MAX_STRING) => z.string().check(z.minLength(1), z.maxLength(max)));

/** An absolute http(s) URL, bounded in length. */
export const httpUrl = shared(() =>
  token(2048).check(
    z.refine((value) => {
      try {
        const { protocol } = new URL(value);
        return protocol === 'https:' || protocol === 'http:';
      } catch {
        return false;
      }
    }, 'must be an absolute http(s) URL'),
  ),
);

/**
 * A whole number within safe bounds. `multipleOf(1)` rather than `z.int()`: same JSON Schema meaning,
 * a smaller browser bundle.
 */
export const integer = shared((min: number = -Number.MAX_SAFE_INTEGER, max: number = Number.MAX_SAFE_INTEGER) =>
  z.number().check(z.multipleOf(1), z.minimum(min), z.maximum(max)),
);

/** A non-negative whole number of seconds, capped at one day. */
export const seconds = () => integer(0, 86_400);
