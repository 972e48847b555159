import type { IncomingMessage, ServerResponse } from 'node:http';
import { generateRegistrationOptions, verifyRegistrationResponse } from '@simplewebauthn/server';
import {
  PasskeyRegistrationRequest,
  PublicKeyCredentialCreationOptionsJSON,
  type PasskeyCreationOptionsResponse,
  type PasskeyRegistrationResponse,
} from '../../src/protocol/index.js';
import { describePasskey } from './account-resources.js';
import type { BackendContext } from './context.js';
import { HttpError, readJson, requireJson, sendError, sendJson } from './http.js';
import type { StoredPasskey } from './store.js';
import { requireRecentAuth } from './user-auth.js';
import { CEREMONY_TIMEOUT_MS, knownTransports, passkeyName, toServerRegistrationResponse } from './webauthn.js';

/**
 * `POST /passkeys/register`: the signed-in user adds a passkey. `{action:'options'}` answers creation
 * options; `{action:'verify'}` checks the attestation and stores the credential. Needs the session cookie,
 * a JSON body (CORS preflight) and our own Origin, so no other site can add a passkey to the account, and a
 * sign-in within the last 5 minutes, so a stolen session cannot add the thief's passkey (OWASP ASVS 5
 * 7.5.1, reliability.md S15).
 */
export async function handlePasskeyRegistration(req: IncomingMessage, res: ServerResponse, ctx: BackendContext): Promise<void> {
  try {
    if (req.method !== 'POST') throw new HttpError(405, 'invalid_request', 'use POST', { Allow: 'POST' });
    requireJson(req);
    const session = ctx.webSessions.fromRequest(req);
    const account = session && ctx.accounts.findById(session.accountId);
    if (!session || !account) throw new HttpError(401, 'login_required', 'sign in first');
    if (!ctx.relyingParty.origin.includes(req.headers.origin ?? '')) throw new HttpError(403, 'access_denied', 'cross-origin request refused');
    ctx.webSessions.touch(session);

    const parsed = PasskeyRegistrationRequest.safeParse(await readJson(req));
    if (!parsed.success) throw new HttpError(400, 'invalid_request', 'the registration request is malformed');
    const rp = ctx.relyingParty;

    if (parsed.data.action === 'options') {
      requireRecentAuth(session, ctx, 'add a passkey');
      const generated = await generateRegistrationOptions({
        rpName: rp.name,
        rpID: rp.id,
        userName: account.email,
        userID: new Uint8Array(Buffer.from(account.webauthn_user_id, 'base64url')),
        attestationType: 'none',
        timeout: CEREMONY_TIMEOUT_MS,
        // §5.4.3: stops the user registering the same authenticator twice.
        excludeCredentials: account.passkeys.map((passkey) => ({ id: passkey.id, transports: knownTransports(passkey.transports) })),
        // A passkey is a discoverable credential with user verification (usernameless sign-in needs both).
        authenticatorSelection: { residentKey: 'required', userVerification: 'required' },
      });
      // Checked against the published schema, so the backend never sends what the profile forbids.
      const creation_options = PublicKeyCredentialCreationOptionsJSON.parse(generated);
      session.registrationChallenge = creation_options.challenge;
      sendJson(res, 200, { creation_options } satisfies PasskeyCreationOptionsResponse);
      return;
    }

    const challenge = session.registrationChallenge;
    if (!challenge) throw new HttpError(400, 'invalid_request', 'ask for creation options first');
    delete session.registrationChallenge;
    let verification;
    try {
      verification = await verifyRegistrationResponse({
        response: toServerRegistrationResponse(parsed.data.response),
        expectedChallenge: challenge,
        expectedOrigin: rp.origin,
        expectedRPID: rp.id,
        requireUserVerification: true,
      });
    } catch (error) {
      throw new HttpError(400, 'passkey_failed', error instanceof Error ? error.message : 'verification failed');
    }
    if (!verification.verified) throw new HttpError(400, 'passkey_failed', 'the attestation did not verify');

    const info = verification.registrationInfo;
    if (ctx.accounts.findByPasskey(info.credential.id)) throw new HttpError(400, 'passkey_failed', 'this passkey is already registered');
    const now = ctx.clock.nowSeconds();
    const passkey: StoredPasskey = {
      id: info.credential.id,
      publicKey: Buffer.from(info.credential.publicKey).toString('base64url'),
      counter: info.credential.counter,
      transports: info.credential.transports ?? parsed.data.response.response.transports ?? [],
      created_at: now,
      last_used_at: null,
      backed_up: info.credentialBackedUp,
      name: passkeyName({
        aaguid: info.aaguid,
        attachment: parsed.data.response.authenticatorAttachment,
        deviceType: info.credentialDeviceType,
      }),
    };
    account.passkeys.push(passkey);
    await ctx.accounts.save();
    const body: PasskeyRegistrationResponse = {
      passkey: describePasskey(passkey, account, ctx),
    };
    sendJson(res, 200, body);
  } catch (error) {
    if (!(error instanceof HttpError)) throw error;
    sendError(res, error);
  }
}
