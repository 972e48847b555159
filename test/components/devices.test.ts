import { expect, fixture, html } from '@open-wc/testing';
import { waitUntil } from '../helpers/wait-until.js';
import '../../src/components/devices/devices.js';
import type { LatchDevices } from '../../src/components/devices/devices.component.js';
import { createClient } from '../../src/client/client.js';
import { memoryStore } from '../../src/client/storage.js';
import type { ActivityEvent, DeviceSession } from '../../src/protocol/index.js';
import { accountDiscovery, ISSUER, json, recentAuthNeeded } from '../helpers/account-backend.js';

// <latch-devices> in each state against a backend answered in the page (devices.spec.ts runs the same flows
// against the reference backend with two real browsers and the real step-up prompt). Here the step-up prompt is a
// handler that records what it was asked and succeeds: the element's part is to send the request again.

const NOW = Math.floor(Date.now() / 1000);
const LISBON = { city: 'Lisbon', country: 'PT' };

const here: DeviceSession = {
  id: 'h-here',
  current: true,
  signed_in_at: NOW - 3 * 86_400,
  last_active_at: NOW - 30,
  method: 'passkey',
  device: { browser: 'Chrome', browser_version: '131', os: 'macOS', device_type: 'desktop', location: LISBON },
};
const phone: DeviceSession = {
  id: 'h-phone',
  current: false,
  signed_in_at: NOW - 86_400,
  last_active_at: NOW - 2 * 3600,
  method: 'password',
  device: { browser: 'Safari', os: 'iOS', device_type: 'mobile', location: { country: 'DE' } },
};
const unknown: DeviceSession = { id: 'h-unknown', current: false, signed_in_at: NOW - 7200, last_active_at: NOW - 7200 };

const events: ActivityEvent[] = [
  { at: NOW - 60, outcome: 'failure', method: 'password', device: { browser: 'Firefox', os: 'Windows', location: LISBON } },
  { at: NOW - 86_400, outcome: 'success', method: 'password', device: phone.device!, new_device: true },
];

function backend(options: { malformed?: boolean; activity?: ActivityEvent[] } = {}) {
  let sessions = [here, phone, unknown];
  const sent: string[] = [];
  const stepUps: unknown[] = [];
  let steppedUp = false;
  const fetchImpl: typeof fetch = async (input, init) => {
    const url = new URL(String(input));
    const method = init?.method ?? 'GET';
    if (url.pathname === '/.well-known/openid-configuration') {
      return accountDiscovery({
        ciam_sessions_endpoint: `${ISSUER}/account/sessions`,
        ciam_activity_endpoint: `${ISSUER}/account/activity`,
        authorization_challenge_endpoint: `${ISSUER}/authorize-challenge`,
      });
    }
    sent.push(`${method} ${url.pathname}${url.search}`);
    if (method === 'GET' && url.pathname === '/account/sessions') return json(200, options.malformed ? { sessions: 'none' } : { sessions });
    if (method === 'GET' && url.pathname === '/account/activity') return json(200, { events: options.activity ?? events });
    if (method === 'DELETE' && url.pathname === '/account/sessions' && url.search === '?others=true') {
      if (!steppedUp) {
        return recentAuthNeeded();
      }
      sessions = sessions.filter((session) => session.current);
      return new Response(null, { status: 204 });
    }
    const id = /^\/account\/sessions\/(.+)$/.exec(url.pathname)?.[1];
    if (method === 'DELETE' && id) {
      sessions = sessions.filter((session) => session.id !== id);
      return new Response(null, { status: 204 });
    }
    return json(404, { error: 'not_found' });
  };
  const client = createClient({ issuer: ISSUER, clientId: 'web', fetch: fetchImpl, storage: memoryStore() });
  client.onStepUp(async (request) => {
    stepUps.push({ maxAge: request.maxAge });
    steppedUp = true;
  });
  return { client, sent, stepUps };
}

async function mount(options: Parameters<typeof backend>[0] = {}) {
  const { client, sent, stepUps } = backend(options);
  const element = await fixture<LatchDevices>(html`<latch-devices .client=${client} theme="light"></latch-devices>`);
  await waitUntil(() => element.querySelector('[data-sessions]'), 'the sessions loaded');
  return { element, sent, stepUps };
}

const buttons = (root: ParentNode, name: string) => [...root.querySelectorAll('button')].filter((b) => b.textContent?.trim() === name);
const live = (element: LatchDevices, role: 'status' | 'alert') => element.shadowRoot!.querySelector(`[role="${role}"]`)!.textContent ?? '';
const items = (element: LatchDevices, list: 'sessions' | 'activity') => [...element.querySelectorAll(`[data-${list}] > li`)] as HTMLElement[];

describe('<latch-devices>', () => {
  it('lists this device first with its badge, the others with browser, OS, place and times, and the activity with a failure', async () => {
    const { element } = await mount();
    expect([...element.querySelectorAll('h2, h3')].map((h) => h.textContent?.trim())).to.deep.equal([
      'Your devices and sign-in activity',
      "Where you're signed in",
      'Recent sign-in activity',
    ]);
    const [first, second, third] = items(element, 'sessions');
    expect(first!.textContent).to.contain('Chrome on macOS').and.contain('This device').and.contain('Lisbon, Portugal');
    expect(first!.textContent).to.contain('3 days ago').and.contain('now');
    expect(buttons(first!, 'Sign out')).to.have.length(0);
    expect(second!.textContent).to.contain('Safari on iOS').and.contain('Germany').and.contain('2 hours ago');
    expect(second!.textContent).not.to.contain('This device');
    expect(buttons(second!, 'Sign out')).to.have.length(1);
    expect(third!.textContent).to.contain('Unknown device');
    expect([...second!.querySelectorAll('time')].map((time) => time.getAttribute('datetime'))).to.deep.equal(
      [phone.signed_in_at, phone.last_active_at].map((at) => new Date(at * 1000).toISOString()),
    );

    const [failure, success] = items(element, 'activity');
    expect(failure!.dataset['outcome']).to.equal('failure');
    expect(failure!.textContent).to.contain('Failed attempt').and.contain('Firefox on Windows').and.contain('Password').and.contain('1 minute ago');
    expect(success!.textContent).to.contain('Signed in').and.contain('New device').and.contain('yesterday');
    expect(buttons(element, 'Sign out everywhere else')).to.have.length(1);
    await expect(element).to.be.accessible();
  });

  it('signs one other device out: one request with its handle, the list redrawn, announced, focus on the list', async () => {
    const { element, sent } = await mount();
    buttons(items(element, 'sessions')[1]!, 'Sign out')[0]!.click();
    await waitUntil(() => live(element, 'status').includes('signed out'), 'the sign-out was announced');
    expect(live(element, 'status').trim()).to.equal('Safari on iOS is signed out.');
    expect(sent.filter((line) => line.startsWith('DELETE'))).to.deep.equal(['DELETE /account/sessions/h-phone']);
    expect(items(element, 'sessions').map((item) => item.dataset['session'])).to.deep.equal(['h-here', 'h-unknown']);
    expect(document.activeElement?.textContent?.trim()).to.equal("Where you're signed in");
    await expect(element).to.be.accessible();
  });

  it('signs out everywhere else after the step-up the backend asks for, and offers it no more', async () => {
    const { element, sent, stepUps } = await mount();
    buttons(element, 'Sign out everywhere else')[0]!.click();
    await waitUntil(() => live(element, 'status').includes('Every other device'), 'announced');
    expect(stepUps).to.deep.equal([{ maxAge: 300 }]);
    expect(sent.filter((line) => line.startsWith('DELETE'))).to.deep.equal(['DELETE /account/sessions?others=true', 'DELETE /account/sessions?others=true']);
    expect(items(element, 'sessions')).to.have.length(1);
    expect(buttons(element, 'Sign out everywhere else')).to.have.length(0);
    await expect(element).to.be.accessible();
  });

  it('says when there was no sign-in in the last 30 days', async () => {
    const { element } = await mount({ activity: [] });
    expect(element.textContent).to.contain('No sign-ins in the last 30 days.');
    expect(element.querySelector('[data-activity]')).to.equal(null);
  });

  it("speaks the page's language: German words and country names, and Arabic right to left", async () => {
    const { client } = backend();
    const wrapper = await fixture<HTMLDivElement>(html`<div lang="de"><latch-devices .client=${client}></latch-devices></div>`);
    const element = wrapper.querySelector('latch-devices')!;
    await waitUntil(() => element.querySelector('h2')?.textContent === 'Ihre Geräte und Anmeldeaktivität', 'German words');
    await waitUntil(() => element.querySelector('[data-sessions]'), 'the sessions loaded');
    // The city is the backend's word; the country is named in the page's language.
    expect(items(element, 'sessions')[0]!.textContent).to.contain('Chrome unter macOS').and.contain('Dieses Gerät').and.contain('Lisbon, Portugal');
    expect(items(element, 'sessions')[1]!.textContent).to.contain('Safari unter iOS').and.contain('Deutschland').and.contain('vor 2 Stunden');
    wrapper.lang = 'ar';
    await waitUntil(() => element.querySelector('h2')?.textContent === 'أجهزتك ونشاط تسجيل الدخول', 'Arabic words');
    expect(element.shadowRoot!.querySelector('[part="card"]')!.getAttribute('dir')).to.equal('rtl');
  });

  it('shows a malformed list as a typed failure with "Try again", never a half-drawn page', async () => {
    const { client } = backend({ malformed: true });
    const failures: string[] = [];
    const element = await fixture<LatchDevices>(
      html`<latch-devices .client=${client} @latch-error=${(event: Event) => failures.push((event as Event & { detail: { code: string } }).detail.code)}></latch-devices>`,
    );
    await waitUntil(() => buttons(element, 'Try again').length, 'the retry');
    expect(failures).to.deep.equal(['LATCH_INVALID_RESPONSE']);
    expect(live(element, 'alert').trim()).to.equal('Something went wrong on our side. Try again in a moment.');
    expect(element.querySelector('[data-sessions]')).to.equal(null);
    await expect(element).to.be.accessible();
  });

  it('is not shown at all on a backend whose discovery names no sessions resource (issue 16: no "Try again" that could never work)', async () => {
    const asked: string[] = [];
    const fetchImpl: typeof fetch = async (input) => {
      asked.push(new URL(String(input)).pathname);
      return accountDiscovery();
    };
    const client = createClient({ issuer: ISSUER, clientId: 'web', fetch: fetchImpl, storage: memoryStore() });
    const element = await fixture<LatchDevices>(html`<latch-devices .client=${client}></latch-devices>`);
    await waitUntil(() => element.hidden, 'the element hid itself');
    expect(getComputedStyle(element).display).to.equal('none');
    expect(asked).to.deep.equal(['/.well-known/openid-configuration']);
  });
});
