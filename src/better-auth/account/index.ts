import type { GenericEndpointContext } from '@better-auth/core';
import { createAuthEndpoint } from '@better-auth/core/api';
import { answering } from './answers.js';
import { createRecoveryCodes, enrollTotp, getFactors, removeTotp } from './factors.js';
import { methodOf, withCors } from './guard.js';
import type { AccountOptions } from './options.js';
import { listPasskeys, removePasskey, renamePasskey } from './passkeys.js';
import { removePassword, setPassword } from './password.js';
import { passkeyRegistration } from './registration.js';

export type { AccountOptions } from './options.js';
export { accountHooks, accountSchema } from './passkey-use.js';

// The profile's account resources (§5, §15, §21.1) as better-auth endpoints: passkey registration, the passkey
// list, the factors and the password. Paths are under better-auth's base path (default `/api/auth`); discovery names them.

/** The account endpoints' paths, relative to better-auth's base URL. */
export const ACCOUNT_PATHS = {
  passkeyRegistration: '/latchkey/passkeys/register',
  passkeys: '/latchkey/passkeys',
  factors: '/latchkey/factors',
} as const;

// better-call would parse (and refuse) the body itself with its own error shape; the endpoints read it.
const OWN_BODY = { disableBody: true } as const;

/** A handler's context as better-auth's helpers take it. */
const generic = (ctx: unknown) => ctx as GenericEndpointContext;

/** One endpoint's work: refusals become answers, and a trusted page's origin gets CORS. */
const serve = async (ctx: unknown, work: () => Promise<Response>) => withCors(generic(ctx), await answering(work));

/** The account endpoints, to spread into a better-auth plugin's `endpoints`. */
export function accountEndpoints(options: AccountOptions = {}) {
  return {
    latchkeyPasskeyRegistration: createAuthEndpoint(ACCOUNT_PATHS.passkeyRegistration, { method: 'POST', ...OWN_BODY }, (ctx) =>
      serve(ctx, () => passkeyRegistration(generic(ctx), options)),
    ),
    latchkeyListPasskeys: createAuthEndpoint(ACCOUNT_PATHS.passkeys, { method: 'GET', ...OWN_BODY }, (ctx) => serve(ctx, () => listPasskeys(generic(ctx)))),
    latchkeyChangePasskey: createAuthEndpoint(`${ACCOUNT_PATHS.passkeys}/:id`, { method: ['PATCH', 'DELETE'], ...OWN_BODY }, (ctx) =>
      serve(ctx, () =>
        methodOf(generic(ctx)) === 'DELETE' ? removePasskey(generic(ctx), ctx.params.id, options) : renamePasskey(generic(ctx), ctx.params.id),
      ),
    ),
    latchkeyFactors: createAuthEndpoint(ACCOUNT_PATHS.factors, { method: 'GET', ...OWN_BODY }, (ctx) => serve(ctx, () => getFactors(generic(ctx)))),
    latchkeyTotp: createAuthEndpoint(`${ACCOUNT_PATHS.factors}/totp`, { method: ['POST', 'DELETE'], ...OWN_BODY }, (ctx) =>
      serve(ctx, () => (methodOf(generic(ctx)) === 'DELETE' ? removeTotp(generic(ctx), options) : enrollTotp(generic(ctx), options))),
    ),
    latchkeyPassword: createAuthEndpoint(`${ACCOUNT_PATHS.factors}/password`, { method: ['PUT', 'DELETE'], ...OWN_BODY }, (ctx) =>
      serve(ctx, () => (methodOf(generic(ctx)) === 'DELETE' ? removePassword(generic(ctx), options) : setPassword(generic(ctx), options))),
    ),
    latchkeyRecoveryCodes: createAuthEndpoint(`${ACCOUNT_PATHS.factors}/recovery-codes`, { method: 'POST', ...OWN_BODY }, (ctx) =>
      serve(ctx, () => createRecoveryCodes(generic(ctx), options)),
    ),
  };
}
