import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { waitUntil } from '../../helpers/wait-until.js';
import { sendKeys } from '@web/test-runner-commands';
import '../../../src/components/login/login.js';
import type { LatchLogin } from '../../../src/components/login/login.component.js';

// Nothing listens on port 9 (discard), so every backend call fails as a real refused connection does.
const OFFLINE_ISSUER = 'http://localhost:9';

async function mount(attributes = ''): Promise<LatchLogin> {
  const element = await fixture<LatchLogin>(
    html`<latch-login issuer=${OFFLINE_ISSUER} client-id="web" site-name="Acme" theme=${attributes || 'light'}></latch-login>`,
  );
  await element.updateComplete;
  return element;
}

const emailInput = (element: LatchLogin) => element.querySelector<HTMLInputElement>('input[name="username"]')!;
const signUpLink = (element: LatchLogin) => [...element.querySelectorAll('button')].find((button) => button.textContent?.trim() === 'Create an account');
const liveRegion = (element: LatchLogin, role: 'alert' | 'status') =>
  element.shadowRoot!.querySelector<HTMLElement>(`[role="${role}"]`)!;

describe('<latch-login>', () => {
  it('puts the credential inputs in the light DOM, inside a real form, with autofill tokens', async () => {
    const element = await mount();
    const input = emailInput(element);
    expect(input.getRootNode()).to.equal(document);
    expect(input.form).to.be.instanceOf(HTMLFormElement);
    expect(input.autocomplete).to.equal('username webauthn');
    expect(input.type).to.equal('email');
    expect(element.querySelector('h2')!.textContent).to.equal('Sign in to Acme');
    expect(element.shadowRoot!.querySelector('slot')).to.exist;
  });

  it('passes axe in light and dark themes', async () => {
    await expect(await mount()).to.be.accessible();
    await expect(await mount('dark')).to.be.accessible();
  });

  it('announces an invalid email, marks and focuses the field, and keeps what was typed', async () => {
    const element = await mount();
    emailInput(element).focus();
    await sendKeys({ type: 'not-an-email' });
    await sendKeys({ press: 'Enter' });
    await element.updateComplete;
    const input = emailInput(element);
    expect(liveRegion(element, 'alert').textContent).to.contain('Enter an email address');
    expect(input.getAttribute('aria-invalid')).to.equal('true');
    const describedBy = document.getElementById(input.getAttribute('aria-describedby')!);
    expect(describedBy?.textContent).to.contain('Enter an email address');
    expect(input.value).to.equal('not-an-email');
    expect(document.activeElement).to.equal(input);
  });

  it('works from the keyboard alone: Tab reaches Continue, Enter on "Create an account" switches to sign-up', async () => {
    const element = await mount();
    // The sign-up link is drawn once discovery has answered: here, once the offline issuer failed.
    await waitUntil(() => signUpLink(element), 'the sign-up link is drawn');
    emailInput(element).focus();
    await sendKeys({ press: 'Tab' });
    expect((document.activeElement as HTMLElement).textContent?.trim()).to.equal('Continue');
    // The passkey button may or may not sit in between (it appears once passkey support is known).
    for (let presses = 0; presses < 3 && (document.activeElement as HTMLElement).textContent?.trim() !== 'Create an account'; presses++) {
      await sendKeys({ press: 'Tab' });
    }
    expect((document.activeElement as HTMLElement).textContent?.trim()).to.equal('Create an account');
    await sendKeys({ press: 'Enter' });
    await element.updateComplete;
    expect(element.querySelector('h2')!.textContent).to.equal('Create your Acme account');
    expect(emailInput(element).autocomplete).to.equal('email');
  });

  it('shows a clear, announced error when the backend cannot be reached, and keeps the email', async () => {
    const element = await mount();
    emailInput(element).focus();
    await sendKeys({ type: 'amy@example.com' });
    const failed = oneEvent(element, 'latch-error');
    await sendKeys({ press: 'Enter' });
    const event = await failed;
    expect(event.detail.code).to.equal('LATCH_NETWORK');
    await element.updateComplete;
    expect(liveRegion(element, 'alert').textContent).to.contain("We couldn't reach the sign-in service");
    expect(element.querySelector('.latch-alert')!.textContent).to.contain("We couldn't reach the sign-in service");
    expect(emailInput(element).value).to.equal('amy@example.com');
    expect(element.querySelector('h2')!.textContent).to.equal('Sign in to Acme');
  });

  it('never lets a paste be blocked: the field takes pasted text like typed text', async () => {
    const element = await mount();
    const input = emailInput(element);
    const data = new DataTransfer();
    data.setData('text/plain', 'pasted@example.com');
    const paste = new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true });
    input.dispatchEvent(paste);
    expect(paste.defaultPrevented).to.equal(false);
  });

  it('survives a second copy of the script registering the same tag (fault E1)', async () => {
    await import('/dist/latchkey.js?copy=2' as string);
    const element = await mount();
    expect(customElements.get('latch-login')).to.equal(element.constructor);
    await waitUntil(() => emailInput(element), 'the form still renders');
  });

  it('keeps working after the page moves it elsewhere in the DOM (fault E12)', async () => {
    const element = await mount();
    const elsewhere = document.createElement('section');
    document.body.append(elsewhere);
    elsewhere.append(element);
    await element.updateComplete;
    emailInput(element).focus();
    await sendKeys({ type: 'amy@example.com' });
    const failed = oneEvent(element, 'latch-error');
    await sendKeys({ press: 'Enter' });
    // A real attempt was made (and failed on the closed port), rather than being aborted silently.
    expect((await failed).detail.code).to.equal('LATCH_NETWORK');
    elsewhere.remove();
  });

  it('leaves nothing behind when removed mid-flight (fault N8)', async () => {
    const element = await mount();
    // Every change of the form's busy state, however brief.
    const busy: string[] = [];
    new MutationObserver((records) => {
      for (const record of records) busy.push((record.target as Element).getAttribute('aria-busy') ?? '');
    }).observe(element, { subtree: true, attributeFilter: ['aria-busy'] });
    emailInput(element).focus();
    await sendKeys({ type: 'amy@example.com' });
    await sendKeys({ press: 'Enter' });
    element.remove();
    const after: string[] = [];
    element.addEventListener('latch-error', (event) => after.push(event.detail.code));
    // The submit went out and its step settled (busy, then not), and nothing was reported once it had left.
    await waitUntil(() => busy.join(' ') === 'true false', 'the submit settles');
    expect(element.isConnected).to.equal(false);
    expect(after).to.deep.equal([]);
  });
});
