import type { AuthContext, BetterAuthPlugin } from 'better-auth';
import { ACCOUNT_PATHS, accountEndpoints, accountHooks, accountSchema, type AccountOptions } from './account/index.js';
import { AuthSessions } from './auth-sessions.js';
import { AuthorizationCodes } from './authorization-codes.js';
import { CHALLENGE_PATH, challengeEndpoints } from './challenge/endpoint.js';
import type { PluginState } from './challenge/context.js';
import { discoveryEndpoints } from './discovery.js';
import { brandingEndpoints } from './branding-endpoint.js';
import { preflightAnswer, refuseUnallowedOrigin } from './http/origins.js';
import { MailCooldown } from './mail-cooldown.js';
import { resolveOptions, type LatchkeyOptions, type ResolvedOptions } from './options.js';
import { PASSKEY_OPTIONS_PATH, passkeyOptionsEndpoints } from './passkey-options-endpoint.js';
import { SESSION_PATH, sessionEndpoints } from './session-endpoint.js';
import { connectionRequestHooks, markFederatedSession, PendingReturns, redirectEndpoints, UsedTokens } from './redirect/index.js';
import { totpStepSchema } from './totp-time-steps.js';

// The better-auth plugin: its `endpoints` object is assembled from one record per module: the sign-in (discovery,
// the challenge endpoint, the page load's start, the session) and the account resources (account/).

/** Endpoint records a module contributes: better-auth endpoints by name. */
export type EndpointRecord = NonNullable<BetterAuthPlugin['endpoints']>;

/** The plugin's options, with those of the account resources (profile §5, §15, §21.1). */
export interface LatchkeyPluginOptions extends LatchkeyOptions {
  readonly account?: AccountOptions;
}

/** The sign-in routes, which better-auth's own origin check skips: they apply the profile's (§26.2) instead. */
const OWN_ORIGIN_RULE_PATHS = [CHALLENGE_PATH, PASSKEY_OPTIONS_PATH, SESSION_PATH];
/** The credentialed routes (profile §26.2): a page of an origin the client does not allow may call none of them. */
const CREDENTIALED_PATHS = [...OWN_ORIGIN_RULE_PATHS, ...Object.values(ACCOUNT_PATHS)];

/** The plugin route `path` is, or one under it (`/latchkey/passkeys/:id`), among `routes`. */
function isUnder(path: string, base: string, routes: readonly string[]): boolean {
  return routes.some((route) => base + route === path || path.startsWith(`${base + route}/`));
}

/** better-auth's `skipOriginCheck` (`true` or a list of paths) with `paths` added. */
function exemptFromOriginCheck(current: boolean | string[], paths: readonly string[]): boolean | string[] {
  if (current === true) return true;
  return [...(Array.isArray(current) ? current : []), ...paths];
}

/** `latchkey({ clientId, … })`: the Latchkey backend profile on better-auth. */
export function latchkey(options: LatchkeyPluginOptions) {
  const state: PluginState = { sessions: new AuthSessions(), cooldown: new MailCooldown(), codes: new AuthorizationCodes() };
  let resolved: ResolvedOptions | undefined;
  const getOptions = (auth: AuthContext) => (resolved ??= resolveOptions(options, auth));
  const endpoints: EndpointRecord = {
    ...discoveryEndpoints(getOptions, () => paths()),
    ...challengeEndpoints(getOptions, state),
    ...passkeyOptionsEndpoints(getOptions, state),
    ...sessionEndpoints(getOptions, new UsedTokens()),
    ...brandingEndpoints(getOptions),
    ...redirectEndpoints(getOptions, new PendingReturns()),
    ...accountEndpoints(options.account),
  };
  const paths = (): string[] => Object.values(endpoints).map((endpoint) => endpoint.path ?? '');
  return {
    id: 'latchkey',
    endpoints,
    // better-auth's origin check answers its own 403 shape and refuses a cookie-carrying request without
    // `Origin`; the sign-in routes apply the profile's rule instead (§26.2), and the app origins are trusted.
    init: (auth: AuthContext) => ({
      context: { skipOriginCheck: exemptFromOriginCheck(auth.skipOriginCheck, OWN_ORIGIN_RULE_PATHS) },
      options: {
        trustedOrigins: [...(options.appOrigins ?? [])],
        databaseHooks: { session: { create: { before: markFederatedSession } } },
      },
    }),
    schema: {
      ...accountSchema,
      // The latest TOTP time step that succeeded, per account (profile §14: each step is accepted once).
      ...totpStepSchema,
      // better-auth records no `amr`; the session endpoint needs how the user signed in (profile §4).
      session: {
        fields: {
          latchkeyMethod: { type: 'string', required: false, input: false },
          latchkeyAmr: { type: 'string', required: false, input: false },
        },
      },
    },
    hooks: { before: connectionRequestHooks, after: accountHooks },
    // Before better-auth's router: CORS preflights for the plugin's routes (better-call has no OPTIONS route),
    // granted to first-party origins only; and a credentialed request from any other origin is refused in the
    // profile's shape (§26.2), before an endpoint reads or changes anything.
    onRequest: async (request: Request, auth: AuthContext) => {
      const path = new URL(request.url).pathname;
      const base = new URL(auth.baseURL).pathname.replace(/\/+$/, '');
      if (request.method === 'OPTIONS') {
        if (!isUnder(path, base, paths())) return;
        return { response: preflightAnswer(getOptions(auth), request, 'GET, POST, PATCH, DELETE') };
      }
      if (!isUnder(path, base, CREDENTIALED_PATHS)) return;
      const refused = refuseUnallowedOrigin(getOptions(auth), request);
      return refused && { response: refused };
    },
  } satisfies BetterAuthPlugin;
}
