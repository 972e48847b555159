import { mkdirSync, readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fromNodeHeaders, toNodeHandler } from 'better-auth/node';
import { renderMailbox } from '../server/dev-routes.js';
import { sendJson } from '../server/http.js';
import { HTML_HEADERS } from '../server/security-headers.js';
import { serveStatic } from '../server/static.js';
import { LOGO_PATH, sendLogo } from '../server/branding.js';
import { Sandboxes } from '../server/sandboxes.js';
import { createDemoAuth, type DemoAuth } from './auth.js';
import { createDemoApi } from './demo-api.js';
import { DemoMail } from './mail.js';

// The better-auth demo backend (issue 16 part 2): the same demo pages as the reference backend, on one origin
// with better-auth under `/api/auth` and the Latchkey plugin's discovery at `/.well-known/openid-configuration`.

/** Options of {@link startBetterAuthBackend}. */
export interface BetterAuthBackendOptions {
  readonly port: number;
  /** Holds the PostgreSQL files (`postgres/`) and the signing secret; both survive a restart. */
  readonly dataDir: string;
  /** Origins of app pages on other origins that embed the widget (credentialed CORS). */
  readonly appOrigins?: readonly string[];
  /** Serves `/dev/mailbox` and `/dev/mailbox.json`. */
  readonly dev?: boolean;
  /**
   * Runs @better-auth/oauth-provider for redirect sign-in, connections and code completion (default); `false` starts
   * the plugin's session-only mode, in which discovery names no OAuth endpoint (profile §1).
   */
  readonly oauthServer?: boolean;
}

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const MAILBOX_CSS = new URL('../server/dev-mailbox.css', import.meta.url);

/** Starts the server on 127.0.0.1; pages load from `http://localhost:PORT`. */
export async function startBetterAuthBackend(options: BetterAuthBackendOptions): Promise<{ url: string; close(): Promise<void> }> {
  const origin = `http://localhost:${options.port}`;
  mkdirSync(resolve(options.dataDir), { recursive: true });
  const mail = new DemoMail();
  // The reference demo's upstream providers, on this origin; better-auth's social callback names the provider.
  const sandboxes = new Sandboxes(origin, (id) => `${origin}/api/auth/callback/${id}`, options.appOrigins ?? []);
  // genericOAuth reads the sandboxes' discovery when better-auth starts, so the server listens first; until better-auth
  // is ready its routes wait for it.
  const started = createDemoAuth({ origin, dataDir: resolve(options.dataDir), appOrigins: options.appOrigins ?? [], mail, sandboxes, oauthServer: options.oauthServer ?? true });
  started.catch(() => undefined);
  let authHandler: ReturnType<typeof toNodeHandler> | undefined;
  let demoApi: ReturnType<typeof createDemoApi> | undefined;

  const server = createServer((req, res) => {
    route(req, res).catch((error: unknown) => {
      console.error(error);
      if (!res.headersSent) sendJson(res, 500, { error: 'server_error', error_description: 'unexpected failure' });
      else res.destroy();
    });
  });

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const pathname = new URL(req.url ?? '/', origin).pathname;
    if (pathname.startsWith('/sandbox/')) return sandboxes.handle(req, res, pathname);
    if (pathname === LOGO_PATH) return sendLogo(res);
    const { auth } = await started;
    authHandler ??= toNodeHandler(auth);
    demoApi ??= createDemoApi(auth, mail);
    if (pathname === '/.well-known/openid-configuration') {
      req.url = '/api/auth/latchkey/openid-configuration';
      return authHandler(req, res);
    }
    if (pathname.startsWith('/api/auth/')) return authHandler(req, res);
    if (pathname === '/api/profile' && req.method === 'GET') return profile(auth, req, res);
    if (pathname.startsWith('/api/')) return demoApi(req, res, pathname);
    if (options.dev && pathname === '/dev/sessions/age' && req.method === 'POST') return ageSessions(auth, req, res);
    if (options.dev && pathname.startsWith('/dev/sandbox/') && req.method === 'POST') return sandboxSwitch(pathname, res, sandboxes);
    if (options.dev && pathname.startsWith('/dev/')) return devRoute(pathname, res, mail);
    return serveStatic(req, res, ROOT, pathname);
  }

  await new Promise<void>((done) => server.listen(options.port, '127.0.0.1', done));
  const { database } = await started;
  return {
    url: origin,
    close: () =>
      new Promise<void>((done, fail) => {
        server.closeAllConnections();
        server.close((error) => (error ? fail(error) : done()));
      }).then(() => database.close()),
  };
}

/** `/dev/mailbox.json` (newest first, the `DevMail` shape of the e2e support), `/dev/mailbox` for people, `/dev/clock`. */
function devRoute(pathname: string, res: ServerResponse, mail: DemoMail): void {
  if (pathname === '/dev/mailbox.json') return sendJson(res, 200, mail.mailbox.list());
  // The server's clock, as the reference backend's `/dev/clock` (TOTP codes are computed against it); not adjustable.
  if (pathname === '/dev/clock') return sendJson(res, 200, { now: Math.floor(Date.now() / 1000) });
  if (pathname === '/dev/mailbox') {
    res.writeHead(200, HTML_HEADERS);
    res.end(renderMailbox(mail.mailbox.list()));
    return;
  }
  if (pathname === '/dev/mailbox.css') {
    res.writeHead(200, { 'Content-Type': 'text/css; charset=utf-8', 'Cache-Control': 'no-store' });
    res.end(readFileSync(MAILBOX_CSS));
    return;
  }
  sendJson(res, 404, { error: 'not_found', error_description: 'no such dev route' });
}

/** `POST /dev/sandbox/:id/down` or `/up`: the reference backend's outage switch for an upstream provider. */
function sandboxSwitch(pathname: string, res: ServerResponse, sandboxes: Sandboxes): void {
  const matched = /^\/dev\/sandbox\/([a-z]+)\/(down|up)$/.exec(pathname);
  if (!matched || !sandboxes.setDown(matched[1]!, matched[2] === 'down')) return sendJson(res, 404, { error: 'not_found', error_description: 'no such sandbox' });
  sendJson(res, 200, { sandbox: matched[1], down: matched[2] === 'down' });
}

/**
 * `GET /api/profile`: the demo API's one route that needs no more than a session (profile §17), so the account page
 * shows who is signed in. The account page's other cards (payment methods, email change) call demo-api.ts.
 */
async function profile(auth: DemoAuth, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const found = await auth.api.getSession({ headers: fromNodeHeaders(req.headers) });
  if (!found) return sendJson(res, 401, { error: 'login_required', error_description: 'sign in first' }, { 'WWW-Authenticate': 'Bearer' });
  sendJson(res, 200, { email: found.user.email, ...(found.user.name ? { name: found.user.name } : {}) });
}

/**
 * `POST /dev/sessions/age {email, seconds}`: makes the account's sessions that much older, as if the sign-in had
 * happened then (better-auth has no test clock), for the account endpoints' recent-authentication rule.
 */
async function ageSessions(auth: DemoAuth, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const { email, seconds } = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as { email?: string; seconds?: number };
  const context = await auth.$context;
  const found = await context.internalAdapter.findUserByEmail(String(email));
  if (!found) return sendJson(res, 404, { error: 'not_found', error_description: 'no such account' });
  for (const session of await context.internalAdapter.listSessions(found.user.id)) {
    await context.internalAdapter.updateSession(session.token, { createdAt: new Date(session.createdAt.getTime() - Number(seconds) * 1000) });
  }
  sendJson(res, 200, { ok: true });
}
