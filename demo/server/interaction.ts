import { readFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Interaction, InteractionResults } from 'oidc-provider';
import { UpstreamUnavailable, type BrokerOutcome } from './broker.js';
import { connectionFor } from './connections.js';
import type { BackendContext } from './context.js';
import { escapeHtml, sendPage, SITE_NAME } from './html.js';
import { HttpError, requireJson, sendError, sendJson } from './http.js';
import { ACR_1FA, isSupportedAcr } from './assurance.js';
import { wantsCreate } from './provider.js';
import { satisfies } from './step-up.js';
import { decidePolicies, policiesDue, renderPoliciesPage } from './web-policies.js';

const ASSETS: Record<string, { file: URL; type: string }> = {
  '/interaction-assets/interaction.js': { file: new URL('./assets/interaction.js', import.meta.url), type: 'text/javascript; charset=utf-8' },
  '/interaction-assets/interaction.css': { file: new URL('./assets/interaction.css', import.meta.url), type: 'text/css; charset=utf-8' },
  '/interaction-assets/logout.js': { file: new URL('./assets/logout.js', import.meta.url), type: 'text/javascript; charset=utf-8' },
};

/** `/interaction-assets/*`: the login page's own script and style (kept out of `demo/public`). */
export async function serveInteractionAsset(res: ServerResponse, pathname: string): Promise<void> {
  const asset = ASSETS[pathname];
  if (!asset) return sendError(res, new HttpError(404, 'not_found', 'no such file'));
  res.writeHead(200, { 'Content-Type': asset.type, 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff' });
  res.end(await readFile(asset.file));
}

/**
 * The provider's login UI for redirect sign-in (OIDC code flow at `/auth`):
 * - `GET /interaction/:uid` sends a request with a connection (or a `login_hint` in an SSO domain) to the
 *   broker, acts on what the upstream answered, or shows `<latch-login>` (the link page when an account
 *   already uses the upstream email);
 * - a step-up (RFC 9470 §4: `acr_values`, `max_age` or `prompt=login` in the authorization request) of a
 *   user who has a session shows `<latch-step-up>`, which runs the step-up over the challenge endpoint;
 *   one without a session signs in first, then steps up if the sign-in fell short;
 * - `POST /interaction/:uid/finish` and `/link` finish with the `latch_session` the widget just started (or
 *   just upgraded); `/unmet` ends a step-up the account cannot reach with `unmet_authentication_requirements`;
 *   `/abort` ends the request with `access_denied`.
 */
export async function handleInteraction(req: IncomingMessage, res: ServerResponse, pathname: string, ctx: BackendContext): Promise<void> {
  const [uid = '', action] = pathname.slice('/interaction/'.length).split('/');
  // The interaction cookie proves this browser started the request; it must name the same interaction.
  const details = await ctx.provider.interactionDetails(req, res).catch(() => undefined);
  const known = details?.uid === uid ? details : undefined;
  if (action === undefined) {
    if (req.method !== 'GET') return sendError(res, new HttpError(405, 'invalid_request', 'use GET', { Allow: 'GET' }));
    if (!known) return renderExpired(res);
    return showInteraction(req, res, known, ctx);
  }
  if (action === 'terms' && known) return ctx.webSteps.accept(req, res, uid, String(known.params.login_hint ?? ''));
  if (action === 'policies' && known) return decidePoliciesAndFinish(req, res, known, ctx);
  try {
    if (req.method !== 'POST') throw new HttpError(405, 'invalid_request', 'use POST', { Allow: 'POST' });
    requireJson(req);
    if (!known) throw new HttpError(400, 'invalid_request', 'this sign-in has expired or was started in another browser');
    const result = await submittedResult(req, action, known, ctx);
    ctx.broker.settle(uid);
    sendJson(res, 200, { redirect_to: await ctx.provider.interactionResult(req, res, result) });
  } catch (error) {
    if (!(error instanceof HttpError)) throw error;
    sendError(res, error);
  }
}

async function showInteraction(req: IncomingMessage, res: ServerResponse, details: Interaction, ctx: BackendContext): Promise<void> {
  const outcome = ctx.broker.outcome(details.uid);
  if (outcome?.kind === 'link') return renderLoginPage(res, details.uid, outcome);
  if (outcome?.kind === 'signed_in') {
    // The terms to accept (a sign-up) or accept again (they changed) come first, on this page (profile §24).
    const due = policiesDue(ctx, outcome.accountId, outcome.created === true);
    if (due.length) return renderPoliciesPage(res, details, due, outcome.created === true);
    return finishFederated(req, res, details, ctx, outcome.accountId);
  }
  if (outcome) {
    ctx.broker.settle(details.uid);
    return ctx.provider.interactionFinished(req, res, { error: outcome.error, error_description: outcome.description });
  }

  // A step the widget did not know brought the customer here (§2.7a): this page asks it first.
  if (ctx.webSteps.stepOf(details.params)) return ctx.webSteps.render(res, details.uid, String(details.params.login_hint ?? ''));
  const connection = connectionFor(details.params);
  if (connection === null) {
    return ctx.provider.interactionFinished(req, res, { error: 'invalid_request', error_description: 'unknown connection' });
  }
  if (!connection) {
    const stepUp = stepUpOf(details.params);
    // OpenID Connect Core §3.1.2.6 (RFC 9470 §5): a level this provider never reaches is unmet, not a prompt.
    if (stepUp && stepUp.requested.length > 0 && stepUp.acrValues.length === 0) {
      return ctx.provider.interactionFinished(req, res, {
        error: 'unmet_authentication_requirements',
        error_description: 'none of the requested acr_values is supported',
      });
    }
    const session = ctx.webSessions.fromRequest(req);
    if (stepUp) return renderStepUpPage(res, details.uid, stepUp, Boolean(session));
    // OIDC Core §3.1.2.3: a user already signed in here is not asked to sign in again (a sign-up asks anyway).
    if (session && !wantsCreate(details.params)) {
      return ctx.provider.interactionFinished(
        req,
        res,
        await loginResult(ctx, details, session.accountId, session.amr, { acr: session.acr, ts: session.authTime }),
      );
    }
    return renderLoginPage(res, details.uid);
  }
  try {
    const { login_hint, ui_locales } = details.params;
    const trip = await ctx.broker.start(details.uid, connection, {
      ...(login_hint ? { login_hint } : {}),
      ...(ui_locales ? { ui_locales } : {}),
      create: wantsCreate(details.params),
    });
    res.writeHead(303, { Location: trip.location, 'Set-Cookie': trip.cookie, 'Cache-Control': 'no-store' });
    res.end();
  } catch (error) {
    if (!(error instanceof UpstreamUnavailable)) throw error;
    return ctx.provider.interactionFinished(req, res, { error: 'temporarily_unavailable', error_description: error.message });
  }
}

/**
 * A federated sign-in names no method of ours; amr `fed` says it (RFC 8176 §2). The first-party session starts
 * later, when the client redeems the code and presents the token (POST /session).
 */
async function finishFederated(req: IncomingMessage, res: ServerResponse, details: Interaction, ctx: BackendContext, accountId: string): Promise<void> {
  ctx.broker.settle(details.uid);
  return ctx.provider.interactionFinished(req, res, await loginResult(ctx, details, accountId, ['fed'], { acr: ACR_1FA }));
}

/** The decisions of the policies page: the sign-in finishes, or ends with `access_denied` and no session. */
async function decidePoliciesAndFinish(req: IncomingMessage, res: ServerResponse, details: Interaction, ctx: BackendContext): Promise<void> {
  const outcome = ctx.broker.outcome(details.uid);
  const decision = await decidePolicies(req, res, details, ctx);
  if (decision === 'asked' || outcome?.kind !== 'signed_in') return;
  if (decision === 'accepted') return finishFederated(req, res, details, ctx, outcome.accountId);
  ctx.broker.settle(details.uid);
  return ctx.provider.interactionFinished(req, res, { error: 'access_denied', error_description: 'the current terms were declined' });
}

/** The result a POST from the login page asks for, checked against the `latch_session` cookie. */
async function submittedResult(req: IncomingMessage, action: string, details: Interaction, ctx: BackendContext): Promise<InteractionResults> {
  if (action === 'abort') return { error: 'access_denied', error_description: 'the user cancelled the sign-in' };
  const stepUp = stepUpOf(details.params);
  if (action === 'unmet') {
    if (!stepUp) throw new HttpError(400, 'invalid_request', 'this sign-in asks for no authentication level');
    // The page only relays what the challenge endpoint answered; claiming it falsely only ends the page's own request.
    return { error: 'unmet_authentication_requirements', error_description: 'this account has no factor that reaches the requested level' };
  }
  if (action !== 'finish' && action !== 'link') throw new HttpError(404, 'not_found', 'no such route');
  const session = ctx.webSessions.fromRequest(req);
  if (!session) throw new HttpError(401, 'login_required', 'sign in first');
  if (action === 'finish') {
    // RFC 9470 §5: the requested level is required, so no token is issued below it. A positive max_age is
    // checked too; prompt=login and max_age=0 rely on the page's step-up (the session has no "shown at").
    const maxAge = Number(details.params.max_age);
    const requirement = { acrValues: stepUp?.acrValues ?? [], ...(maxAge > 0 ? { maxAge } : {}) };
    if (!satisfies(session, requirement, ctx.clock.nowSeconds())) {
      throw new HttpError(403, 'insufficient_user_authentication', "Confirm it's you first.");
    }
    return loginResult(ctx, details, session.accountId, session.amr, { acr: session.acr, ts: session.authTime });
  }

  const outcome = ctx.broker.outcome(details.uid);
  if (outcome?.kind !== 'link') throw new HttpError(400, 'invalid_request', 'there is nothing to link');
  // The rule: an upstream identity joins an account only once the user proved that account, never by email.
  if (session.accountId !== outcome.accountId) {
    throw new HttpError(
      403,
      'access_denied',
      `You signed in to a different account. Sign in to the account that uses ${outcome.email} to link ${outcome.connection.name}.`,
    );
  }
  const account = ctx.accounts.findById(outcome.accountId)!;
  await ctx.accounts.addLink(account, { connection: outcome.connection.id, sub: outcome.sub, linked_at: ctx.clock.nowSeconds() });
  return loginResult(ctx, details, account.id, [...new Set(['fed', ...session.amr])], { acr: session.acr, ts: session.authTime });
}

/** Login plus consent: the demo's first-party client gets the scopes it asked for without a consent screen. */
async function loginResult(
  ctx: BackendContext,
  details: Interaction,
  accountId: string,
  amr: string[],
  assurance: { acr: string; ts?: number },
): Promise<InteractionResults> {
  const grant = new ctx.provider.Grant({ accountId, clientId: details.params.client_id ?? '' });
  grant.addOIDCScope(details.params.scope ?? 'openid');
  const result = { login: { accountId, amr, ...assurance }, consent: { grantId: await grant.save() } };
  // Prompt Create: the prompt counts as answered once the result names it.
  return wantsCreate(details.params) ? { ...result, create: {} } : result;
}

function renderLoginPage(res: ServerResponse, uid: string, link?: Extract<BrokerOutcome, { kind: 'link' }>): void {
  const heading = link ? `Link ${link.connection.name} to your ${SITE_NAME} account` : `Sign in to ${SITE_NAME}`;
  const intro = link
    ? `<p>An ${SITE_NAME} account already uses <strong>${escapeHtml(link.email)}</strong>; sign in to it to link ${escapeHtml(link.connection.name)}.</p>`
    : '';
  sendPage(res, 200, {
    title: `${heading} · ${SITE_NAME}`,
    head: `<link rel="stylesheet" href="/interaction-assets/interaction.css">
<script type="module" src="/dist/latchkey.js"></script>
<script type="module" src="/interaction-assets/interaction.js"></script>`,
    body: `<main data-interaction="${escapeHtml(uid)}" data-action="${link ? 'link' : 'finish'}">
<h1>${escapeHtml(heading)}</h1>
${intro}
<latch-login issuer="/" client-id="latchkey-demo" site-name="${SITE_NAME}" sso="off"></latch-login>
<p class="error" role="alert" data-status></p>
<button type="button" class="secondary" data-cancel>Cancel</button>
</main>`,
  });
}

/** What a step-up interaction asks for: the requested and the supported `acr_values`, and a freshness bound. */
interface InteractionStepUp {
  requested: string[];
  acrValues: string[];
  /** `max_age`, or 0 for `prompt=login` (OIDC Core §3.1.2.1: max_age=0 is equivalent to prompt=login). */
  maxAge?: number;
}

/** The step-up an authorization request asks for, if any (RFC 9470 §4 puts it in `acr_values` / `max_age`). */
function stepUpOf(params: Interaction['params']): InteractionStepUp | undefined {
  const requested = (typeof params.acr_values === 'string' ? params.acr_values : '').split(' ').filter(Boolean);
  const maxAge = typeof params.max_age === 'string' && /^\d+$/.test(params.max_age) ? Number(params.max_age) : undefined;
  const login = (typeof params.prompt === 'string' ? params.prompt : '').split(' ').includes('login');
  if (requested.length === 0 && maxAge === undefined && !login) return undefined;
  const acrValues = requested.filter(isSupportedAcr);
  return { requested, acrValues, ...(login ? { maxAge: 0 } : maxAge !== undefined ? { maxAge } : {}) };
}

/**
 * A step-up in the provider's own pages: a signed-in user confirms it's them in `<latch-step-up>` (the
 * challenge endpoint's step-up, so the same factors and rules as in-widget); without a session, the user
 * signs in with `<latch-login>` first and steps up only if that fell short of the level.
 */
function renderStepUpPage(res: ServerResponse, uid: string, stepUp: InteractionStepUp, signedIn: boolean): void {
  const heading = signedIn ? "Confirm it's you" : `Sign in to ${SITE_NAME}`;
  const requirement = `data-acr-values="${escapeHtml(stepUp.acrValues.join(' '))}"${
    signedIn && stepUp.maxAge !== undefined ? ` data-max-age="${stepUp.maxAge}"` : ''
  }`;
  sendPage(res, 200, {
    title: `${heading} · ${SITE_NAME}`,
    head: `<link rel="stylesheet" href="/interaction-assets/interaction.css">
<script type="module" src="/dist/latchkey.js"></script>
<script type="module" src="/interaction-assets/interaction.js"></script>`,
    body: `<main data-interaction="${escapeHtml(uid)}" data-action="finish" data-step-up="${signedIn ? 'now' : 'after-sign-in'}" ${requirement}>
<h1>${escapeHtml(heading)}</h1>
${
  signedIn
    ? `<p>${SITE_NAME} needs to check it's you before it continues.</p>
<button type="button" data-confirm hidden>Confirm it's you</button>`
    : `<latch-login issuer="/" client-id="latchkey-demo" site-name="${SITE_NAME}" sso="off"></latch-login>`
}
<latch-step-up issuer="/" client-id="latchkey-demo"></latch-step-up>
<p class="error" role="alert" data-status></p>
<button type="button" class="secondary" data-cancel>Cancel</button>
</main>`,
  });
}

function renderExpired(res: ServerResponse): void {
  sendPage(res, 400, {
    title: `Sign-in expired · ${SITE_NAME}`,
    head: '<link rel="stylesheet" href="/interaction-assets/interaction.css">',
    body: '<main><h1>This sign-in has expired</h1><p>It finished, timed out, or was started in another browser. <a href="/">Start again</a>.</p></main>',
  });
}
