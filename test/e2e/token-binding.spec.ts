import { expect, test } from '@playwright/test';
import { advanceServerClock, answer, E2E_BASE_URL, HttpCustomer, newBrowser, uniqueEmail, type Answer } from './support/backend.js';

// docs/protocol.md "Binding a token to a session": POST /session turns an access token into the long
// first-party session only for the token's own client (named by the page's Origin), within 60 s of issue,
// and once. Anything else is refused with RFC 6750 §3.1's invalid_token (or invalid_request without Origin); a
// page on an origin no client allows gets origin_not_allowed first (profile §26.2).

/** A fresh access token of the demo client, as a redirect or popup sign-in ends with. */
async function freshAccessToken(): Promise<string> {
  const customer = new HttpCustomer(await newBrowser(E2E_BASE_URL), uniqueEmail('bound'), E2E_BASE_URL);
  const signedUp = await customer.signUp();
  const tokens = await customer.redeem(String(signedUp.body.authorization_code));
  expect(tokens.status).toBe(200);
  return String(tokens.body.access_token);
}

/** POST /session with the token from a browser that has no session yet, as a page of `origin` would send it. */
async function startSession(token: string, origin?: string): Promise<Answer> {
  const browser = await newBrowser(E2E_BASE_URL);
  const headers: Record<string, string> = { authorization: `Bearer ${token}`, ...(origin ? { origin } : {}) };
  return answer(await browser.post('/session', { headers }));
}

const refusal = (error: string, description: string) =>
  expect.objectContaining({
    status: error === 'invalid_request' ? 400 : 401,
    body: { error, error_description: description },
    headers: expect.objectContaining({ 'www-authenticate': `Bearer error="${error}", error_description="${description}"` }),
  });

test('a fresh token of this client starts a session once; replaying it is refused', async () => {
  const token = await freshAccessToken();
  const first = await startSession(token, E2E_BASE_URL);
  expect(first.status).toBe(200);
  expect(first.body).toMatchObject({ active: true });
  expect(first.headers['set-cookie']).toMatch(/^latch_session=[^;]+;/);
  expect(await startSession(token, E2E_BASE_URL)).toEqual(refusal('invalid_token', 'the access token was already used to start a session'));
});

test("a token presented from a page no client allows, or with no page at all, is refused and stays usable by its client", async () => {
  const token = await freshAccessToken();
  // A page on an origin no client lists is refused before the token is even read (profile §26.2).
  for (const origin of ['http://localhost:4419', 'https://attacker.example']) {
    expect(await startSession(token, origin)).toEqual(expect.objectContaining({ status: 403, body: expect.objectContaining({ error: 'origin_not_allowed' }) }));
  }
  expect(await startSession(token)).toEqual(refusal('invalid_request', 'send the request from the client page (Origin names the client)'));
  expect((await startSession(token, E2E_BASE_URL)).status).toBe(200);
});

test('a token older than 60 seconds starts no session', async () => {
  const token = await freshAccessToken();
  await advanceServerClock(E2E_BASE_URL, 61);
  expect(await startSession(token, E2E_BASE_URL)).toEqual(refusal('invalid_token', 'the access token is too old to start a session; sign in again'));
});
