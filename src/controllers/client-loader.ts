import type { ClientOptions, LatchClient } from '../client/client.js';
import { lazy } from '../client/lazy.js';
import { provideErrorWords } from './locale.controller.js';

// The client, its schemas and WebAuthn code arrive as a second file right after the form is drawn:
// the form never waits for them.
const loadClient = lazy(() => import('../client/client.js'));
// Every error's English comes with it (in the script tag's build, in the same file): errors come from its work.
const loadErrorWords = lazy(() => import('../translations/error-words.js').then(({ errorWords }) => provideErrorWords(errorWords)));

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
    // The page's own client needs no code of ours; the words of its errors still have to come.
    loadErrorWords().catch(() => undefined);
    const key = keyOf(given.issuer, given.clientId);
    if (!clients.has(key)) clients.set(key, Promise.resolve(given));
    return prepare(given);
  }
  const key = keyOf(options.issuer, options.clientId);
  let client = clients.get(key);
  if (!client) {
    client = Promise.all([loadClient(), loadErrorWords()])
      .then(([{ createClient }]) => prepare(createClient(options)))
      .catch((error: unknown) => {
        clients.delete(key);
        throw error;
      });
    clients.set(key, client);
  }
  return client;
}

/** Which backend an element talks to: a client the page gave it, else an issuer and a client id. */
export interface Backend {
  /** An absolute issuer URL. */
  issuer: string;
  clientId: string;
  client?: LatchClient;
}

/** What an element declares about its backend: its `issuer` and `client-id` attributes and `client` property. */
export interface BackendSource extends Element {
  issuer: string;
  clientId: string;
  client?: LatchClient;
}

/**
 * The reactive properties an element declares its backend with (for elements declared without decorators,
 * which keep their lazily loaded chunks free of the decorator helper).
 */
export const BACKEND_PROPERTIES = {
  issuer: {},
  clientId: { attribute: 'client-id' },
  client: { attribute: false },
} as const;

/** The issuer when neither the element nor an enclosing `<latch-login>` names one: this page's origin. */
export const DEFAULT_ISSUER = '/';

/**
 * The one place an element finds its backend: its own `client`, `issuer` and `client-id`; what it leaves out,
 * from the nearest enclosing `<latch-login>` (through shadow roots); else this page's origin. The issuer is
 * resolved against `location`, not `document.baseURI`: a `<base href>` must not move the backend (fault E10).
 */
export function backendOf(element: BackendSource): Backend {
  const login = enclosingLogin(element);
  const issuer = element.issuer || login?.issuer || DEFAULT_ISSUER;
  return {
    issuer: new URL(issuer, location.href).href,
    clientId: element.clientId || login?.clientId || '',
    client: element.client ?? (element.issuer || element.clientId ? undefined : login?.client),
  };
}

/** The client for an element's backend (see {@link backendOf}, {@link clientFor}). */
export function clientOf(backend: Backend): Promise<LatchClient> {
  return clientFor(backend.client, backend);
}

function enclosingLogin(element: Element): BackendSource | undefined {
  let node: Node | null = element.parentNode;
  while (node) {
    if (node instanceof Element && node.localName === 'latch-login') return node as BackendSource;
    node = node instanceof ShadowRoot ? node.host : node.parentNode;
  }
  return undefined;
}
