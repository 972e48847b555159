import type { AnswerHeaders } from './answers.js';
import { errorAnswer, noContent } from './answers.js';

// Who may call the plugin's endpoints from a browser. Credentialed CORS only for the configured first-party
// origins (the pages the widget runs on), and no credentialed request at all from any other (profile §26.2).

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
 * Profile §26.2: a request whose `Origin` is present and not one of the client's allowed origins is refused,
 * `403 origin_not_allowed`, before anything is read or changed. Like every answer to a foreign origin it carries
 * no CORS headers. A request without `Origin` (a server's, a same-origin `GET`) is no page's and passes.
 */
export function refuseUnallowedOrigin(policy: OriginPolicy, request: Request): Response | undefined {
  const origin = request.headers.get('origin');
  if (origin === null || policy.firstPartyOrigins.includes(origin)) return undefined;
  return errorAnswer(403, 'origin_not_allowed', `${origin} is not an allowed origin of this client`);
}
