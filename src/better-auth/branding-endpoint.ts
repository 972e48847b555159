import { createAuthEndpoint } from 'better-auth/api';
import type { AuthContext } from 'better-auth';
import { errorAnswer } from './http/answers.js';
import type { LatchkeyBranding, ResolvedOptions } from './options.js';

// `GET {ciam_branding_endpoint}?client_id=…` (profile §26.1): who runs the site, for the trust signals above the form
// (`brand`, `links`). Public and cacheable; named in discovery only when the app gives a `branding` option.

/** The route under better-auth's base path. */
export const BRANDING_PATH = '/latchkey/branding';

/** The endpoint record. */
export function brandingEndpoints(getOptions: (auth: AuthContext) => ResolvedOptions) {
  return {
    latchkeyBranding: createAuthEndpoint(BRANDING_PATH, { method: 'GET' }, async (ctx) => {
      const options = getOptions(ctx.context);
      const clientId = ctx.request ? new URL(ctx.request.url).searchParams.get('client_id') : null;
      if (!options.branding || !clientId || !options.clientIds.includes(clientId)) {
        return errorAnswer(404, 'invalid_client', 'no branding for this client', {}, { 'Access-Control-Allow-Origin': '*' });
      }
      return brandingAnswer(clientId, options.branding, options.firstPartyOrigins);
    }),
  };
}

/**
 * The Branding document (RFC 7591 §2 names), public: `*` CORS, cached five minutes as the reference backend's (so not
 * `jsonAnswer`, whose answers are `no-store`).
 */
function brandingAnswer(clientId: string, branding: LatchkeyBranding, allowedOrigins: readonly string[]): Response {
  const body = {
    client_id: clientId,
    ...(branding.clientName ? { client_name: branding.clientName } : {}),
    ...(branding.logoUri ? { logo_uri: branding.logoUri } : {}),
    ...(branding.policyUri ? { policy_uri: branding.policyUri } : {}),
    ...(branding.tosUri ? { tos_uri: branding.tosUri } : {}),
    allowed_origins: [...allowedOrigins],
  };
  return new Response(JSON.stringify(body), {
    status: 200,
    headers: { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'public, max-age=300', 'Access-Control-Allow-Origin': '*' },
  });
}
