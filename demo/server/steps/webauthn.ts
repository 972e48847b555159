import { verifyAuthenticationResponse } from '@simplewebauthn/server';
import type { AuthenticationResponseJSON, StepState } from '../../../src/protocol/index.js';
import type { AuthSession } from '../auth-sessions.js';
import type { BackendContext } from '../context.js';
import { HttpError } from '../http.js';
import type { Account } from '../store.js';
import { discoverableRequestOptions, toServerAuthenticationResponse, toWebAuthnCredential } from '../webauthn.js';
import type { StepOutcome } from './outcome.js';

/** `webauthn` + `options`: a fresh challenge for a modal, usernameless passkey ceremony. */
export async function startPasskeySignIn(session: AuthSession, ctx: BackendContext): Promise<StepState> {
  const request_options = await discoverableRequestOptions(ctx.relyingParty);
  session.webauthnChallenge = request_options.challenge;
  return { step: 'webauthn', request_options };
}

/** `webauthn` + `verify` as a first factor: the credential id names the account (usernameless). */
export async function finishPasskeySignIn(
  session: AuthSession,
  response: AuthenticationResponseJSON,
  ctx: BackendContext,
): Promise<StepOutcome> {
  const account = await verifyPasskeyAssertion(session, response, ctx);
  return { kind: 'authenticated', accountId: account.id, method: 'passkey' };
}

/**
 * Checks an assertion: it must answer this auth_session's challenge, come from our origin and RP ID, carry
 * user verification (§7.2), and, when `accountId` is given (second factor, step-up), be that account's.
 * Records when the passkey was used and its current backup state.
 */
export async function verifyPasskeyAssertion(
  session: AuthSession,
  response: AuthenticationResponseJSON,
  ctx: BackendContext,
  accountId?: string,
): Promise<Account> {
  const challenge = session.webauthnChallenge;
  if (!challenge) throw new HttpError(400, 'invalid_request', 'ask for passkey options first');
  // Single use: a replayed or failed assertion needs new options.
  delete session.webauthnChallenge;

  const found = ctx.accounts.findByPasskey(response.id);
  if (!found) throw new HttpError(400, 'unknown_credential', 'this passkey is not registered here');
  const { account, passkey } = found;
  if (accountId !== undefined && account.id !== accountId) {
    throw new HttpError(400, 'passkey_failed', 'this passkey belongs to another account');
  }
  // §7.2 step 6: when the authenticator returns a user handle it must be the account's.
  if (response.response.userHandle && response.response.userHandle !== account.webauthn_user_id) {
    throw new HttpError(400, 'passkey_failed', 'the passkey does not belong to this account');
  }

  let verification;
  try {
    verification = await verifyAuthenticationResponse({
      response: toServerAuthenticationResponse(response),
      expectedChallenge: challenge,
      expectedOrigin: ctx.relyingParty.origin,
      expectedRPID: ctx.relyingParty.id,
      credential: toWebAuthnCredential(passkey),
      requireUserVerification: true,
    });
  } catch (error) {
    throw new HttpError(400, 'passkey_failed', error instanceof Error ? error.message : 'verification failed');
  }
  if (!verification.verified) throw new HttpError(400, 'passkey_failed', 'the passkey assertion did not verify');

  passkey.counter = verification.authenticationInfo.newCounter;
  passkey.last_used_at = ctx.clock.nowSeconds();
  // The backup state can change (§6.1.3: a device-bound credential may start syncing).
  passkey.backed_up = verification.authenticationInfo.credentialBackedUp;
  // Whoever asked to get in without a passkey is answered by the passkey itself (docs/protocol.md §22).
  delete account.recovery;
  await ctx.accounts.save();
  return account;
}
