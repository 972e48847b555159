import type { IncomingMessage, ServerResponse } from 'node:http';
import type { BackendContext } from './context.js';
import { escapeHtml, sendPage, SITE_NAME, type Page } from './html.js';
import { HttpError, mediaType, readBody, sendError } from './http.js';
import { fromAskingBrowser, openEmailLink, type EmailLink, type LinkPurpose } from './steps/email-link.js';

// The page a mailed link opens (docs/protocol.md §20.3). `GET` only shows a button: mail scanners and
// previews fetch links, sometimes many times, and must not use them. The button's `POST` uses the link once.

const STYLESHEET = '<link rel="stylesheet" href="/interaction-assets/interaction.css">';

/** `GET /link?token=…` shows the button; `POST /link` (the button) opens the link. */
export async function handleLinkLanding(req: IncomingMessage, res: ServerResponse, ctx: BackendContext): Promise<void> {
  try {
    if (req.method === 'GET') {
      const token = new URL(req.url ?? '/', ctx.issuer).searchParams.get('token') ?? '';
      const link = ctx.emailLinks.findByToken(token);
      return link ? sendPage(res, 200, buttonPage(token, link.purpose)) : sendPage(res, 410, unusablePage());
    }
    if (req.method !== 'POST') throw new HttpError(405, 'invalid_request', 'use GET or POST', { Allow: 'GET, POST' });
    // A page elsewhere that learnt a token cannot press the button for its owner (the binding cookie is
    // SameSite=Lax, and this refuses the cross-site form outright).
    if (req.headers['sec-fetch-site'] === 'cross-site') throw new HttpError(403, 'access_denied', 'cross-site request refused');
    if (mediaType(req) !== 'application/x-www-form-urlencoded') throw new HttpError(415, 'invalid_request', 'send the landing page form');
    const token = new URLSearchParams(await readBody(req)).get('token') ?? '';
    const link = ctx.emailLinks.findByToken(token);
    const opened = link && openedPage(link, fromAskingBrowser(req, link));
    sendPage(res, opened ? 200 : 410, opened ?? unusablePage());
  } catch (error) {
    if (!(error instanceof HttpError)) throw error;
    sendError(res, error);
  }
}

const ACTION: Record<LinkPurpose, { title: string; button: string }> = {
  sign_in: { title: `Sign in to ${SITE_NAME}`, button: 'Sign in' },
  sign_up: { title: `Finish creating your ${SITE_NAME} account`, button: 'Confirm my email' },
  password_reset: { title: `Reset your ${SITE_NAME} password`, button: 'Continue' },
};

function buttonPage(token: string, purpose: LinkPurpose): Page {
  const action = ACTION[purpose];
  return {
    title: `${action.title} · ${SITE_NAME}`,
    head: STYLESHEET,
    body: `<main>
<h1>${escapeHtml(action.title)}</h1>
<p>Press the button to continue. If you did not ask for this, close this page.</p>
<form method="post" action="/link">
<input type="hidden" name="token" value="${escapeHtml(token)}">
<button type="submit" class="primary">${escapeHtml(action.button)}</button>
</form>
</main>`,
  };
}

/** What the button did, or `undefined` when the link had already been opened (no second device gets a code). */
function openedPage(link: EmailLink, askingBrowser: boolean): Page | undefined {
  const opened = openEmailLink(link, askingBrowser);
  if (opened.result === 'used') return undefined;
  if (opened.result === 'confirmed') {
    const next = link.purpose === 'password_reset' ? 'choose your new password there' : 'you are signed in there';
    return {
      title: `Email confirmed · ${SITE_NAME}`,
      head: STYLESHEET,
      body: `<main>
<h1>Email confirmed</h1>
<p>Go back to the ${escapeHtml(SITE_NAME)} tab where you asked for the link: ${next}. You can close this page.</p>
</main>`,
    };
  }
  return {
    title: `Confirm on your other device · ${SITE_NAME}`,
    head: STYLESHEET,
    body: `<main>
<h1>Confirm on your other device</h1>
<p>You opened the link on a different device or browser than the one where you asked for it. Type this code there:</p>
<p class="link-code" aria-label="Confirmation code">${escapeHtml(opened.code)}</p>
<p>Never give this code to anyone: whoever types it is signed in to your account. If you did not ask for a link, close this page.</p>
</main>`,
  };
}

function unusablePage(): Page {
  return {
    title: `Link not valid · ${SITE_NAME}`,
    head: STYLESHEET,
    body: `<main>
<h1>This link cannot be used</h1>
<p>It was already used, it has expired, or a newer link was sent. Go back to ${escapeHtml(SITE_NAME)} and ask for a new one.</p>
</main>`,
  };
}
