import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AuthSession } from './auth-sessions.js';
import type { Clock } from './clock.js';
import { escapeHtml, sendPage } from './html.js';
import { HttpError, mediaType, readBody, sendError } from './http.js';

/**
 * The reference backend's sandbox of a step this profile does not define (docs/protocol.md §2.7a), for the
 * widget's web fallback: an address at this domain must accept the terms first, a step only the provider's
 * web page can ask. Any other address never meets it.
 */
export const WEB_STEP_DOMAIN = 'web-step.test';
/** The step's name on the wire: unknown to the widget, so it continues on the web page. */
const STEP_NAME = 'accept_terms';
/** RFC 9126 §2.2: a short-lived reference to the authorization request. */
const REQUEST_URI_TTL_SECONDS = 600;
const REQUEST_URI_PREFIX = 'urn:ietf:params:oauth:request_uri:';
/** The authorization request parameter that brings the step to the provider's interaction page. */
export const WEB_STEP_PARAM = 'latch_web_step';

interface PushedRequest {
  params: Record<string, string>;
  expiresAt: number;
}

/** Requests the widget handed to the web page (`request_uri`), and the addresses that accepted the terms. */
export class WebSteps {
  readonly #requests = new Map<string, PushedRequest>();
  readonly #accepted = new Set<string>();

  constructor(private readonly clock: Clock) {}

  /**
   * The identifier step for an address that has not accepted the terms: `insufficient_authorization` with the
   * added step and, as FiPA §5.2.2.1.1 has for `redirect_to_web`, a `request_uri` for this transaction.
   */
  check(session: AuthSession, loginHint: string): void {
    if (!loginHint.endsWith(`@${WEB_STEP_DOMAIN}`) || this.#accepted.has(loginHint)) return;
    const { request } = session;
    if (!request.state || !request.redirectUri) throw new HttpError(400, 'invalid_request', 'send state and redirect_uri to continue on the web');
    const id = randomBytes(32).toString('base64url');
    const params: Record<string, string> = {
      client_id: request.clientId,
      response_type: 'code',
      scope: request.scope,
      code_challenge: request.codeChallenge,
      code_challenge_method: 'S256',
      state: request.state,
      redirect_uri: request.redirectUri,
      login_hint: loginHint,
      [WEB_STEP_PARAM]: STEP_NAME,
      ...(request.nonce ? { nonce: request.nonce } : {}),
    };
    this.#requests.set(id, { params, expiresAt: this.clock.nowSeconds() + REQUEST_URI_TTL_SECONDS });
    throw new HttpError(400, 'insufficient_authorization', undefined, {}, {
      ciam: { step: STEP_NAME },
      request_uri: REQUEST_URI_PREFIX + id,
      expires_in: REQUEST_URI_TTL_SECONDS,
    });
  }

  /**
   * `GET /auth?client_id=…&request_uri=…` with one of ours: the authorization request it stands for, spelt
   * out (single use, RFC 9126 §4), so the provider runs it as any other. `false` for any other request.
   */
  resolve(req: IncomingMessage, res: ServerResponse, issuer: string): boolean {
    const url = new URL(req.url ?? '/', issuer);
    const requestUri = url.searchParams.get('request_uri') ?? '';
    if (url.pathname !== '/auth' || !requestUri.startsWith(REQUEST_URI_PREFIX)) return false;
    const id = requestUri.slice(REQUEST_URI_PREFIX.length);
    const pushed = this.#requests.get(id);
    this.#requests.delete(id);
    if (!pushed || pushed.expiresAt < this.clock.nowSeconds() || pushed.params.client_id !== url.searchParams.get('client_id')) {
      sendError(res, new HttpError(400, 'invalid_request_uri', 'the request_uri is unknown, used or expired'));
      return true;
    }
    res.writeHead(303, { Location: `/auth?${new URLSearchParams(pushed.params)}`, 'Cache-Control': 'no-store' });
    res.end();
    return true;
  }

  /** The step of an authorization request, if it carries one (the interaction page shows it first). */
  stepOf(params: Record<string, unknown>): string | undefined {
    const hint = typeof params.login_hint === 'string' ? params.login_hint : '';
    return params[WEB_STEP_PARAM] === STEP_NAME && !this.#accepted.has(hint) ? STEP_NAME : undefined;
  }

  /** The provider's web page for the step: accept the terms, then sign in as usual. */
  render(res: ServerResponse, uid: string, loginHint: string): void {
    sendPage(res, 200, {
      title: 'Accept the terms · Acme',
      head: '<link rel="stylesheet" href="/interaction-assets/interaction.css">',
      body: `<main>
<h1>Accept the new terms</h1>
<p>Before <strong>${escapeHtml(loginHint)}</strong> signs in, Acme needs you to accept its updated terms of service. This step is shown only on this page.</p>
<form method="post" action="/interaction/${escapeHtml(uid)}/terms">
<button type="submit">Accept and continue</button>
</form>
</main>`,
    });
  }

  /** `POST /interaction/:uid/terms` (a plain form): the address accepted; back to the interaction page. */
  async accept(req: IncomingMessage, res: ServerResponse, uid: string, loginHint: string): Promise<void> {
    if (req.method !== 'POST' || mediaType(req) !== 'application/x-www-form-urlencoded') {
      return sendError(res, new HttpError(405, 'invalid_request', 'POST the form', { Allow: 'POST' }));
    }
    await readBody(req);
    this.#accepted.add(loginHint);
    res.writeHead(303, { Location: `/interaction/${encodeURIComponent(uid)}`, 'Cache-Control': 'no-store' });
    res.end();
  }
}
