import { expect } from '@open-wc/testing';
import { waitUntil } from '../helpers/wait-until.js';
import { createClient, type ClientLocation, type ClientWindow, type TabStorage } from '../../src/client/client.js';
import { LatchErrorCode } from '../../src/client/errors.js';
import { memoryStore } from '../../src/client/storage.js';
import { rejection } from '../helpers/rejection.js';

// The page's globals the client uses (window, location, this tab's storage) are injectable like fetch:
// a client given its own uses them and leaves the real ones alone. The backend's answers are written here
// (its metadata only); the e2e suite runs redirect, popup and step-up sign-ins against the reference backend.

const ISSUER = 'https://id.example.com';
// No authorization challenge endpoint: a backend that is not first-party, so a step-up goes through its page.
const METADATA = { issuer: ISSUER, authorization_endpoint: `${ISSUER}/authorize`, token_endpoint: `${ISSUER}/token` };
const PAGE = 'https://www.example.com/orders/7?tab=items';

const metadataOnly: typeof fetch = async (input) => {
  if (String(input) !== `${ISSUER}/.well-known/openid-configuration`) throw new TypeError('offline');
  return new Response(JSON.stringify(METADATA), { headers: { 'content-type': 'application/json' } });
};

/** A tab storage in memory, so a test can see what was kept in it. */
function tabStorage(): TabStorage & { items: Map<string, string> } {
  const items = new Map<string, string>();
  return {
    items,
    getItem: (key) => items.get(key) ?? null,
    setItem: (key, value) => void items.set(key, value),
    removeItem: (key) => void items.delete(key),
  };
}

/** A page location that records where it was sent instead of leaving. */
function location(href: string): ClientLocation & { assigned: string[] } {
  const assigned: string[] = [];
  return { href, origin: new URL(href).origin, assign: (url) => void assigned.push(String(url)), assigned };
}

/** A window whose popups are blocked, with real event listeners. */
function blockedPopups(): ClientWindow & EventTarget {
  const target = new EventTarget();
  return Object.assign(target, { open: () => null });
}

function clientWith(overrides: { location: ClientLocation; tabStorage: TabStorage; window?: ClientWindow }) {
  return createClient({ issuer: ISSUER, clientId: 'web', fetch: metadataOnly, storage: memoryStore(), ...overrides });
}

describe('createClient() with the page injected', () => {
  it('keeps a redirect sign-in in the given tab storage and returns to the given page', async () => {
    const store = tabStorage();
    const client = clientWith({ location: location(PAGE), tabStorage: store });

    const url = new URL(await client.startRedirectSignIn({ returnTo: '/orders/7' }));

    expect(url.searchParams.get('redirect_uri')).to.equal('https://www.example.com/callback');
    const state = url.searchParams.get('state') ?? '';
    const saved = JSON.parse(store.items.get(`latchkey:redirect:${state}`) ?? '{}') as { returnTo?: string };
    expect(saved.returnTo).to.equal('https://www.example.com/orders/7');
    expect(sessionStorage.getItem(`latchkey:redirect:${state}`)).to.equal(null);

    // The callback takes the transaction from the same storage: once, then only the mark that it was used.
    const callback = `https://www.example.com/callback?state=${state}&error=access_denied`;
    expect((await rejection(client.finishRedirectSignIn({ url: callback }))).code).to.equal(LatchErrorCode.SSO_CANCELLED);
    expect((await rejection(client.finishRedirectSignIn({ url: callback }))).code).to.equal(LatchErrorCode.CALLBACK_REPLAYED);
  });

  it('sends the given page to the backend for a step-up when no popup may open', async () => {
    const store = tabStorage();
    const page = location(PAGE);
    const client = clientWith({ location: page, tabStorage: store, window: blockedPopups() });

    void client.requireStepUp({ acr: 'urn:latch:acr:mfa' });
    await waitUntil(() => page.assigned.length === 1, 'the page was not sent to the sign-in page');

    const url = new URL(page.assigned[0] ?? '');
    expect(url.origin + url.pathname).to.equal(`${ISSUER}/authorize`);
    expect(url.searchParams.get('prompt')).to.equal('login');
    expect(url.searchParams.get('acr_values')).to.equal('urn:latch:acr:mfa');
    const saved = JSON.parse(store.items.get(`latchkey:redirect:${url.searchParams.get('state')}`) ?? '{}') as { returnTo?: string };
    expect(saved.returnTo).to.equal(PAGE);
  });

  it('waits for a popup callback on the given window, and stops listening when aborted', async () => {
    const host = blockedPopups();
    const listening: string[] = [];
    const add = host.addEventListener.bind(host);
    const remove = host.removeEventListener.bind(host);
    host.addEventListener = (type: string, listener: EventListenerOrEventListenerObject | null) => {
      listening.push(type);
      add(type, listener);
    };
    host.removeEventListener = (type: string, listener: EventListenerOrEventListenerObject | null) => {
      listening.splice(listening.indexOf(type), 1);
      remove(type, listener);
    };
    const popup = { location: { href: 'about:blank' }, closed: false, close: () => undefined } as unknown as Window;
    const client = clientWith({ location: location(PAGE), tabStorage: tabStorage(), window: host });
    const controller = new AbortController();

    const signIn = client.signInWithPopup({ popup, signal: controller.signal });
    await waitUntil(() => listening.includes('message'), 'no message listener on the given window');
    expect(popup.location.href).to.match(/^https:\/\/id\.example\.com\/authorize\?/);
    controller.abort();

    expect((await rejection(signIn)).code).to.equal(LatchErrorCode.ABORTED);
    expect(listening).to.deep.equal([]);
  });
});
