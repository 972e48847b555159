import { expectThat, Skipped, type Check } from '../check.js';
import type { RunContext } from '../context.js';

// §18.2: the credentialed CORS allow-list of the challenge endpoint.

/** An origin no backend allows (RFC 6761 `.invalid`). */
const FOREIGN_ORIGIN = 'https://conformance-foreign.invalid';

async function preflight(ctx: RunContext, origin: string) {
  return ctx.browser().send(await ctx.endpoint('authorization_challenge_endpoint'), {
    method: 'OPTIONS',
    headers: { Origin: origin, 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'content-type' },
  });
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
];
