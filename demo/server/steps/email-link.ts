import { createHash, randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { StepState } from '../../../src/protocol/index.js';
import type { AuthSession } from '../auth-sessions.js';
import type { Clock } from '../clock.js';
import type { RequestContext } from '../completion.js';
import type { BackendContext } from '../context.js';
import { HttpError, readCookies } from '../http.js';
import type { MailPurpose } from '../mailbox.js';
import {
  CODE_LENGTH,
  CODE_MAX_ATTEMPTS,
  checkPendingCode,
  destinationHint,
  generateCode,
  hashCode,
  RESEND_AFTER_SECONDS,
  type PendingCode,
} from '../one-time-codes.js';
import type { PasswordHash } from '../passwords.js';
import { EMAIL_CODE_TTL_SECONDS } from '../provider.js';
import type { StepOutcome } from './outcome.js';
import { requireLoginHint } from './password.js';
import { mailboxProvenForReset } from './password-reset.js';

// Email links (docs/protocol.md §20): the `email_link` steps and the table of links in flight. The landing
// page that opens a link is link-landing.ts.

/** Seconds between two polls of the asking tab (RFC 8628 §3.5's `interval`). */
export const LINK_POLL_INTERVAL_SECONDS = 3;
/** The HttpOnly cookie that names the browser which asked for a link (§20.3). */
export const LINK_COOKIE = 'latch_link';
/** Where the mailed link points, on the issuer. */
export const LINK_PATH = '/link';

export type LinkPurpose = 'sign_in' | 'sign_up' | 'password_reset';

/** One link in flight. Only hashes of its token and of the asking browser's cookie are kept. */
export interface EmailLink {
  authSessionId: string;
  email: string;
  purpose: LinkPurpose;
  tokenHash: string;
  binderHash: string;
  expiresAt: number;
  /** `sent`; `elsewhere`: opened on another device, waiting for its code; `confirmed`: opened in the asking browser. */
  state: 'sent' | 'elsewhere' | 'confirmed';
  /** Replaced by a newer link, used, or burnt by wrong codes. */
  dead: boolean;
  /**
   * The code another device shows. Until then (and for a mail that carried no link) the hash of random bytes
   * no typed code matches, so `confirm` counts down alike in every case (§20.4).
   */
  confirmation: PendingCode;
  /** The password chosen at sign-up, applied when the link proves the mailbox. */
  signUpPassword?: PasswordHash;
  /** A reset's link: its proof number in password-resets.ts (a newer code or link, or a finished reset, outdates it). */
  resetProof?: number;
}

const sha256 = (value: string): string => createHash('sha256').update(value).digest('base64url');
const randomSecret = (): string => randomBytes(32).toString('base64url');
const unguessable = (): Buffer => hashCode(randomSecret());

/** The links in flight, by token, by auth_session and by address (a newer link kills the older ones). */
export class EmailLinks {
  readonly #byToken = new Map<string, EmailLink>();
  readonly #bySession = new Map<string, EmailLink>();

  constructor(readonly clock: Clock) {}

  /** Files a new link; every earlier one for the address dies. */
  issue(link: EmailLink): void {
    this.#prune();
    this.revokeAddress(link.email);
    this.#byToken.set(link.tokenHash, link);
    this.#bySession.set(link.authSessionId, link);
  }

  /** The link a mailed token stands for, if it is still usable. */
  findByToken(token: string): EmailLink | undefined {
    const link = this.#byToken.get(sha256(token));
    return link && this.usable(link) ? link : undefined;
  }

  /** The latest link of an auth_session, usable or not. */
  forSession(authSessionId: string): EmailLink | undefined {
    return this.#bySession.get(authSessionId);
  }

  usable(link: EmailLink): boolean {
    return !link.dead && link.expiresAt > this.clock.now();
  }

  /** A finished sign-in or reset, or a newer link: the address's links are dead (§20.4). */
  revokeAddress(email: string): void {
    for (const link of this.#byToken.values()) if (link.email === email) link.dead = true;
  }

  /** Erasure: the address's links are forgotten, not just dead (they name the address). */
  forgetAddress(email: string): void {
    for (const [hash, link] of this.#byToken) {
      if (link.email !== email) continue;
      this.#byToken.delete(hash);
      if (this.#bySession.get(link.authSessionId) === link) this.#bySession.delete(link.authSessionId);
    }
  }

  #prune(): void {
    const now = this.clock.now();
    for (const [hash, link] of this.#byToken) {
      if (link.expiresAt > now) continue;
      this.#byToken.delete(hash);
      if (this.#bySession.get(link.authSessionId) === link) this.#bySession.delete(link.authSessionId);
    }
  }
}

/** The asking browser's `latch_link` value: the one it has (two tabs share it), or a fresh one. */
export function linkBinderOf(req: IncomingMessage): string {
  const existing = readCookies(req).get(LINK_COOKIE);
  return existing && /^[A-Za-z0-9_-]{43}$/.test(existing) ? existing : randomSecret();
}

/** Whether a request comes from the browser a link is bound to. */
export function fromAskingBrowser(req: IncomingMessage, link: EmailLink): boolean {
  const binder = readCookies(req).get(LINK_COOKIE);
  return binder !== undefined && sha256(binder) === link.binderHash;
}

/**
 * Set with every `email_link` state: HttpOnly, gone when the link expires (§20.3). `Path=/`, so the challenge
 * endpoint sees it too and the browser keeps one binder for every link it asks for.
 */
export function linkCookie(binder: string, state: Extract<StepState, { step: 'email_link' }>, secure: boolean): string {
  return `${LINK_COOKIE}=${binder}; Path=/; Max-Age=${state.expires_in}; HttpOnly; SameSite=Lax${secure ? '; Secure' : ''}`;
}

/**
 * The reference backend's choice (§20.1): links for the whole deployment (`emailDelivery: 'link'`), or for
 * addresses at `links.test`. It reads the address, never the account store, so it reveals nothing (§2.6).
 */
export function prefersLinks(ctx: BackendContext, email: string): boolean {
  return ctx.emailDelivery === 'link' || email.endsWith('@links.test');
}

/**
 * Emails a fresh link, killing every older one for the address, and answers the `email_link` state. The
 * answer never depends on whether the account exists; the mail does, and then carries no link (§20.4).
 */
export function sendEmailLink(
  session: AuthSession,
  ctx: BackendContext,
  request: { purpose: LinkPurpose; binder: string; signUpPassword?: PasswordHash },
): Extract<StepState, { step: 'email_link' }> {
  const email = requireLoginHint(session);
  const wait = ctx.limits.emailResend.hit(email) || ctx.limits.emailSends.hit(email);
  if (wait > 0) throw new HttpError(429, 'rate_limited', 'wait before asking for another link', { 'Retry-After': String(wait) });

  const mailPurpose = linkMailPurpose(request.purpose, ctx.accounts.findByEmail(email) !== undefined, ctx.signUpEnabled);
  const token = randomSecret();
  const expiresAt = ctx.clock.now() + EMAIL_CODE_TTL_SECONDS * 1000;
  const link: EmailLink = {
    authSessionId: session.id,
    email,
    purpose: request.purpose,
    tokenHash: sha256(token),
    binderHash: sha256(request.binder),
    expiresAt,
    state: 'sent',
    dead: false,
    confirmation: { codeHash: unguessable(), expiresAt, attemptsRemaining: CODE_MAX_ATTEMPTS },
    ...(request.signUpPassword ? { signUpPassword: request.signUpPassword } : {}),
    // A reset's link outdates every older reset code and link of the address, in any auth_session (§19.2).
    ...(request.purpose === 'password_reset' ? { resetProof: ctx.passwordResets.issue(email) } : {}),
  };
  ctx.emailLinks.issue(link);
  const url = mailPurpose === 'sign_in_link' || mailPurpose === 'reset_link' ? `${ctx.issuer}${LINK_PATH}?token=${token}` : null;
  ctx.mailbox.send({ to: email, purpose: mailPurpose, code: null, link: url, ...linkMailText(mailPurpose, request.purpose, url) });
  return linkState(link, ctx);
}

/** `password_reset` where links are preferred: the reset's proof is a link (§20.1), then as by code (§19.2). */
export function startResetByLink(session: AuthSession, ctx: BackendContext, binder: string): Extract<StepState, { step: 'email_link' }> {
  const email = requireLoginHint(session);
  delete session.passwordReset;
  // A sign-in link this auth_session mailed within the resend cooldown proves the mailbox as well as a new one
  // would (as password-reset.ts does with a code): it becomes the reset's link, and no second mail is sent.
  const pending = ctx.emailLinks.forSession(session.id);
  const sentAt = pending ? pending.expiresAt - EMAIL_CODE_TTL_SECONDS * 1000 : 0;
  const wait = Math.ceil((sentAt + RESEND_AFTER_SECONDS * 1000 - ctx.clock.now()) / 1000);
  if (pending?.purpose === 'sign_in' && pending.state === 'sent' && ctx.emailLinks.usable(pending) && wait > 0) {
    pending.purpose = 'password_reset';
    pending.resetProof = ctx.passwordResets.issue(email);
    return { ...linkState(pending, ctx), resend_after: wait };
  }
  return sendEmailLink(session, ctx, { purpose: 'password_reset', binder });
}

/** `email_link` + `send`: a new link for the current purpose (a resend during sign-up stays a sign-up). */
export function resendEmailLink(session: AuthSession, ctx: BackendContext, binder: string): Extract<StepState, { step: 'email_link' }> {
  const pending = ctx.emailLinks.forSession(session.id);
  return sendEmailLink(session, ctx, {
    purpose: pending?.purpose ?? 'sign_in',
    binder,
    ...(pending?.signUpPassword ? { signUpPassword: pending.signUpPassword } : {}),
  });
}

/** `email_link` + `poll`: pending (answered `200`, §20.2), or, once opened in this browser, the proof. */
export function pollEmailLink(session: AuthSession, ctx: BackendContext, request: RequestContext): Promise<StepOutcome> | StepOutcome {
  const link = liveLink(session, ctx);
  if (link.state === 'confirmed') return proven(session, link, ctx, request);
  return { kind: 'pending', state: linkState(link, ctx) };
}

/** `email_link` + `confirm`: the code the other device shows (§20.3); wrong ones count down and burn like email codes. */
export async function confirmEmailLink(session: AuthSession, code: string, ctx: BackendContext, request: RequestContext): Promise<StepOutcome> {
  const link = liveLink(session, ctx);
  ctx.limits.accountFailures.refuseWhileLocked(link.email);
  try {
    await checkPendingCode(link.confirmation, code, ctx.clock.now(), () => ctx.limits.accountFailures.fail(link.email));
  } catch (error) {
    if (link.confirmation.codeHash === null) link.dead = true;
    throw error;
  }
  return proven(session, link, ctx, request);
}

/**
 * The landing page's `POST` (link-landing.ts): in the asking browser the link is confirmed; elsewhere it
 * waits for the code this answers, which the asking tab must type. A second device gets nothing.
 */
export function openEmailLink(link: EmailLink, askingBrowser: boolean): { result: 'confirmed' } | { result: 'elsewhere'; code: string } | { result: 'used' } {
  if (link.state === 'confirmed') return { result: 'used' };
  if (askingBrowser) {
    link.state = 'confirmed';
    return { result: 'confirmed' };
  }
  if (link.state === 'elsewhere') return { result: 'used' };
  const code = generateCode();
  link.state = 'elsewhere';
  link.confirmation.codeHash = hashCode(code);
  return { result: 'elsewhere', code };
}

function liveLink(session: AuthSession, ctx: BackendContext): EmailLink {
  const link = ctx.emailLinks.forSession(session.id);
  if (!link) throw new HttpError(400, 'invalid_request', 'no link was sent; send one first');
  // A reset's link also dies with a newer reset code or a finished reset (§19.2).
  const outdated = link.purpose === 'password_reset' && !ctx.passwordResets.isCurrent(link.email, link.resetProof);
  if (!ctx.emailLinks.usable(link) || outdated) throw new HttpError(400, 'expired_link', 'the link has expired or a newer one was sent; ask for a new one');
  return link;
}

/**
 * The mailbox is proven: the address's links die, and the customer signs in (or the account is created), or,
 * for a reset, goes on to its second factor or the new password (password-reset.ts).
 */
async function proven(session: AuthSession, link: EmailLink, ctx: BackendContext, request: RequestContext): Promise<StepOutcome> {
  ctx.emailLinks.revokeAddress(link.email);
  ctx.limits.emailResend.reset(link.email);
  if (link.purpose === 'password_reset') return { kind: 'next', state: await mailboxProvenForReset(session, link.resetProof!, ctx, request) };
  const account =
    ctx.accounts.findByEmail(link.email) ??
    (await ctx.accounts.create({
      email: link.email,
      createdAt: ctx.clock.nowSeconds(),
      ...(link.signUpPassword ? { password: link.signUpPassword } : {}),
    }));
  // The mailbox is the factor, as with a code: `amr` is ["otp"] (§20.4).
  return { kind: 'authenticated', accountId: account.id, method: 'email_otp' };
}

function linkState(link: EmailLink, ctx: BackendContext): Extract<StepState, { step: 'email_link' }> {
  return {
    step: 'email_link',
    purpose: link.purpose,
    destination_hint: destinationHint(link.email),
    expires_in: Math.max(0, Math.round((link.expiresAt - ctx.clock.now()) / 1000)),
    resend_after: RESEND_AFTER_SECONDS,
    interval: LINK_POLL_INTERVAL_SECONDS,
    ...(link.state === 'elsewhere'
      ? { confirmation: { code_length: CODE_LENGTH, attempts_remaining: link.confirmation.attemptsRemaining } }
      : {}),
  };
}

type LinkMailPurpose = Extract<MailPurpose, 'sign_in_link' | 'reset_link' | 'account_exists' | 'no_account'>;

function linkMailPurpose(purpose: LinkPurpose, exists: boolean, signUpEnabled: boolean): LinkMailPurpose {
  if (purpose === 'sign_up') return exists ? 'account_exists' : 'sign_in_link';
  if (exists) return purpose === 'password_reset' ? 'reset_link' : 'sign_in_link';
  return purpose === 'sign_in' && signUpEnabled ? 'sign_in_link' : 'no_account';
}

const MINUTES = EMAIL_CODE_TTL_SECONDS / 60;
const IGNORE = 'If you did not ask for this, ignore this email: nobody can use the link without it.';

function linkMailText(mail: LinkMailPurpose, purpose: LinkPurpose, url: string | null): { subject: string; text: string } {
  switch (mail) {
    case 'sign_in_link':
      return purpose === 'sign_up'
        ? { subject: 'Finish creating your Acme account', text: `Open this link to confirm your email and finish creating your Acme account:\n\n${url}\n\nIt works once, for ${MINUTES} minutes.\n\n${IGNORE}` }
        : { subject: 'Your Acme sign-in link', text: `Open this link to sign in to Acme:\n\n${url}\n\nIt works once, for ${MINUTES} minutes. Open it on the device where you asked for it; on another device you will be given a code to type there.\n\n${IGNORE}` };
    case 'reset_link':
      return { subject: 'Reset your Acme password', text: `Open this link to choose a new Acme password:\n\n${url}\n\nIt works once, for ${MINUTES} minutes.\n\n${IGNORE}` };
    case 'account_exists':
      return { subject: 'You already have an Acme account', text: `Someone tried to create an Acme account with this address, but you already have one. Sign in instead.\n\n${IGNORE}` };
    case 'no_account':
      return { subject: purpose === 'password_reset' ? 'Password reset at Acme' : 'Sign-in attempt at Acme', text: `Someone asked for an Acme link for this address, but there is no account for it.\n\n${IGNORE}` };
  }
}
