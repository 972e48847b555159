import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AccountPolicy, ConsentMethod, ConsentReceipt, PolicyDecision } from '../../src/protocol/index.js';
import type { ConsentLog } from './consent-log.js';
import { textHash } from './consent-log.js';
import { escapeHtml, sendPage, SITE_NAME } from './html.js';
import { HttpError, readJson, requireJson, sendError, sendJson } from './http.js';

// The account policies of docs/protocol.md §24: what a new account accepts (`terms`, `privacy`) and may opt in
// to (`marketing`), which versions are live, the documents themselves, and the receipts of every decision in
// the consent log. The terms have two versions the demo switches between (`POST /demo/terms-version`) to show
// a returning customer being asked again.

/** The terms versions the reference backend knows, oldest first. */
export const TERMS_VERSIONS = ['2026-01', '2026-12'] as const;
/** The profile question versions (steps/profile.ts); the demo switches them like the terms. */
export const PROFILE_VERSIONS = ['2026-01', '2026-12'] as const;

const PRIVACY_VERSION = '2026-01';
const MARKETING_VERSION = '2026-01';

/** What the December terms changed, told to a customer asked to accept them. */
const TERMS_CHANGES: Record<string, Record<string, string>> = {
  '2026-12': { en: 'We now explain how long we keep your order history, and how to close your account.' },
};

/** A decision as the backend records it: the words shown, and when it was made. */
export interface TimedDecision extends PolicyDecision {
  chosen_at: number;
}

/** The live policy versions and their receipts. Off (`enabled: false`), nothing is offered or asked. */
export class AccountPolicies {
  #termsVersion: string = TERMS_VERSIONS[0];
  #profileVersion: string = PROFILE_VERSIONS[0];

  constructor(
    readonly enabled: boolean,
    readonly issuer: string,
    readonly log: ConsentLog,
  ) {}

  get profileVersion(): string {
    return this.#profileVersion;
  }

  /** The policies a new account is offered (`select_method.policies`): the same for every identifier. */
  offered(): AccountPolicy[] {
    if (!this.enabled) return [];
    return [
      { id: 'terms', version: this.#termsVersion, kind: 'accept', url: `${this.issuer}/policies/terms` },
      { id: 'privacy', version: PRIVACY_VERSION, kind: 'accept', url: `${this.issuer}/policies/privacy` },
      { id: 'marketing', version: MARKETING_VERSION, kind: 'opt_in' },
    ];
  }

  /**
   * The decisions of a `sign_up` step, checked: every `accept` policy granted at its live version. Otherwise the
   * same `invalid_request` for every address (no enumeration), pointing at the terms box.
   */
  checkSignUp(consents: readonly PolicyDecision[] | undefined, now: number): TimedDecision[] {
    const offered = this.offered();
    const decisions = (consents ?? []).filter((decision) => offered.some((policy) => policy.id === decision.policy && policy.version === decision.version));
    const missing = offered.some((policy) => policy.kind === 'accept' && !decisions.some((decision) => decision.policy === policy.id && decision.granted));
    if (missing) throw new HttpError(400, 'invalid_request', 'accept the terms and the privacy policy to create an account', {}, { field_errors: [{ field: 'terms', code: 'required' }] });
    return decisions.map((decision) => ({ ...decision, chosen_at: now }));
  }

  /**
   * The `accept` policies the account must decide on before a sign-in completes: the live version of each is
   * not the one it last accepted (or it never accepted one). Each says what changed.
   */
  due(accountId: string): AccountPolicy[] {
    return this.offered().filter((policy) => {
      if (policy.kind !== 'accept') return false;
      const current = this.log.current({ accountId }, policy.id);
      return !(current?.granted && current.version === policy.version);
    }).map((policy) => {
      const changes = policy.id === 'terms' ? TERMS_CHANGES[policy.version] : undefined;
      return changes ? { ...policy, changes } : policy;
    });
  }

  /** Appends a receipt per decision to the consent log (method `sign_up` or `sign_in`) and returns them. */
  async record(accountId: string, decisions: readonly TimedDecision[], method: ConsentMethod, now: number): Promise<ConsentReceipt[]> {
    const receipts: ConsentReceipt[] = [];
    for (const decision of decisions) {
      const receipt: ConsentReceipt = {
        id: randomUUID(),
        policy: decision.policy,
        version: decision.version,
        granted: decision.granted,
        method,
        chosen_at: decision.chosen_at,
        recorded_at: now,
        text_hash: textHash(decision.text),
      };
      await this.log.append({ receipt, account_id: accountId });
      receipts.push(receipt);
    }
    return receipts;
  }

  /** The account's current decision on each account policy (`SessionStatus.consents`). */
  currentOf(accountId: string): ConsentReceipt[] {
    if (!this.enabled) return [];
    return this.offered().flatMap((policy) => this.log.current({ accountId }, policy.id) ?? []);
  }

  /** `POST /demo/terms-version {version}` and `/demo/profile-version {version}` (development only). */
  async handleDemoRoute(req: IncomingMessage, res: ServerResponse, pathname: string): Promise<void> {
    try {
      if (req.method !== 'POST') throw new HttpError(405, 'invalid_request', 'use POST', { Allow: 'POST' });
      requireJson(req);
      const { version } = (await readJson(req)) as { version?: unknown };
      const terms = pathname === '/demo/terms-version';
      const known: readonly string[] = terms ? TERMS_VERSIONS : PROFILE_VERSIONS;
      if (typeof version !== 'string' || !known.includes(version)) throw new HttpError(400, 'invalid_request', `version must be one of ${known.join(', ')}`);
      if (terms) this.#termsVersion = version;
      else this.#profileVersion = version;
      sendJson(res, 200, { version });
    } catch (error) {
      if (!(error instanceof HttpError)) throw error;
      sendError(res, error);
    }
  }

  /** `GET /policies/terms` and `/policies/privacy`: the documents, plain pages under the strict CSP. */
  serveDocument(res: ServerResponse, pathname: string): void {
    const id = pathname.slice('/policies/'.length);
    if (id === 'terms') return sendPage(res, 200, documentPage('Terms of service', this.#termsVersion, TERMS_TEXT[this.#termsVersion] ?? []));
    if (id === 'privacy') return sendPage(res, 200, documentPage('Privacy policy', PRIVACY_VERSION, PRIVACY_TEXT));
    sendError(res, new HttpError(404, 'not_found', 'no such policy'));
  }
}

/** The paths of the policy documents and the demo's switches. */
export const isPolicyDocumentPath = (pathname: string) => pathname.startsWith('/policies/');
export const isPolicyDemoPath = (pathname: string) => pathname === '/demo/terms-version' || pathname === '/demo/profile-version';

const TERMS_BASE = [
  `You may use ${SITE_NAME} to buy from our store. Keep your sign-in methods to yourself.`,
  'We deliver what you order, or refund it.',
];
const TERMS_TEXT: Record<string, string[]> = {
  '2026-01': TERMS_BASE,
  '2026-12': [...TERMS_BASE, 'We keep your order history for 6 years (tax law), and you can close your account at any time from your account page.'],
};
const PRIVACY_TEXT = [
  'We keep your email address, your sign-in methods and your orders to run your account.',
  'We never sell your data. You can see, download and delete what we hold in your account’s privacy center.',
];

function documentPage(title: string, version: string, paragraphs: readonly string[]) {
  return {
    title: `${title} · ${SITE_NAME}`,
    body: `<main><h1>${escapeHtml(`${SITE_NAME} ${title.toLowerCase()}`)}</h1>
<p>Version ${escapeHtml(version)}</p>
${paragraphs.map((paragraph) => `<p>${escapeHtml(paragraph)}</p>`).join('\n')}
</main>`,
  };
}
