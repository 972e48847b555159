import { expect, fixture, html } from '@open-wc/testing';
import { waitUntil } from '../../helpers/wait-until.js';
import '../../../src/components/login/login.js';
import type { LatchClient, SignedIn } from '../../../src/client/client.js';
import type { LatchLogin } from '../../../src/components/login/login.component.js';

// The signed-in view right after a sign-in, while the passkey offer still waits for the backend: the sign-in is done,
// so "Sign out" works at once. An in-page client whose session check never answers after the first holds the offer.

const never = () => new Promise<never>(() => undefined);
const signedIn: SignedIn = { user: { sub: 's1', email: 'jo@example.com' }, method: 'email_otp', amr: ['otp'] };

/** A client that signs in at the email step, and whose every later session check hangs. */
function slowOfferClient(calls: string[]): LatchClient {
  let sessionChecks = 0;
  const client = {
    issuer: 'https://id.example.test',
    clientId: 'web',
    storage: { get: async () => undefined, set: async () => undefined, delete: async () => undefined },
    discover: async () => ({
      issuer: 'https://id.example.test',
      ciam_step_types_supported: ['identifier', 'email_otp'],
      ciam_passkey_registration_endpoint: 'https://id.example.test/passkeys/register',
    }),
    getSession: () => (sessionChecks++ === 0 ? Promise.resolve({ active: false }) : never()),
    onSessionChange: () => () => undefined,
    passkeySupport: async () => ({ available: true, autofill: false }),
    clientCapabilities: async () => ({ conditionalCreate: false }),
    isRedirectCallback: () => false,
    connectionForEmail: async () => undefined,
    startSignIn: async () => ({ type: 'step', state: { step: 'identifier' } }),
    submitIdentifier: async () => ({ type: 'signed-in', signedIn }),
    signOut: async () => {
      calls.push('signOut');
    },
    endSessionUrl: async () => undefined,
  };
  return client as unknown as LatchClient;
}

describe('<latch-login> signed in', () => {
  it('signs out at the first click while the passkey offer is still asking the backend', async () => {
    const calls: string[] = [];
    const element = await fixture<LatchLogin>(html`<latch-login .client=${slowOfferClient(calls)} site-name="Acme" methods="email_otp passkey"></latch-login>`);
    element.querySelector<HTMLInputElement>('input[name="username"]')!.value = 'jo@example.com';
    element.querySelector<HTMLFormElement>('form')!.requestSubmit();
    await waitUntil(() => element.querySelector('h2')?.textContent === "You're signed in", 'the signed-in view is shown');
    await element.updateComplete;
    const signOut = [...element.querySelectorAll('button')].find((button) => button.textContent?.trim() === 'Sign out')!;
    expect(signOut.getAttribute('aria-disabled')).to.equal('false');
    signOut.click();
    await waitUntil(() => element.querySelector('h2')?.textContent === 'Sign in to Acme', 'the sign-in form is back');
    expect(calls).to.deep.equal(['signOut']);
  });
});
