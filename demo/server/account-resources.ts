import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  PasskeyRename,
  PhoneEnrollmentRequest,
  TotpEnrollmentRequest,
  type FactorSummary,
  type Passkey,
  type PasskeyList,
  type PhoneEnrollment,
  type RecoveryCodes,
  type TotpEnrollment,
} from '../../src/protocol/index.js';
import { changePassword, handleEmailResource, removePassword } from './account-credentials.js';
import type { BackendContext } from './context.js';
import { HttpError, readJson, requireJson, sendError, sendJson, sendNoContent } from './http.js';
import { checkPendingCode, CODE_LENGTH, RESEND_AFTER_SECONDS } from './one-time-codes.js';
import { hashRecoveryCode, newRecoveryCodes } from './recovery-codes.js';
import { phoneHint, sendSmsCode, smsHost } from './sms.js';
import type { Account, StoredPasskey } from './store.js';
import { groupedSecret, matchTotp, newTotpSecret, otpauthUri, TOTP_DIGITS, TOTP_PERIOD } from './totp.js';
import { refuseForeignOrigin, requireRecentAuth, sessionPrincipal } from './user-auth.js';

/** An authenticator app setup must be finished within 10 minutes. */
const TOTP_ENROLLMENT_SECONDS = 10 * 60;

/**
 * The signed-in user's factors (`ciam_factors_endpoint`): `GET /factors`; `POST`/`DELETE /factors/totp` and
 * `/factors/phone`; `POST /factors/recovery-codes`; `PUT`/`DELETE /factors/password` (account-credentials.ts). Every change needs an authentication in the last
 * 5 minutes (RFC 9470 `max_age`), a JSON body (CSRF: no simple cross-site request) and no foreign Origin.
 */
export async function handleFactors(req: IncomingMessage, res: ServerResponse, pathname: string, ctx: BackendContext): Promise<void> {
  try {
    const { account, principal } = guard(req, ctx);
    const method = req.method ?? 'GET';
    switch (`${method} ${pathname}`) {
      case 'GET /factors':
        return sendJson(res, 200, factorSummary(account));
      case 'POST /factors/totp': {
        requireRecentAuth(principal, ctx, 'set up an authenticator app');
        const parsed = TotpEnrollmentRequest.safeParse(await readJson(req));
        if (!parsed.success) throw new HttpError(400, 'invalid_request', 'the request is malformed');
        const session = principal.session;
        if (parsed.data.action === 'start') {
          const secret = newTotpSecret();
          session.totpEnrollment = { secret, expiresAt: ctx.clock.nowSeconds() + TOTP_ENROLLMENT_SECONDS };
          const body: TotpEnrollment = { secret: groupedSecret(secret), otpauth_uri: otpauthUri(secret, account.email), digits: TOTP_DIGITS, period: TOTP_PERIOD };
          return sendJson(res, 200, body);
        }
        const pending = session.totpEnrollment;
        if (!pending) throw new HttpError(400, 'invalid_request', 'start the setup first');
        if (pending.expiresAt <= ctx.clock.nowSeconds()) {
          delete session.totpEnrollment;
          throw new HttpError(400, 'expired_code', 'the setup took too long; start again');
        }
        const step = matchTotp(pending.secret, parsed.data.code, ctx.clock.now());
        if (step === null) throw new HttpError(400, 'invalid_code', 'the code is wrong');
        account.totp = { secret: pending.secret, created_at: ctx.clock.nowSeconds(), last_step: step };
        delete session.totpEnrollment;
        await ctx.accounts.save();
        return sendJson(res, 200, factorSummary(account));
      }
      case 'DELETE /factors/totp':
        requireRecentAuth(principal, ctx, 'remove the authenticator app');
        delete account.totp;
        await ctx.accounts.save();
        return sendJson(res, 200, factorSummary(account));
      case 'POST /factors/phone': {
        requireRecentAuth(principal, ctx, 'change your phone');
        const parsed = PhoneEnrollmentRequest.safeParse(await readJson(req));
        if (!parsed.success) {
          throw new HttpError(400, 'invalid_request', 'the request is malformed', {}, { field_errors: [{ field: 'phone_number', code: 'invalid' }] });
        }
        const session = principal.session;
        if (parsed.data.action === 'start') {
          const phoneNumber = parsed.data.phone_number;
          const sent = sendSmsCode(ctx, { to: phoneNumber, host: smsHost(req, ctx), purpose: 'verify_phone' });
          session.phoneEnrollment = { phoneNumber, codeHash: sent.codeHash, expiresAt: sent.expiresAt, attemptsRemaining: sent.attemptsRemaining };
          const body: PhoneEnrollment = { destination_hint: phoneHint(phoneNumber), code_length: CODE_LENGTH, resend_after: RESEND_AFTER_SECONDS };
          return sendJson(res, 200, body);
        }
        const pending = session.phoneEnrollment;
        if (!pending) throw new HttpError(400, 'invalid_request', 'add a phone number first');
        await checkPendingCode(pending, parsed.data.code, ctx.clock.now());
        account.phone = { number: pending.phoneNumber, verified_at: ctx.clock.nowSeconds() };
        delete session.phoneEnrollment;
        ctx.limits.smsResend.reset(pending.phoneNumber);
        await ctx.accounts.save();
        return sendJson(res, 200, factorSummary(account));
      }
      case 'DELETE /factors/phone':
        requireRecentAuth(principal, ctx, 'remove your phone');
        delete account.phone;
        await ctx.accounts.save();
        return sendJson(res, 200, factorSummary(account));
      case 'PUT /factors/password':
        await changePassword(req, principal, account, ctx);
        return sendJson(res, 200, factorSummary(account));
      case 'DELETE /factors/password':
        await removePassword(principal, account, ctx);
        return sendJson(res, 200, factorSummary(account));
      case 'POST /factors/recovery-codes': {
        requireRecentAuth(principal, ctx, 'make new recovery codes');
        const codes = newRecoveryCodes();
        // The old set stops working; only hashes are kept, so the codes are shown this once.
        account.recovery_codes = codes.map(hashRecoveryCode);
        await ctx.accounts.save();
        return sendJson(res, 200, { codes } satisfies RecoveryCodes);
      }
      default:
        throw notFoundOrMethod(pathname, FACTOR_ROUTES);
    }
  } catch (error) {
    if (!(error instanceof HttpError)) throw error;
    sendError(res, error);
  }
}

const FACTOR_ROUTES: Record<string, string[]> = {
  '/factors': ['GET'],
  '/factors/totp': ['POST', 'DELETE'],
  '/factors/phone': ['POST', 'DELETE'],
  '/factors/recovery-codes': ['POST'],
  '/factors/password': ['PUT', 'DELETE'],
};

/** The signed-in user's email address (`ciam_email_endpoint`, profile §21.2), with the same checks as the factors. */
export async function handleEmail(req: IncomingMessage, res: ServerResponse, ctx: BackendContext): Promise<void> {
  let caller: ReturnType<typeof guard>;
  try {
    caller = guard(req, ctx);
  } catch (error) {
    if (!(error instanceof HttpError)) throw error;
    return sendError(res, error);
  }
  await handleEmailResource(req, res, caller, ctx);
}

/**
 * The signed-in user's passkeys (`ciam_passkeys_endpoint`): `GET /passkeys` lists them with what the WebAuthn
 * Signal API needs; `PATCH /passkeys/{id}` `{name}` renames one; `DELETE /passkeys/{id}` removes one (needs an
 * authentication in the last 5 minutes).
 */
export async function handlePasskeys(req: IncomingMessage, res: ServerResponse, pathname: string, ctx: BackendContext): Promise<void> {
  try {
    const { account, principal } = guard(req, ctx);
    const method = req.method ?? 'GET';
    if (pathname === '/passkeys') {
      if (method !== 'GET') throw new HttpError(405, 'invalid_request', 'use GET', { Allow: 'GET' });
      const body: PasskeyList = {
        rp_id: ctx.relyingParty.id,
        user: { id: account.webauthn_user_id, name: account.email, display_name: account.name ?? account.email },
        passkeys: account.passkeys.map((passkey) => describePasskey(passkey, account, ctx)),
      };
      return sendJson(res, 200, body);
    }
    const id = passkeyId(pathname);
    const passkey = id === undefined ? undefined : account.passkeys.find((candidate) => candidate.id === id);
    if (method !== 'PATCH' && method !== 'DELETE') throw new HttpError(405, 'invalid_request', 'use PATCH or DELETE', { Allow: 'PATCH, DELETE' });
    if (method === 'DELETE') requireRecentAuth(principal, ctx, 'remove a passkey');
    // Someone else's passkey is as unknown as one that never existed.
    if (!passkey) throw new HttpError(404, 'not_found', 'no such passkey');
    if (method === 'DELETE') {
      account.passkeys = account.passkeys.filter((candidate) => candidate !== passkey);
      await ctx.accounts.save();
      return sendNoContent(res);
    }
    const parsed = PasskeyRename.safeParse(await readJson(req));
    const name = parsed.success ? parsed.data.name.trim() : '';
    if (!name) throw new HttpError(400, 'invalid_request', 'the name must be 1 to 64 characters', {}, { field_errors: [{ field: 'name', code: 'invalid' }] });
    passkey.name = name;
    await ctx.accounts.save();
    return sendJson(res, 200, describePasskey(passkey, account, ctx));
  } catch (error) {
    if (!(error instanceof HttpError)) throw error;
    sendError(res, error);
  }
}

/** A passkey as the profile describes it; `synced` is the stored backup state. */
export function describePasskey(passkey: StoredPasskey, account: Account, ctx: BackendContext): Passkey {
  return {
    id: passkey.id,
    name: passkey.name,
    created_at: passkey.created_at,
    last_used_at: passkey.last_used_at,
    synced: passkey.backed_up ?? false,
    rp_id: ctx.relyingParty.id,
    user_id: account.webauthn_user_id,
  };
}

/**
 * Checks shared by both resources: a live session (`401 login_required` with a bare `Bearer` challenge), no
 * foreign Origin, and for `POST`/`PATCH`/`PUT` a JSON body. `DELETE` has no body; like `PATCH` it is never a
 * CORS-simple request, so a cross-site page cannot send it without a preflight this backend does not grant.
 */
function guard(req: IncomingMessage, ctx: BackendContext) {
  const principal = sessionPrincipal(req, ctx);
  const account = ctx.accounts.findById(principal.accountId)!;
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    refuseForeignOrigin(req, ctx);
    if (req.method === 'POST' || req.method === 'PATCH' || req.method === 'PUT') requireJson(req);
  }
  return { principal, account };
}

function passkeyId(pathname: string): string | undefined {
  const id = pathname.slice('/passkeys/'.length);
  return /^[A-Za-z0-9_-]{1,1024}$/.test(id) ? id : undefined;
}

function factorSummary(account: Account): FactorSummary {
  return {
    totp: account.totp !== undefined,
    ...(account.phone ? { phone: { hint: phoneHint(account.phone.number) } } : {}),
    recovery_codes_remaining: account.recovery_codes?.length ?? 0,
    password: account.password !== undefined,
  };
}

function notFoundOrMethod(pathname: string, routes: Record<string, string[]>): HttpError {
  const allowed = routes[pathname];
  if (!allowed) return new HttpError(404, 'not_found', 'no such route');
  return new HttpError(405, 'invalid_request', `use ${allowed.join(' or ')}`, { Allow: allowed.join(', ') });
}
