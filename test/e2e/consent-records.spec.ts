import { test as apiTest, type Page } from '@playwright/test';
import { codeFor } from './support/flows.js';
import { uniqueEmail } from './support/backend.js';
import { buildAppClient } from './support/app-client.js';
import { consentLog, deviceIdOf, openConsentApp, serveConsentApp, switchConsentVersion, type ConsentWindow } from './support/consent.js';
import { expect, test } from './support/widget.js';

// Consent records (docs/protocol.md §23.3): a choice is applied at once and recorded at the reference backend
// exactly once, whatever happens on the way (offline, a failing backend, a reload), through the IndexedDB outbox;
// a new policy version or an expired choice asks again; a sign-in links the device's records to the account.

const DAY = 86_400_000;

let appClient = '';
test.beforeAll(async () => {
  appClient = await buildAppClient();
});
test.beforeEach(async ({ page }) => serveConsentApp(page, appClient));
test.afterEach(async ({ request }) => switchConsentVersion(request, '2026-10'));

const app = (page: Page) => ({
  choose: (purposes: Record<string, boolean>) =>
    page.evaluate((chosen) => (window as unknown as ConsentWindow).latchConsent.set(chosen, { method: 'banner', text: 'Our cookies' }), purposes),
  outbox: () => page.evaluate(async () => ((await (window as unknown as ConsentWindow).latchClient.storage.get('consent-outbox')) ?? []) as unknown[]),
  get: () => page.evaluate(() => (window as unknown as ConsentWindow).latchConsent.get()),
  flush: () => page.evaluate(() => (window as unknown as ConsentWindow).latchConsent.flush()),
});

test('a choice made offline is applied at once and recorded exactly once after reconnecting', async ({ page, context, request }) => {
  await openConsentApp(page);
  await context.setOffline(true);
  const choice = await app(page).choose({ analytics: true });
  const deviceId = await deviceIdOf(page);
  // Applied on the page while offline, and waiting in the outbox.
  expect(await page.evaluate(() => (window as unknown as ConsentWindow).latchConsent.granted('analytics'))).toBe(true);
  await expect.poll(async () => (await app(page).outbox()).length).toBe(1);

  await context.setOffline(false);
  await expect.poll(async () => (await app(page).outbox()).length).toBe(0);
  const entries = await consentLog(request, { device_id: deviceId });
  expect(entries.map((entry) => entry.receipt.id)).toEqual([choice.id]);
  expect(entries[0]!.receipt).toMatchObject({ purposes: { analytics: true, advertising: false, personalisation: false }, gpc: false, method: 'banner' });
});

test('a choice left in the outbox when its page closed is recorded by the next page, once', async ({ page, context, request }) => {
  const first = await context.newPage();
  await serveConsentApp(first, appClient);
  await openConsentApp(first);
  await context.setOffline(true);
  const choice = await app(first).choose({ analytics: true, personalisation: true });
  const deviceId = await deviceIdOf(first);
  await expect.poll(async () => (await app(first).outbox()).length).toBe(1);
  await first.close();
  await context.setOffline(false);

  await openConsentApp(page);
  await expect.poll(async () => (await app(page).outbox()).length).toBe(0);
  expect((await consentLog(request, { device_id: deviceId })).map((entry) => entry.receipt.id)).toEqual([choice.id]);
});

test('a backend failure, then success, records the choice exactly once', async ({ page, request }) => {
  // Fault injection: the reference backend cannot be made to fail here, so the first POST answers 500 here in
  // the browser; the client's back-off (2 s) then sends it again to the real backend.
  let failed = 0;
  await page.route('**/consent/records', (route) => {
    if (route.request().method() !== 'POST' || failed > 0) return route.fallback();
    failed++;
    return route.fulfill({ status: 500, contentType: 'application/json', body: '{"error":"server_error"}' });
  });
  await openConsentApp(page);
  const choice = await app(page).choose({ advertising: true });
  const deviceId = await deviceIdOf(page);
  await expect.poll(async () => (await app(page).outbox()).length, { timeout: 10_000 }).toBe(0);
  expect(failed).toBe(1);
  expect((await consentLog(request, { device_id: deviceId })).map((entry) => entry.receipt.id)).toEqual([choice.id]);
});

test('a lost answer is sent again and the backend answers the same receipt, recording it once', async ({ page, request }) => {
  // Fault injection: the backend records the choice, but its answer is lost on the way (a dropped connection,
  // which cannot be produced for real here): the browser sees 500 and retries with the same receipt id.
  const answers: number[] = [];
  await page.route('**/consent/records', async (route) => {
    if (route.request().method() !== 'POST') return route.fallback();
    const response = await route.fetch();
    answers.push(response.status());
    return answers.length === 1 ? route.fulfill({ status: 500, contentType: 'application/json', body: '{"error":"server_error"}' }) : route.fulfill({ response });
  });
  await openConsentApp(page);
  await app(page).choose({ personalisation: true });
  const deviceId = await deviceIdOf(page);
  await expect.poll(async () => (await app(page).outbox()).length, { timeout: 10_000 }).toBe(0);
  expect(answers).toEqual([201, 200]);
  expect(await consentLog(request, { device_id: deviceId })).toHaveLength(1);
});

test('after a reload a recorded choice holds and is not sent again', async ({ page, request }) => {
  await openConsentApp(page);
  const choice = await app(page).choose({});
  const deviceId = await deviceIdOf(page);
  await expect.poll(async () => (await app(page).outbox()).length).toBe(0);

  const posts: string[] = [];
  page.on('request', (sent) => sent.url().endsWith('/consent/records') && sent.method() === 'POST' && posts.push(sent.url()));
  await page.reload();
  await openConsentApp(page);
  await app(page).flush();
  expect(posts).toEqual([]);
  expect(await app(page).get()).toMatchObject({ needsChoice: false, choice: { id: choice.id } });
  expect(await consentLog(request, { device_id: deviceId })).toHaveLength(1);
  // The backend's current choice of this device is the same receipt.
  const current = await page.evaluate(async (id) => (await fetch(`/consent/records?device_id=${id}`)).json(), deviceId);
  expect(current.receipt.id).toBe(choice.id);
});

test('a new policy version asks again and says what changed', async ({ page, request }) => {
  await openConsentApp(page);
  await app(page).choose({ analytics: true });
  await switchConsentVersion(request, '2026-12');
  await openConsentApp(page);
  const state = await app(page).get();
  expect(state).toMatchObject({ needsChoice: true, previousVersion: '2026-10', config: { version: '2026-12' } });
  expect(state.config?.changes?.en).toContain('functional');
  expect(await page.evaluate(() => (window as unknown as ConsentWindow).latchConsent.granted('analytics'))).toBe(false);
  // A record for the new version needs exactly its purposes.
  const next = await app(page).choose({ analytics: true });
  expect(Object.keys(next.purposes).sort()).toEqual(['advertising', 'analytics', 'functional', 'personalisation', 'sale_share']);
});

test('a refusal expires after 182 days, an acceptance holds for 365', async ({ page, request }) => {
  // The page's clock starts 183 days ago (the backend keeps its own, real, time).
  const now = Date.now();
  await page.clock.install({ time: now - 183 * DAY });
  await openConsentApp(page);
  const refusal = await app(page).choose({});
  const deviceId = await deviceIdOf(page);
  await expect.poll(async () => (await app(page).outbox()).length).toBe(0);
  expect(refusal.expires_at).toBe(refusal.chosen_at + 182 * DAY);
  expect(await app(page).get()).toMatchObject({ needsChoice: false });

  await page.clock.setSystemTime(now);
  expect(await app(page).get()).toMatchObject({ needsChoice: true });
  // The backend has the record, but no longer counts it as this device's current choice.
  expect(await consentLog(request, { device_id: deviceId })).toHaveLength(1);
  expect(await page.evaluate(async (id) => (await fetch(`/consent/records?device_id=${id}`)).json(), deviceId)).toEqual({});

  // A minute after the refusal: the newest choice is the device's current one.
  await page.clock.setSystemTime(now - 183 * DAY + 60_000);
  const acceptance = await app(page).choose({ analytics: true });
  await page.clock.setSystemTime(now);
  expect(await app(page).get()).toMatchObject({ needsChoice: false, choice: { id: acceptance.id } });
  await expect
    .poll(async () => (await page.evaluate(async (id) => (await fetch(`/consent/records?device_id=${id}`)).json(), deviceId)).receipt?.id)
    .toBe(acceptance.id);
});

test("signing in links the device's records to the account", async ({ page, request }) => {
  await openConsentApp(page);
  const choice = await app(page).choose({ analytics: true });
  const deviceId = await deviceIdOf(page);
  await expect.poll(async () => (await app(page).outbox()).length).toBe(0);

  const email = uniqueEmail('consent');
  const step = await page.evaluate(async (loginHint) => {
    const client = (window as unknown as ConsentWindow).latchClient;
    await client.startSignIn();
    return client.submitIdentifier({ loginHint });
  }, email);
  expect(step).toMatchObject({ type: 'step', state: { step: 'select_method' } });
  expect(await page.evaluate(() => (window as unknown as ConsentWindow).latchClient.requestEmailCode())).toMatchObject({ state: { step: 'email_otp' } });
  const code = await codeFor(email);
  const done = await page.evaluate((otp) => (window as unknown as ConsentWindow).latchClient.verifyEmailCode({ code: otp }), code);
  expect(done.type).toBe('signed-in');

  // The device's anonymous entries moved to the account: the account's current choice is the device's.
  await expect.poll(async () => (await consentLog(request, { device_id: deviceId })).length).toBe(0);
  const current = await page.evaluate(async () => (await fetch('/consent/records', { credentials: 'include' })).json());
  expect(current.receipt.id).toBe(choice.id);
  // A choice made while signed in is the account's at once.
  const later = await app(page).choose({});
  await expect.poll(async () => (await page.evaluate(async () => (await fetch('/consent/records')).json())).receipt?.id).toBe(later.id);
});

test('a record the backend refuses for good leaves the outbox and is told as latch-error, not retried', async ({ page }) => {
  await openConsentApp(page);
  // A real refusal: a policy version the backend never had (the page was given its config directly).
  const posts: number[] = [];
  page.on('response', (answer) => answer.url().endsWith('/consent/records') && answer.request().method() === 'POST' && posts.push(answer.status()));
  await page.evaluate(() => {
    const { latchConsent } = window as unknown as ConsentWindow;
    latchConsent.useConfig({ ...latchConsent.get().config!, version: '1999-01' });
  });
  await app(page).choose({ analytics: true });
  await expect.poll(async () => (await app(page).outbox()).length).toBe(0);
  expect(posts).toEqual([400]);
  const events = await page.evaluate(() => window.__latch.events.filter((event) => event.type === 'latch-error'));
  expect(events).toEqual([{ type: 'latch-error', code: 'LATCH_INVALID_RESPONSE' }]);
  // The choice still holds on the page: only its proof could not be recorded.
  expect(await page.evaluate(() => (window as unknown as ConsentWindow).latchConsent.granted('analytics'))).toBe(true);
});

// The profile's rules at the HTTP level, without a page (so without the page guards of ./support/widget.js).
apiTest.describe('the reference backend', () => {
  apiTest.afterEach(async ({ request }) => switchConsentVersion(request, '2026-10'));
  const record = (overrides: Record<string, unknown> = {}) => ({
    id: crypto.randomUUID(),
    device_id: crypto.randomUUID(),
    policy: 'cookies',
    version: '2026-10',
    purposes: { analytics: true, advertising: false, personalisation: false },
    gpc: false,
    method: 'api',
    chosen_at: Date.now(),
    text: 'Our cookies',
    ...overrides,
  });

  apiTest('serves the config with an ETag, and 304 while it is unchanged', async ({ request }) => {
    const first = await request.get('/consent');
    expect(first.headers()['cache-control']).toBe('no-cache');
    const etag = first.headers()['etag']!;
    expect((await first.json()).version).toBe('2026-10');
    expect((await request.get('/consent', { headers: { 'if-none-match': etag } })).status()).toBe(304);
    await switchConsentVersion(request, '2026-12');
    const changed = await request.get('/consent', { headers: { 'if-none-match': etag } });
    expect(changed.status()).toBe(200);
    expect(changed.headers()['etag']).not.toBe(etag);
  });

  apiTest('records once per receipt id: 201, then 200 with the same receipt', async ({ request }) => {
    const sent = record();
    const first = await request.post('/consent/records', { data: sent });
    const again = await request.post('/consent/records', { data: { ...sent, purposes: { analytics: false, advertising: false, personalisation: false } } });
    expect([first.status(), again.status()]).toEqual([201, 200]);
    expect(await again.json()).toEqual(await first.json());
    expect(await first.json()).toMatchObject({ id: sent.id, version: '2026-10', purposes: sent.purposes, text_hash: expect.stringMatching(/^sha256:[\w-]{43}$/) });
    expect(await consentLog(request, { device_id: sent.device_id })).toHaveLength(1);
  });

  apiTest("refuses records whose purposes are not exactly the version's optional ones, or of an unknown version", async ({ request }) => {
    for (const bad of [
      record({ purposes: { analytics: true } }),
      record({ purposes: { analytics: true, advertising: false, personalisation: false, necessary: true } }),
      record({ version: '2026-12' }),
      record({ version: '1999-01' }),
      record({ policy: 'terms' }),
      record({ id: '' }),
    ]) {
      const answer = await request.post('/consent/records', { data: bad });
      expect(answer.status(), JSON.stringify(bad)).toBe(400);
      expect((await answer.json()).error).toBe('invalid_request');
    }
  });

  apiTest('links only with a session, and answers other origins without CORS', async ({ request }) => {
    const link = await request.post('/consent/link', { data: { device_id: crypto.randomUUID() } });
    expect(link.status()).toBe(401);
    const foreign = await request.get('/consent', { headers: { origin: 'https://attacker.example' } });
    expect(foreign.headers()['access-control-allow-origin']).toBeUndefined();
    const refused = await request.post('/consent/records', { data: record(), headers: { origin: 'https://attacker.example' } });
    expect(refused.status()).toBe(403);
  });
});
