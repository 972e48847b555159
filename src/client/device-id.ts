import { randomId } from './random-id.js';
import type { PreferenceStore } from './storage.js';

// The browser's random, non-secret device id (profile §23.3): one id for the consent records and for experiment
// bucketing (profile §28.2), so a visitor's variant and their consent records name the same device. It is made
// once and never changes at a sign-in or a sign-out, which keeps a visitor's variant across both.

/** The PreferenceStore key of the device id. */
export const DEVICE_ID_KEY = 'device-id';

/** The device id, and whether this view made it (`new`: no earlier Latchkey visit on this device) or found it. */
export interface DeviceId {
  id: string;
  visitor: 'new' | 'returning';
}

/** One read per store and page view, so every part of the page sees the same id and the same `visitor`. */
const read = new WeakMap<PreferenceStore, Promise<DeviceId>>();

/** The device id kept in `store`, made (random, identifying no one) if there is none. */
export function deviceIdOf(store: PreferenceStore): Promise<DeviceId> {
  let found = read.get(store);
  if (!found) {
    found = store.get(DEVICE_ID_KEY).then((value): DeviceId => {
      if (typeof value === 'string' && /^[\w-]{8,64}$/.test(value)) return { id: value, visitor: 'returning' };
      // Not waited for: the form's first draw may be waiting for this id. A failed write leaves it this page's
      // only (the next view makes another), as a store without IndexedDB would.
      const id = randomId();
      store.set(DEVICE_ID_KEY, id).catch(() => undefined);
      return { id, visitor: 'new' };
    });
    read.set(store, found);
  }
  return found;
}

/** The device id of `store` as a function to call when it is needed (the consent records'). */
export function lazyDeviceId(store: PreferenceStore): () => Promise<string> {
  return () => deviceIdOf(store).then(({ id }) => id);
}
