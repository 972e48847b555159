import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ConsentWithdrawal, type AccountDeletion, type ConsentReceipt, type LocalisedText, type PrivacyOverview } from '../../src/protocol/index.js';
import { ACR_MFA, acrSatisfies } from './assurance.js';
import type { BackendContext } from './context.js';
import { textHash } from './consent-log.js';
import { HttpError, readJson, requireJson, sendError, sendJson } from './http.js';
import { canReachLevel } from './step-up.js';
import type { Account } from './store.js';
import { insufficientUserAuthentication, RECENT_AUTH_SECONDS, refuseForeignOrigin, sessionPrincipal, type Principal } from './user-auth.js';

// The customer's privacy center (`ciam_privacy_endpoint`, docs/protocol.md §25): what the backend holds about
// them (GDPR Art. 15), the same as a file (Art. 20), withdrawing a consent (Art. 7(3)) and erasure (Art. 17).

/** Policies accepted to have an account (kind `accept`): not withdrawn here; deleting the account is how. */
const ACCEPTED_TO_HAVE_AN_ACCOUNT: ReadonlySet<string> = new Set(['terms', 'privacy']);

/** The reference backend keeps no backups: erased data is gone at once. */
const BACKUPS_DAYS = 0;

/** What erasure keeps, told before the customer confirms and again after (profile §25.3). */
const RETAINED: LocalisedText = {
  en: 'We keep one line saying that an account was erased on this date and how many consent records went with it, with nothing that identifies you: our proof that we did what you asked (GDPR Art. 5(2) and 17).',
};

/**
 * `GET /privacy` (the overview), `GET /privacy/export` (the same as a download), `POST /privacy/consents/{policy}`
 * `{granted:false}` (a withdrawal) and `DELETE /privacy` (erasure, after an RFC 9470 step-up). Same checks as the
 * other account resources: the session cookie, no foreign Origin on changes, JSON bodies.
 */
export async function handlePrivacy(req: IncomingMessage, res: ServerResponse, pathname: string, ctx: BackendContext): Promise<void> {
  try {
    const principal = sessionPrincipal(req, ctx);
    const account = ctx.accounts.findById(principal.accountId)!;
    const method = req.method ?? 'GET';
    if (method !== 'GET' && method !== 'HEAD') refuseForeignOrigin(req, ctx);
    if (pathname === '/privacy' && method === 'GET') return sendJson(res, 200, overviewOf(account, ctx));
    if (pathname === '/privacy/export' && method === 'GET') {
      return sendJson(res, 200, overviewOf(account, ctx), { 'Content-Disposition': 'attachment; filename="latchkey-data.json"' });
    }
    if (pathname === '/privacy' && method === 'DELETE') return await erase(res, principal, account, ctx);
    const policy = /^\/privacy\/consents\/([A-Za-z0-9_.-]{1,64})$/.exec(pathname)?.[1];
    if (policy && method === 'POST') {
      requireJson(req);
      const parsed = ConsentWithdrawal.safeParse(await readJson(req));
      if (!parsed.success) throw new HttpError(400, 'invalid_request', 'only {"granted": false} (a withdrawal) is accepted here');
      const { receipt, created } = await withdraw(account, policy, parsed.data.text, ctx);
      return sendJson(res, created ? 201 : 200, receipt);
    }
    if (pathname === '/privacy' || pathname === '/privacy/export' || policy) {
      const allow = policy ? 'POST' : pathname === '/privacy' ? 'GET, DELETE' : 'GET';
      throw new HttpError(405, 'invalid_request', `use ${allow}`, { Allow: allow });
    }
    throw new HttpError(404, 'not_found', 'no such route');
  } catch (error) {
    if (!(error instanceof HttpError)) throw error;
    sendError(res, error);
  }
}

/** Everything the store holds about the account, in the profile's shape (what an export contains). */
export function overviewOf(account: Account, ctx: BackendContext): PrivacyOverview {
  const consents = ctx.consentLog.entriesOf({ accountId: account.id }).map((entry) => entry.receipt);
  return {
    profile: {
      email: account.email,
      ...(account.name ? { name: account.name } : {}),
      created_at: account.created_at,
      ...(account.phone ? { phone: account.phone.number } : {}),
      ...profileFields(account),
    },
    consents,
    withdrawable: withdrawablePolicies(consents),
    sign_ins: account.sign_ins ?? [],
    activity: account.activity ?? [],
    passkeys: account.passkeys.map(({ name, created_at, last_used_at }) => ({ name, created_at, last_used_at })),
    factors: factorsOf(account),
    deletion: { backups_days: BACKUPS_DAYS, retained: RETAINED },
  };
}

/** Answers to profile questions (`Account.profile`, steps/profile.ts). */
function profileFields(account: Account): Record<string, string> {
  return account.profile ?? {};
}

function factorsOf(account: Account): string[] {
  return [
    ...(account.password ? ['password'] : []),
    ...(account.totp ? ['totp'] : []),
    ...(account.phone ? ['sms_otp'] : []),
    ...((account.recovery_codes?.length ?? 0) > 0 ? ['recovery_code'] : []),
    ...(account.links ?? []).map((link) => `connection:${link.connection}`),
  ];
}

/** The newest receipt of each policy, by when it was chosen (the log's own order breaks ties). */
function currentReceipts(receipts: readonly ConsentReceipt[]): ConsentReceipt[] {
  const newest = new Map<string, ConsentReceipt>();
  for (const receipt of receipts) {
    const before = newest.get(receipt.policy);
    if (!before || receipt.chosen_at >= before.chosen_at) newest.set(receipt.policy, receipt);
  }
  return [...newest.values()];
}

/** Whether a receipt gives something that can be taken back: an opt-in granted, or a purpose on. */
function gives(receipt: ConsentReceipt): boolean {
  return receipt.granted === true || Object.values(receipt.purposes ?? {}).some(Boolean);
}

/** Policies whose current receipt gives something and that are not accepted to have an account. */
function withdrawablePolicies(receipts: readonly ConsentReceipt[]): string[] {
  return currentReceipts(receipts)
    .filter((receipt) => gives(receipt) && !ACCEPTED_TO_HAVE_AN_ACCOUNT.has(receipt.policy))
    .map((receipt) => receipt.policy);
}

/**
 * A withdrawal receipt (method `privacy_center`) for the policy's current version: an opt-in becomes
 * `granted: false`; a purposes choice (the cookie policy) has every purpose off (required purposes are never
 * recorded as choices). Already withdrawn: the current receipt, nothing new.
 */
async function withdraw(account: Account, policy: string, text: string | undefined, ctx: BackendContext): Promise<{ receipt: ConsentReceipt; created: boolean }> {
  if (ACCEPTED_TO_HAVE_AN_ACCOUNT.has(policy)) {
    throw new HttpError(400, 'invalid_request', 'this policy is accepted to have an account; delete the account instead');
  }
  const current = ctx.consentLog.current({ accountId: account.id }, policy);
  if (!current) throw new HttpError(404, 'not_found', 'no consent of this policy to withdraw');
  if (!gives(current)) return { receipt: current, created: false };
  const now = ctx.clock.now();
  const receipt: ConsentReceipt = {
    id: randomUUID(),
    policy,
    version: current.version,
    ...(current.purposes
      ? { purposes: Object.fromEntries(Object.keys(current.purposes).map((purpose) => [purpose, false])) }
      : { granted: false }),
    method: 'privacy_center',
    chosen_at: now,
    recorded_at: now,
    text_hash: textHash(text ?? `withdraw ${policy} ${current.version}`),
  };
  await ctx.consentLog.append({ receipt, account_id: account.id });
  return { receipt, created: true };
}

/**
 * RFC 9470: erasure needs an authentication in the last 5 minutes and, when the account has a factor to lift
 * the session to multi-factor, that level (a customer with only an email code can still leave).
 */
function requireErasureAssurance(principal: Principal, account: Account, ctx: BackendContext): void {
  const reachable = canReachLevel(principal.amr, account, ACR_MFA);
  const fresh = ctx.clock.nowSeconds() - principal.authTime <= RECENT_AUTH_SECONDS;
  if (fresh && (!reachable || acrSatisfies(principal.acr, [ACR_MFA]))) return;
  throw insufficientUserAuthentication("confirm it's you to delete your account", {
    ...(reachable ? { acrValues: ACR_MFA } : {}),
    maxAge: RECENT_AUTH_SECONDS,
  });
}

/** Erases the account and everything tied to it (profile §25.3), then ends the session. */
async function erase(res: ServerResponse, principal: Principal, account: Account, ctx: BackendContext): Promise<void> {
  requireErasureAssurance(principal, account, ctx);
  const { id, email } = account;
  await ctx.consentLog.erase(id, ctx.clock.now());
  ctx.webSessions.endAccount(id);
  ctx.revokeProviderGrants(id);
  ctx.authSessions.endAccount(email, id);
  ctx.emailLinks.forgetAddress(email);
  ctx.passwordResets.forgetAccount(email, id);
  ctx.emailChanges.delete(id);
  forgetLimits(account, ctx);
  await ctx.accounts.delete(id);
  const body: AccountDeletion = { deleted_at: ctx.clock.nowSeconds(), retained: RETAINED };
  sendJson(res, 200, body, { 'Set-Cookie': ctx.webSessions.clearCookie() });
}

/** Counters keyed by the address, phone or account: an erased address starts like one never seen. */
function forgetLimits(account: Account, ctx: BackendContext): void {
  const { limits } = ctx;
  for (const limiter of [limits.emailSends, limits.emailResend]) limiter.reset(account.email);
  limits.passwordFailures.succeed(account.email);
  limits.accountFailures.succeed(account.email);
  limits.factorFailures.succeed(account.id);
  if (account.phone) for (const limiter of [limits.smsSends, limits.smsResend]) limiter.reset(account.phone.number);
}
