import type { IncomingMessage, ServerResponse } from 'node:http';
import { fromNodeHeaders } from 'better-auth/node';
import { EmailChangeRequest } from '../../src/protocol/index.js';
import { DEMO_CARDS } from '../server/demo-cards.js';
import { HttpError, readJson, requireJson, sendError, sendJson } from '../server/http.js';
import { normalizeEmail } from '../server/identifiers.js';
import { insufficientUserAuthentication, loginRequired, RECENT_AUTH_SECONDS } from '../server/user-auth.js';
import type { DemoAuth } from './auth.js';
import { EmailChanges, type EmailChanger } from './email-change.js';
import type { DemoMail } from './mail.js';

// The demo app's protected API on better-auth, beside `GET /api/profile` (app.ts): the account page's other cards,
// answering as the reference backend's (demo/server/demo-api.ts, profile §17) and refusing as §12.3. better-auth has
// no levels (`acr`), so the only challenge here is RFC 9470's `max_age`.

/** A signed-in caller: better-auth's user, when its session began, and the headers to call better-auth with. */
interface Caller extends EmailChanger {
  readonly signedInAt: Date;
}

type Handler = (req: IncomingMessage, res: ServerResponse, caller: Caller) => Promise<void> | void;

/**
 * The routes under `/api/` other than better-auth's and the profile: `GET /api/payment-methods` (a sign-in within
 * 300 s), `GET`/`POST /api/email` (§21.2: `start` needs a sign-in within 300 s, `verify` the code). Any other path
 * there is a JSON 404.
 */
export function createDemoApi(auth: DemoAuth, mail: DemoMail): (req: IncomingMessage, res: ServerResponse, pathname: string) => Promise<void> {
  const emailChanges = new EmailChanges(auth, mail);
  const routes: Record<string, Record<string, Handler>> = {
    '/api/payment-methods': {
      GET(_req, res, caller) {
        requireRecentAuth(caller, 'see your payment methods');
        sendJson(res, 200, { cards: DEMO_CARDS });
      },
    },
    '/api/email': {
      GET(_req, res, caller) {
        sendJson(res, 200, emailChanges.current(caller));
      },
      async POST(req, res, caller) {
        requireJson(req);
        const parsed = EmailChangeRequest.safeParse(await readJson(req));
        if (!parsed.success) throw new HttpError(400, 'invalid_request', 'the request is malformed', {}, { field_errors: [{ field: 'email', code: 'invalid' }] });
        if (parsed.data.action === 'start') {
          // Profile §21.2: a recent sign-in of any kind; better-auth's own endpoint asks only for a live session.
          requireRecentAuth(caller, 'change your email');
          return sendJson(res, 200, await emailChanges.start(caller, normalizeEmail(parsed.data.email)));
        }
        const changed = await emailChanges.verify(caller, parsed.data.code);
        sendJson(res, 200, changed.body, changed.setCookies.length ? { 'Set-Cookie': changed.setCookies } : {});
      },
    },
  };

  return async (req, res, pathname) => {
    try {
      const route = routes[pathname];
      if (!route) throw new HttpError(404, 'not_found', 'no such route');
      const handler = route[req.method ?? 'GET'];
      if (!handler) throw new HttpError(405, 'invalid_request', `use ${Object.keys(route).join(' or ')}`, { Allow: Object.keys(route).join(', ') });
      await handler(req, res, await callerOf(auth, req));
    } catch (error) {
      if (!(error instanceof HttpError)) throw error;
      sendError(res, error);
    }
  };
}

/** The session cookie's user, or `401 login_required` with a bare `Bearer` challenge (RFC 6750 §3). */
async function callerOf(auth: DemoAuth, req: IncomingMessage): Promise<Caller> {
  const headers = fromNodeHeaders(req.headers);
  const found = await auth.api.getSession({ headers });
  if (!found) throw loginRequired();
  return { user: found.user, signedInAt: new Date(found.session.createdAt), headers };
}

/**
 * Profile §17: an authentication within 300 s, else the RFC 9470 challenge with `max_age`. better-auth has no
 * `auth_time`; as for the plugin's account resources (src/better-auth/account/guard.ts) the session row's
 * `createdAt` stands for it, since the challenge endpoint's `max_age` re-authentication signs in anew.
 */
function requireRecentAuth(caller: Caller, what: string): void {
  if (Date.now() - caller.signedInAt.getTime() > RECENT_AUTH_SECONDS * 1000) {
    throw insufficientUserAuthentication(`confirm it's you to ${what}`, { maxAge: RECENT_AUTH_SECONDS });
  }
}
