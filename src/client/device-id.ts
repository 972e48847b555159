import type { PreferenceStore } from './storage.js';

// NOTE (issue 15, helper C): a copy of part A's move of `lazyDeviceId` out of src/consent/consent.ts, so the
// analytics' visitor hash uses the same id; on merge, A's file wins.

/** The PreferenceStore key of the browser's random, non-secret device id (profile §23.3). */
export const DEVICE_ID_KEY = 'device-id';

/** The device id, made once and kept in the PreferenceStore (random and not secret: it identifies no one). */
export function lazyDeviceId(store: PreferenceStore): () => Promise<string> {
  let id: Promise<string> | undefined;
  return () =>
    (id ??= store.get(DEVICE_ID_KEY).then(async (value) => {
      if (typeof value === 'string' && /^[\w-]{8,64}$/.test(value)) return value;
      const made = crypto.randomUUID();
      await store.set(DEVICE_ID_KEY, made);
      return made;
    }));
}
