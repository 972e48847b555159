import type { IncomingMessage } from 'node:http';
import type { BackendContext } from './context.js';
import { HttpError } from './http.js';
import type { MailPurpose } from './mailbox.js';
import { generateCode, hashCode } from './one-time-codes.js';

/** A texted code lives 5 minutes: a phone is at hand, unlike a mailbox. */
export const SMS_CODE_TTL_SECONDS = 5 * 60;

/** A code in flight to a phone; only its hash is kept. */
export interface PendingSmsCode {
  to: string;
  codeHash: Buffer | null;
  /** Epoch milliseconds. */
  expiresAt: number;
  attemptsRemaining: number;
}

/**
 * The text of a code message. The last line binds it to the site (WICG sms-one-time-codes: `@host #code`), so
 * the browser offers it only on that site, for autofill and WebOTP, and a phishing page never gets it.
 */
export function smsText(code: string, host: string): string {
  return `Your Latchkey code is ${code}.\n\n@${host} #${code}`;
}

/** `+447700900123` → `•••••••0123`: enough to recognise the phone, not to harvest the number. */
export function phoneHint(phoneNumber: string): string {
  return `${'•'.repeat(Math.max(0, phoneNumber.length - 5))}${phoneNumber.slice(-4)}`;
}

/**
 * The host for the origin-bound line: the request's `Origin` (the widget's top-level site) when it is one of
 * ours, else the issuer's host. A foreign `Origin` is never echoed: a phishing proxy that relays requests with
 * its own `Origin` would otherwise get messages bound to its own site.
 */
export function smsHost(req: IncomingMessage, ctx: BackendContext): string {
  const origin = req.headers.origin;
  if (origin && ctx.firstPartyOrigins.includes(origin)) return new URL(origin).hostname;
  return new URL(ctx.issuer).hostname;
}

/** Texts a fresh code (dev outbox), after the per-number cooldown and window limits. */
export function sendSmsCode(ctx: BackendContext, input: { to: string; host: string; purpose: MailPurpose }): PendingSmsCode {
  const wait = ctx.limits.smsResend.hit(input.to) || ctx.limits.smsSends.hit(input.to);
  if (wait > 0) throw new HttpError(429, 'rate_limited', 'wait before asking for another code', { 'Retry-After': String(wait) });
  const code = generateCode();
  ctx.mailbox.sendSms({ to: input.to, text: smsText(code, input.host), code, purpose: input.purpose });
  return { to: input.to, codeHash: hashCode(code), expiresAt: ctx.clock.now() + SMS_CODE_TTL_SECONDS * 1000, attemptsRemaining: 5 };
}
