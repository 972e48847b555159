import { expect, fixture, html } from '@open-wc/testing';
import { waitUntil } from '../../helpers/wait-until.js';
import { sendKeys } from '@web/test-runner-commands';
import '../../../src/components/security/security.js';
import type { LatchSecurity } from '../../../src/components/security/security.component.js';
import { createClient } from '../../../src/client/client.js';
import { memoryStore } from '../../../src/client/storage.js';
import { accountDiscovery, ISSUER, json } from '../../helpers/account-backend.js';

// <latch-security>'s password and email sections (profile §21) in each state; the resources are answered in
// the page (account-password-email.spec.ts runs the same flows against the reference backend).

const CODE = '246810';

function backend(options: { password: boolean; passkey: boolean; pending?: boolean; resendAfter?: number }) {
  let summary = { totp: false, recovery_codes_remaining: 0, password: options.password };
  let email = 'ada@example.com';
  let pending: string | undefined = options.pending ? 'new@example.com' : undefined;
  const sent: string[] = [];
  const resendAfter = options.resendAfter ?? 30;
  const emailBody = () => ({ email, email_verified: true, ...(pending ? { pending: { email: pending, expires_in: 600, resend_after: resendAfter } } : {}) });
  const fetchImpl: typeof fetch = async (input, init) => {
    const url = new URL(String(input));
    const method = init?.method ?? 'GET';
    if (url.pathname === '/.well-known/openid-configuration') return accountDiscovery({ ciam_factors_endpoint: `${ISSUER}/factors`, ciam_email_endpoint: `${ISSUER}/email`, ciam_password_min_length: 15 });
    sent.push(`${method} ${url.pathname}${init?.body ? ` ${String(init.body)}` : ''}`);
    if (url.pathname === '/passkeys') return json(200, { rp_id: 'id.example.com', user: { id: 'dXNlcg', name: email, display_name: 'Ada' }, passkeys: [] });
    if (method === 'GET' && url.pathname === '/factors') return json(200, summary);
    if (url.pathname === '/factors/password') {
      if (method === 'DELETE') {
        if (!options.passkey) return json(409, { error: 'last_method' });
        summary = { ...summary, password: false };
        return json(200, summary);
      }
      summary = { ...summary, password: true };
      return json(200, summary);
    }
    if (url.pathname === '/email') {
      if (method === 'GET') return json(200, emailBody());
      const body = JSON.parse(String(init?.body)) as { action: string; email?: string; code?: string };
      if (body.action === 'start') {
        pending = body.email;
        return json(200, { destination_hint: 'n•••@example.com', code_length: 6, expires_in: 600, resend_after: 30 });
      }
      if (body.code !== CODE) return json(400, { error: 'invalid_code', attempts_remaining: 4 });
      email = pending!;
      pending = undefined;
      return json(200, emailBody());
    }
    return json(404, { error: 'not_found' });
  };
  return { client: createClient({ issuer: ISSUER, clientId: 'web', fetch: fetchImpl, storage: memoryStore() }), sent };
}

async function mount(options: { password: boolean; passkey?: boolean; pending?: boolean; resendAfter?: number }) {
  const { client, sent } = backend({ passkey: false, ...options });
  const element = await fixture<LatchSecurity>(html`<latch-security .client=${client} theme="light"></latch-security>`);
  await waitUntil(() => element.querySelector('[data-edit-password]') && element.querySelector('[data-current-email]'), 'the settings loaded');
  await waitUntil(() => element.querySelector('latch-passkeys section[aria-busy="false"]'), 'the passkeys loaded');
  return { element, sent };
}

const button = (root: ParentNode, name: string) => [...root.querySelectorAll('button')].find((b) => b.textContent?.trim() === name) as HTMLButtonElement;
const live = (element: LatchSecurity, role: 'status' | 'alert') => element.shadowRoot!.querySelector(`[role="${role}"]`)!.textContent ?? '';
const field = (element: LatchSecurity, label: string) =>
  element.querySelector<HTMLInputElement>(`#${CSS.escape([...element.querySelectorAll('label')].find((l) => l.textContent?.trim() === label)!.htmlFor)}`)!;

describe('<latch-security> password and email', () => {
  it('changes the password: backend minimum, paste allowed, show/hide, a strength hint, and says other devices were signed out', async () => {
    const { element, sent } = await mount({ password: true });
    expect(element.textContent).to.contain('You can sign in with your email and a password.');
    button(element, 'Change password').click();
    await element.updateComplete;
    const input = field(element, 'New password');
    expect(document.activeElement).to.equal(input);
    expect(input.type).to.equal('password');
    expect(input.autocomplete).to.equal('new-password');
    expect(input.form!.querySelector('input[autocomplete="username"]')).to.exist;
    expect(element.textContent).to.contain('Minimum length: 15 characters.');
    expect(element.textContent).to.contain('Saving a new password signs you out on your other devices.');
    await expect(element).to.be.accessible();

    await sendKeys({ type: 'too short' });
    await element.updateComplete;
    expect(element.textContent).to.contain('Strength: too short.');
    await sendKeys({ press: 'Enter' });
    await element.updateComplete;
    expect(input.getAttribute('aria-invalid')).to.equal('true');
    expect(sent.filter((line) => line.startsWith('PUT'))).to.deep.equal([]);

    // Pasted (an input event with the whole value), then shown.
    input.value = 'correct horse battery staple';
    input.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertFromPaste' }));
    await element.updateComplete;
    expect(element.textContent).to.contain('Strength: strong.');
    expect(input.getAttribute('aria-invalid')).to.equal('false');
    const reveal = [...element.querySelectorAll('label')].find((label) => label.textContent?.trim() === 'Show password')!.querySelector('input')!;
    expect(reveal.type).to.equal('checkbox');
    reveal.click();
    await element.updateComplete;
    expect(input.type).to.equal('text');
    await expect(element).to.be.accessible();

    button(element, 'Save password').click();
    await waitUntil(() => live(element, 'status').includes('Password changed. You were signed out on your other devices.'));
    expect(sent).to.include('PUT /factors/password {"password":"correct horse battery staple"}');
    expect(document.activeElement).to.equal(element.querySelector('[data-edit-password]'));
    expect(element.querySelector('input[type="password"], input[name="new-password"]')).to.equal(null);
  });

  it('adds a password to a passwordless account', async () => {
    const { element } = await mount({ password: false });
    expect(element.textContent).to.contain('You sign in without a password.');
    expect(button(element, 'Remove')).to.equal(undefined);
    button(element, 'Add a password').click();
    await element.updateComplete;
    expect(element.textContent).not.to.contain('signs you out on your other devices');
    await sendKeys({ type: 'a long enough passphrase' });
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => live(element, 'status').includes('Password added.'));
    expect(button(element, 'Change password')).to.exist;
  });

  it('removes the password only with a passkey: otherwise the refusal is announced and nothing changes', async () => {
    const { element } = await mount({ password: true });
    button(element, 'Remove').click();
    await element.updateComplete;
    expect(element.textContent).to.contain('Remove your password?');
    expect(document.activeElement).to.equal(element.querySelector('[data-confirm]'));
    await expect(element).to.be.accessible();
    (element.querySelector('[data-confirm]') as HTMLButtonElement).click();
    await waitUntil(() => live(element, 'alert').includes('Add a passkey before you remove your password'));
    expect(element.textContent).to.contain('You can sign in with your email and a password.');
    await expect(element).to.be.accessible();

    const withPasskey = await mount({ password: true, passkey: true });
    button(withPasskey.element, 'Remove').click();
    await withPasskey.element.updateComplete;
    (withPasskey.element.querySelector('[data-confirm]') as HTMLButtonElement).click();
    await waitUntil(() => live(withPasskey.element, 'status').includes('Password removed.'));
    expect(withPasskey.element.textContent).to.contain('You sign in without a password.');
  });

  it('changes the email with the code sent to the new address: pending state, resend countdown, a wrong code announced', async () => {
    const { element, sent } = await mount({ password: true });
    expect(element.textContent).to.contain('Your email address is ada@example.com.');
    button(element, 'Change email address').click();
    await element.updateComplete;
    const input = field(element, 'New email address');
    expect(document.activeElement).to.equal(input);
    await sendKeys({ type: 'ada@example.com' });
    await sendKeys({ press: 'Enter' });
    await element.updateComplete;
    expect(element.textContent).to.contain('That is already your email address.');
    expect(input.getAttribute('aria-invalid')).to.equal('true');
    await expect(element).to.be.accessible();

    input.value = 'new@example.com';
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => element.querySelector('[data-resend-wait]'), 'the code step');
    await element.updateComplete;
    expect(sent).to.include('POST /email {"action":"start","email":"new@example.com"}');
    expect(element.textContent).to.contain('We emailed a code to new@example.com. Until you enter it, your address stays ada@example.com.');
    expect(element.querySelector('[data-resend-wait]')!.textContent).to.match(/You can ask for a new code in (30|29) s\./);
    const code = element.querySelector<HTMLInputElement>('input[autocomplete="one-time-code"]')!;
    expect(document.activeElement).to.equal(code);
    await expect(element).to.be.accessible();

    await sendKeys({ type: '111111' });
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => live(element, 'alert').includes("That code didn't work. 4 tries left."));
    await element.updateComplete;
    expect(code.getAttribute('aria-invalid')).to.equal('true');
    expect(document.activeElement).to.equal(code);
    expect(element.textContent).to.contain('Your email address is ada@example.com.');
    await expect(element).to.be.accessible();

    code.value = CODE;
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => live(element, 'status').includes('Email address changed.'));
    expect(element.textContent).to.contain('Your email address is new@example.com.');
    expect(document.activeElement).to.equal(element.querySelector('[data-edit-email]'));
    // The passkeys are listed again, so the password manager hears the account's new name.
    await waitUntil(() => sent.lastIndexOf('GET /passkeys') > sent.findIndex((line) => line.includes('"action":"verify"')));
  });

  it('shows a change that waits for its code when it loads, and Cancel leaves the address as it is', async () => {
    const { element } = await mount({ password: true, pending: true });
    expect(element.textContent).to.contain('We emailed a code to new@example.com. Until you enter it, your address stays ada@example.com.');
    button(element, 'Cancel').click();
    await element.updateComplete;
    expect(element.textContent).to.contain('Your email address is ada@example.com.');
    expect(document.activeElement).to.equal(element.querySelector('[data-edit-email]'));
  });

  it('offers a new code once the countdown is over, sent to the same new address', async () => {
    const { element, sent } = await mount({ password: true, pending: true, resendAfter: 0 });
    button(element, 'Send a new code').click();
    await waitUntil(() => sent.some((line) => line.startsWith('POST /email')));
    expect(sent).to.include('POST /email {"action":"start","email":"new@example.com"}');
    await waitUntil(() => element.querySelector('[data-resend-wait]'), 'the countdown starts again');
    expect(document.activeElement).to.equal(element.querySelector('input[autocomplete="one-time-code"]'));
    await expect(element).to.be.accessible();
  });
});
