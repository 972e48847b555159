import type { ClientOptions, LatchClient } from '../client/client.js';
import { lazy } from '../client/lazy.js';

// The client, its schemas and WebAuthn code arrive as a second file right after the form is drawn:
// the form never waits for them.
const loadClient = lazy(() => import('../client/client.js'));

/** One client per issuer and client id, so every element on a page shares its state and session events. */
const shared = new Map<string, Promise<LatchClient>>();

/** A client for an element: the page's own if it gave one, else the page's shared one for these options. */
export async function clientFor(given: LatchClient | undefined, options: ClientOptions): Promise<LatchClient> {
  if (given) return given;
  const key = `${options.issuer}\n${options.clientId}`;
  let client = shared.get(key);
  if (!client) {
    client = loadClient().then(({ createClient }) => createClient(options));
    shared.set(key, client);
    // A failed load or bad options are tried again by the next element.
    client.catch(() => shared.delete(key));
  }
  return client;
}
