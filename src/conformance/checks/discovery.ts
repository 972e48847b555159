import { PROFILE_VERSIONS_SPOKEN } from '../../protocol/index.js';
import { expectThat, Skipped, type Check } from '../check.js';

// §1: the metadata a widget reads before anything else.

export const discoveryChecks: Check[] = [
  {
    id: 'C-DISC-1',
    section: '§1',
    title: 'Discovery answers 200 with metadata matching AuthorizationServerMetadata, its issuer the one asked',
    async run(ctx) {
      const { metadata } = await ctx.discovery();
      expectThat(metadata.issuer.replace(/\/$/, '') === ctx.issuer, `issuer is ${metadata.issuer}, not ${ctx.issuer} (RFC 8414 §3.3)`);
    },
  },
  {
    id: 'C-DISC-2',
    section: '§1',
    title: `ciam_profile_versions_supported contains ${PROFILE_VERSIONS_SPOKEN.map((version) => `"${version}"`).join(' or ')}`,
    async run(ctx) {
      const versions = (await ctx.discovery()).metadata.ciam_profile_versions_supported;
      expectThat(
        PROFILE_VERSIONS_SPOKEN.some((version) => versions?.includes(version)),
        `ciam_profile_versions_supported is ${JSON.stringify(versions ?? null)}`,
      );
    },
  },
  {
    id: 'C-DISC-5',
    section: '§1',
    title:
      'authorization_endpoint and token_endpoint are both named, unless the backend lists "2026-12" and names authorization_challenge_endpoint and ciam_session_endpoint (session completion)',
    async run(ctx) {
      const { metadata } = await ctx.discovery();
      if (metadata.authorization_endpoint && metadata.token_endpoint) return;
      // Profile 2026-12 (§10, "Changes in 2026-12"): a backend that completes by session may leave both out.
      const sessionOnly =
        !metadata.authorization_endpoint &&
        !metadata.token_endpoint &&
        Boolean(metadata.authorization_challenge_endpoint && metadata.ciam_session_endpoint) &&
        Boolean(metadata.ciam_profile_versions_supported?.includes('2026-12'));
      expectThat(
        sessionOnly,
        `authorization_endpoint is ${JSON.stringify(metadata.authorization_endpoint ?? null)}, token_endpoint ${JSON.stringify(metadata.token_endpoint ?? null)}: name both, or (profile 2026-12) neither with authorization_challenge_endpoint and ciam_session_endpoint`,
      );
    },
  },
  {
    id: 'C-DISC-3',
    section: '§1',
    title: 'code_challenge_methods_supported includes S256',
    async run(ctx) {
      const methods = (await ctx.discovery()).metadata.code_challenge_methods_supported;
      expectThat(methods?.includes('S256'), `code_challenge_methods_supported is ${JSON.stringify(methods ?? null)}`);
    },
  },
  {
    id: 'C-DISC-4',
    section: '§1',
    title: 'The metadata is readable without credentials from the page origin (CORS `*` or that origin)',
    async run(ctx) {
      const origin = ctx.options.origin;
      if (!origin) throw new Skipped('no --origin given');
      const exchange = await ctx.browser().send(`${ctx.issuer}/.well-known/openid-configuration`, { headers: { Origin: origin } });
      const allowed = exchange.headers['access-control-allow-origin'];
      expectThat(exchange.status === 200 && (allowed === '*' || allowed === origin), `a fetch from ${origin} without credentials cannot read discovery`, exchange, ['access-control-allow-origin']);
    },
  },
];
