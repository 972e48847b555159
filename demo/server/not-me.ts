import type { IncomingMessage, ServerResponse } from 'node:http';
import type { BackendContext } from './context.js';
import { escapeHtml, SITE_NAME } from './html.js';
import { HttpError, mediaType, readBody, sendError } from './http.js';
import { describeSignIn, findNotMeLink, NOT_ME_DEVICE_PATH, reportNewDevice, type NotMeLink } from './new-device.js';
import { endEverySession, linkPage } from './password-changed.js';

/**
 * The new-device mail's "This wasn't me" page (docs/protocol.md §26.4). `GET` only explains and asks, so a
 * mail scanner that fetches the link changes nothing; the owner's click (a `POST` carrying the single-use
 * token, which a cross-site page cannot know: the form's CSRF defence, as on the other link pages) signs out
 * every session of the account, forgets the new browser and asks the owner to secure the account.
 */
export async function handleNotMeDevice(req: IncomingMessage, res: ServerResponse, ctx: BackendContext): Promise<void> {
  if (req.method === 'GET') {
    const token = new URL(req.url ?? '/', ctx.issuer).searchParams.get('token') ?? '';
    const found = findNotMeLink(token, ctx);
    return found ? confirmPage(res, token, found.link) : expiredPage(res);
  }
  if (req.method !== 'POST') return sendError(res, new HttpError(405, 'invalid_request', 'use GET or POST', { Allow: 'GET, POST' }));
  if (mediaType(req) !== 'application/x-www-form-urlencoded') return sendError(res, new HttpError(415, 'invalid_request', 'send the form'));
  const found = findNotMeLink(new URLSearchParams(await readBody(req)).get('token') ?? '', ctx);
  if (!found) return expiredPage(res);
  reportNewDevice(found.account, found.link, ctx.clock.nowSeconds());
  endEverySession(found.account, ctx);
  // Branch devices' activity log records the report here once it exists (profile §27).
  await ctx.accounts.save();
  donePage(res);
}

function confirmPage(res: ServerResponse, token: string, link: NotMeLink): void {
  const form = `<form method="post" action="${NOT_ME_DEVICE_PATH}">
<input type="hidden" name="token" value="${escapeHtml(token)}">
<button type="submit" class="primary">Sign out everywhere</button>
</form>`;
  linkPage(res, 200, "Wasn't you?", [
    `Your ${SITE_NAME} account was signed in to from a new device:`,
    ...describeSignIn(link.signed_in).split('\n'),
    `If it wasn't you, sign out everywhere: every session of your account ends, on every device, including that one, and the new device is forgotten. Then secure your account.`,
  ], form);
}

function donePage(res: ServerResponse): void {
  linkPage(res, 200, 'Done: every session is signed out', [
    `We signed out every session of your ${SITE_NAME} account, on every device, including the new one, and forgot that device: signing in there counts as new again and needs a second check.`,
    `Now secure your account. If you use a password, set a new one: on the sign-in page choose "Forgot password?". Then sign in and add a new passkey, and remove any passkey you don't recognise.`,
    `Whoever signed in may know your password or read your email: check your email account's security too.`,
  ], `<p><a href="/">Back to ${escapeHtml(SITE_NAME)}</a></p>`);
}

function expiredPage(res: ServerResponse): void {
  linkPage(res, 400, 'This link no longer works', [
    `It was already used, or it expired. If you still think someone else signed in, sign in and check your account's devices, and choose "Forgot password?" to set a new password.`,
  ]);
}
