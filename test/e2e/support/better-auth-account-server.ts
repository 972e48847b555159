import { mkdtempSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { passkey } from '@better-auth/passkey';
import Database from 'better-sqlite3';
import { betterAuth, type BetterAuthOptions } from 'better-auth';
import { getMigrations } from 'better-auth/db/migration';
import { toNodeHandler } from 'better-auth/node';
import { emailOTP, twoFactor } from 'better-auth/plugins';
import { serveStatic } from '../../../demo/server/static.js';
import { accountDiscovery, latchkeyAccount } from '../../../src/better-auth/account/index.js';

// A better-auth backend with only the account endpoints of latchkey/better-auth, for their e2e spec
// (test/e2e/better-auth/account.spec.ts) until the whole `latchkey()` plugin and its demo backend exist: a real
// SQLite file, better-auth's email/password, twoFactor, passkey and emailOTP plugins, the demo pages and bundles.

const PORT = Number(process.env.PORT ?? 5101);
const ORIGIN = `http://localhost:${PORT}`;
const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const DB_FILE = join(process.env.LATCH_DATA_DIR ?? mkdtempSync(join(tmpdir(), 'latch-ba-account-')), 'auth.sqlite');

/** Emailed codes, newest first, in the reference backend's `DevMail` shape. */
const outbox: Array<{ id: string; channel: 'email'; to: string; text: string; code: string; purpose: string; created_at: number }> = [];

const options = {
  appName: 'Acme',
  baseURL: ORIGIN,
  secret: 'latchkey-e2e-better-auth-account-secret-0123456789',
  database: new Database(DB_FILE),
  telemetry: { enabled: false },
  emailAndPassword: { enabled: true, minPasswordLength: 15 },
  plugins: [
    twoFactor({ issuer: 'Acme' }),
    passkey({ rpID: 'localhost', rpName: 'Acme' }),
    emailOTP({
      async sendVerificationOTP({ email, otp, type }) {
        outbox.unshift({ id: crypto.randomUUID(), channel: 'email', to: email.toLowerCase(), text: `Your code is ${otp}.`, code: otp, purpose: type, created_at: Math.floor(Date.now() / 1000) });
      },
    }),
    latchkeyAccount(),
  ],
} satisfies BetterAuthOptions;

// The tables first: better-auth checks the schema as it starts.
await (await getMigrations(options)).runMigrations();
const auth = betterAuth(options);
const authHandler = toNodeHandler(auth);

/** The account keys only: the page's elements read nothing else from this server's discovery. */
const metadata = {
  issuer: ORIGIN,
  authorization_endpoint: `${ORIGIN}/api/auth/oauth2/authorize`,
  token_endpoint: `${ORIGIN}/api/auth/oauth2/token`,
  code_challenge_methods_supported: ['S256'],
  ciam_profile_versions_supported: ['2026-11'],
  ...accountDiscovery(`${ORIGIN}/api/auth`),
};

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' });
  res.end(JSON.stringify(body));
}

async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as Record<string, unknown>;
}

/**
 * `POST /dev/sessions/age {email, seconds}`: makes the account's sessions that much older, as if the sign-in had
 * happened then (better-auth has no test clock; waiting five minutes in a test is not an option).
 */
async function ageSessions(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const { email, seconds } = await readJson(req);
  const context = await auth.$context;
  const found = await context.internalAdapter.findUserByEmail(String(email));
  if (!found) return sendJson(res, 404, { error: 'not_found' });
  for (const session of await context.internalAdapter.listSessions(found.user.id)) {
    await context.internalAdapter.updateSession(session.token, { createdAt: new Date(session.createdAt.getTime() - Number(seconds) * 1000) });
  }
  sendJson(res, 200, { ok: true });
}

createServer((req, res) => {
  const pathname = new URL(req.url ?? '/', ORIGIN).pathname;
  const route = async () => {
    if (pathname.startsWith('/api/auth/')) return authHandler(req, res);
    if (pathname === '/.well-known/openid-configuration') return sendJson(res, 200, metadata);
    if (pathname === '/dev/mailbox.json') return sendJson(res, 200, outbox);
    if (pathname === '/dev/sessions/age' && req.method === 'POST') return ageSessions(req, res);
    return serveStatic(req, res, ROOT, pathname);
  };
  route().catch((error: unknown) => {
    console.error(error);
    if (!res.headersSent) sendJson(res, 500, { error: 'server_error' });
  });
}).listen(PORT, '127.0.0.1', () => console.log(`better-auth account test server on ${ORIGIN} (${DB_FILE})`));
