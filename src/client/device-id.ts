import { randomId } from './random-id.js';
import type { PreferenceStore } from './storage.js';

// The browser's random, non-secret device id (profile §23.3): one id for the consent records and for experiment
// bucketing (profile §28.2), so a visitor's variant and their consent records name the same device. It is made
// once and never changes at a sign-in or a sign-out, which keeps a visitor's variant across both.
//
// Where it lives: Latchkey's own store (IndexedDB) keeps it, and localStorage mirrors it. The mirror is read
// synchronously, so a form with experiments draws its variant in the same task as a form without: no wait for
// IndexedDB's first open (20–80 ms on a new profile), and no storage code before the form. A visitor without
// the mirror is new (clearing a site's data clears both). Where localStorage is blocked the id holds for the page
// only, as the consent choice does (fault C1). A store the page gives the client in place of Latchkey's keeps
// its own id, and no mirror.

/** The PreferenceStore key of the device id. */
export const DEVICE_ID_KEY = 'device-id';

/** The localStorage key of the mirror. */
export const DEVICE_ID_MIRROR = 'latch-device-id';

/** The device id, and whether this view made it (`new`: no earlier Latchkey visit on this device) or found it. */
export interface DeviceId {
  id: string;
  visitor: 'new' | 'returning';
}

const validId = (value: unknown): value is string => typeof value === 'string' && /^[\w-]{8,64}$/.test(value);

/** Latchkey's own stores (storage.ts marks them): each keeps a copy of the mirrored id. */
const ownStores = new Set<PreferenceStore>();

/** This page view's read of the mirror, and of each other store: every part of the page sees the same id and `visitor`. */
let mirrored: Promise<DeviceId> | undefined;
const read = new WeakMap<PreferenceStore, Promise<DeviceId>>();

/** Writes the mirrored id to `store`, not waited for: a failed write leaves the mirror as the only one. */
const copyTo = (store: PreferenceStore) => void mirrored?.then(({ id }) => store.set(DEVICE_ID_KEY, id)).catch(() => undefined);

/** Marks `store` as Latchkey's own: its device id is the mirrored one, copied to it once this page has read it. */
export function mirrorDeviceId(store: PreferenceStore): void {
  ownStores.add(store);
  copyTo(store);
}

/**
 * The device id, made (random, identifying no one) if there is none: the mirrored one for Latchkey's own store
 * or none (a form before the client's code is here), else the one `store` keeps.
 */
export function deviceIdOf(store?: PreferenceStore): Promise<DeviceId> {
  if (store && !ownStores.has(store)) {
    let found = read.get(store);
    if (!found) read.set(store, (found = stored(store)));
    return found;
  }
  if (!mirrored) {
    mirrored = Promise.resolve(mirror());
    ownStores.forEach(copyTo);
  }
  return mirrored;
}

/** The id in the mirror, or a new one written to it. */
function mirror(): DeviceId {
  try {
    return settle(localStorage.getItem(DEVICE_ID_MIRROR), (made) => localStorage.setItem(DEVICE_ID_MIRROR, made));
  } catch {
    return { id: randomId(), visitor: 'new' };
  }
}

/** The id `store` keeps, or a new one written to it (not waited for: the form's first draw may be waiting). */
async function stored(store: PreferenceStore): Promise<DeviceId> {
  return settle(await store.get(DEVICE_ID_KEY), (made) => void store.set(DEVICE_ID_KEY, made).catch(() => undefined));
}

/** `found` when it is a device id (a returning visitor), else a new one, handed to `keep`. */
function settle(found: unknown, keep: (made: string) => void): DeviceId {
  if (validId(found)) return { id: found, visitor: 'returning' };
  const made = randomId();
  keep(made);
  return { id: made, visitor: 'new' };
}

/** The device id of `store` as a function to call when it is needed (the consent records'). */
export function lazyDeviceId(store: PreferenceStore): () => Promise<string> {
  return () => deviceIdOf(store).then(({ id }) => id);
}
