import { createStore, del, get, set } from 'idb-keyval';
import { mirrorDeviceId } from './device-id.js';

/**
 * Where the client keeps small, non-secret device preferences (for example when the passkey nudge was
 * dismissed). Never tokens, codes or `auth_session`: those live in memory only (OWASP session cheat
 * sheet; NIST SP 800-63B-4 §5.1).
 */
export interface PreferenceStore {
  get(key: string): Promise<unknown>;
  set(key: string, value: unknown): Promise<void>;
  delete(key: string): Promise<void>;
}

/** A store in memory: the fallback when IndexedDB is blocked, and handy in tests. */
export function memoryStore(): PreferenceStore {
  const values = new Map<string, unknown>();
  return {
    get: async (key) => values.get(key),
    set: async (key, value) => void values.set(key, value),
    delete: async (key) => void values.delete(key),
  };
}

/** One store per database name, so every part of the page shares its memory fallback. */
const stores = new Map<string, PreferenceStore>();

/**
 * IndexedDB through idb-keyval, falling back to memory when IndexedDB is unavailable or throws
 * (private modes, blocked storage: fault C1). A failed write never surfaces to the user. The same name gives
 * the same store.
 */
export function indexedDbStore(name = 'latchkey'): PreferenceStore {
  let made = stores.get(name);
  if (!made) {
    stores.set(name, (made = openStore(name)));
    // Its device id is the one localStorage mirrors (device-id.ts): the one a form may have drawn its variant with
    // before this store existed.
    mirrorDeviceId(made);
  }
  return made;
}

function openStore(name: string): PreferenceStore {
  const fallback = memoryStore();
  let store: ReturnType<typeof createStore> | undefined;
  try {
    store = typeof indexedDB === 'undefined' ? undefined : createStore(name, 'preferences');
  } catch {
    store = undefined;
  }
  const guarded = async <T>(action: () => Promise<T>, otherwise: () => Promise<T>): Promise<T> => {
    if (!store) return otherwise();
    try {
      return await action();
    } catch {
      store = undefined;
      return otherwise();
    }
  };
  return {
    get: (key) => guarded(() => get(key, store), () => fallback.get(key)),
    set: (key, value) => guarded(() => set(key, value, store), () => fallback.set(key, value)),
    delete: (key) => guarded(() => del(key, store), () => fallback.delete(key)),
  };
}
