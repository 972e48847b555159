import { ChallengeErrorResponse, PasskeyOptionsResponse } from '../../protocol/index.js';
import { expectSchema, expectThat, type Check } from '../check.js';
import { bodyOf, type Exchange } from '../http.js';

// §2.1–§2.2: the authorization challenge endpoint's envelope (FiPA §5), whatever the steps.

/** `400 insufficient_authorization` with an auth_session and `ciam.step` = `step`, matching the schema. */
export function expectState(exchange: Exchange, step: string): Record<string, unknown> {
  const body = bodyOf(exchange);
  const ciam = (body.ciam ?? {}) as Record<string, unknown>;
  expectThat(exchange.status === 400 && body.error === 'insufficient_authorization' && ciam.step === step, `expected 400 insufficient_authorization with ciam.step ${step}`, exchange);
  expectThat(typeof body.auth_session === 'string' && body.auth_session.length >= 43, 'auth_session is missing or shorter than 256 bits in base64url', exchange);
  expectSchema(ChallengeErrorResponse, 'ChallengeErrorResponse', exchange);
  return ciam;
}

/** The answer is an error `code` with the given status, and no transaction was opened. */
export function expectRefused(exchange: Exchange, status: number, code: string, why: string): void {
  const body = bodyOf(exchange);
  expectThat(exchange.status === status && body.error === code && body.auth_session === undefined, `${why}: expected ${status} ${code}`, exchange);
}

export const challengeChecks: Check[] = [
  {
    id: 'C-CHAL-1',
    section: '§2.1',
    title: 'The initial request without login_hint answers the identifier step; its passkey options are discoverable',
    async run(ctx) {
      const ciam = expectState(await ctx.start(ctx.browser()), 'identifier');
      const options = (ciam.webauthn as { request_options?: { allowCredentials?: unknown } } | undefined)?.request_options;
      expectThat(options?.allowCredentials === undefined, 'the identifier step\'s request_options name credentials (allowCredentials)');
    },
  },
  {
    id: 'C-CHAL-2',
    section: '§2.3',
    title: 'The initial request with login_hint answers select_method, echoing the address',
    async run(ctx) {
      const email = ctx.newEmail();
      const ciam = expectState(await ctx.start(ctx.browser(), { login_hint: email }), 'select_method');
      expectThat(ciam.login_hint === email, `select_method.login_hint is ${JSON.stringify(ciam.login_hint)}, not ${email}`);
    },
  },
  {
    id: 'C-CHAL-3',
    section: '§2.2',
    title: 'The identifier step answers select_method',
    async run(ctx) {
      await ctx.requireStep('identifier');
      const browser = ctx.browser();
      const email = ctx.newEmail();
      const ciam = expectState(await ctx.step(browser, await ctx.start(browser), { type: 'identifier', login_hint: email }), 'select_method');
      expectThat(ciam.login_hint === email, `select_method.login_hint is ${JSON.stringify(ciam.login_hint)}, not ${email}`);
    },
  },
  {
    id: 'C-CHAL-4',
    section: '§2.2',
    title: 'A step whose Content-Type is not application/json is refused with 415',
    async run(ctx) {
      const browser = ctx.browser();
      const started = await ctx.start(browser);
      const body = JSON.stringify({ auth_session: bodyOf(started).auth_session, step: { type: 'webauthn', action: 'options' } });
      const exchange = await browser.send(await ctx.endpoint('authorization_challenge_endpoint'), { body, headers: { 'Content-Type': 'text/plain' } });
      expectThat(exchange.status === 415, 'a text/plain step was not refused with 415', exchange);
    },
  },
  {
    id: 'C-CHAL-5',
    section: '§2.2',
    title: 'A step body over 64 KB is refused with 413',
    async run(ctx) {
      const json = { auth_session: 'x'.repeat(43), step: { type: 'password', password: 'p'.repeat(66 * 1024) } };
      const exchange = await ctx.browser().send(await ctx.endpoint('authorization_challenge_endpoint'), { json });
      expectThat(exchange.status === 413, 'a 66 KB step was not refused with 413', exchange);
    },
  },
  {
    id: 'C-CHAL-6',
    section: '§2.2',
    title: 'A step with an unknown auth_session answers 400 invalid_session',
    async run(ctx) {
      const json = { auth_session: 'conformance-unknown-session-0000000000000000000', step: { type: 'webauthn', action: 'options' } };
      const exchange = await ctx.browser().send(await ctx.endpoint('authorization_challenge_endpoint'), { json });
      expectThat(exchange.status === 400 && bodyOf(exchange).error === 'invalid_session', 'expected 400 invalid_session', exchange);
    },
  },
  {
    id: 'C-CHAL-7',
    section: '§2.2',
    title: 'A step body that is not JSON answers 400 invalid_request',
    async run(ctx) {
      const exchange = await ctx.browser().send(await ctx.endpoint('authorization_challenge_endpoint'), { body: '{"auth_session":', headers: { 'Content-Type': 'application/json' } });
      expectThat(exchange.status === 400 && bodyOf(exchange).error === 'invalid_request', 'expected 400 invalid_request', exchange);
    },
  },
  {
    id: 'C-PKCE-1',
    section: '§2.1',
    title: 'An initial request without code_challenge is refused with 400 invalid_request',
    async run(ctx) {
      expectRefused(await ctx.start(ctx.browser(), { code_challenge: null, code_challenge_method: null }), 400, 'invalid_request', 'PKCE is REQUIRED');
    },
  },
  {
    id: 'C-PKCE-2',
    section: '§2.1',
    title: 'An initial request with code_challenge_method=plain is refused with 400 invalid_request',
    async run(ctx) {
      const exchange = await ctx.start(ctx.browser(), { code_challenge: 'x'.repeat(43), code_challenge_method: 'plain' });
      expectRefused(exchange, 400, 'invalid_request', 'only S256 is allowed');
    },
  },
  {
    id: 'C-PASSOPT-1',
    section: '§2.1a',
    title: 'ciam_passkey_options_endpoint answers 200 PasskeyOptionsResponse at the identifier step, and refuses login_hint',
    async run(ctx) {
      const endpoint = await ctx.endpoint('ciam_passkey_options_endpoint');
      const opened = await ctx.start(ctx.browser(), {}, endpoint);
      expectThat(opened.status === 200, 'the page load\'s start did not answer 200', opened);
      expectSchema(PasskeyOptionsResponse, 'PasskeyOptionsResponse', opened);
      expectThat((bodyOf(opened).ciam as { step?: string }).step === 'identifier', 'its ciam.step is not identifier', opened);
      expectRefused(await ctx.start(ctx.browser(), { login_hint: ctx.newEmail() }, endpoint), 400, 'invalid_request', 'login_hint MUST be refused here');
    },
  },
];
