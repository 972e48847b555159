import { expect } from '@open-wc/testing';
import { createClient } from '../../src/client/client.js';
import { memoryStore } from '../../src/client/storage.js';
import { accountDiscovery, ISSUER } from '../helpers/account-backend.js';

// The backend's clock on this page's (client.serverTimeOffset(), which places `idle_expires_at`): read from the
// session endpoint's `Date` header at the midpoint of the request. <latch-session-timeout> warns and signs out by
// it, so a wrong reading moves the idle deadline. session.spec.ts checks the warning against the reference backend.

/** This page's clock, moved forward by `skew` ms (as a laptop waking from sleep, or Playwright's fastForward, moves it). */
let skew = 0;
const realNow = Date.now.bind(Date);

/** A backend whose clock runs `ahead` ms ahead of the real one; `during` runs while each session request is on its way. */
function backend(ahead: number, during: () => void = () => undefined) {
  const fetchImpl: typeof fetch = async (input) => {
    const { pathname } = new URL(String(input));
    if (pathname === '/.well-known/openid-configuration') return accountDiscovery({ ciam_session_endpoint: `${ISSUER}/session` });
    during();
    return new Response(JSON.stringify({ active: false }), {
      status: 200,
      headers: { 'content-type': 'application/json', date: new Date(realNow() + ahead).toUTCString() },
    });
  };
  return createClient({ issuer: ISSUER, clientId: 'web', fetch: fetchImpl, storage: memoryStore() });
}

describe('the backend clock offset', () => {
  beforeEach(() => {
    skew = 0;
    Date.now = () => realNow() + skew;
  });
  afterEach(() => {
    Date.now = realNow;
  });

  it('is the Date header against the midpoint of the request, within a second', async () => {
    const client = backend(60_000);
    await client.getSession();
    expect(Math.abs(client.serverTimeOffset() - 60_000)).to.be.lessThan(1000);
  });

  it("keeps its last reading when this page's clock jumps while a request is on its way", async () => {
    let jump = 0;
    const client = backend(60_000, () => (skew += jump));
    await client.getSession();
    // 800 s pass on this page's clock during the request: its midpoint would be 400 s off.
    jump = 800_000;
    await client.getSession();
    expect(Math.abs(client.serverTimeOffset() - 60_000)).to.be.lessThan(1000);
    // The next ordinary reading takes the jump into account: this page's clock is 800 s ahead now.
    jump = 0;
    await client.getSession();
    expect(Math.abs(client.serverTimeOffset() - (60_000 - 800_000))).to.be.lessThan(1000);
  });
});
