import { expect, fixture, html } from '@open-wc/testing';
import { waitUntil } from '../../helpers/wait-until.js';
import { sendKeys } from '@web/test-runner-commands';
import '../../../src/components/security/security.js';
import type { LatchSecurity } from '../../../src/components/security/security.component.js';
import { createClient } from '../../../src/client/client.js';
import { memoryStore } from '../../../src/client/storage.js';
import { accountDiscovery, ISSUER, json } from '../../helpers/account-backend.js';

// What a user sees and does in <latch-security>; the factors resource is answered in the page (the e2e
// suite runs the same flows against the reference backend, security.spec.ts).

const SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';

/** The reference backend's steps: text codes among them, so the phone section is offered. */
const WITH_TEXT_CODES = ['identifier', 'email_otp', 'webauthn', 'totp', 'sms_otp', 'recovery_code'];

function backend(options: { steps?: string[]; summary?: Record<string, unknown> } = {}) {
  let summary: Record<string, unknown> = options.summary ?? { totp: false, recovery_codes_remaining: 3 };
  const sent: string[] = [];
  const fetchImpl: typeof fetch = async (input, init) => {
    const url = new URL(String(input));
    const method = init?.method ?? 'GET';
    if (url.pathname === '/.well-known/openid-configuration') return accountDiscovery({ ciam_factors_endpoint: `${ISSUER}/factors`, ciam_step_types_supported: options.steps ?? WITH_TEXT_CODES });
    sent.push(`${method} ${url.pathname}${init?.body ? ` ${String(init.body)}` : ''}`);
    if (url.pathname === '/passkeys') return json(200, { rp_id: 'id.example.com', user: { id: 'dXNlcg', name: 'a@example.com', display_name: 'A' }, passkeys: [] });
    if (method === 'GET' && url.pathname === '/factors') return json(200, summary);
    if (url.pathname === '/factors/totp') {
      const body = JSON.parse(String(init?.body)) as { action: string; code?: string };
      if (body.action === 'start') {
        return json(200, { secret: SECRET, otpauth_uri: `otpauth://totp/Acme:a%40example.com?secret=${SECRET}&issuer=Acme`, digits: 6, period: 30 });
      }
      if (body.code !== '123456') return json(400, { error: 'invalid_code' });
      summary = { ...summary, totp: true };
      return json(200, summary);
    }
    if (url.pathname === '/factors/recovery-codes') {
      summary = { ...summary, recovery_codes_remaining: 2 };
      return json(200, { codes: ['abcd-efgh', 'jkmn-pqrs'] });
    }
    return json(404, { error: 'not_found' });
  };
  return { client: createClient({ issuer: ISSUER, clientId: 'web', fetch: fetchImpl, storage: memoryStore() }), sent };
}

async function mount(options: Parameters<typeof backend>[0] = {}) {
  const { client, sent } = backend(options);
  const element = await fixture<LatchSecurity>(html`<latch-security .client=${client} theme="light" site-name="Acme"></latch-security>`);
  await waitUntil(() => element.querySelector('h3[id$="-codes"]'), 'the settings loaded');
  await waitUntil(() => element.querySelector('latch-passkeys section[aria-busy="false"]'), 'the passkeys loaded');
  return { element, sent };
}

const button = (root: ParentNode, name: string) =>
  [...root.querySelectorAll('button')].find((b) => b.textContent?.trim() === name) as HTMLButtonElement;
const live = (element: LatchSecurity, role: 'status' | 'alert') => element.shadowRoot!.querySelector(`[role="${role}"]`)!.textContent ?? '';

describe('<latch-security>', () => {
  it('shows passkeys, the authenticator app, text codes and recovery codes, and passes axe', async () => {
    const { element } = await mount();
    expect([...element.querySelectorAll('h3')].map((h) => h.textContent)).to.include.members([
      'Authenticator app',
      'Text message codes',
      'Recovery codes',
    ]);
    expect(element.textContent).to.contain('3 unused codes left.');
    await expect(element).to.be.accessible();
  });

  it('reads as one outline: one level-2 heading, every section (the passkey list too) a level-3 one, each named as a part', async () => {
    const { element } = await mount();
    expect([...element.querySelectorAll('h2')].map((h) => h.textContent)).to.deep.equal(['Account security']);
    expect(element.querySelector('h2')!.getAttribute('part')).to.equal('heading');
    expect([...element.querySelectorAll('[part~="section-heading"]')].map((h) => `${h.localName} ${h.textContent}`)).to.deep.equal([
      'h3 How your account is protected',
      'h3 Passkeys',
      'h3 Authenticator app',
      'h3 Text message codes',
      'h3 Recovery codes',
    ]);
    // One primary action per section.
    for (const section of element.querySelectorAll('[part~="section"]')) {
      const own = [...section.querySelectorAll('[part~="button-primary"]')].filter((b) => b.closest('[part~="section"]') === section);
      expect(own.length, section.querySelector('[part~="section-heading"]')?.textContent ?? '').to.be.at.most(1);
    }
  });

  it('sets up an authenticator app: a QR code drawn in the page, the key in groups, a wrong then a right code', async () => {
    const { element, sent } = await mount();
    button(element, 'Set up an authenticator app').click();
    await waitUntil(() => element.querySelector('svg.latch-qr'), 'the QR code');
    await element.updateComplete;
    const qr = element.querySelector('svg.latch-qr')!;
    expect(qr.getAttribute('role')).to.equal('img');
    expect(qr.querySelector('path')!.getAttribute('d')).to.match(/^M\d+ \d+h1v1h-1z/);
    expect(element.querySelector('[data-secret]')!.textContent).to.equal('JBSW Y3DP EHPK 3PXP JBSW Y3DP EHPK 3PXP');
    const input = element.querySelector<HTMLInputElement>('input[autocomplete="one-time-code"]')!;
    expect(document.activeElement).to.equal(input);
    expect(input.form).to.be.instanceOf(HTMLFormElement);
    await expect(element).to.be.accessible();

    await sendKeys({ type: '111111' });
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => live(element, 'alert').includes("That code didn't work"));
    expect(input.getAttribute('aria-invalid')).to.equal('true');
    input.value = '123 456';
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => live(element, 'status').includes('Authenticator app set up'));
    expect(sent).to.include('POST /factors/totp {"action":"verify","code":"123456"}');
    expect(button(element, 'Remove')).to.exist;
  });

  it('warns before replacing recovery codes, shows the new ones once, and forgets them when saved', async () => {
    const { element } = await mount();
    button(element, 'Create new codes').click();
    await element.updateComplete;
    expect(element.textContent).to.contain('your current codes will stop working');
    button(element, 'Replace my codes').click();
    await waitUntil(() => element.querySelector('[data-codes]'));
    await element.updateComplete;
    expect([...element.querySelectorAll('[data-codes] li')].map((li) => li.textContent)).to.deep.equal(['abcd-efgh', 'jkmn-pqrs']);
    expect(document.activeElement).to.equal(element.querySelector('[data-codes]'));
    await expect(element).to.be.accessible();
    button(element, 'I have saved them').click();
    await element.updateComplete;
    expect(element.querySelector('[data-codes]')).to.equal(null);
    expect(element.textContent).not.to.contain('abcd-efgh');
    expect(element.textContent).to.contain('2 unused codes left.');
  });

  describe('on a backend without a feature (issue 16)', () => {
    const headings = (element: LatchSecurity) => [...element.querySelectorAll('h3')].map((h) => h.textContent);

    it('shows no text-message section when discovery does not list sms_otp', async () => {
      const { element, sent } = await mount({ steps: ['identifier', 'password', 'email_otp', 'webauthn', 'totp', 'recovery_code'] });
      expect(headings(element)).to.include.members(['Authenticator app', 'Recovery codes']);
      expect(headings(element)).not.to.include('Text message codes');
      expect(element.querySelector('[data-add-phone]')).to.equal(null);
      expect(sent.some((line) => line.includes('/factors/phone'))).to.equal(false);
      await expect(element).to.be.accessible();
    });

    it('shows no text-message section when discovery lists no step types at all', async () => {
      const { element } = await mount({ steps: [] });
      expect(headings(element)).not.to.include('Text message codes');
    });

    it('keeps a phone that is already set up, so it can still be removed', async () => {
      const { element } = await mount({ steps: ['identifier', 'totp'], summary: { totp: false, phone: { hint: '•••0123' }, recovery_codes_remaining: 0 } });
      expect(headings(element)).to.include('Text message codes');
      expect(element.querySelector('[data-remove-phone]')).to.exist;
    });

    it('says recovery codes come with an authenticator app instead of offering them, when the backend needs a factor first', async () => {
      const { element, sent } = await mount({ summary: { totp: false, recovery_codes_remaining: 0, recovery_codes_need_factor: true } });
      expect(element.querySelector('[data-create-codes]')).to.equal(null);
      expect(element.querySelector('[data-codes-with-app]')!.textContent).to.equal('You get recovery codes when you set up an authenticator app.');
      expect(sent.some((line) => line.includes('/factors/recovery-codes'))).to.equal(false);
      await expect(element).to.be.accessible();
    });

    it('offers new recovery codes once the authenticator app is set up on such a backend', async () => {
      const { element } = await mount({ summary: { totp: true, recovery_codes_remaining: 10, recovery_codes_need_factor: true } });
      expect(element.querySelector('[data-codes-with-app]')).to.equal(null);
      expect(button(element, 'Create new codes')).to.exist;
    });
  });
});
