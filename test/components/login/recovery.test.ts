import { expect, fixture, html } from '@open-wc/testing';
import { waitUntil } from '../../helpers/wait-until.js';
import '../../../src/components/login/login.js';
import type { LatchClient, StepOutcome } from '../../../src/client/client.js';
import type { LatchLogin } from '../../../src/components/login/login.component.js';
import type { StepState } from '../../../src/protocol/index.js';

// <latch-login>'s account recovery views (profile §22) against an in-page client whose calls answer at once:
// what a backend without the step gets, and the views' words and focus in another language. The whole path
// against the reference backend is test/e2e/passkey-recovery.spec.ts.

const never = () => new Promise<never>(() => undefined);
const step = (state: StepState): StepOutcome => ({ type: 'step', state });

/** A client whose email step leads to a second factor (a passkey the customer lost), and whose recovery waits. */
function recoveryClient(stepTypes: string[]): LatchClient {
  const client = {
    issuer: 'https://id.example.test',
    clientId: 'web',
    storage: { get: async () => undefined, set: async () => undefined, delete: async () => undefined },
    discover: async () => ({ issuer: 'https://id.example.test', ciam_step_types_supported: stepTypes }),
    getSession: async () => ({ active: false }),
    onSessionChange: () => () => undefined,
    passkeySupport: async () => ({ available: true, autofill: false }),
    clientCapabilities: async () => ({ conditionalCreate: false }),
    isRedirectCallback: () => false,
    connectionForEmail: async () => undefined,
    startSignIn: async () => step({ step: 'identifier' }),
    submitIdentifier: async () =>
      step({ step: 'totp', code_length: 6, reason: 'new_device', alternatives: [] }),
    recoverAccount: async () =>
      step({ step: 'account_recovery', status: 'waiting', available_at: Date.UTC(2030, 0, 15, 9, 30) / 1000, destination_hint: 'j•••@example.com', reason: 'new_device', alternatives: [] }),
    verifyTotp: never,
    selectFactor: never,
  };
  return client as unknown as LatchClient;
}

async function atSecondFactor(client: LatchClient, lang = 'en'): Promise<LatchLogin> {
  const element = await fixture<LatchLogin>(html`<div lang=${lang}><latch-login .client=${client} site-name="Acme" methods="email_otp"></latch-login></div>`).then(
    (wrapper) => wrapper.querySelector('latch-login')!,
  );
  const input = element.querySelector<HTMLInputElement>('input[name="username"]')!;
  input.value = 'jo@example.com';
  element.querySelector<HTMLFormElement>('form')!.requestSubmit();
  await waitUntil(() => element.querySelector('input[name="one-time-code"]'), 'the second factor is shown');
  return element;
}

const buttons = (element: LatchLogin) => [...element.querySelectorAll('button')].map((button) => button.textContent!.trim());

describe('<latch-login> account recovery', () => {
  it('offers no recovery link when the backend does not list the step', async () => {
    const element = await atSecondFactor(recoveryClient(['identifier', 'email_otp', 'totp']));
    // Discovery has answered (it came before the first step); draw again with what it said.
    element.requestUpdate();
    await element.updateComplete;
    expect(buttons(element)).to.include('Verify');
    expect(buttons(element)).not.to.include("Can't use this?");
  });

  it('starts from "Can\'t use this?" and shows the waiting period in the page\'s language, focused on its heading', async () => {
    const element = await atSecondFactor(recoveryClient(['identifier', 'email_otp', 'totp', 'account_recovery']), 'de');
    await waitUntil(() => buttons(element).includes('Sie können das nicht verwenden?'), 'the recovery link is shown');
    [...element.querySelectorAll('button')].find((button) => button.textContent!.trim() === 'Sie können das nicht verwenden?')!.click();
    await waitUntil(() => element.querySelector('h2')?.textContent === 'Kontowiederherstellung gestartet', 'the waiting view is shown');
    await element.updateComplete;
    const when = new Intl.DateTimeFormat('de', { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(Date.UTC(2030, 0, 15, 9, 30)));
    expect(element.textContent).to.contain(`Ab ${when} können Sie den Zugang wiederherstellen`);
    expect(element.textContent).to.contain('Wir haben eine E-Mail an j•••@example.com gesendet.');
    expect(document.activeElement).to.equal(element.querySelector('h2'));
    await expect(element).to.be.accessible();
  });
});
