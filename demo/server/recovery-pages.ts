import type { IncomingMessage, ServerResponse } from 'node:http';
import type { BackendContext } from './context.js';
import { escapeHtml, sendPage, SITE_NAME } from './html.js';
import { HttpError, mediaType, readBody, sendError } from './http.js';
import { cancelRecovery, findByCancelToken } from './steps/account-recovery.js';

const STYLESHEET = '<link rel="stylesheet" href="/interaction-assets/interaction.css">';

/**
 * `/recovery/cancel?token=…`, the link in the account recovery notice (docs/protocol.md §22). `GET` only shows
 * the question, so a mail scanner that fetches links cancels nothing; the owner's click on its button (a
 * `POST` carrying the token) ends the waiting recovery.
 */
export async function handleRecoveryCancel(req: IncomingMessage, res: ServerResponse, ctx: BackendContext): Promise<void> {
  try {
    if (req.method === 'GET') {
      const token = new URL(req.url ?? '/', ctx.issuer).searchParams.get('token') ?? '';
      return findByCancelToken(token, ctx) ? sendPage(res, 200, confirmPage(token)) : sendPage(res, 404, gonePage());
    }
    if (req.method !== 'POST') throw new HttpError(405, 'invalid_request', 'use GET or POST', { Allow: 'GET, POST' });
    if (mediaType(req) !== 'application/x-www-form-urlencoded') throw new HttpError(415, 'invalid_request', 'send the form');
    const token = new URLSearchParams(await readBody(req)).get('token') ?? '';
    const account = findByCancelToken(token, ctx);
    if (!account) return sendPage(res, 404, gonePage());
    await cancelRecovery(account, ctx);
    sendPage(res, 200, cancelledPage());
  } catch (error) {
    if (!(error instanceof HttpError)) throw error;
    sendError(res, error);
  }
}

function confirmPage(token: string) {
  return {
    title: `Cancel the account recovery · ${SITE_NAME}`,
    head: STYLESHEET,
    body: `<main>
<h1>Cancel getting into your account without its passkey?</h1>
<p>Someone who can read your email asked to sign in to your ${escapeHtml(SITE_NAME)} account without its passkey. If it wasn't you, cancel it: nothing about your account changes.</p>
<form method="post" action="/recovery/cancel">
<input type="hidden" name="token" value="${escapeHtml(token)}">
<button type="submit" class="primary">Cancel the recovery</button>
</form>
</main>`,
  };
}

function cancelledPage() {
  return {
    title: `Recovery cancelled · ${SITE_NAME}`,
    head: STYLESHEET,
    body: `<main>
<h1>The recovery is cancelled</h1>
<p>Nobody can use it to get into your account. If you didn't ask for it, someone can read your email: change your email password. <a href="/">Back to ${escapeHtml(SITE_NAME)}</a></p>
</main>`,
  };
}

function gonePage() {
  return {
    title: `Link no longer valid · ${SITE_NAME}`,
    head: STYLESHEET,
    body: `<main>
<h1>This link is no longer valid</h1>
<p>The recovery it was for has already finished or been cancelled. <a href="/">Back to ${escapeHtml(SITE_NAME)}</a></p>
</main>`,
  };
}
