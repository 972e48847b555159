import type { IncomingMessage, ServerResponse } from 'node:http';
import { accountEmail, changeEmail } from './account-credentials.js';
import { ACR_1FA, ACR_HWK, ACR_MFA, acrSatisfies } from './assurance.js';
import type { BackendContext } from './context.js';
import { DEMO_CARDS } from './demo-cards.js';
import { HttpError, requireJson, sendError, sendJson } from './http.js';
import { canReachLevel } from './step-up.js';
import { apiPrincipal, insufficientUserAuthentication, requireRecentAuth, type Principal } from './user-auth.js';

/**
 * The demo app's own protected API, a resource server applying RFC 9470 step-up to the session cookie or a
 * Bearer access token: `GET /api/profile` (1fa, so any session), `GET /api/payment-methods` (authenticated
 * in the last 5 minutes), `GET`/`POST /api/email` (the account's
 * proven email change of profile §21.2: a recent sign-in, then the code sent to the new address), `DELETE /api/account` (a level the backend cannot reach, so
 * the step-up ends `unmet_authentication_requirements`), and `GET /dev/api/stubborn` (always refuses: a
 * misconfigured resource for testing the client's "second refusal is terminal").
 */
export async function handleDemoApi(req: IncomingMessage, res: ServerResponse, pathname: string, ctx: BackendContext): Promise<void> {
  try {
    const route = ROUTES[pathname];
    if (!route) throw new HttpError(404, 'not_found', 'no such route');
    const handler = route[req.method ?? 'GET'];
    if (!handler) throw new HttpError(405, 'invalid_request', `use ${Object.keys(route).join(' or ')}`, { Allow: Object.keys(route).join(', ') });
    const principal = await apiPrincipal(req, ctx);
    await handler(req, res, principal, ctx);
  } catch (error) {
    if (!(error instanceof HttpError)) throw error;
    sendError(res, error);
  }
}

type Handler = (req: IncomingMessage, res: ServerResponse, principal: Principal, ctx: BackendContext) => Promise<void> | void;

/** RFC 9470 §3: refuses unless the caller's level satisfies `acr` by the profile's rule (§12.1a). */
function requireAcr(principal: Principal, acr: string, what: string): void {
  if (!acrSatisfies(principal.acr, [acr])) throw insufficientUserAuthentication(`${what} needs a stronger sign-in`, { acrValues: acr });
}

const ROUTES: Record<string, Record<string, Handler>> = {
  '/api/profile': {
    GET(_req, res, principal, ctx) {
      // Every sign-in reaches 1fa; a stronger session satisfies it too (profile §12.1a).
      requireAcr(principal, ACR_1FA, 'reading your profile');
      const account = ctx.accounts.findById(principal.accountId)!;
      sendJson(res, 200, { email: account.email, ...(account.name ? { name: account.name } : {}) });
    },
  },
  '/api/payment-methods': {
    GET(_req, res, principal, ctx) {
      requireRecentAuth(principal, ctx, 'see your payment methods');
      sendJson(res, 200, { cards: DEMO_CARDS });
    },
  },
  '/api/email': {
    GET(_req, res, principal, ctx) {
      sendJson(res, 200, accountEmail(ctx.accounts.findById(principal.accountId)!, ctx));
    },
    async POST(req, res, principal, ctx) {
      requireJson(req);
      const account = ctx.accounts.findById(principal.accountId)!;
      // The store asks for two checks before a change starts, when this customer has a second one to give; the
      // profile's own rule (a recent sign-in, account-credentials.ts) applies to everyone.
      if (canReachLevel(principal.amr, account, ACR_MFA)) requireAcr(principal, ACR_MFA, 'changing your email');
      sendJson(res, 200, await changeEmail(req, principal, account, ctx));
    },
  },
  '/api/account': {
    DELETE(_req, _res, principal) {
      requireAcr(principal, ACR_HWK, 'deleting your account');
      // Unreachable with this backend: no session ever has the hwk level.
      throw new HttpError(500, 'server_error', 'not implemented');
    },
  },
  '/dev/api/stubborn': {
    GET() {
      throw insufficientUserAuthentication('this resource is never satisfied', { acrValues: ACR_MFA });
    },
  },
};
