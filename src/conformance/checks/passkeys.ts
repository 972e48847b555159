import { ChallengeSuccessResponse, PasskeyCreationOptionsResponse, PasskeyRegistrationResponse } from '../../protocol/index.js';
import { CheckFailure, expectSchema, expectThat, type Check } from '../check.js';
import type { SoftAuthenticator } from '../authenticator.js';
import { bodyOf } from '../http.js';
import { expectState } from './challenge.js';

// §5 and §2.5: a passkey registered for the run's account with a software authenticator, then a sign-in with it.

export const passkeyChecks: Check[] = [
  {
    id: 'C-PK-1',
    section: '§5',
    title: 'Passkey registration without a session answers 401 login_required',
    async run(ctx) {
      const endpoint = await ctx.endpoint('ciam_passkey_registration_endpoint');
      const exchange = await ctx.browser().send(endpoint, { json: { action: 'options' }, headers: { Origin: new URL(ctx.issuer).origin } });
      expectThat(exchange.status === 401 && bodyOf(exchange).error === 'login_required', 'expected 401 login_required', exchange);
    },
  },
  {
    id: 'C-PK-2',
    section: '§5',
    title: 'A signed-in user registers a passkey: options match PasskeyCreationOptionsResponse with residentKey and userVerification required; verify answers PasskeyRegistrationResponse',
    async run(ctx) {
      const { options, registered } = await ctx.passkey();
      expectSchema(PasskeyCreationOptionsResponse, 'PasskeyCreationOptionsResponse', options);
      expectSchema(PasskeyRegistrationResponse, 'PasskeyRegistrationResponse', registered);
      const selection = (bodyOf(options).creation_options as { authenticatorSelection?: { residentKey?: string; userVerification?: string } }).authenticatorSelection;
      // Usernameless sign-in and autofill need a discoverable credential; a passkey counts alone only if it verifies the user (§12.1).
      if (selection?.residentKey !== 'required' || selection.userVerification !== 'required') {
        throw new CheckFailure('creation options do not require a discoverable, user-verifying credential', `authenticatorSelection: ${JSON.stringify(selection ?? null)}`);
      }
    },
  },
  {
    id: 'C-PK-3',
    section: '§2.5',
    title: 'The passkey signs in: webauthn options (discoverable), then verify answers 200 with an authorization code',
    async run(ctx) {
      await ctx.requireStep('webauthn');
      const { authenticator, signedIn } = await ctx.passkey();
      const browser = ctx.browser();
      const options = await ctx.step(browser, await ctx.start(browser), { type: 'webauthn', action: 'options' });
      const ciam = expectState(options, 'webauthn');
      const requestOptions = ciam.request_options as Parameters<SoftAuthenticator['get']>[0];
      expectThat(requestOptions.allowCredentials === undefined, 'the sign-in\'s request options name credentials (allowCredentials)', options);
      const verified = await ctx.step(browser, options, { type: 'webauthn', action: 'verify', response: authenticator.get(requestOptions) });
      expectThat(verified.status === 200, 'the passkey did not sign in', verified);
      expectSchema(ChallengeSuccessResponse, 'ChallengeSuccessResponse', verified);
      const session = await ctx.endpoint('ciam_session_endpoint').then((url) => browser.send(url), () => undefined);
      if (session) {
        const user = bodyOf(session).user as { email?: string } | undefined;
        expectThat(bodyOf(session).active === true && user?.email?.toLowerCase() === signedIn.email.toLowerCase(), 'the passkey\'s session is not the account\'s', session);
      }
    },
  },
];
