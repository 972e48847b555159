import { createHash, randomBytes } from 'node:crypto';
import { AuthorizationServerMetadata, PasskeyCreationOptionsResponse } from '../protocol/index.js';
import { SoftAuthenticator } from './authenticator.js';
import { CheckFailure, expectSchema, expectThat, Skipped } from './check.js';
import type { CodeReader } from './codes.js';
import { bodyOf, Browser, ExchangeLog, type Exchange } from './http.js';

/** What a run is pointed at, from the command line. */
export interface RunOptions {
  /** The issuer; discovery is `{issuer}/.well-known/openid-configuration`. */
  issuer: string;
  clientId: string;
  /** A page origin that must be allowed (CORS, §18.2); without it the allowed-origin check is skipped. */
  origin?: string;
  /** The client's registered redirect URI for the redirect tier (§11); `{origin or issuer}/callback` by default. */
  redirectUri?: string;
  /** Reads a mailed code; without it the checks that need one are skipped. */
  readCode?: CodeReader;
  /** An address that has an account; otherwise the runner creates one with an email code. */
  existingEmail?: string;
  /** The domain of the addresses the runner makes up (`example.com`). */
  emailDomain?: string;
}

/** The discovery document, parsed, and the keys as sent. */
export interface Discovery {
  metadata: AuthorizationServerMetadata;
  raw: Record<string, unknown>;
}

/** A browser whose sign-in by email code finished: it holds the session cookie. */
export interface SignedIn {
  browser: Browser;
  email: string;
  success: Exchange;
}

/**
 * The state of one run: the options, every exchange, and what several checks build on (discovery, a signed-in
 * account, a registered passkey), each made once, on first use. A fixture that cannot be made fails (or skips)
 * every check that needs it, with the same reason.
 */
export class RunContext {
  readonly log = new ExchangeLog();
  /** Codes already typed, per address, so a reader never hands back an old one. */
  readonly #usedCodes = new Map<string, Set<string>>();
  readonly #memo = new Map<string, Promise<unknown>>();

  constructor(readonly options: RunOptions) {}

  get issuer(): string {
    return this.options.issuer.replace(/\/$/, '');
  }

  browser(): Browser {
    return new Browser(this.log);
  }

  /** Made once; later callers share the promise (and its failure). */
  once<T>(key: string, make: () => Promise<T>): Promise<T> {
    if (!this.#memo.has(key)) this.#memo.set(key, make());
    return this.#memo.get(key) as Promise<T>;
  }

  /** A fresh address at the run's domain; every one has the same length, so answers compare byte for byte. */
  newEmail(): string {
    return `conformance-${randomBytes(4).toString('hex')}@${this.options.emailDomain ?? 'example.com'}`;
  }

  discovery(): Promise<Discovery> {
    return this.once('discovery', async () => {
      const exchange = await this.browser().send(`${this.issuer}/.well-known/openid-configuration`);
      expectThat(exchange.status === 200, 'discovery did not answer 200', exchange);
      const parsed = AuthorizationServerMetadata.safeParse(exchange.json);
      if (!parsed.success) throw new CheckFailure('discovery does not match AuthorizationServerMetadata', exchange.text.slice(0, 240));
      return { metadata: parsed.data, raw: bodyOf(exchange) };
    });
  }

  /** An advertised endpoint of discovery, or a skip naming the key. */
  async endpoint(key: keyof AuthorizationServerMetadata & `${string}endpoint`): Promise<string> {
    const url = (await this.discovery()).metadata[key];
    if (typeof url !== 'string') throw new Skipped(`discovery does not advertise ${key}`);
    return url;
  }

  async advertisesStep(type: string): Promise<boolean> {
    return ((await this.discovery()).metadata.ciam_step_types_supported ?? []).includes(type);
  }

  async requireStep(type: string): Promise<void> {
    if (!(await this.advertisesStep(type))) throw new Skipped(`ciam_step_types_supported does not list ${type}`);
  }

  /** The reader of mailed codes, or a skip. */
  codeReader(): CodeReader {
    if (!this.options.readCode) throw new Skipped('needs a mailed code: give --mailbox URL or --code-command');
    return this.options.readCode;
  }

  /** The newest code mailed to `email` that the run has not typed yet, or `undefined` when none arrives. */
  async takeCode(email: string): Promise<string | undefined> {
    const key = email.toLowerCase();
    const used = this.#usedCodes.get(key) ?? new Set<string>();
    const code = await this.codeReader()(email, used);
    if (code) this.#usedCodes.set(key, used.add(code));
    return code;
  }

  /** FiPA §5.1: a form-encoded initial request with a fresh S256 challenge, plus `params` (`null` leaves one out). */
  async start(browser: Browser, params: Record<string, string | null> = {}, endpoint?: string, headers?: Record<string, string>): Promise<Exchange> {
    const verifier = randomBytes(32).toString('base64url');
    const form = {
      client_id: this.options.clientId,
      response_type: 'code',
      scope: 'openid email profile',
      code_challenge: createHash('sha256').update(verifier).digest('base64url'),
      code_challenge_method: 'S256',
      ...params,
    };
    const sent = Object.fromEntries(Object.entries(form).filter((entry): entry is [string, string] => entry[1] !== null));
    return browser.send(endpoint ?? (await this.endpoint('authorization_challenge_endpoint')), { form: sent, headers });
  }

  /** FiPA §5.3: one JSON step of the transaction whose answer was `previous`. */
  async step(browser: Browser, previous: Exchange | undefined, step: Record<string, unknown>): Promise<Exchange> {
    const authSession = previous && bodyOf(previous).auth_session;
    expectThat(typeof authSession === 'string', 'the answer carries no auth_session to continue with', previous);
    return browser.send(await this.endpoint('authorization_challenge_endpoint'), { json: { auth_session: authSession, step } });
  }

  /** Signs a (new or given) address in by email code in a new browser. */
  private async signInByEmailCode(email = this.newEmail()): Promise<SignedIn> {
    await this.requireStep('email_otp');
    this.codeReader();
    const browser = this.browser();
    const selected = await this.start(browser, { login_hint: email });
    expectThat(selected.status === 400 && bodyOf(selected).error === 'insufficient_authorization', 'the initial request with login_hint did not ask for a method', selected);
    const sent = await this.step(browser, selected, { type: 'email_otp', action: 'send' });
    expectThat(sent.status === 400 && (bodyOf(sent).ciam as { step?: string } | undefined)?.step === 'email_otp', 'email_otp send did not answer the email_otp step', sent);
    const code = await this.takeCode(email);
    // A backend that emails no code to an unknown address (sign-up off) can still be checked with an account of its own.
    if (!code) throw new CheckFailure(`no code arrived for ${email}${this.options.existingEmail ? '' : ' (if this backend signs up no one by email code, give --existing-email)'}`);
    const success = await this.step(browser, sent, { type: 'email_otp', action: 'verify', code });
    expectThat(success.status === 200 && typeof bodyOf(success).authorization_code === 'string', 'the mailed code did not sign in', success);
    return { browser, email, success };
  }

  /** The run's account, signed in by email code (the runner's own, or `--existing-email`). */
  signedIn(): Promise<SignedIn> {
    return this.once('signed-in', async () => {
      if (!this.options.existingEmail && (await this.discovery()).metadata.ciam_sign_up_enabled === false) {
        throw new Skipped('sign-up is off (ciam_sign_up_enabled: false): give --existing-email, an account to sign in to');
      }
      return this.signInByEmailCode(this.options.existingEmail);
    });
  }

  /** An address with an account: `--existing-email`, or the one the run signed up. */
  async existingEmail(): Promise<string> {
    return this.options.existingEmail ?? (await this.signedIn()).email;
  }

  /** A passkey registered for the signed-in account through `ciam_passkey_registration_endpoint` (§5). */
  passkey(): Promise<{ authenticator: SoftAuthenticator; options: Exchange; registered: Exchange; signedIn: SignedIn }> {
    return this.once('passkey', async () => {
      const endpoint = await this.endpoint('ciam_passkey_registration_endpoint');
      const signedIn = await this.signedIn();
      const origin = new URL(this.issuer).origin;
      const headers = { Origin: origin };
      const options = await signedIn.browser.send(endpoint, { json: { action: 'options' }, headers });
      expectThat(options.status === 200, 'passkey registration options were refused', options);
      expectSchema(PasskeyCreationOptionsResponse, 'PasskeyCreationOptionsResponse', options);
      const authenticator = new SoftAuthenticator(origin);
      const creation = bodyOf(options).creation_options as Parameters<SoftAuthenticator['create']>[0];
      const registered = await signedIn.browser.send(endpoint, { json: { action: 'verify', response: authenticator.create(creation) }, headers });
      expectThat(registered.status === 200, 'the passkey did not register', registered);
      return { authenticator, options, registered, signedIn };
    });
  }
}
