import { randomUUID } from 'node:crypto';
import { expect, test, type APIRequestContext, type APIResponse } from '@playwright/test';
import {
  advanceServerClock,
  E2E_BASE_URL,
  HttpCustomer,
  newBrowser,
  readOutbox,
  type Answer,
} from './support/backend.js';

// Email links (docs/protocol.md §20) against the reference backend, which always mails links to addresses at
// `links.test`: over HTTP (prefetching, replay, an older link, another device, enumeration), then in the widget.

/** A fresh address the backend mails links to. */
function linkEmail(prefix = 'link'): string {
  return `${prefix}-${randomUUID().slice(0, 8)}@links.test`;
}

/** The newest mail to `email`, with the link it carries (or `null`), waiting for one other than `previous`. */
async function mailTo(email: string, previous?: string): Promise<{ purpose: string; link: string | null; text: string }> {
  let found: { purpose: string; link?: string | null; text: string } | undefined;
  await expect
    .poll(async () => {
      found = (await readOutbox(E2E_BASE_URL)).find((mail) => mail.channel === 'email' && mail.to === email);
      return found !== undefined && (found as { link?: string | null }).link !== previous;
    })
    .toBe(true);
  return { purpose: found!.purpose, link: found!.link ?? null, text: found!.text };
}

async function linkFor(email: string, previous?: string): Promise<string> {
  const { link } = await mailTo(email, previous);
  expect(link, 'the mail carries a link').toMatch(/\/link\?token=[\w-]{43}$/);
  return link!;
}

/** The landing page's button, pressed from `browser` (a cookie jar): the form's POST. */
function pressButton(browser: APIRequestContext, link: string): Promise<APIResponse> {
  const token = new URL(link).searchParams.get('token')!;
  return browser.post('/link', { form: { token }, headers: { 'Sec-Fetch-Site': 'same-origin' } });
}

/** Starts a sign-in for `customer` and asks for a link; answers the `email_link` state. */
async function askForLink(customer: HttpCustomer): Promise<Answer> {
  await customer.start({ login_hint: customer.email });
  return customer.step({ type: 'email_link', action: 'send' });
}

const poll = (customer: HttpCustomer) => customer.step({ type: 'email_link', action: 'poll' });

test.describe('email links over HTTP', () => {
  test('select_method offers email_link in place of email_otp for an address that gets links', async () => {
    const customer = new HttpCustomer(await newBrowser(E2E_BASE_URL), linkEmail(), E2E_BASE_URL);
    const started = await customer.start({ login_hint: customer.email });
    expect(started.body.ciam).toMatchObject({ step: 'select_method', methods: ['passkey', 'password', 'email_link'] });
  });

  test('a link prefetched many times by GET still works once, in the asking browser, and never again', async () => {
    const customer = new HttpCustomer(await newBrowser(E2E_BASE_URL), linkEmail('prefetch'), E2E_BASE_URL);
    const sent = await askForLink(customer);
    expect(sent.status).toBe(400);
    expect(sent.body.ciam).toMatchObject({ step: 'email_link', purpose: 'sign_in', destination_hint: 'p•••@links.test', interval: 3 });
    expect(sent.headers['set-cookie']).toMatch(/^latch_link=[\w-]{43}; Path=\/link; Max-Age=600; HttpOnly; SameSite=Lax$/);
    const link = await linkFor(customer.email);

    // A mail gateway's scanner, with its own cookie jar, fetches the link again and again.
    const scanner = await newBrowser(E2E_BASE_URL);
    for (let i = 0; i < 3; i += 1) {
      const fetched = await scanner.get(link);
      expect(fetched.status()).toBe(200);
      expect(await fetched.text()).toContain('<button type="submit" class="primary">Sign in</button>');
    }
    const pending = await poll(customer);
    expect(pending.status, 'a pending poll answers 200').toBe(200);
    expect(pending.body).toEqual({ auth_session: customer.authSession, ciam: sent.body.ciam });

    const pressed = await pressButton(customer.request, link);
    expect(pressed.status()).toBe(200);
    expect(await pressed.text()).toContain('Email confirmed');
    const done = await poll(customer);
    expect(done.status).toBe(200);
    expect(typeof done.body.authorization_code).toBe('string');
    expect((await customer.redeem(done.body.authorization_code as string)).status).toBe(200);

    // Replay: the button again, and the link's GET, show the page that says it cannot be used.
    const replayed = await pressButton(customer.request, link);
    expect(replayed.status()).toBe(410);
    expect(await replayed.text()).toContain('This link cannot be used');
    expect((await scanner.get(link)).status()).toBe(410);
  });

  test('a newer link kills the older one', async () => {
    const customer = new HttpCustomer(await newBrowser(E2E_BASE_URL), linkEmail('older'), E2E_BASE_URL);
    await askForLink(customer);
    const older = await linkFor(customer.email);
    await advanceServerClock(E2E_BASE_URL, 31);
    const resent = await customer.step({ type: 'email_link', action: 'send' });
    expect(resent.status).toBe(400);
    const newer = await linkFor(customer.email, older);
    expect((await customer.request.get(older)).status()).toBe(410);
    expect((await pressButton(customer.request, older)).status()).toBe(410);
    expect((await poll(customer)).status, 'the refused old link used nothing').toBe(200);
    expect((await pressButton(customer.request, newer)).status()).toBe(200);
    expect(typeof (await poll(customer)).body.authorization_code).toBe('string');
  });

  test('an expired link is refused, and the asking tab hears expired_link', async () => {
    const customer = new HttpCustomer(await newBrowser(E2E_BASE_URL), linkEmail('expired'), E2E_BASE_URL);
    await askForLink(customer);
    const link = await linkFor(customer.email);
    await advanceServerClock(E2E_BASE_URL, 601);
    expect((await customer.request.get(link)).status()).toBe(410);
    expect((await pressButton(customer.request, link)).status()).toBe(410);
    const polled = await poll(customer);
    expect(polled.status).toBe(400);
    expect(polled.body.error).toBe('expired_link');
  });

  test('opened on another device, the link signs in only after its code is typed in the asking browser', async () => {
    const customer = new HttpCustomer(await newBrowser(E2E_BASE_URL), linkEmail('device'), E2E_BASE_URL);
    await askForLink(customer);
    const link = await linkFor(customer.email);
    const phone = await newBrowser(E2E_BASE_URL);
    const opened = await pressButton(phone, link);
    expect(opened.status()).toBe(200);
    const page = await opened.text();
    const code = /<p class="link-code"[^>]*>(\d{6})<\/p>/.exec(page)?.[1];
    expect(code, 'the other device shows a code').toBeDefined();
    // A third device gets nothing more.
    expect((await pressButton(await newBrowser(E2E_BASE_URL), link)).status()).toBe(410);

    const asked = await poll(customer);
    expect(asked.status).toBe(200);
    expect(asked.body.ciam).toMatchObject({ step: 'email_link', confirmation: { code_length: 6, attempts_remaining: 5 } });
    const wrong = await customer.step({ type: 'email_link', action: 'confirm', code: code === '000000' ? '111111' : '000000' });
    expect(wrong.body).toMatchObject({ error: 'invalid_code', attempts_remaining: 4 });
    const right = await customer.step({ type: 'email_link', action: 'confirm', code: code! });
    expect(right.status).toBe(200);
    expect((await customer.redeem(right.body.authorization_code as string)).status).toBe(200);
  });

  test('a link requested by someone else and opened by the mailbox owner does not sign the requester in', async () => {
    // The attacker asks for a link to the victim's address; the victim clicks it in their own browser.
    const attacker = new HttpCustomer(await newBrowser(E2E_BASE_URL), linkEmail('victim'), E2E_BASE_URL);
    await askForLink(attacker);
    const victim = await newBrowser(E2E_BASE_URL);
    expect((await pressButton(victim, await linkFor(attacker.email))).status()).toBe(200);
    const polled = await poll(attacker);
    expect(polled.status).toBe(200);
    expect(polled.body.authorization_code, 'no code without the confirmation only the victim saw').toBeUndefined();
    for (let i = 0; i < 5; i += 1) await attacker.step({ type: 'email_link', action: 'confirm', code: String(100000 + i) });
    const burnt = await poll(attacker);
    expect(burnt.body.error, 'five wrong codes kill the link').toBe('expired_link');
  });
});
