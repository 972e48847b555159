import { randomUUID } from 'node:crypto';
import { expect, test } from '@playwright/test';
import { E2E_BASE_URL, HttpCustomer, newBrowser, PASSWORD, readOutbox } from './support/backend.js';

// docs/protocol.md "Identifier normalisation": the reference backend keys accounts by one spelling of the
// address (NFC, lower-cased, IDN domain in ASCII), so every way of writing it reaches the same account.

test('differently written forms of one address reach one account', async () => {
  const id = randomUUID().slice(0, 8);
  // Typed at sign-up: upper case, a decomposed ë (e + U+0308), and a Unicode domain.
  const typed = `Zoe\u0308-${id}@B\u00FCcher.Example`;
  const canonical = `zo\u00EB-${id}@xn--bcher-kva.example`;
  const browser = await newBrowser(E2E_BASE_URL);
  const customer = new HttpCustomer(browser, typed, E2E_BASE_URL);

  const started = await customer.start({ login_hint: typed });
  expect((started.body.ciam as { login_hint: string }).login_hint).toBe(canonical);
  expect((await customer.step({ type: 'sign_up', password: PASSWORD })).status).toBe(400);
  const mail = (await readOutbox(browser)).find((sent) => sent.to === canonical);
  expect(mail?.purpose).toBe('sign_up');
  expect((await customer.step({ type: 'email_otp', action: 'verify', code: mail!.code! })).status).toBe(200);
  const owner = ((await customer.session()).user as { sub: string }).sub;

  for (const variant of [
    `ZO\u00CB-${id.toUpperCase()}@B\u00DCCHER.EXAMPLE`,
    canonical,
    `zoe\u0308-${id}@b\u00FCcher.example`,
    `Zo\u00EB-${id}@XN--BCHER-KVA.example`,
  ]) {
    const signedIn = await new HttpCustomer(browser, variant, E2E_BASE_URL).signInWithPassword();
    expect(signedIn.status, variant).toBe(200);
    expect(((await customer.session()).user as { sub: string }).sub, variant).toBe(owner);
  }
});
