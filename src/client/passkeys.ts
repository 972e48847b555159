import type { AuthenticationResponseJSON, Passkey, PublicKeyCredentialRequestOptionsJSON } from '../protocol/index.js';
import { readError } from './challenge.js';
import type { ClientContext } from './context.js';
import type { Discovery } from './discovery.js';
import { LatchError, LatchErrorCode } from './errors.js';
import { lazy } from './lazy.js';
import type { SignInTransaction } from './transaction.js';
import { invalidResponse, readJSON, send } from './transport.js';
import type { CallOptions, LatchClient, StepOutcome } from './types.js';
import { toPasskeyError, type ClientCapabilities, type WebAuthnAdapter } from './webauthn.js';

// Passkeys (WebAuthn): signing in with one inside the transaction, autofill included, and creating one
// for the signed-in user. The WebAuthn calls go through the injected adapter.

const loadRegistration = lazy(() => import('./registration.js'));

/** What the passkey part needs from the rest of the client. */
export interface PasskeyDeps {
  ctx: ClientContext;
  webauthn: WebAuthnAdapter;
  discovery: Pick<Discovery, 'endpoint'>;
  transaction: Pick<SignInTransaction, 'step' | 'startSignIn' | 'inProgress'>;
  /** Sends an account request; a step-up challenge runs the prompt and sends it again (step-up wiring). */
  accountRequest(url: string, init: RequestInit, call: CallOptions): Promise<Response>;
}

/** The passkey calls of one client (see `LatchClient`). */
export function createPasskeys({ ctx, webauthn, discovery, transaction, accountRequest }: PasskeyDeps) {
  let capabilities: Promise<ClientCapabilities> | undefined;

  async function startPasskeySignIn(call?: CallOptions): Promise<PublicKeyCredentialRequestOptionsJSON> {
    const outcome = await transaction.step({ type: 'webauthn', action: 'options' }, 'passkey', call);
    if (outcome.type !== 'step' || outcome.state.step !== 'webauthn') {
      throw invalidResponse('Expected passkey request options');
    }
    return outcome.state.request_options;
  }

  async function finishPasskeySignIn(
    call: CallOptions & { response: AuthenticationResponseJSON; rpId?: string },
  ): Promise<StepOutcome> {
    try {
      return await transaction.step({ type: 'webauthn', action: 'verify', response: call.response }, 'passkey', call);
    } catch (error) {
      if (error instanceof LatchError && error.code === LatchErrorCode.PASSKEY_UNKNOWN) {
        // WebAuthn L3 §5.1.10.1: the backend no longer knows this passkey, so the password manager should
        // stop offering it.
        void webauthn.signalUnknownCredential({ rpId: call.rpId ?? new URL(ctx.issuer).hostname, credentialId: call.response.id });
      }
      throw error;
    }
  }

  async function signInWithPasskey(
    call: CallOptions & { autofill?: boolean; requestOptions?: PublicKeyCredentialRequestOptionsJSON } = {},
  ): Promise<StepOutcome> {
    const autofill = call.autofill ?? false;
    return ctx.once(autofill ? 'passkey-autofill' : 'passkey', async () => {
      if (!webauthn.isAvailable()) throw new LatchError(LatchErrorCode.PASSKEY_UNAVAILABLE, 'WebAuthn is not available');
      if (!transaction.inProgress()) await transaction.startSignIn(call);
      const optionsJSON = call.requestOptions ?? (await startPasskeySignIn(call));
      const response = await ceremony(() => webauthn.authenticate({ optionsJSON, autofill }), call.signal);
      return finishPasskeySignIn({ ...call, response, rpId: optionsJSON.rpId });
    });
  }

  /** Runs a WebAuthn ceremony that the caller's signal can end. */
  async function ceremony<T>(run: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    if (signal?.aborted) throw new LatchError(LatchErrorCode.ABORTED, 'Aborted before the ceremony started');
    const cancel = () => webauthn.cancel();
    signal?.addEventListener('abort', cancel, { once: true });
    try {
      return await run();
    } catch (error) {
      throw toPasskeyError(error);
    } finally {
      signal?.removeEventListener('abort', cancel);
    }
  }

  async function registerPasskey(call: CallOptions & { conditional?: boolean } = {}): Promise<Passkey> {
    const conditional = call.conditional ?? false;
    return ctx.once(conditional ? 'register-passkey-conditional' : 'register-passkey', async () => {
      const url = await discovery.endpoint('ciam_passkey_registration_endpoint', call);
      const post = async (body: unknown) => {
        const init = { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json' }, body: JSON.stringify(body) };
        // Adding a passkey may need a recent sign-in: the step-up prompt answers the challenge and the request
        // goes again. An automatic (conditional) registration never opens a prompt.
        const response = conditional ? await send(url, init, ctx.request(call)) : await accountRequest(url, init, call);
        if (!response.ok) throw await readError(response);
        return readJSON(response);
      };
      const { registerPasskey: register } = await loadRegistration();
      return register(post, (optionsJSON) => ceremony(() => webauthn.register({ optionsJSON, conditional }), call.signal));
    });
  }

  const calls: Pick<
    LatchClient,
    'startPasskeySignIn' | 'finishPasskeySignIn' | 'signInWithPasskey' | 'registerPasskey' | 'clientCapabilities' | 'passkeySupport'
  > = {
    startPasskeySignIn,
    finishPasskeySignIn,
    signInWithPasskey,
    registerPasskey,
    clientCapabilities: () => (capabilities ??= webauthn.capabilities?.().catch(() => ({})) ?? Promise.resolve({})),
    passkeySupport: async () => {
      const available = webauthn.isAvailable();
      return { available, autofill: available && (await webauthn.isAutofillAvailable()) };
    },
  };
  return { calls, registerPasskey };
}
