import { createHash, randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import Provider from 'oidc-provider';
import { escapeHtml, sendPage } from './html.js';
import { HttpError, mediaType, readBody, sendError } from './http.js';
import { generateProviderKeys } from './keys.js';
import { createMemoryAdapterFactory } from './oidc-adapter.js';
import { promptPolicy, wantsCreate } from './provider.js';

/** The broker's client id at every sandbox. */
export const BROKER_CLIENT_ID = 'latchkey-broker';

export interface SandboxDefinition {
  id: string;
  /** Says plainly that this is not the real provider. */
  label: string;
  /** Only emails of this domain may sign in (an enterprise IdP knows its own staff only). */
  domain?: string;
}

const DEFINITIONS: readonly SandboxDefinition[] = [
  { id: 'google', label: 'Google (sandbox — not the real Google)' },
  { id: 'github', label: 'GitHub (sandbox — not the real GitHub)' },
  { id: 'bigcorp', label: 'BigCorp SSO (sandbox — not a real company)', domain: 'bigcorp.example' },
];

const SANDBOX_CSS = new URL('./assets/sandbox.css', import.meta.url);

interface Sandbox extends SandboxDefinition {
  provider: Provider;
  callback: (req: IncomingMessage, res: ServerResponse) => void;
  /** Upstream subject → email of everyone who signed in since start. */
  emails: Map<string, string>;
  /** Origins the sign-in form's redirects may end on: the broker sends the customer on to the site. */
  formTargets: readonly string[];
}

/**
 * Three upstream OpenID providers, each its own oidc-provider instance under `/sandbox/<id>` on the demo's
 * origin, so social and enterprise sign-in run offline. Keys and sessions live in memory: a restart only
 * ends sign-ins in flight, and subjects are derived from the email so they stay stable anyway.
 */
export class Sandboxes {
  readonly #sandboxes = new Map<string, Sandbox>();
  readonly #down = new Set<string>();
  /** The broker's client secret, shared in process: both sides are this server. */
  readonly clientSecret = randomBytes(32).toString('base64url');

  /**
   * `brokerRedirectUri` is the broker's callback at every sandbox, or one per sandbox id (better-auth's social
   * callback names the provider in its path: `/callback/<id>`).
   */
  constructor(readonly origin: string, brokerRedirectUri: string | ((id: string) => string), siteOrigins: readonly string[] = []) {
    const redirectUriOf = typeof brokerRedirectUri === 'string' ? () => brokerRedirectUri : brokerRedirectUri;
    for (const definition of DEFINITIONS) {
      const emails = new Map<string, string>();
      const provider = createSandboxProvider(this.issuerOf(definition.id), definition.id, emails, {
        client_id: BROKER_CLIENT_ID,
        client_secret: this.clientSecret,
        redirect_uris: [redirectUriOf(definition.id)],
      });
      this.#sandboxes.set(definition.id, { ...definition, provider, callback: provider.callback(), emails, formTargets: siteOrigins });
    }
  }

  /** The sandboxes' ids and labels, in display order. */
  list(): readonly SandboxDefinition[] {
    return DEFINITIONS;
  }

  issuerOf(id: string): string {
    return `${this.origin}/sandbox/${id}`;
  }

  /** Test switch: a "down" sandbox answers every request with 503, as an outage would. */
  setDown(id: string, down: boolean): boolean {
    if (!this.#sandboxes.has(id)) return false;
    if (down) this.#down.add(id);
    else this.#down.delete(id);
    return true;
  }

  /** Everything under `/sandbox/`: the stylesheet, each sandbox's login page, and its provider endpoints. */
  async handle(req: IncomingMessage, res: ServerResponse, pathname: string): Promise<void> {
    if (pathname === '/sandbox/sandbox.css') {
      res.writeHead(200, { 'Content-Type': 'text/css; charset=utf-8', 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff' });
      res.end(await readFile(SANDBOX_CSS));
      return;
    }
    const [, , id = ''] = pathname.split('/');
    const sandbox = this.#sandboxes.get(id);
    if (!sandbox) return sendError(res, new HttpError(404, 'not_found', 'no such sandbox'));
    if (this.#down.has(id)) return sendError(res, new HttpError(503, 'temporarily_unavailable', 'this sandbox is switched off'));

    const prefix = `/sandbox/${id}`;
    const rest = pathname.slice(prefix.length);
    if (rest.startsWith('/interaction/')) return handleLoginPage(req, res, sandbox, rest.slice('/interaction/'.length));
    // Mounted under a path: oidc-provider routes on req.url and finds its mount path from originalUrl.
    const url = req.url ?? '/';
    Object.assign(req, { originalUrl: url, url: url.slice(prefix.length) || '/' });
    req.headers.host = new URL(this.origin).host;
    sandbox.callback(req, res);
  }
}

function createSandboxProvider(
  issuer: string,
  id: string,
  emails: Map<string, string>,
  client: { client_id: string; client_secret: string; redirect_uris: string[] },
): Provider {
  const keys = generateProviderKeys();
  return new Provider(issuer, {
    adapter: createMemoryAdapterFactory(),
    clients: [{ ...client, grant_types: ['authorization_code'], response_types: ['code'], id_token_signed_response_alg: 'ES256' }],
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
    findAccount(_ctx, sub) {
      const email = emails.get(sub);
      if (!email) return undefined;
      return { accountId: sub, claims: () => ({ sub, email, email_verified: true, name: email.split('@')[0] }) };
    },
    jwks: keys.jwks,
    // Distinct names: every sandbox shares the demo's host, and cookies are not scoped by port or path name.
    cookies: { keys: keys.cookieKeys, names: { session: `_${id}_session`, interaction: `_${id}_interaction`, resume: `_${id}_resume` } },
    features: { devInteractions: { enabled: false } },
    interactions: { url: (_ctx, interaction) => `/sandbox/${id}/interaction/${interaction.uid}`, policy: promptPolicy() },
    discovery: { prompt_values_supported: ['none', 'login', 'consent', 'create'] },
    responseTypes: ['code'],
    pkce: { required: () => true },
    conformIdTokenClaims: false,
  });
}

/** A stable, opaque subject per sandbox and email, like a real provider's user id. */
function subjectFor(sandbox: Sandbox, email: string): string {
  return createHash('sha256').update(`${sandbox.id}:${email}`).digest('base64url').slice(0, 22);
}

/** The sandbox's sign-in page: type an email and continue, or cancel (→ `access_denied` to the broker). */
async function handleLoginPage(req: IncomingMessage, res: ServerResponse, sandbox: Sandbox, uid: string): Promise<void> {
  const { provider } = sandbox;
  const details = await provider.interactionDetails(req, res).catch(() => undefined);
  if (!details || details.uid !== uid) {
    return sendPage(res, 400, { title: sandbox.label, head: STYLESHEET, body: `<main><h1>${escapeHtml(sandbox.label)}</h1><p>This sign-in has expired. Go back and start again.</p></main>` });
  }
  if (req.method === 'GET') return renderLogin(res, 200, sandbox, uid, details.params.login_hint ?? '', '');
  if (req.method !== 'POST' || mediaType(req) !== 'application/x-www-form-urlencoded') {
    return sendError(res, new HttpError(405, 'invalid_request', 'use GET, or POST a form', { Allow: 'GET, POST' }));
  }
  const form = new URLSearchParams(await readBody(req));
  if (form.get('action') === 'cancel') {
    return provider.interactionFinished(req, res, { error: 'access_denied', error_description: 'the user cancelled the sign-in' });
  }
  const email = (form.get('email') ?? '').trim().toLowerCase();
  if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email)) return renderLogin(res, 400, sandbox, uid, email, 'Enter an email address.');
  if (sandbox.domain && !email.endsWith(`@${sandbox.domain}`)) {
    return renderLogin(res, 400, sandbox, uid, email, `Only @${sandbox.domain} accounts can sign in here.`);
  }
  const sub = subjectFor(sandbox, email);
  sandbox.emails.set(sub, email);
  const grant = new provider.Grant({ accountId: sub, clientId: details.params.client_id ?? '' });
  grant.addOIDCScope(details.params.scope ?? 'openid');
  const result = { login: { accountId: sub }, consent: { grantId: await grant.save() } };
  return provider.interactionFinished(req, res, wantsCreate(details.params) ? { ...result, create: {} } : result);
}

const STYLESHEET = '<link rel="stylesheet" href="/sandbox/sandbox.css">';

function renderLogin(res: ServerResponse, status: number, sandbox: Sandbox, uid: string, email: string, error: string): void {
  const hint = sandbox.domain ? `Only <strong>@${escapeHtml(sandbox.domain)}</strong> addresses are accepted.` : 'Any email address works; nothing is checked or sent.';
  sendPage(res, status, {
    title: `Sign in · ${sandbox.label}`,
    head: STYLESHEET,
    formTargets: sandbox.formTargets,
    body: `<main>
<p class="badge">Test sandbox</p>
<h1>Sign in with ${escapeHtml(sandbox.label)}</h1>
<p>A local stand-in for the real provider, so the demo runs offline. ${hint}</p>
<form method="post" action="/sandbox/${escapeHtml(sandbox.id)}/interaction/${escapeHtml(uid)}" novalidate>
<label for="email">Email</label>
<input id="email" name="email" type="email" autocomplete="email" required value="${escapeHtml(email)}"${error ? ' aria-invalid="true" aria-describedby="error"' : ''}>
${error ? `<p id="error" class="error" role="alert">${escapeHtml(error)}</p>` : ''}
<div class="actions">
<button type="submit" name="action" value="continue">Continue</button>
<button type="submit" name="action" value="cancel" class="secondary">Cancel</button>
</div>
</form>
</main>`,
  });
}
