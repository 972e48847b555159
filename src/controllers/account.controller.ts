import type { ReactiveControllerHost } from 'lit';
import type { AccountApi } from '../client/account.js';
import type { LatchClient } from '../client/client.js';
import type { LatchError } from '../client/errors.js';
import { LatchErrorEvent } from '../events/index.js';
import { AbortScope } from './abort-scope.js';
import { clientOf, type Backend } from './client-loader.js';

/** What the controller reads from its element: its backend (see `backendOf`). */
export type AccountConfig = Backend;

type Host = ReactiveControllerHost & HTMLElement;

/**
 * The account views' async state (STYLE.md 8): one change at a time (`pending`), its failure or notice to
 * announce, and an AbortController that leaving the page ends.
 */
export class AccountController<Action extends string, Notice extends string> {
  /** The change in flight; further clicks wait for it (fault K1). */
  pending: Action | undefined;
  failure: LatchError | undefined;
  notice: Notice | undefined;
  /**
   * A change the user called off (a dismissed passkey prompt, a closed step-up): shown as a neutral notice,
   * announced politely, never in the danger colour.
   */
  cancelled: LatchError | undefined;
  /** Changes on every failure and notice, so the same message twice is announced twice. */
  announcement = 0;
  private readonly scope: AbortScope;
  private client: Promise<LatchClient> | undefined;

  constructor(
    private readonly host: Host,
    private readonly config: () => AccountConfig,
  ) {
    this.scope = new AbortScope(host);
  }

  /** The client: the page's own, or one built from the element's issuer and client id. */
  connect(): Promise<LatchClient> {
    this.client ??= clientOf(this.config()).catch((error: unknown) => {
      this.client = undefined;
      throw error;
    });
    return this.client;
  }

  /** Runs one user action; a failure is kept and announced (quiet ones are dropped), never thrown. */
  async run(action: Action, work: (api: AccountApi, signal: AbortSignal, client: LatchClient) => Promise<void>): Promise<void> {
    if (this.pending) return;
    const signal = this.scope.signal;
    this.pending = action;
    this.forget();
    this.host.requestUpdate();
    try {
      const client = await this.connect();
      await work(await client.account({ signal }), signal, client);
    } catch (error) {
      if (!signal.aborted) this.fail(asLatchError(error));
    } finally {
      this.pending = undefined;
      this.host.requestUpdate();
    }
  }

  /**
   * The element's first read of the account. The session is asked first: it answers 200 either way, so a
   * signed-out visitor is told to sign in without a 401 for the browser to log on every page load. A backend
   * without a session endpoint is simply asked for the account.
   */
  load(action: Action, work: (api: AccountApi, signal: AbortSignal, client: LatchClient) => Promise<void>): Promise<void> {
    return this.run(action, async (api, signal, client) => {
      const session = await client.getSession({ signal }).catch(() => undefined);
      if (session?.active === false) throw notSignedIn();
      await work(api, signal, client);
    });
  }

  announce(notice: Notice): void {
    this.forget();
    this.notice = notice;
    this.announcement++;
    this.host.requestUpdate();
  }

  fail(error: LatchError): void {
    if (error.code === 'LATCH_ABORTED') return;
    this.forget();
    if (CANCELS.has(error.code)) this.cancelled = error;
    else this.failure = error;
    this.announcement++;
    this.host.requestUpdate();
    // A dismissed passkey prompt stays quiet for the page too (the user did it); a closed step-up is reported.
    if (error.code !== 'LATCH_PASSKEY_CANCELLED') this.host.dispatchEvent(new LatchErrorEvent(error));
  }

  /** Forgets the last message (when the user starts something new). */
  clear(): void {
    this.forget();
    this.host.requestUpdate();
  }

  private forget(): void {
    this.failure = undefined;
    this.notice = undefined;
    this.cancelled = undefined;
  }
}

/** Codes of a change the user called off: a neutral notice, not an error. */
const CANCELS: ReadonlySet<string> = new Set(['LATCH_PASSKEY_CANCELLED', 'LATCH_STEP_UP_CANCELLED']);

/** The client's NOT_SIGNED_IN, built by shape for the reason {@link asLatchError} gives. */
function notSignedIn(): LatchError {
  return Object.assign(new Error('Not signed in'), { name: 'LatchError', code: 'LATCH_NOT_SIGNED_IN' }) as unknown as LatchError;
}

/**
 * The client only throws LatchErrors; anything else is a bug, shown as a server error. Checked by shape,
 * not `instanceof`: importing the errors module here would split it out of the script-tag entry into a
 * chunk of its own, one more file before the sign-in form.
 */
function asLatchError(error: unknown): LatchError {
  if (error instanceof Error && typeof (error as Partial<LatchError>).code === 'string') return error as LatchError;
  return Object.assign(new Error('Unexpected failure', { cause: error }), { name: 'LatchError', code: 'LATCH_SERVER_ERROR' }) as unknown as LatchError;
}
