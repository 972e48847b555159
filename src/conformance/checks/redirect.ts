import { createHash, randomBytes } from 'node:crypto';
import { expectThat, Skipped, type Check } from '../check.js';
import type { RunContext } from '../context.js';
import type { Browser, Exchange } from '../http.js';

// §11.2: the redirect tier, driven by a plain HTTP client that follows the provider's redirects until it is
// sent to the client's redirect URI (or the provider wants a page to be used: then the check cannot go on).

/** Redirects followed on the provider's own origin before giving up. */
const MAX_HOPS = 8;

function redirectUriOf(ctx: RunContext): string {
  return ctx.options.redirectUri ?? `${ctx.options.origin ?? new URL(ctx.issuer).origin}/callback`;
}

/** The backend's authorization endpoint; the redirect tier is skipped where a session-completion backend names none (§1). */
async function authorizationEndpoint(ctx: RunContext): Promise<string> {
  const endpoint = (await ctx.discovery()).metadata.authorization_endpoint;
  if (!endpoint) throw new Skipped('discovery names no authorization_endpoint (a session-completion backend, §1): no redirect tier');
  return endpoint;
}

/** The authorization request with `params`; answers the URL it ended at (the redirect URI's, or the last hop's). */
async function authorize(ctx: RunContext, params: Record<string, string | null>): Promise<{ landed?: URL; last: Exchange }> {
  const endpoint = await authorizationEndpoint(ctx);
  const redirectUri = redirectUriOf(ctx);
  const verifier = randomBytes(32).toString('base64url');
  const query = {
    client_id: ctx.options.clientId,
    response_type: 'code',
    redirect_uri: redirectUri,
    scope: 'openid',
    state: randomBytes(16).toString('base64url'),
    nonce: randomBytes(16).toString('base64url'),
    code_challenge: createHash('sha256').update(verifier).digest('base64url'),
    code_challenge_method: 'S256',
    ...params,
  };
  const url = new URL(endpoint);
  for (const [key, value] of Object.entries(query)) if (value !== null) url.searchParams.set(key, value);
  return follow(ctx.browser(), url, redirectUri);
}

async function follow(browser: Browser, start: URL, redirectUri: string): Promise<{ landed?: URL; last: Exchange }> {
  let url = start;
  for (let hop = 0; hop < MAX_HOPS; hop++) {
    const last = await browser.send(url.href, { headers: { Accept: 'text/html' }, navigate: true });
    const location = last.headers['location'];
    if (last.status < 300 || last.status >= 400 || !location) return { last };
    const next = new URL(location, url);
    if (next.href.startsWith(redirectUri)) return { landed: next, last };
    if (next.origin !== start.origin) return { last };
    url = next;
  }
  throw new Skipped(`the provider redirected more than ${MAX_HOPS} times`);
}

export const redirectChecks: Check[] = [
  {
    id: 'C-REDIR-1',
    section: '§11.2',
    title: 'An authorization request without code_challenge is refused (an error at the redirect URI, or a 4xx page)',
    async run(ctx) {
      const { landed, last } = await authorize(ctx, { code_challenge: null, code_challenge_method: null });
      const refused = landed ? landed.searchParams.has('error') && !landed.searchParams.has('code') : last.status >= 400 && last.status < 500;
      expectThat(refused, 'a request without PKCE was not refused', last, ['location']);
    },
  },
  {
    id: 'C-REDIR-2',
    section: '§11.2',
    title: 'The authorization response carries iss = the issuer (RFC 9207) where authorization_response_iss_parameter_supported',
    async run(ctx) {
      await authorizationEndpoint(ctx);
      if ((await ctx.discovery()).metadata.authorization_response_iss_parameter_supported !== true) {
        throw new Skipped('discovery does not advertise authorization_response_iss_parameter_supported');
      }
      // prompt=none without a session: the provider must answer at once, at the redirect URI (OIDC Core §3.1.2.6).
      const { landed, last } = await authorize(ctx, { prompt: 'none' });
      if (!landed) throw new Skipped(`the provider did not answer prompt=none at ${redirectUriOf(ctx)} (give --redirect-uri)`);
      expectThat(landed.searchParams.get('iss') === (await ctx.discovery()).metadata.issuer, `the authorization response's iss is ${JSON.stringify(landed.searchParams.get('iss'))}`, last, ['location']);
    },
  },
];
