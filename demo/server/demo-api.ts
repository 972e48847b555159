import type { IncomingMessage, ServerResponse } from 'node:http';
import * as z from 'zod/mini';
import { Email } from '../../src/protocol/index.js';
import { ACR_1FA, ACR_HWK, ACR_MFA, acrSatisfies } from './assurance.js';
import type { BackendContext } from './context.js';
import { HttpError, readJson, requireJson, sendError, sendJson } from './http.js';
import { normalizeEmail } from './identifiers.js';
import { apiPrincipal, insufficientUserAuthentication, requireRecentAuth, type Principal } from './user-auth.js';

/** Cards the demo "has on file"; nothing real. */
const DEMO_CARDS = [
  { brand: 'visa', last4: '4242' },
  { brand: 'mastercard', last4: '4444' },
];

const EmailChange = z.object({ email: Email });

/**
 * The demo app's own protected API, a resource server applying RFC 9470 step-up to the session cookie or a
 * Bearer access token: `GET /api/profile` (1fa, so any session), `GET /api/payment-methods` (authenticated
 * in the last 5 minutes), `PUT /api/email` (multi-factor), `DELETE /api/account` (a level the backend cannot reach, so
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
    async PUT(req, res, principal, ctx) {
      requireJson(req);
      requireAcr(principal, ACR_MFA, 'changing your email');
      const parsed = EmailChange.safeParse(await readJson(req));
      if (!parsed.success) {
        throw new HttpError(400, 'invalid_request', 'email must be an email address', {}, { field_errors: [{ field: 'email', code: 'invalid' }] });
      }
      const email = normalizeEmail(parsed.data.email);
      const account = ctx.accounts.findById(principal.accountId)!;
      const owner = ctx.accounts.findByEmail(email);
      if (owner && owner.id !== account.id) throw new HttpError(409, 'email_taken', 'another account uses this address');
      // A demo: a production backend would prove the new address with a code before switching to it.
      account.email = email;
      await ctx.accounts.save();
      sendJson(res, 200, { email });
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
