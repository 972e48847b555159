import { expectThat, Skipped, type Check } from '../check.js';
import type { RunContext } from '../context.js';
import type { Exchange } from '../http.js';
import { expectRefused } from './challenge.js';

// §18.2: the credentialed CORS allow-list of the challenge endpoint; §26.2: what a page of another origin gets.

/** An origin no backend allows (RFC 6761 `.invalid`). */
const FOREIGN_ORIGIN = 'https://conformance-foreign.invalid';

async function preflight(ctx: RunContext, origin: string) {
  return ctx.browser().send(await ctx.endpoint('authorization_challenge_endpoint'), {
    method: 'OPTIONS',
    headers: { Origin: origin, 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'content-type' },
  });
}

/** `403 origin_not_allowed`, readable by no page (no CORS headers), and no transaction opened. */
function expectOriginRefused(exchange: Exchange, what: string): void {
  expectRefused(exchange, 403, 'origin_not_allowed', `${what} from ${FOREIGN_ORIGIN}`);
  expectThat(exchange.headers['access-control-allow-origin'] === undefined, `${what}: the refusal is readable by ${FOREIGN_ORIGIN}`, exchange, ['access-control-allow-origin']);
}

export const corsChecks: Check[] = [
  {
    id: 'C-CORS-1',
    section: '§18.2',
    title: 'A preflight from the allowed page origin (--origin) gets that origin and credentials allowed',
    async run(ctx) {
      const origin = ctx.options.origin;
      if (!origin) throw new Skipped('no --origin given');
      const exchange = await preflight(ctx, origin);
      const ok = exchange.status >= 200 && exchange.status < 300;
      expectThat(ok && exchange.headers['access-control-allow-origin'] === origin && exchange.headers['access-control-allow-credentials'] === 'true', `the preflight from ${origin} was not allowed with credentials`, exchange, [
        'access-control-allow-origin',
        'access-control-allow-credentials',
      ]);
    },
  },
  {
    id: 'C-CORS-2',
    section: '§18.2',
    title: 'A preflight from a foreign origin gets no Access-Control-Allow-Origin',
    async run(ctx) {
      const exchange = await preflight(ctx, FOREIGN_ORIGIN);
      expectThat(exchange.headers['access-control-allow-origin'] === undefined, `${FOREIGN_ORIGIN} was allowed`, exchange, ['access-control-allow-origin', 'access-control-allow-credentials']);
    },
  },
  {
    id: 'C-ORIG-1',
    section: '§26.2',
    title: 'A page of an origin the client does not allow is refused with 403 origin_not_allowed: the initial request, and the signed-in session read',
    async run(ctx) {
      const foreign = { Origin: FOREIGN_ORIGIN };
      expectOriginRefused(await ctx.start(ctx.browser(), { login_hint: ctx.newEmail() }, undefined, foreign), 'the initial request');
      const { browser } = await ctx.signedIn();
      expectOriginRefused(await browser.send(await ctx.endpoint('ciam_session_endpoint'), { headers: foreign }), 'GET session with the session cookie');
    },
  },
];
