import { expect } from '@open-wc/testing';
import { waitUntil } from '../helpers/wait-until.js';
import { memoryStore } from '../../src/client/storage.js';
import type { SessionChange } from '../../src/client/types.js';
import { createConsentApi, type ConsentContext } from '../../src/consent/consent.js';
import { CONFIG } from '../helpers/consent-config.js';

// The consent API's page-side behaviour. Its records go nowhere here (the endpoint is unreachable, so they wait
// in the outbox); the e2e spec consent-records.spec.ts sends them to the reference backend.

function consentApi(overrides: Partial<ConsentContext> = {}) {
  const sessionListeners: Array<(change: SessionChange) => void> = [];
  const api = createConsentApi({
    endpoint: () => Promise.reject(new TypeError('offline in this test')),
    request: () => ({ fetch, timeout: 1000 }),
    store: memoryStore(),
    onSessionChange: (listener) => (sessionListeners.push(listener), () => undefined),
    baseDelayMs: 60_000,
    ...overrides,
  });
  return { api, sessionListeners };
}

describe('consent API', () => {
  beforeEach(() => localStorage.clear());

  it('asks for a choice until one is made, then grants what it has on (required purposes always)', async () => {
    const { api } = consentApi();
    api.useConfig(CONFIG);
    expect(api.get()).to.include({ needsChoice: true });
    expect(api.granted('necessary')).to.equal(true);
    expect(api.granted('analytics')).to.equal(false);
    await api.set({ analytics: true }, { method: 'banner', text: 'Our cookies' });
    expect(api.get().needsChoice).to.equal(false);
    expect(api.granted('analytics')).to.equal(true);
    expect(api.granted('advertising')).to.equal(false);
  });

  it("withdraws this browser's choice on its own policy (every optional purpose off, method privacy_center), and no other policy", async () => {
    const { api } = consentApi();
    api.useConfig(CONFIG);
    await api.set({ analytics: true, advertising: true }, { method: 'banner', text: 'Accept all' });
    expect(await api.withdraw('marketing', { method: 'privacy_center', text: 'Withdraw: Marketing emails' })).to.equal(false);
    expect(api.granted('analytics')).to.equal(true);
    expect(await api.withdraw(CONFIG.policy, { method: 'privacy_center', text: 'Withdraw: Cookies and tracking' })).to.equal(true);
    expect(api.granted('analytics')).to.equal(false);
    expect(api.granted('advertising')).to.equal(false);
    expect(api.granted('necessary')).to.equal(true);
    expect(api.get().choice).to.include({ method: 'privacy_center', policy: CONFIG.policy });
  });

  it('runs whenGranted callbacks once, on the first grant, and not after unsubscribing', async () => {
    const { api } = consentApi();
    api.useConfig(CONFIG);
    const ran: string[] = [];
    api.whenGranted('analytics', () => ran.push('analytics'));
    const stop = api.whenGranted('advertising', () => ran.push('advertising'));
    stop();
    await api.set({}, { method: 'banner', text: 'Reject all' });
    expect(ran).to.deep.equal([]);
    await api.set({ analytics: true, advertising: true }, { method: 'banner', text: 'Accept' });
    await api.set({ analytics: true }, { method: 'banner', text: 'Again' });
    expect(ran).to.deep.equal(['analytics']);
    api.whenGranted('analytics', () => ran.push('now'));
    expect(ran).to.deep.equal(['analytics', 'now']);
  });

  it("asks again under a new policy version, keeping the old choice's version for the words of what changed", async () => {
    const { api } = consentApi();
    api.useConfig({ ...CONFIG, version: '2026-10' });
    await api.set({ analytics: true }, { method: 'banner', text: 'Our cookies' });
    const changes: unknown[] = [];
    api.onChange((choice) => changes.push(choice));
    api.useConfig(CONFIG);
    expect(api.get()).to.deep.include({ needsChoice: true, previousVersion: '2026-10', choice: undefined });
    expect(changes).to.deep.equal([undefined]);
    expect(api.granted('analytics')).to.equal(false);
  });

  it('tells the other tabs, whose listeners hear of the choice', async () => {
    const { api: here } = consentApi();
    const { api: there } = consentApi();
    here.useConfig(CONFIG);
    there.useConfig(CONFIG);
    const heard: unknown[] = [];
    there.onChange((choice) => heard.push(choice?.purposes));
    await here.set({ personalisation: true }, { method: 'banner', text: 'Our cookies' });
    await waitUntil(() => heard.length === 1, 'the other tab heard of the choice');
    expect(heard[0]).to.deep.equal({ functional: false, analytics: false, advertising: false, personalisation: true, sale_share: false });
  });

  it('keeps the record in the outbox, with the device id, while the backend is unreachable', async () => {
    const store = memoryStore();
    const { api } = consentApi({ store });
    api.useConfig(CONFIG);
    const choice = await api.set({ analytics: true }, { method: 'api', text: 'Words shown' });
    const deviceId = await store.get('device-id');
    expect(deviceId).to.match(/^[0-9a-f-]{36}$/);
    await waitUntil(async () => ((await store.get('consent-outbox')) as unknown[] | undefined)?.length === 1);
    expect(await store.get('consent-outbox')).to.deep.equal([
      { id: choice.id, device_id: deviceId, policy: 'cookies', version: '2026-12', purposes: choice.purposes, gpc: false, method: 'api', chosen_at: choice.chosen_at, text: 'Words shown' },
    ]);
  });

  it('links the device after its waiting record reached the backend, so a choice made just before signing in joins the account', async () => {
    const heard: string[] = [];
    let answerRecord = (): void => undefined;
    const backend = (async (input: RequestInfo | URL) => {
      const path = new URL(String(input)).pathname;
      heard.push(path);
      if (path.endsWith('/records')) {
        await new Promise<void>((resolve) => (answerRecord = resolve));
        heard.push('record answered');
      }
      return path.endsWith('/link') ? new Response(null, { status: 204 }) : Response.json({}, { status: 201 });
    }) as typeof fetch;
    const { api, sessionListeners } = consentApi({ endpoint: async () => 'https://id.example/consent', request: () => ({ fetch: backend, timeout: 5000 }) });
    api.useConfig(CONFIG);
    await api.set({}, { method: 'banner', text: 'Reject all' });
    await waitUntil(() => heard.length === 1, 'the record was sent');
    for (const listener of sessionListeners) listener({ type: 'signed-in', remote: false });
    setTimeout(() => answerRecord(), 0);
    await waitUntil(() => heard.includes('/consent/link'), 'the link was sent');
    expect(heard).to.deep.equal(['/consent/records', 'record answered', '/consent/link']);
  });

  it('refuses a choice before it has a config', async () => {
    const { api } = consentApi();
    localStorage.removeItem('latch-consent-config');
    const error = await api.set({}, { method: 'banner', text: '' }).catch((e: unknown) => e);
    expect(error).to.have.property('code', 'LATCH_INVALID_OPTIONS');
  });
});
