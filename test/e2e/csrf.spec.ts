import { expect, test } from '@playwright/test';
import { answer, CLIENT_ID, E2E_BASE_URL, HttpCustomer, newBrowser, pkcePair, readOutbox, uniqueEmail } from './support/backend.js';

// docs/protocol.md "CSRF": the initial challenge request is form-encoded, so any page can post it; when it
// carries the backend's cookies it must come from one of the backend's first-party origins. A foreign page
// must not start a step-up of the victim's session (which emails the victim a code) or a sign-in as the
// victim's remembered browser.

test('a cookie-carrying form post from a foreign page is refused before it does anything', async () => {
  const customer = new HttpCustomer(await newBrowser(E2E_BASE_URL), uniqueEmail('csrf'), E2E_BASE_URL);
  expect((await customer.signUp()).status).toBe(200);
  const mailsTo = async () => (await readOutbox(E2E_BASE_URL)).filter((mail) => mail.to === customer.email).length;
  const mailsBefore = await mailsTo();
  const stepUp = (origin: string) =>
    customer.request.post('/authorize-challenge', {
      form: { client_id: CLIENT_ID, response_type: 'code', code_challenge: pkcePair().challenge, code_challenge_method: 'S256', max_age: '0' },
      headers: { origin },
    });

  // Since the client's origin allow-list (profile §26.2), refused as an origin the client does not allow.
  for (const origin of ['https://attacker.example', 'http://localhost:4419', 'null']) {
    const refused = await answer(await stepUp(origin));
    expect(refused, origin).toMatchObject({ status: 403, body: { error: 'origin_not_allowed' } });
  }
  expect(await mailsTo()).toBe(mailsBefore);

  // The same request from the backend's own page is a step-up.
  const allowed = await answer(await stepUp(E2E_BASE_URL));
  expect(allowed.body).toMatchObject({ error: 'insufficient_authorization', ciam: { step: 'email_otp' } });
  expect(await mailsTo()).toBe(mailsBefore + 1);
});

test('a form post without cookies is not a CSRF risk: it works without an Origin, and only an allowed one refuses nothing', async () => {
  const stranger = await newBrowser(E2E_BASE_URL);
  const start = (headers: Record<string, string>) =>
    stranger.post('/authorize-challenge', {
      form: { client_id: CLIENT_ID, response_type: 'code', code_challenge: pkcePair().challenge, code_challenge_method: 'S256' },
      headers,
    });
  expect((await answer(await start({}))).body).toMatchObject({ error: 'insufficient_authorization', ciam: { step: 'identifier' } });
  // A page elsewhere is refused by the client's origin allow-list (profile §26.2), cookies or not.
  expect(await answer(await start({ origin: 'https://attacker.example' }))).toMatchObject({ status: 403, body: { error: 'origin_not_allowed' } });
});
