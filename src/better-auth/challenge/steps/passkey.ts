import { callBetterAuth, errorCode, pluginEndpoint } from '../../better-auth-calls.js';
import { nextStep, stepError } from '../answers.js';
import { completeSignIn } from '../completion.js';
import type { StepContext } from '../context.js';
import type { AuthSession } from '../../auth-sessions.js';
import type { AuthContext } from 'better-auth';

// Passkey sign-in (profile §2.5 "Passkey") on @better-auth/passkey's `/passkey/generate-authenticate-options` and
// `/passkey/verify-authentication`. Its challenge cookie lives in the auth session's jar. The options are
// discoverable (no session is sent, so no `allowCredentials`); the profile asks for user verification, which
// better-auth's verification does not require, so the adapter asks for it and checks the UV flag itself.

/** Discoverable request options for this auth session, `userVerification: "required"`. */
export async function passkeyRequestOptions(auth: AuthContext, session: AuthSession): Promise<Record<string, unknown>> {
  const result = await callBetterAuth(auth, pluginEndpoint(auth, 'passkey', 'generatePasskeyAuthenticationOptions'), {
    method: 'GET',
    jar: session.jar,
    cookie: session.jar.header() ?? null,
  });
  const options = { ...(result.body ?? {}), userVerification: 'required' };
  delete (options as { allowCredentials?: unknown }).allowCredentials;
  return options;
}

/** `{ type: "webauthn", action: "options" }`: options for a modal ceremony. */
export async function passkeyOptions(step: StepContext): Promise<Response> {
  return nextStep(step.session, { step: 'webauthn', request_options: await passkeyRequestOptions(step.auth, step.session) });
}

/** `{ type: "webauthn", action: "verify", response }`: the assertion from `navigator.credentials.get()`. */
export async function verifyPasskey(step: StepContext, response: unknown): Promise<Response> {
  const { session, auth } = step;
  if (typeof response !== 'object' || response === null) return stepError(session, 'invalid_request', 'response must be an AuthenticationResponseJSON');
  if (!userVerified(response)) return stepError(session, 'passkey_failed', 'the passkey did not verify the user');
  const result = await callBetterAuth(auth, pluginEndpoint(auth, 'passkey', 'verifyPasskeyAuthentication'), {
    method: 'POST',
    body: { response },
    jar: session.jar,
    origin: step.origin,
  });
  if (result.status === 200) return completeSignIn(step, result, 'passkey');
  if (errorCode(result) === 'PASSKEY_NOT_FOUND') return stepError(session, 'unknown_credential', 'this passkey is not registered here');
  return stepError(session, 'passkey_failed', 'the passkey could not be verified; try again');
}

/** WebAuthn L3 §6.1: flag UV is bit 2 of the flags byte, at offset 32 of the authenticator data. */
function userVerified(response: object): boolean {
  const data = (response as { response?: { authenticatorData?: unknown } }).response?.authenticatorData;
  if (typeof data !== 'string') return false;
  const bytes = Buffer.from(data, 'base64url');
  return bytes.length > 32 && (bytes[32]! & 0x04) !== 0;
}
