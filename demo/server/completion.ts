import type { ChallengeSuccessResponse, DeviceInfo } from '../../src/protocol/index.js';
import type { UsedFactor } from './assurance.js';
import type { AuthSession } from './auth-sessions.js';
import type { BackendContext } from './context.js';
import { rememberDevice } from './devices.js';
import { HttpError } from './http.js';
import { keepNotice, noteSignIn, sendNewDeviceMail, wireNotice } from './new-device.js';
import { redirectUriFor } from './provider.js';
import { recordSignIn } from './sign-ins.js';
import type { SignInMethod, WebSession } from './session.js';
import type { Account } from './store.js';

/** What the challenge endpoint knows about the browser calling it. */
export interface RequestContext {
  /** The `latch_device` cookie, when the browser has a well-formed one. */
  deviceId?: string;
  /** The `latch_session` cookie's session id, if any. */
  sessionId?: string;
  /** The browser as its owner sees it (device-info.ts): sessions, activity, the last sign-in and the new-device mail. */
  device?: DeviceInfo;
  /** The host the origin-bound SMS line names. */
  smsHost: string;
  /** The browser's `latch_link` value, or a fresh one for a link it asks for (docs/protocol.md §20.3). */
  linkBinder?: string;
}

/**
 * Finishes a successful sign-in: remembers the browser, clears the failure count, starts the first-party
 * session and mints the authorization code.
 */
export async function completeSignIn(
  session: AuthSession,
  result: { accountId: string; method: SignInMethod; factors: UsedFactor[]; remembered?: SignInMethod; mailed?: true },
  ctx: BackendContext,
  request: RequestContext,
): Promise<{ body: ChallengeSuccessResponse; cookies: string[] }> {
  const account = ctx.accounts.findById(result.accountId);
  if (!account) throw new HttpError(400, 'invalid_session', 'the account no longer exists');
  const signIn = { at: ctx.clock.nowSeconds(), method: result.method, ...(request.device ? { device: request.device } : {}) };
  // Before the browser is remembered, which would make it known (profile §26.3–§26.4).
  const notice = noteSignIn(account, { ...signIn, ...(request.deviceId ? { deviceId: request.deviceId } : {}) });
  recordSignIn(account, { ...signIn, ...(notice.newDevice ? { newDevice: true } : {}) });
  const deviceCookie = await signInSucceeded(account, ctx, request, result.remembered ?? result.method);
  if (!result.mailed) await sendNewDeviceMail(account, notice, signIn, ctx);
  // The session's auth_time is the sign-in's own second, the one its notice was noted at: a session started later
  // from this sign-in's token finds its notice by it (noticeAt), even when the saves above crossed a second.
  const { session: webSession, cookie } = ctx.webSessions.start({ ...result, authTime: signIn.at, ...(request.device ? { device: request.device } : {}) });
  keepNotice(webSession, notice);
  const authorization_code = await issueAuthorizationCode(session, webSession, ctx);
  return { body: { authorization_code, ...wireNotice(notice) }, cookies: [cookie, deviceCookie] };
}

/**
 * A full success: the browser is remembered (`new_device`) with the method it used (`preferred_method`), and
 * the account's failure count reset (failure-cap.ts).
 */
export async function signInSucceeded(account: Account, ctx: BackendContext, request: RequestContext, method?: SignInMethod): Promise<string> {
  const cookie = rememberDevice(account, request.deviceId, ctx.clock.nowSeconds(), ctx.webSessions.secureCookies, method);
  ctx.limits.accountFailures.succeed(account.email);
  // The resend cooldown keeps codes nobody asked for from flooding a mailbox; its owner has just signed in,
  // so a step-up right after may email its own code (the cap on sends per window still holds).
  ctx.limits.emailResend.reset(account.email);
  // A finished sign-in ends the address's links in flight (docs/protocol.md §20.4).
  ctx.emailLinks.revokeAddress(account.email);
  await ctx.accounts.save();
  return cookie;
}

/**
 * An authorization code minted with oidc-provider's own models, so `/token` redeems it exactly like a
 * redirect-flow code (PKCE, single use, 60 s), carrying the web session's acr, amr and auth_time into the
 * ID token and the access token. The code is bound to the single registered redirect URI, which the client
 * may therefore omit (FiPA §6). The auth_session ends: one session mints at most one code.
 */
export async function issueAuthorizationCode(session: AuthSession, webSession: WebSession, ctx: BackendContext): Promise<string> {
  const { provider } = ctx;
  const client = await provider.Client.find(session.request.clientId);
  if (!client) throw new HttpError(400, 'invalid_client', 'unknown client');

  const grant = new provider.Grant({ accountId: webSession.accountId, clientId: client.clientId });
  grant.addOIDCScope(session.request.scope);
  const grantId = await grant.save();

  const code = new provider.AuthorizationCode({
    accountId: webSession.accountId,
    client,
    grantId,
    scope: session.request.scope,
    codeChallenge: session.request.codeChallenge,
    codeChallengeMethod: 'S256',
    redirectUri: redirectUriFor(ctx.siteOrigin),
    ...(session.request.nonce ? { nonce: session.request.nonce } : {}),
    acr: webSession.acr,
    amr: webSession.amr,
    authTime: webSession.authTime,
    // acr, amr and auth_time are not scope claims; asking for them puts them in the ID token (OIDC Core §5.5).
    claims: { id_token: { acr: null, amr: null, auth_time: null } },
  });
  const authorization_code = await code.save();
  ctx.authSessions.delete(session.id);
  return authorization_code;
}
