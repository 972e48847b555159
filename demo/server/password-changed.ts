import type { IncomingMessage, ServerResponse } from 'node:http';
import type { BackendContext } from './context.js';
import { escapeHtml, sendPage, SITE_NAME } from './html.js';
import { HttpError, mediaType, readBody, sendError } from './http.js';
import { NOT_ME_TTL_SECONDS } from './password-resets.js';
import type { Account } from './store.js';

/** The "This wasn't me" page a password-changed mail links to (docs/protocol.md §19.4). */
export const NOT_ME_PATH = '/password-reset/not-me';

/** Every web session, provider session, grant and token of the account ends (a new one may start after). */
export function endEverySession(account: Account, ctx: BackendContext): void {
  ctx.webSessions.endAccount(account.id);
  ctx.revokeProviderGrants(account.id);
}

/** How the password came to be: a reset by email, a change or an addition on the account page. */
export type PasswordEvent = 'reset' | 'changed' | 'added';

/** After a reset, change or addition: tells the mailbox, with the link that undoes it. */
export function sendPasswordChangedMail(account: Account, ctx: BackendContext, event: PasswordEvent = 'reset'): void {
  const link = `${ctx.issuer}${NOT_ME_PATH}?token=${ctx.passwordResets.notMeToken(account.id)}`;
  ctx.mailbox.send({
    to: account.email,
    purpose: 'password_changed',
    code: null,
    subject: event === 'added' ? `A password was added to your ${SITE_NAME} account` : `Your ${SITE_NAME} password was changed`,
    text:
      `${MAIL_OPENING[event]}\n\n` +
      `If this wasn't you, open this link within ${NOT_ME_TTL_SECONDS / 86_400} days: it signs out everywhere and removes the new password, ` +
      `so that nobody can sign in with it. Then choose "Forgot password?" to set a password only you know.\n\n${link}`,
  });
}

const MAIL_OPENING: Record<PasswordEvent, string> = {
  reset: `The password of your ${SITE_NAME} account was just reset, and every other session of the account was signed out.`,
  changed: `The password of your ${SITE_NAME} account was just changed, and every other session of the account was signed out.`,
  added: `A password was just added to your ${SITE_NAME} account.`,
};

/**
 * `GET` shows what "This wasn't me" will do and a button; only the `POST` acts (a mail scanner that fetches
 * the link changes nothing). The token is single use and names one account.
 */
export async function handleNotMe(req: IncomingMessage, res: ServerResponse, ctx: BackendContext): Promise<void> {
  if (req.method === 'GET') {
    const token = new URL(req.url ?? '/', ctx.issuer).searchParams.get('token') ?? '';
    return ctx.passwordResets.peekNotMe(token) ? confirmPage(res, token) : expiredPage(res);
  }
  if (req.method !== 'POST') return sendError(res, new HttpError(405, 'invalid_request', 'use GET or POST', { Allow: 'GET, POST' }));
  if (mediaType(req) !== 'application/x-www-form-urlencoded') return sendError(res, new HttpError(415, 'invalid_request', 'send the form'));
  const token = new URLSearchParams(await readBody(req)).get('token') ?? '';
  const account = ctx.accounts.findById(ctx.passwordResets.takeNotMe(token) ?? '');
  if (!account) return expiredPage(res);
  endEverySession(account, ctx);
  delete account.password;
  ctx.passwordResets.endAll(account.email);
  await ctx.accounts.save();
  linkPage(res, 200, 'Done: everyone is signed out', [
    `We signed out every session of your ${SITE_NAME} account, including the one that changed the password, and removed the new password.`,
    `To use a password again, reset it: on the sign-in page choose "Forgot password?". You can sign in with a code sent to this email address meanwhile.`,
    `Whoever changed the password could read this mailbox: check your email account's security too.`,
  ]);
}

function confirmPage(res: ServerResponse, token: string): void {
  const form = `<form method="post" action="${NOT_ME_PATH}">
<input type="hidden" name="token" value="${escapeHtml(token)}">
<button type="submit">Sign out everywhere and remove the new password</button>
</form>`;
  linkPage(res, 200, "Didn't change your password?", [
    `Someone changed the password of your ${SITE_NAME} account. If it wasn't you, this signs out every session of the account, including theirs, and removes the new password.`,
    `Afterwards you reset the password again yourself with "Forgot password?".`,
  ], form);
}

function expiredPage(res: ServerResponse): void {
  linkPage(res, 400, 'This link no longer works', [
    `It was already used, or it expired. If someone else changed your password, sign in with an email code and reset your password with "Forgot password?".`,
  ]);
}

/** A link page's answer: a heading, paragraphs of text (escaped), and optional trusted markup after them. */
export function linkPage(res: ServerResponse, status: number, heading: string, paragraphs: string[], extra = ''): void {
  const body = paragraphs.map((text) => `<p>${escapeHtml(text)}</p>`).join('\n');
  sendPage(res, status, {
    title: `${heading} · ${SITE_NAME}`,
    head: '<link rel="stylesheet" href="/interaction-assets/interaction.css">',
    body: `<main><h1>${escapeHtml(heading)}</h1>\n${body}\n${extra}</main>`,
  });
}
