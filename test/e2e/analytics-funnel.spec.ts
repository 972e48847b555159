import type { Page } from '@playwright/test';
import type { AnalyticsEvent } from '../../src/protocol/analytics.js';
import {
  domEvents,
  EVENTS_PATH,
  leaveAfterMarker,
  markLeaving,
  recordAnalytics,
  recordSentBatches,
  storedEntries,
  storedEvents,
  storedOnceArrived,
  type SentBatches,
} from './support/analytics.js';
import { PASSWORD, uniqueEmail } from './support/backend.js';
import { codeFor, enrolPasskey, reachPasswordStep, signUpWithPassword, submitEmail } from './support/flows.js';
import { addVirtualAuthenticator, expect, expectAccessible, holdsSecret, servePage, test, widget, type Guard, useBrowserLayer } from './support/widget.js';

// Passkey autofill (conditional mediation): Chromium's full build.
useBrowserLayer();

// The sign-in funnel's analytics events (issue 15, README "Analytics events and where they go"): the typed
// `latch-analytics` events of each method in order with their durations, the same events in the batches the page
// posts to the reference backend's collector (`POST /events`, checked with the contract's `AnalyticsBatch`), in
// what the collector stored (`GET /dev/events`) and in `dataLayer`, the tail sent by `sendBeacon` when the page
// goes away, the consent queue with the real banner, GPC, and no personal data anywhere.

let sent: SentBatches;
test.beforeEach(async ({ context }) => {
  sent = await recordSentBatches(context);
});

const LOGIN = (extra = '', analytics = 'beacon datalayer') =>
  `<latch-login issuer="/" client-id="latchkey-demo" site-name="Acme" analytics="${analytics}" analytics-url="${EVENTS_PATH}" ${extra}></latch-login>`;

async function openWidget(page: Page, login = LOGIN()): Promise<void> {
  await recordAnalytics(page);
  await servePage(page, '/analytics.html', login);
  await page.goto('/analytics.html');
  await expect(widget(page).heading).toHaveText('Sign in to Acme');
}

/** The events of the page's latest view that started with `viewed`. */
function lastView(events: AnalyticsEvent[]): AnalyticsEvent[] {
  const view = events.filter((event) => event.type === 'viewed').at(-1)?.view;
  return events.filter((event) => event.view === view);
}

/** Waits for the view's `signed_in` on the page, and returns the view's events. */
async function signedInView(page: Page): Promise<AnalyticsEvent[]> {
  await expect.poll(async () => lastView(await domEvents(page)).some((event) => event.type === 'signed_in')).toBe(true);
  return lastView(await domEvents(page));
}

/** Event types in order, with what identifies each step (a method, a code, a trigger). */
function sequence(events: AnalyticsEvent[]): string[] {
  return events.map((event) => {
    if ('method' in event) return `${event.type}:${event.method}`;
    if (event.type === 'error_shown') return `${event.type}:${event.code}`;
    if (event.type === 'passkey_prompted') return `${event.type}:${event.trigger}`;
    return event.type;
  });
}

/** Durations grow along the funnel, and every event shares the view, the visitor and the page's language. */
function expectTimedView(events: AnalyticsEvent[]): void {
  const elapsed = events.flatMap((event) => ('elapsed_ms' in event ? [event.elapsed_ms] : []));
  expect(elapsed.length).toBeGreaterThan(0);
  expect(elapsed).toEqual([...elapsed].sort((a, b) => a - b));
  const viewed = events.find((event) => event.type === 'viewed')!;
  const signedIn = events.find((event) => event.type === 'signed_in')!;
  expect(signedIn.at - viewed.at).toBe((signedIn as { elapsed_ms: number }).elapsed_ms);
  expect(new Set(events.map((event) => event.visitor)).size).toBe(1);
  expect(events[0]!.visitor).toMatch(/^[0-9a-f]{32}$/);
  expect(events.every((event) => event.v === 1 && event.locale === 'en')).toBe(true);
}

/** Everything any destination received carries none of `secrets` (the email, its local part, codes, tokens, ids). */
async function expectNoPersonalData(page: Page, guard: Guard, secrets: string[]): Promise<void> {
  const session = (await (await page.request.get('/session')).json()) as { user?: Record<string, unknown> };
  const ids = Object.entries(session.user ?? {}).flatMap(([key, value]) => (key !== 'email' && typeof value === 'string' && value.length > 3 ? [value] : []));
  const seen = await domEvents(page);
  const visitors = new Set(seen.map((event) => event.visitor));
  const payloads = [
    ...sent.bodies,
    JSON.stringify((await storedEvents()).filter((event) => visitors.has(event.visitor))),
    JSON.stringify(seen),
    await page.evaluate(() => JSON.stringify((window as unknown as { dataLayer?: unknown[] }).dataLayer ?? [])),
  ].join('\n');
  for (const secret of [...secrets, ...guard.secrets, ...ids].filter((value) => value.length > 3)) {
    expect(holdsSecret(payloads, secret), `an analytics payload carries personal data or a secret (${secret}): ${payloads}`).toBe(false);
  }
}

/**
 * What the page posted for the view, and what the collector stored of it, equal what the page saw (same ids, same
 * order), once the batches arrived; and the view's events are in `dataLayer`, in order.
 */
async function expectCollected(page: Page, view: AnalyticsEvent[]): Promise<void> {
  const ids = view.map((event) => event.id);
  expect(await storedOnceArrived(ids)).toEqual(view);
  expect((await storedEvents()).filter((event) => event.view === view[0]!.view)).toEqual(view);
  expect(sent.events().filter((event) => event.view === view[0]!.view)).toEqual(view);
  expect(sent.contentTypes.length).toBeGreaterThan(0);
  expect(sent.contentTypes.every((type) => type.startsWith('text/plain'))).toBe(true);
  const layer = await page.evaluate(() => (window as unknown as { dataLayer: Array<{ event?: string; latch_analytics?: { id: string } }> }).dataLayer);
  const pushed = layer.filter((entry) => entry.event?.startsWith('latch_') && ids.includes(entry.latch_analytics?.id ?? ''));
  expect(pushed.map((entry) => entry.event)).toEqual(view.map((event) => `latch_${event.type}`));
}

/** At each `latch-signed-in`, how many analytics events the page and `dataLayer` had got (the tracker runs first). */
async function countAtSignIn(page: Page): Promise<void> {
  await page.addInitScript(() => {
    document.addEventListener('latch-signed-in', () => {
      const layer = ((window as unknown as { dataLayer?: Array<{ event?: string }> }).dataLayer ?? []).filter((entry) => entry.event?.startsWith('latch_') && entry.event !== 'latch_consent_update');
      (window as unknown as { __atSignIn: unknown }).__atSignIn = {
        dom: (window as unknown as { __analytics: unknown[] }).__analytics.length,
        layer: layer.length,
      };
    });
  });
}

/** The events the collector stored after `before` was read, in arrival order. */
async function storedSince(before: AnalyticsEvent[]): Promise<string[]> {
  const known = new Set(before.map((event) => event.id));
  return (await storedEvents()).flatMap((event) => (known.has(event.id) ? [] : [event.id]));
}

test.describe('<latch-login> analytics funnel', () => {
  test('email code: viewed → identifier → method → code sent → code entered → signed in, with durations', async ({ page, guard }) => {
    const ui = widget(page);
    const email = uniqueEmail('funnel-code');
    await openWidget(page);
    await submitEmail(page, email);
    const code = await codeFor(email);
    await ui.code.fill(code);
    await ui.button('Verify').click();
    await expect(ui.heading).toHaveText("You're signed in");

    const view = await signedInView(page);
    expect(sequence(view)).toEqual([
      'viewed',
      'identifier_submitted',
      'method_chosen:email_otp',
      'code_sent:email_otp',
      'code_entered',
      'signed_in:email_otp',
    ]);
    expect(view.at(-1)).toMatchObject({ steps: 3, retries: 0 });
    expectTimedView(view);
    await expectCollected(page, view);
    await expectNoPersonalData(page, guard, [email, email.split('@')[0]!, code]);
  });

  test('password: a wrong password is an error shown and a retry, then signed in', async ({ page, guard }) => {
    const ui = widget(page);
    const email = uniqueEmail('funnel-pw');
    await page.goto('/');
    await signUpWithPassword(page, email);
    await openWidget(page);
    await submitEmail(page, email);
    await reachPasswordStep(page);
    await ui.password.fill('not the password at all');
    await ui.button('Sign in').click();
    // Each check is a 128 MiB scrypt (demo/server/passwords.ts): slow on a busy machine.
    await expect(ui.alert).toHaveText(/don't match/, { timeout: 15_000 });
    await ui.password.fill(PASSWORD);
    await ui.button('Sign in').click();
    await expect(ui.heading).toHaveText("You're signed in");

    const view = await signedInView(page);
    const steps = sequence(view);
    expect(steps.slice(0, 2)).toEqual(['viewed', 'identifier_submitted']);
    expect(steps.slice(-3)).toEqual(['method_chosen:password', 'error_shown:LATCH_INVALID_CREDENTIALS', 'signed_in:password']);
    expect(view.find((event) => event.type === 'error_shown')).toMatchObject({ step: 'password' });
    expect(view.at(-1)).toMatchObject({ retries: 1 });
    expectTimedView(view);
    await expectCollected(page, view);
    await expectNoPersonalData(page, guard, [email, email.split('@')[0]!, PASSWORD, 'not the password at all']);
  });

  test('passkey: picked from autofill, succeeded and signed in (verified by the backend)', async ({ page, guard }) => {
    // The sign-up and the passkey, on the demo page; then, signed out, the sign-in with it on the analytics page.
    const { email, credential } = await enrolPasskey(page, 'funnel-passkey');
    await page.context().clearCookies();
    const returning = await page.context().newPage();
    const { cdp, authenticatorId } = await addVirtualAuthenticator(returning);
    // The virtual authenticator answers the autofill request with this passkey as soon as the form asks.
    await cdp.send('WebAuthn.addCredential', { authenticatorId, credential });
    await openWidget(returning);
    await expect(widget(returning).heading).toHaveText("You're signed in");
    const session = await (await returning.request.get('/session')).json();
    expect(session).toMatchObject({ active: true, user: { email }, method: 'passkey' });

    const view = await signedInView(returning);
    expect(sequence(view)).toEqual(['viewed', 'method_chosen:passkey', 'passkey_prompted:autofill', 'passkey_succeeded', 'signed_in:passkey']);
    expect(view.at(-1)).toMatchObject({ steps: 2, retries: 0 });
    expectTimedView(view);
    await expectCollected(returning, view);
    await expectNoPersonalData(returning, guard, [email, email.split('@')[0]!, credential.credentialId]);
    await returning.close();
  });

  test('social (popup): the provider’s button is the method choice, then signed in', async ({ page, guard }) => {
    const ui = widget(page);
    const email = uniqueEmail('funnel-google');
    await openWidget(page, LOGIN('sso-mode="popup"'));
    await expect.poll(async () => sequence(await domEvents(page))).toEqual(['viewed']);
    const opened = page.waitForEvent('popup');
    await ui.root.getByRole('button', { name: 'Continue with Google' }).click();
    const popup = await opened;
    await expect(popup.getByText('Test sandbox')).toBeVisible();
    await popup.getByLabel('Email').fill(email);
    await popup.getByRole('button', { name: 'Continue', exact: true }).click();
    await expect(ui.heading).toHaveText("You're signed in");

    const view = await signedInView(page);
    expect(sequence(view)).toEqual(['viewed', 'method_chosen:sso', 'signed_in:sso']);
    expect(view.at(-1)).toMatchObject({ steps: 2, retries: 0 });
    expectTimedView(view);
    await expectCollected(page, view);
    await expectNoPersonalData(page, guard, [email, email.split('@')[0]!]);
  });
});

test.describe('<latch-login> analytics with the consent banner', () => {
  const BANNER = '<latch-consent-banner issuer="/" client-id="latchkey-demo"></latch-consent-banner>';

  test('holds the events until analytics is accepted, then sends them all', async ({ page, guard }) => {
    await countAtSignIn(page);
    await openWidget(page, LOGIN() + BANNER);
    const banner = page.getByRole('region', { name: 'Your privacy choices' });
    await expect(banner).toBeVisible();
    const email = uniqueEmail('funnel-consent');
    await submitEmail(page, email);
    await expect(widget(page).heading).toHaveText('Check your email');
    expect(await domEvents(page)).toEqual([]);

    await banner.getByRole('button', { name: 'Accept all' }).click();
    await expect.poll(async () => sequence(await domEvents(page))).toEqual(['viewed', 'identifier_submitted', 'method_chosen:email_otp', 'code_sent:email_otp']);
    const ui = widget(page);
    await ui.code.fill(await codeFor(email));
    await ui.button('Verify').click();
    await expect(ui.heading).toHaveText("You're signed in");
    const view = await signedInView(page);
    await expectCollected(page, view);
    await expectAccessible(page, 'signed in, banner gone');
    await expectNoPersonalData(page, guard, [email, email.split('@')[0]!]);
  });

  test('drops them on "Reject all": nothing reaches the page, dataLayer or the collector', async ({ page }) => {
    await countAtSignIn(page);
    await openWidget(page, LOGIN() + BANNER);
    const banner = page.getByRole('region', { name: 'Your privacy choices' });
    const email = uniqueEmail('funnel-reject');
    await submitEmail(page, email);
    await expect(widget(page).heading).toHaveText('Check your email');
    await banner.getByRole('button', { name: 'Reject all' }).click();
    await expect(banner).toBeHidden();
    const ui = widget(page);
    await ui.code.fill(await codeFor(email));
    await ui.button('Verify').click();
    await expect(ui.heading).toHaveText("You're signed in");
    await expectNothingSent(page);
    await expect(widget(page).heading).toHaveText('Sign in to Acme');
  });
});

/**
 * After a sign-in: no event reached the page or dataLayer (the tracker hears `latch-signed-in` before the page
 * does, and would have sent at once), and leaving, which sends the tail by beacon when there is one, sent none:
 * the test's own beacon, sent after the widget's would have been, is the only new event the collector stored.
 */
async function expectNothingSent(page: Page): Promise<void> {
  await expect.poll(() => page.evaluate(() => (window as unknown as { __atSignIn?: unknown }).__atSignIn)).toEqual({ dom: 0, layer: 0 });
  const before = await storedEvents();
  const marker = await leaveAfterMarker(page, '/');
  expect(await storedSince(before)).toEqual([marker]);
  expect(sent.bodies).toEqual([]);
}

test.describe('<latch-login> analytics with Global Privacy Control', () => {
  test('a browser sending GPC gets no events: none on the page, in dataLayer or at the collector', async ({ page }) => {
    await page.addInitScript(() => Object.defineProperty(Navigator.prototype, 'globalPrivacyControl', { get: () => true }));
    await countAtSignIn(page);
    await openWidget(page);
    const email = uniqueEmail('funnel-gpc');
    const ui = widget(page);
    await submitEmail(page, email);
    await expect(ui.heading).toHaveText('Check your email');
    await ui.code.fill(await codeFor(email));
    await ui.button('Verify').click();
    await expect(ui.heading).toHaveText("You're signed in");
    await expectNothingSent(page);
  });
});

test.describe('<latch-login> analytics when the visitor leaves', () => {
  test('sendBeacon on pagehide delivers the tail: the submitted email and the abandonment of a page left by a link', async ({ page }) => {
    // `beacon` alone, and a link the page follows the moment the email is submitted: the batch then waiting for
    // its quiet second (src/analytics/delivery.ts) can only leave with the page.
    await page.addInitScript(() =>
      document.addEventListener('latch-analytics', (event) => {
        if ((event as CustomEvent<AnalyticsEvent>).detail.type === 'identifier_submitted') document.querySelector<HTMLAnchorElement>('a#leave')!.click();
      }),
    );
    await openWidget(page, LOGIN('', 'beacon') + '<p><a id="leave" href="/plain.html">Back to the shop</a></p>');
    await expect.poll(async () => (await domEvents(page)).map((event) => event.type)).toEqual(['viewed']);
    const [viewed] = await domEvents(page);
    // Its first batch gone, the queue is empty: the email's event starts the next one, and a new quiet second.
    await storedOnceArrived([viewed!.id]);
    const marker = await markLeaving(page);
    await submitEmail(page, uniqueEmail('funnel-leave'));
    await expect(page).toHaveURL(/\/plain\.html$/);

    await storedOnceArrived([marker]);
    const view = (await storedEntries()).filter((entry) => entry.event.view === viewed!.view);
    const types = view.map((entry) => entry.event.type);
    expect(types[0]).toBe('viewed');
    expect(types.at(-1)).toBe('abandoned');
    // The request the navigation cut off is no error the visitor saw.
    expect(types).not.toContain('error_shown');
    expect(types).not.toContain('signed_in');
    const submitted = view.find((entry) => entry.event.type === 'identifier_submitted')!;
    const abandoned = view.at(-1)!;
    // `abandoned` exists only from the page going away: the email's event arrived in the same batch, the tail.
    expect(submitted.received_at).toBe(abandoned.received_at);
    expect(abandoned.event).toMatchObject({ visitor: viewed!.visitor, step: expect.stringMatching(/^(identifier|code)$/) });
  });
});
