// GrowthBook's bucketing hash, version 2 (profile §28.3): FNV-1a 32-bit, applied twice, to a number in
// [0, 1) with four decimals. Chosen over Statsig's SHA-256 because it is synchronous and a few lines (the
// assignment runs before the form's first draw, in its first file), and GrowthBook publishes test vectors
// and SDKs in many languages, so a team's own backend or warehouse can recompute any visitor's bucket.
// Source: growthbook/growthbook packages/sdk-js/src/util.ts (`hash`, `hashFnv32a`).

/** FNV-1a, 32-bit, over the string's UTF-16 code units (as GrowthBook's SDKs do). */
function fnv1a32(value: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < value.length; i++) {
    hash ^= value.charCodeAt(i);
    hash += (hash << 1) + (hash << 4) + (hash << 7) + (hash << 8) + (hash << 24);
  }
  return hash >>> 0;
}

/** The bucket of `id` in the experiment salted with `seed`: GrowthBook hash v2, in [0, 1). */
export function bucketOf(seed: string, id: string): number {
  return (fnv1a32(String(fnv1a32(seed + id))) % 10000) / 10000;
}
