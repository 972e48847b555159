import type { ClientOptions, LatchClient } from '../client/client.js';
import { lazy } from '../client/lazy.js';

// The client, its schemas and WebAuthn code arrive as a second file right after the form is drawn:
// the form never waits for them.
const loadClient = lazy(() => import('../client/client.js'));

/** One client per issuer and client id, so every element on the page sees the same state and step-up handlers. */
const clients = new Map<string, Promise<LatchClient>>();
const prepared = new WeakSet<LatchClient>();
const setups: Array<(client: LatchClient) => void> = [];

const keyOf = (issuer: string, clientId: string) => `${issuer.replace(/\/$/, '')} ${clientId}`;

/**
 * Runs `setup` on every client an element uses, now and later (the step-up element's default handler
 * installs itself this way, so the client never needs to know about elements).
 */
export function onClientReady(setup: (client: LatchClient) => void): void {
  setups.push(setup);
  for (const client of clients.values()) void client.then(setup, () => undefined);
}

function prepare(client: LatchClient): LatchClient {
  if (!prepared.has(client)) {
    prepared.add(client);
    for (const setup of setups) setup(client);
  }
  return client;
}

/** A client for an element: the page's own if it gave one, else the page's shared one for this issuer and client id. */
export async function clientFor(given: LatchClient | undefined, options: ClientOptions): Promise<LatchClient> {
  if (given) {
    const key = keyOf(given.issuer, given.clientId);
    if (!clients.has(key)) clients.set(key, Promise.resolve(given));
    return prepare(given);
  }
  const key = keyOf(options.issuer, options.clientId);
  let client = clients.get(key);
  if (!client) {
    client = loadClient()
      .then(({ createClient }) => prepare(createClient(options)))
      .catch((error: unknown) => {
        clients.delete(key);
        throw error;
      });
    clients.set(key, client);
  }
  return client;
}
