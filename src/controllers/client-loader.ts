import type { ClientOptions, LatchClient } from '../client/client.js';
import { lazy } from '../client/lazy.js';

// The client, its schemas and WebAuthn code arrive as a second file right after the form is drawn:
// the form never waits for them.
const loadClient = lazy(() => import('../client/client.js'));

/** A client for an element: the page's own if it gave one, else one built once its code has loaded. */
export async function clientFor(given: LatchClient | undefined, options: ClientOptions): Promise<LatchClient> {
  return given ?? (await loadClient()).createClient(options);
}
