import type { APIRequestContext, Page } from '@playwright/test';
import type { ConsentApi } from '../../../src/consent/consent.js';
import type { ConsentRecordRequest } from '../../../src/protocol/index.js';
import { STRICT_CSP } from './widget.js';

// Helpers of the consent specs: an app page holding the Consent Mode script, a tag and the app's own bundle of
// `latchkey/client` (app-client.ts), and the reference backend's dev view of its consent log.

/** What the test page's app offers the test. */
export type ConsentWindow = Window & {
  latchConsent: ConsentApi;
  latchClient: import('../../../src/client/index.js').LatchClient;
  latchChoice: typeof import('../../../src/client/index.js');
  /** What the fake tag saw when it ran: `dataLayer`'s length and entries (Arguments as arrays). */
  tagSaw: { length: number; entries: unknown[] };
  dataLayer: unknown[];
  consentEvents: unknown[];
};

/** A tag, as a tag manager would load it after the Consent Mode script: it records what it could read. */
const TAG = `window.tagSaw = { length: window.dataLayer ? window.dataLayer.length : -1,
  entries: (window.dataLayer || []).map((entry) => (typeof entry.length === 'number' ? Array.from(entry) : entry)) };`;

/**
 * Serves `/consent-app.html` under the strict CSP: the Consent Mode script (with `attributes`), then the tag,
 * then the app's client bundle; `openConsentApp` then makes the client and its consent API.
 */
export async function serveConsentApp(page: Page, appClient: string, attributes = ''): Promise<void> {
  await page.route('**/app/client.js', (route) => route.fulfill({ contentType: 'text/javascript', body: appClient }));
  await page.route('**/app/tag.js', (route) => route.fulfill({ contentType: 'text/javascript', body: TAG }));
  await page.route('**/consent-app.html', (route) =>
    route.fulfill({
      contentType: 'text/html',
      headers: { 'content-security-policy': STRICT_CSP },
      body: `<!doctype html><html lang="en"><head><title>Consent app</title>
<script src="/dist/consent-mode.js" ${attributes}></script>
<script src="/app/tag.js"></script>
</head><body><main><h1>Consent app</h1></main></body></html>`,
    }),
  );
}

/** Opens the app page and gives it `window.latchConsent` (with the backend's config loaded). */
export async function openConsentApp(page: Page): Promise<void> {
  await page.goto('/consent-app.html');
  await page.evaluate(async () => {
    const entry = '/app/client.js';
    const app = window as unknown as ConsentWindow;
    app.latchChoice = (await import(entry)) as typeof import('../../../src/client/index.js');
    app.latchClient = app.latchChoice.createClient({ issuer: location.origin, clientId: 'latchkey-demo' });
    app.consentEvents = [];
    document.addEventListener('latch-consent-change', (event) => app.consentEvents.push((event as CustomEvent).detail));
    app.latchConsent = await app.latchClient.consent();
    await app.latchConsent.loadConfig();
  });
}

/** The device id the page's client made (IndexedDB `latchkey`/`preferences`, key `device-id`). */
export function deviceIdOf(page: Page): Promise<string> {
  return page.evaluate(async () => (await (window as unknown as ConsentWindow).latchClient.storage.get('device-id')) as string);
}

/** The consent log's entries of a device or an account (dev route). */
export async function consentLog(
  request: APIRequestContext,
  owner: { device_id?: string; account_id?: string },
): Promise<Array<{ receipt: ConsentRecordRequest & { recorded_at: number; text_hash: string }; device_id?: string; account_id?: string }>> {
  const response = await request.get('/demo/consent-log', { params: owner });
  return ((await response.json()) as { entries: [] }).entries;
}

/** Makes a policy version live; the specs put `2026-10` back after each test. */
export async function switchConsentVersion(request: APIRequestContext, version: string): Promise<void> {
  const response = await request.post('/demo/consent-version', { data: { version } });
  if (!response.ok()) throw new Error(`consent version ${version}: HTTP ${response.status()}`);
}
