import type { AnswerHeaders } from './answers.js';
import { errorAnswer, noContent } from './answers.js';

// Who may call the plugin's endpoints from a browser. Credentialed CORS only for the configured first-party
// origins (the pages the widget runs on), and the CSRF rule of profile §2.1 for cookie-carrying form posts.

/** The origins allowed to call with credentials: the issuer's own and the configured app origins. */
export interface OriginPolicy {
  readonly firstPartyOrigins: readonly string[];
}

/** The CORS headers for a request from `origin`, or none when it is not first-party (the browser then refuses). */
export function corsHeaders(policy: OriginPolicy, origin: string | null): AnswerHeaders {
  if (!origin || !policy.firstPartyOrigins.includes(origin)) return {};
  return {
    'Access-Control-Allow-Origin': origin,
    'Access-Control-Allow-Credentials': 'true',
    Vary: 'Origin',
  };
}

/** The answer to a CORS preflight: granted only to first-party origins, so JSON steps cannot be forged cross-origin. */
export function preflightAnswer(policy: OriginPolicy, request: Request, methods: string): Response {
  const origin = request.headers.get('origin');
  const cors = corsHeaders(policy, origin);
  if (!('Access-Control-Allow-Origin' in cors)) return noContent({ Vary: 'Origin' });
  return noContent({
    ...cors,
    'Access-Control-Allow-Methods': methods,
    'Access-Control-Allow-Headers': 'Content-Type',
    'Access-Control-Max-Age': '600',
  });
}

/**
 * Profile §2.1: a form-encoded post that carries cookies from a foreign (or `null`) `Origin` is refused before
 * anything happens. A request without cookies can act only as a stranger; one without `Origin` is no page's.
 */
export function refuseForeignCookiePost(policy: OriginPolicy, request: Request): Response | undefined {
  const origin = request.headers.get('origin');
  if (!request.headers.get('cookie') || origin === null) return undefined;
  if (policy.firstPartyOrigins.includes(origin)) return undefined;
  return errorAnswer(403, 'access_denied', 'this origin may not send the sign-in form with cookies');
}

/** A state-changing call (sign-out, keep-alive) from a page that is not first-party: `403 access_denied`. */
export function refuseForeignOrigin(policy: OriginPolicy, request: Request): Response | undefined {
  const origin = request.headers.get('origin');
  if (origin === null || policy.firstPartyOrigins.includes(origin)) return undefined;
  return errorAnswer(403, 'access_denied', 'this origin may not change the session');
}
