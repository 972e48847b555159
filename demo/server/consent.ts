import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  ConsentLinkRequest,
  ConsentRecordRequest,
  type ConsentConfig,
  type ConsentReceipt,
  type CurrentConsent,
  type Purpose,
} from '../../src/protocol/index.js';
import { textHash } from './consent-log.js';
import type { BackendContext } from './context.js';
import { HttpError, readJson, requireJson, sendError, sendJson, sendNoContent } from './http.js';
import { refuseForeignOrigin, sessionPrincipal } from './user-auth.js';

// The site's cookie and tracking consent (`ciam_consent_endpoint`, docs/protocol.md §23): the policy's purposes,
// the visitors' records (appended to the consent log, idempotent by the browser's receipt id), and linking a
// device's records to the account that signs in on it. The live policy version is switchable in the demo.

/** The banner's policy id in receipts. */
export const COOKIE_POLICY = 'cookies';

const DAY_MS = 86_400_000;
const NECESSARY: Purpose = { id: 'necessary', legal_basis: 'contract', required: true, consent_mode: ['security_storage'] };
const ANALYTICS: Purpose = { id: 'analytics', legal_basis: 'consent', required: false, consent_mode: ['analytics_storage'] };
const ADVERTISING: Purpose = {
  id: 'advertising',
  legal_basis: 'consent',
  required: false,
  gpc: 'opt_out',
  consent_mode: ['ad_storage', 'ad_user_data', 'ad_personalization'],
};
const PERSONALISATION: Purpose = { id: 'personalisation', legal_basis: 'consent', required: false, consent_mode: ['personalization_storage'] };
const FUNCTIONAL: Purpose = { id: 'functional', legal_basis: 'consent', required: false, consent_mode: ['functionality_storage'] };
// Selling or sharing personal data (CCPA): GPC opts out of it, and it gates the data sent to ad platforms.
const SALE_SHARE: Purpose = { id: 'sale_share', legal_basis: 'consent', required: false, gpc: 'opt_out', consent_mode: ['ad_user_data'] };

/** The two versions of the reference policy; every purpose id is a standard one, so the widget has its words. */
const VERSIONS: Record<string, Omit<ConsentConfig, 'policy' | 'privacy_url'>> = {
  '2026-10': {
    version: '2026-10',
    purposes: [NECESSARY, ANALYTICS, ADVERTISING, PERSONALISATION],
    // CNIL: a refusal holds about 6 months; an acceptance at most 13 months (here 12).
    expiry: { refused_days: 182, accepted_days: 365 },
  },
  '2026-12': {
    version: '2026-12',
    changes: {
      en: 'We added a functional purpose and a choice on selling or sharing your data.',
      de: 'Wir haben einen Zweck für Funktionen und eine Wahl zum Verkauf oder zur Weitergabe Ihrer Daten hinzugefügt.',
      fr: 'Nous avons ajouté une finalité fonctionnelle et un choix sur la vente ou le partage de vos données.',
    },
    purposes: [NECESSARY, FUNCTIONAL, ANALYTICS, ADVERTISING, PERSONALISATION, SALE_SHARE],
    expiry: { refused_days: 182, accepted_days: 365 },
  },
};

/** The version live when the backend starts. */
export const INITIAL_CONSENT_VERSION = '2026-10';

/** The reference policy and which of its versions is live (switchable by `POST /demo/consent-version`). */
export class ConsentPolicy {
  #live = INITIAL_CONSENT_VERSION;

  constructor(readonly issuer: string) {}

  get live(): string {
    return this.#live;
  }

  /** Makes a version live; false when there is no such version. */
  switchTo(version: string): boolean {
    if (!VERSIONS[version]) return false;
    this.#live = version;
    return true;
  }

  /** A version's config (the live one by default); undefined for an unknown version. */
  config(version = this.#live): ConsentConfig | undefined {
    const found = VERSIONS[version];
    return found && { policy: COOKIE_POLICY, ...found, privacy_url: `${this.issuer}/policies/privacy` };
  }
}

/** `ciam_consent_endpoint`: `GET /consent`, `POST`/`GET /consent/records`, `POST /consent/link`. */
export async function handleConsent(req: IncomingMessage, res: ServerResponse, pathname: string, ctx: BackendContext): Promise<void> {
  try {
    switch (`${req.method ?? 'GET'} ${pathname}`) {
      case 'GET /consent':
        return sendConfig(req, res, ctx.consentPolicy.config()!);
      case 'POST /consent/records':
        return await recordChoice(req, res, ctx);
      case 'GET /consent/records':
        return sendJson(res, 200, currentChoice(req, ctx));
      case 'POST /consent/link':
        return await linkDevice(req, res, ctx);
      default:
        throw notFoundOrMethod(pathname);
    }
  } catch (error) {
    if (!(error instanceof HttpError)) throw error;
    sendError(res, error);
  }
}

const ROUTES: Record<string, string> = { '/consent': 'GET', '/consent/records': 'GET, POST', '/consent/link': 'POST' };

function notFoundOrMethod(pathname: string): HttpError {
  const allow = ROUTES[pathname];
  return allow ? new HttpError(405, 'invalid_request', `use ${allow}`, { Allow: allow }) : new HttpError(404, 'not_found', 'no such route');
}

/** The config with a strong ETag of its bytes; revalidated on every use (`no-cache`), 304 when unchanged. */
function sendConfig(req: IncomingMessage, res: ServerResponse, config: ConsentConfig): void {
  const body = JSON.stringify(config);
  const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
  const headers = { ETag: etag, 'Cache-Control': 'no-cache' };
  const match = req.headers['if-none-match'];
  if (match !== undefined && match.split(/\s*,\s*/).some((tag) => tag === etag || tag === `W/${etag}`)) {
    res.writeHead(304, headers);
    res.end();
    return;
  }
  sendJson(res, 200, config, headers);
}

/**
 * `POST /consent/records`: a visitor's choice. The same receipt id again answers 200 with the first receipt
 * (a retry after a lost answer); a new one 201. With a session cookie the entry is the account's too.
 */
async function recordChoice(req: IncomingMessage, res: ServerResponse, ctx: BackendContext): Promise<void> {
  requireJson(req);
  refuseForeignOrigin(req, ctx);
  const parsed = ConsentRecordRequest.safeParse(await readJson(req));
  if (!parsed.success) throw new HttpError(400, 'invalid_request', 'the record is malformed');
  const record = parsed.data;
  const recorded = ctx.consentLog.byReceiptId(record.id);
  if (recorded) return sendJson(res, 200, recorded.receipt);
  checkPurposes(record.policy === COOKIE_POLICY ? ctx.consentPolicy.config(record.version) : undefined, record.purposes);
  const receipt: ConsentReceipt = {
    id: record.id,
    policy: record.policy,
    version: record.version,
    purposes: record.purposes,
    gpc: record.gpc,
    method: record.method,
    chosen_at: record.chosen_at,
    recorded_at: ctx.clock.now(),
    text_hash: textHash(record.text),
  };
  const accountId = signedInAccount(req, ctx);
  const entry = await ctx.consentLog.append({ receipt, device_id: record.device_id, ...(accountId ? { account_id: accountId } : {}) });
  sendJson(res, entry.receipt === receipt ? 201 : 200, entry.receipt);
}

/** A record names exactly the optional purposes of a version this backend has. */
function checkPurposes(config: ConsentConfig | undefined, purposes: Record<string, boolean>): void {
  if (!config) throw new HttpError(400, 'invalid_request', 'unknown policy or version');
  const expected = config.purposes.filter((purpose) => !purpose.required).map((purpose) => purpose.id).sort();
  const given = Object.keys(purposes).sort();
  if (expected.join(' ') !== given.join(' ')) {
    throw new HttpError(400, 'invalid_request', `the purposes of ${config.version} are ${expected.join(', ')}`);
  }
}

/** `GET /consent/records?device_id=…`: the current, unexpired choice of the signed-in account, else of the device. */
function currentChoice(req: IncomingMessage, ctx: BackendContext): CurrentConsent {
  const accountId = signedInAccount(req, ctx);
  const deviceId = new URL(req.url ?? '/', ctx.issuer).searchParams.get('device_id') ?? undefined;
  if (!accountId && !deviceId) return {};
  const receipt = ctx.consentLog.current(accountId ? { accountId } : { deviceId }, COOKIE_POLICY);
  return receipt && !expired(receipt, ctx) ? { receipt } : {};
}

/** A choice lapses after its version's `refused_days` (nothing optional on) or `accepted_days`. */
function expired(receipt: ConsentReceipt, ctx: BackendContext): boolean {
  const config = ctx.consentPolicy.config(receipt.version);
  if (!config) return true;
  const accepted = Object.values(receipt.purposes ?? {}).some(Boolean);
  const days = accepted ? config.expiry.accepted_days : config.expiry.refused_days;
  return receipt.chosen_at + days * DAY_MS <= ctx.clock.now();
}

/** `POST /consent/link {device_id}` with the session: the device's anonymous records become the account's. */
async function linkDevice(req: IncomingMessage, res: ServerResponse, ctx: BackendContext): Promise<void> {
  const principal = sessionPrincipal(req, ctx);
  requireJson(req);
  refuseForeignOrigin(req, ctx);
  const parsed = ConsentLinkRequest.safeParse(await readJson(req));
  if (!parsed.success) throw new HttpError(400, 'invalid_request', 'device_id is required');
  await ctx.consentLog.link(parsed.data.device_id, principal.accountId);
  sendNoContent(res);
}

/** The account of the session cookie, if any; no session is fine here (anonymous visitors record too). */
function signedInAccount(req: IncomingMessage, ctx: BackendContext): string | undefined {
  const session = ctx.webSessions.fromRequest(req);
  return session && ctx.accounts.findById(session.accountId) ? session.accountId : undefined;
}

/**
 * Demo and test only (with the dev routes): `POST /demo/consent-version {version}` makes a version live;
 * `GET /demo/consent-version` says which is; `GET /demo/consent-log?device_id=…|account_id=…` lists the log's
 * entries of a device or account, so tests can count records. Answers `false` for any other path.
 */
export async function handleConsentDemoRoute(req: IncomingMessage, res: ServerResponse, pathname: string, ctx: BackendContext): Promise<boolean> {
  try {
    if (pathname === '/demo/consent-log' && req.method === 'GET') {
      const query = new URL(req.url ?? '/', ctx.issuer).searchParams;
      const owner = { accountId: query.get('account_id') ?? undefined, deviceId: query.get('device_id') ?? undefined };
      sendJson(res, 200, { entries: ctx.consentLog.entriesOf(owner) });
      return true;
    }
    if (pathname !== '/demo/consent-version') return false;
    if (req.method === 'POST') {
      requireJson(req);
      const { version } = (await readJson(req)) as { version?: unknown };
      if (typeof version !== 'string' || !ctx.consentPolicy.switchTo(version)) {
        throw new HttpError(400, 'invalid_request', `version must be one of ${Object.keys(VERSIONS).join(', ')}`);
      }
    } else if (req.method !== 'GET') {
      throw new HttpError(405, 'invalid_request', 'use GET or POST', { Allow: 'GET, POST' });
    }
    sendJson(res, 200, { version: ctx.consentPolicy.live });
    return true;
  } catch (error) {
    if (!(error instanceof HttpError)) throw error;
    sendError(res, error);
    return true;
  }
}
