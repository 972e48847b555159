import type { IncomingMessage, ServerResponse } from 'node:http';
import { readFile } from 'node:fs/promises';
import type { BackendContext } from './context.js';
import { escapeHtml } from './html.js';
import { HttpError, readJson, requireJson, sendError, sendJson } from './http.js';
import type { Mail } from './mailbox.js';
import { HTML_HEADERS } from './security-headers.js';

const MAILBOX_CSS = new URL('./dev-mailbox.css', import.meta.url);

/**
 * Development helpers, never part of the profile: the outbox of email and text messages (`/dev/mailbox`,
 * `/dev/mailbox.json`), and, only when the test clock is on, `GET`/`POST /dev/clock` and `POST /dev/sandbox/:id/down` or `/up` (an upstream
 * outage). Answers `false` when the path is not one of them.
 */
export async function handleDevRoute(
  req: IncomingMessage,
  res: ServerResponse,
  pathname: string,
  ctx: BackendContext,
): Promise<boolean> {
  switch (pathname) {
    case '/dev/mailbox.json':
      sendJson(res, 200, ctx.mailbox.list());
      return true;
    case '/dev/mailbox':
      res.writeHead(200, HTML_HEADERS);
      res.end(renderMailbox(ctx.mailbox.list()));
      return true;
    case '/dev/mailbox.css':
      res.writeHead(200, { 'Content-Type': 'text/css; charset=utf-8', 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff' });
      res.end(await readFile(MAILBOX_CSS));
      return true;
    case '/dev/clock':
      if (!ctx.clock.adjustable) return false;
      await handleClock(req, res, ctx);
      return true;
    default: {
      const sandbox = /^\/dev\/sandbox\/([a-z]+)\/(down|up)$/.exec(pathname);
      if (!sandbox || !ctx.clock.adjustable || req.method !== 'POST') return false;
      if (!ctx.sandboxes.setDown(sandbox[1]!, sandbox[2] === 'down')) return false;
      sendJson(res, 200, { sandbox: sandbox[1], down: sandbox[2] === 'down' });
      return true;
    }
  }
}

/** `GET /dev/clock` answers the backend's now; `POST /dev/clock {advance_seconds}` moves it forward. */
async function handleClock(req: IncomingMessage, res: ServerResponse, ctx: BackendContext): Promise<void> {
  try {
    if (req.method === 'GET') return sendJson(res, 200, { now: ctx.clock.nowSeconds() });
    if (req.method !== 'POST') throw new HttpError(405, 'invalid_request', 'use GET or POST', { Allow: 'GET, POST' });
    requireJson(req);
    const body = (await readJson(req)) as { advance_seconds?: unknown };
    const seconds = body.advance_seconds;
    if (typeof seconds !== 'number' || !Number.isFinite(seconds) || seconds < 0) {
      throw new HttpError(400, 'invalid_request', 'advance_seconds must be a non-negative number');
    }
    ctx.clock.advance(seconds);
    sendJson(res, 200, { now: ctx.clock.nowSeconds() });
  } catch (error) {
    if (!(error instanceof HttpError)) throw error;
    sendError(res, error);
  }
}

export function renderMailbox(mails: Mail[]): string {
  const items = mails
    .map((mail) => {
      const sent = new Date(mail.created_at * 1000).toISOString();
      const code = mail.link
        ? `<p><a href="${escapeHtml(mail.link)}">Open the link in this message</a></p>`
        : mail.code
          ? `<p class="code" aria-label="Code">${escapeHtml(mail.code)}</p>`
          : '<p class="no-code">No code in this message.</p>';
      const heading = mail.channel === 'sms' ? 'Text message' : (mail.subject ?? '');
      return `<li><article class="${mail.channel}">
<h2>${escapeHtml(heading)}</h2>
<p class="meta">${mail.channel === 'sms' ? 'SMS' : 'Email'} to ${escapeHtml(mail.to)} · <time datetime="${escapeHtml(sent)}">${escapeHtml(sent.replace('T', ' ').slice(0, 19))} UTC</time> · ${escapeHtml(mail.purpose)}</p>
${code}
<pre>${escapeHtml(mail.text)}</pre>
</article></li>`;
    })
    .join('\n');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Dev mailbox · Latchkey demo</title>
<link rel="stylesheet" href="/dev/mailbox.css">
</head>
<body>
<main>
<h1>Dev mailbox</h1>
<p class="note">Email and text messages the demo backend would have sent, newest first. Reload to see new messages.</p>
${mails.length ? `<ol>${items}</ol>` : '<p>No messages yet.</p>'}
</main>
</body>
</html>
`;
}

/** The cookie that turns on {@link applyTestHeaders} for one browser (a test's own context). */
export const TEST_COOP_COOKIE = 'latch_test_coop';

/**
 * A test-only switch, on only with the test clock: a browser carrying {@link TEST_COOP_COOKIE} gets
 * `Cross-Origin-Opener-Policy: same-origin` on the provider's pages (its sign-in page and the upstream
 * sandboxes), which severs a sign-in popup from its opener as a real provider's page may.
 */
export function applyTestHeaders(req: IncomingMessage, res: ServerResponse, pathname: string, ctx: BackendContext): void {
  if (!ctx.clock.adjustable || !(req.headers.cookie ?? '').split(/;\s*/).includes(`${TEST_COOP_COOKIE}=1`)) return;
  if (pathname.startsWith('/interaction/') || pathname.startsWith('/sandbox/')) res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
}
