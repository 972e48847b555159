import type { Method } from '../protocol/index.js';
import type { PreferenceStore } from './storage.js';
import type { SignedIn } from './types.js';

// "Last used" (issue 14; profile §26.5): the method or provider this device last completed a sign-in with,
// remembered in the client's PreferenceStore (IndexedDB). It is a method id and nothing else: no address,
// no account, no token; it never leaves the device.

/** The PreferenceStore key of the record. */
export const LAST_USED_KEY = 'last-used';

/** A method id (`passkey`, `password`, `email_otp`, `email_link`), or `sso:<connection id>`. */
export type LastUsed = Method | `sso:${string}`;

const METHOD = /^(passkey|password|email_otp|email_link|sso:[\w.-]{1,64})$/;

/** What a completed sign-in records: its method, or its provider; nothing for the backend's own page. */
export function lastUsedOf(signedIn: Pick<SignedIn, 'method' | 'connection'>): LastUsed | undefined {
  const id = signedIn.method === 'sso' ? (signedIn.connection ? `sso:${signedIn.connection}` : undefined) : signedIn.method;
  return id && METHOD.test(id) ? (id as LastUsed) : undefined;
}

/** Remembers a completed sign-in's method. A store that fails is ignored: the badge is a courtesy. */
export async function rememberLastUsed(store: PreferenceStore, signedIn: Pick<SignedIn, 'method' | 'connection'>): Promise<void> {
  const id = lastUsedOf(signedIn);
  if (id) await Promise.resolve(id).then((value) => store.set(LAST_USED_KEY, value)).catch(() => undefined);
}

/** The method this device last signed in with; anything else found under the key reads as none. */
export async function readLastUsed(store: PreferenceStore): Promise<LastUsed | undefined> {
  let value: unknown;
  try {
    value = await store.get(LAST_USED_KEY);
  } catch {
    return undefined;
  }
  return typeof value === 'string' && METHOD.test(value) ? (value as LastUsed) : undefined;
}

/**
 * Whether a shown choice is the one last used. The email stands for codes and links alike: a link sign-in
 * reports `email_otp` (profile §20.4), and a backend may switch between them.
 */
export function isLastUsed(last: LastUsed | undefined, choice: LastUsed): boolean {
  const email = (id: string | undefined) => (id === 'email_link' ? 'email_otp' : id);
  return last !== undefined && email(last) === email(choice);
}
