import type { GenericEndpointContext } from '@better-auth/core';
import { PasskeyRegistrationRequest, type PasskeyCreationOptionsResponse, type PasskeyRegistrationResponse } from '../../protocol/passkey-registration.js';
import { jsonAnswer } from '../http/answers.js';
import { insufficientUserAuthentication, invalidRequest, Refusal } from './answers.js';
import { callBetterAuth, errorCode, findPlugin, pluginEndpoint, type CallResult } from '../better-auth-calls.js';
import { readJsonBody, requireRecentAuth, requireSession } from './guard.js';
import type { AccountOptions } from './options.js';
import { describePasskey, relyingPartyId, userHandle, type PasskeyRow } from './passkey-records.js';

// `ciam_passkey_registration_endpoint` (profile §5) over better-auth's passkey plugin:
// `{action:"options"}` → `/passkey/generate-register-options`, `{action:"verify"}` → `/passkey/verify-registration`.
// The plugin ties its challenge to a signed cookie; that cookie goes back to the browser under a name of the
// adapter's own (only on this endpoint's path), so a passkey sign-in running on the same page, which uses the
// plugin's cookie name, cannot overwrite it, and nothing is kept in server memory.

/** The adapter's cookie carrying the passkey plugin's signed challenge cookie between `options` and `verify`. */
const CHALLENGE_COOKIE = 'latchkey_passkey_registration';
/** The passkey plugin keeps its challenge 5 minutes. */
const CHALLENGE_SECONDS = 300;

export async function passkeyRegistration(ctx: GenericEndpointContext, options: AccountOptions): Promise<Response> {
  const caller = await requireSession(ctx, { authoritative: true });
  const raw = await readJsonBody(ctx);
  const parsed = PasskeyRegistrationRequest.safeParse(raw);
  if (!parsed.success) throw invalidRequest('the request is malformed');
  if (parsed.data.action === 'options') {
    requireRecentAuth(ctx, caller, options, 'add a passkey');
    return creationOptions(ctx, userHandle(ctx.context, caller.user.id));
  }
  return verifyAttestation(ctx, parsed.data.response, nameOf(raw), userHandle(ctx.context, caller.user.id));
}

async function creationOptions(ctx: GenericEndpointContext, handle: string): Promise<Response> {
  const result = await callBetterAuth(ctx.context, pluginEndpoint(ctx.context, 'passkey', 'generatePasskeyRegistrationOptions'), {
    method: 'GET',
    headers: ctx.headers ?? new Headers(),
  });
  if (result.status !== 200) throw registrationRefusal(result);
  const challenge = challengeCookie(ctx, result.setCookies);
  if (challenge === undefined) throw new Refusal(500, 'server_error', 'the passkey plugin set no challenge cookie');
  ctx.setCookie(CHALLENGE_COOKIE, Buffer.from(challenge).toString('base64url'), { ...challengeAttributes(ctx), maxAge: CHALLENGE_SECONDS });
  const creation = result.body as PasskeyCreationOptionsResponse['creation_options'];
  // One user handle per account instead of the plugin's random one per registration (passkey-records.ts).
  const body: PasskeyCreationOptionsResponse = { creation_options: { ...creation, user: { ...creation.user, id: handle } } };
  return jsonAnswer(200, body);
}

async function verifyAttestation(ctx: GenericEndpointContext, response: { id: string }, name: string | undefined, handle: string): Promise<Response> {
  const kept = ctx.getCookie(CHALLENGE_COOKIE);
  if (!kept) throw invalidRequest('ask for creation options first');
  // The plugin would store a second row for a credential id it already has; the profile refuses it.
  const existing = await ctx.context.adapter.findOne<PasskeyRow>({ model: 'passkey', where: [{ field: 'credentialID', value: response.id }] });
  if (existing) throw passkeyFailed('this passkey is already registered');
  const headers = new Headers(ctx.headers ?? undefined);
  const challenge = `${challengeCookieName(ctx)}=${Buffer.from(kept, 'base64url').toString()}`;
  headers.set('cookie', [headers.get('cookie'), challenge].filter(Boolean).join('; '));
  const result = await callBetterAuth(ctx.context, pluginEndpoint(ctx.context, 'passkey', 'verifyPasskeyRegistration'), {
    method: 'POST',
    headers,
    body: { response, ...(name ? { name } : {}) },
  });
  // The challenge is used up either way (the plugin consumes it before verifying).
  ctx.setCookie(CHALLENGE_COOKIE, '', { ...challengeAttributes(ctx), maxAge: 0 });
  if (result.status !== 200) throw registrationRefusal(result);
  const body: PasskeyRegistrationResponse = { passkey: describePasskey(result.body as unknown as PasskeyRow, relyingPartyId(ctx.context), handle) };
  return jsonAnswer(200, body);
}

/** The passkey plugin's refusals in the profile's terms. */
function registrationRefusal(result: CallResult): Refusal {
  const code = errorCode(result);
  if (result.status === 401) return new Refusal(401, 'login_required', 'sign in first', {}, { 'WWW-Authenticate': 'Bearer' });
  // better-auth's own fresh-age rule (`session.freshAge`), when an integrator set it below the profile's.
  // Not reached while requireRecentAuth asks the stricter rule first; kept so no better-auth change turns it into a 403.
  if (code === 'SESSION_NOT_FRESH') return insufficientUserAuthentication("confirm it's you to add a passkey", 0);
  if (code === 'CHALLENGE_NOT_FOUND') return invalidRequest('the registration expired; ask for creation options again');
  return passkeyFailed('the passkey did not verify');
}

const passkeyFailed = (description: string) => new Refusal(400, 'passkey_failed', description);

/** A passkey name sent with `verify` (an extension of the profile's request: better-auth stores one). */
function nameOf(raw: unknown): string | undefined {
  const name = (raw as { name?: unknown } | null)?.name;
  return typeof name === 'string' && name.trim() ? name.trim().slice(0, 64) : undefined;
}

/** The passkey plugin's challenge cookie name (its `advanced.webAuthnChallengeCookie`, with better-auth's prefix). */
function challengeCookieName(ctx: GenericEndpointContext): string {
  const advanced = findPlugin(ctx.context, 'passkey')?.options?.['advanced'] as { webAuthnChallengeCookie?: string } | undefined;
  return ctx.context.createAuthCookie(advanced?.webAuthnChallengeCookie ?? 'better-auth-passkey').name;
}

/** The value (still signed, still encoded) of the challenge cookie among an internal answer's `Set-Cookie` lines. */
function challengeCookie(ctx: GenericEndpointContext, setCookies: string[]): string | undefined {
  const prefix = `${challengeCookieName(ctx)}=`;
  const line = setCookies.find((candidate) => candidate.startsWith(prefix));
  return line?.slice(prefix.length).split(';')[0];
}

/** better-auth's cookie attributes (Secure on https, SameSite=Lax, HttpOnly), limited to this endpoint's path. */
function challengeAttributes(ctx: GenericEndpointContext) {
  const { attributes } = ctx.context.createAuthCookie(CHALLENGE_COOKIE);
  const path = ctx.request ? new URL(ctx.request.url).pathname : attributes.path;
  return { ...attributes, path };
}
