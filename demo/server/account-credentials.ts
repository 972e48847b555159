import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { EmailChangeRequest, PasswordChange, type AccountEmail, type EmailChangeStarted } from '../../src/protocol/index.js';
import type { BackendContext } from './context.js';
import { HttpError, readJson, sendError, sendJson } from './http.js';
import { normalizeEmail } from './identifiers.js';
import {
  CODE_LENGTH,
  CODE_MAX_ATTEMPTS,
  checkPendingCode,
  destinationHint,
  generateCode,
  hashCode,
  RESEND_AFTER_SECONDS,
  type PendingCode,
} from './one-time-codes.js';
import { sendPasswordChangedMail } from './password-changed.js';
import { checkNewPassword, weakPassword } from './password-policy.js';
import { hashPassword } from './passwords.js';
import { EMAIL_CODE_TTL_SECONDS } from './provider.js';
import type { Account } from './store.js';
import { requireRecentAuth, type Principal } from './user-auth.js';

// The account's own credentials (profile §21): its password (under `ciam_factors_endpoint`) and its email
// address (`ciam_email_endpoint`), which changes only once the new address is proven.

/** An email change waiting for its code: the new address and the code (hashed) mailed to it. */
export interface PendingEmailChange extends PendingCode {
  email: string;
}

/** Pending email changes by account id. Memory only, like the sign-in codes. */
export class EmailChanges {
  readonly #pending = new Map<string, PendingEmailChange>();

  get(accountId: string, now: number): PendingEmailChange | undefined {
    const pending = this.#pending.get(accountId);
    if (pending && pending.expiresAt <= now) this.#pending.delete(accountId);
    return this.#pending.get(accountId);
  }

  set(accountId: string, pending: PendingEmailChange): void {
    this.#pending.set(accountId, pending);
  }

  delete(accountId: string): void {
    this.#pending.delete(accountId);
  }
}

/**
 * `PUT ciam_factors_endpoint/password` `{password}` sets or changes the password; `DELETE` removes it, but only
 * from an account with a passkey. Both are sensitive (recent authentication). A change signs out every other
 * session of the account; the account's address is told of every change.
 */
export async function changePassword(req: IncomingMessage, principal: Principal, account: Account, ctx: BackendContext): Promise<void> {
  requireRecentAuth(principal, ctx, 'change your password');
  const parsed = PasswordChange.safeParse(await readJson(req));
  if (!parsed.success) throw new HttpError(400, 'invalid_request', 'password is required', {}, { field_errors: [{ field: 'password', code: 'invalid' }] });
  const refused = checkNewPassword(parsed.data.password, ctx.passwordMinLength);
  if (refused) throw weakPassword(refused, ctx.passwordMinLength);
  const changed = account.password !== undefined;
  account.password = await hashPassword(parsed.data.password);
  await ctx.accounts.save();
  // Whoever knew the old password is signed out everywhere but here (OWASP ASVS 5 7.4.3).
  if (changed) ctx.webSessions.endAccount(account.id, principal.session?.id);
  sendPasswordChangedMail(account, ctx, changed ? 'changed' : 'added');
}

/** `DELETE ciam_factors_endpoint/password`: `409 last_method` unless a passkey can still sign in without it. */
export async function removePassword(principal: Principal, account: Account, ctx: BackendContext): Promise<void> {
  requireRecentAuth(principal, ctx, 'remove your password');
  if (account.passkeys.length === 0) throw new HttpError(409, 'last_method', 'add a passkey before removing your password');
  delete account.password;
  await ctx.accounts.save();
  passwordNotice(account, ctx, 'The password of your Acme account was removed');
}

function passwordNotice(account: Account, ctx: BackendContext, subject: string): void {
  ctx.mailbox.send({
    to: account.email,
    purpose: 'password_changed',
    code: null,
    subject,
    text: `${subject}.\n\n${NOT_ME}`,
  });
}

const NOT_ME = "This wasn't you? Sign in with an email code, change your password, and check your account's security settings.";

/** The account's proven address and, if one waits for its code, the change (`GET ciam_email_endpoint`). */
export function accountEmail(account: Account, ctx: BackendContext): AccountEmail {
  const now = ctx.clock.now();
  const pending = ctx.emailChanges.get(account.id, now);
  return {
    email: account.email,
    // Only a proven address ever becomes the account's (sign-up, sign-in and a change all need its code).
    email_verified: true,
    ...(pending
      ? { pending: { email: pending.email, expires_in: Math.round((pending.expiresAt - now) / 1000), resend_after: RESEND_AFTER_SECONDS } }
      : {}),
  };
}

/**
 * `POST ciam_email_endpoint`: `{action:"start", email}` mails a code to the new address (and a notice to the
 * current one); `{action:"verify", code}` proves it and makes it the account's. An address another account uses
 * gets the same answer; its mail says so and carries no code, so verifying counts down like a wrong code.
 */
export async function changeEmail(req: IncomingMessage, principal: Principal, account: Account, ctx: BackendContext): Promise<AccountEmail | EmailChangeStarted> {
  const parsed = EmailChangeRequest.safeParse(await readJson(req));
  if (!parsed.success) throw new HttpError(400, 'invalid_request', 'the request is malformed', {}, { field_errors: [{ field: 'email', code: 'invalid' }] });
  if (parsed.data.action === 'start') {
    requireRecentAuth(principal, ctx, 'change your email');
    return startEmailChange(normalizeEmail(parsed.data.email), account, ctx);
  }
  return verifyEmailChange(parsed.data.code, account, ctx);
}

function startEmailChange(email: string, account: Account, ctx: BackendContext): EmailChangeStarted {
  if (email === account.email) throw new HttpError(400, 'invalid_request', 'this is already your address', {}, { field_errors: [{ field: 'email', code: 'unchanged' }] });
  const wait = ctx.limits.emailResend.hit(email) || ctx.limits.emailSends.hit(email);
  if (wait > 0) throw new HttpError(429, 'rate_limited', 'wait before asking for another code', { 'Retry-After': String(wait) });
  const taken = ctx.accounts.findByEmail(email) !== undefined;
  const code = generateCode();
  // A newer code replaces the older one. For a taken address the hash is of 32 random bytes, which no typed code matches.
  ctx.emailChanges.set(account.id, {
    email,
    codeHash: hashCode(taken ? randomBytes(32).toString('base64url') : code),
    expiresAt: ctx.clock.now() + EMAIL_CODE_TTL_SECONDS * 1000,
    attemptsRemaining: CODE_MAX_ATTEMPTS,
  });
  ctx.mailbox.send({ to: email, purpose: 'email_change', code: taken ? null : code, ...(taken ? TAKEN_MAIL : codeMail(code)) });
  ctx.mailbox.send({
    to: account.email,
    purpose: 'email_change_notice',
    code: null,
    subject: 'Your Acme email address is being changed',
    text: `Someone signed in to your Acme account asked to change its email to ${destinationHint(email)}. It changes only once a code sent there is entered.\n\n${NOT_ME}`,
  });
  return { destination_hint: destinationHint(email), code_length: CODE_LENGTH, expires_in: EMAIL_CODE_TTL_SECONDS, resend_after: RESEND_AFTER_SECONDS };
}

async function verifyEmailChange(code: string, account: Account, ctx: BackendContext): Promise<AccountEmail> {
  const pending = ctx.emailChanges.get(account.id, ctx.clock.now());
  if (!pending) throw new HttpError(400, 'expired_code', 'no change is waiting; ask for a new code');
  await checkPendingCode(pending, code, ctx.clock.now());
  ctx.emailChanges.delete(account.id);
  ctx.limits.emailResend.reset(pending.email);
  // Taken since the code was sent: only the mailbox's owner could get here, so saying so reveals nothing new.
  if (ctx.accounts.findByEmail(pending.email)) throw new HttpError(409, 'email_taken', 'another account uses this address');
  account.email = pending.email;
  await ctx.accounts.save();
  return accountEmail(account, ctx);
}

const MINUTES = EMAIL_CODE_TTL_SECONDS / 60;

function codeMail(code: string): { subject: string; text: string } {
  return {
    subject: 'Confirm your new email for Acme',
    text: `Your code to make this your Acme account's email is ${code}. It expires in ${MINUTES} minutes.\n\nIf you did not ask for this, you can ignore this email.`,
  };
}

const TAKEN_MAIL = {
  subject: 'This address already has an Acme account',
  text: 'Someone asked to move an Acme account to this address, but another Acme account already uses it, so it cannot be changed. If that was you, sign in with this address instead.\n\nIf you did not ask for this, you can ignore this email.',
};

/** The `ciam_email_endpoint` resource: `GET` the address, `POST` a change. */
export async function handleEmailResource(
  req: IncomingMessage,
  res: ServerResponse,
  caller: { principal: Principal; account: Account },
  ctx: BackendContext,
): Promise<void> {
  try {
    if (req.method === 'GET') return sendJson(res, 200, accountEmail(caller.account, ctx));
    if (req.method !== 'POST') throw new HttpError(405, 'invalid_request', 'use GET or POST', { Allow: 'GET, POST' });
    sendJson(res, 200, await changeEmail(req, caller.principal, caller.account, ctx));
  } catch (error) {
    if (!(error instanceof HttpError)) throw error;
    sendError(res, error);
  }
}
