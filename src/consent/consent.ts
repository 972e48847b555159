import { lazyDeviceId } from '../client/device-id.js';
import { LatchError, LatchErrorCode } from '../client/errors.js';
import type { PreferenceStore } from '../client/storage.js';
import { parseWith, readJSON, send, type RequestContext } from '../client/transport.js';
import type { CallOptions, SessionChange } from '../client/types.js';
import { LatchErrorEvent } from '../events/error.js';
import { ConsentConfig, type ConsentRecordRequest } from '../protocol/consent.js';
import { ConsentReceipt, type ConsentMethod } from '../protocol/policies.js';
import { choiceFor, gpcEnabled, parseChoice, readCachedConfig, readChoice, writeCachedConfig, writeChoice, type StoredChoice } from './choice.js';
import { createOutbox, type SendResult } from './outbox.js';
import { announceChoice } from './signals.js';

// The visitor's consent (profile §23), from `client.consent()`: what the site asks (the config), what the
// visitor chose (stored at once, announced to the page's tags and other tabs), and the record of it, sent
// through the durable outbox until the backend confirms it. A chunk of its own, loaded on first use.

/** The BroadcastChannel that tells this browser's other tabs about a new choice (fault C5). */
export const CONSENT_CHANNEL = 'latch-consent';

/** The visitor's consent: get it, set it, and act on it. Get it from `client.consent()`. */
export interface ConsentApi {
  /** The config (page-given, cached, or fetched) and the current valid choice; synchronous. */
  get(): { config?: ConsentConfig; choice?: StoredChoice; needsChoice: boolean; previousVersion?: string };
  /** Apply at once (store, signals, event, other tabs), then record through the outbox. `text`: the words shown. */
  set(purposes: Record<string, boolean>, options: { method: ConsentMethod; text: string }): Promise<StoredChoice>;
  /** Whether a purpose may run now: a required purpose always, an optional one when the valid choice has it on. */
  granted(purpose: string): boolean;
  /** Runs `run` now if the purpose is granted, else on the first grant; returns an unsubscribe function. */
  whenGranted(purpose: string, run: () => void): () => void;
  /** Calls `listener` with each new choice (here or in another tab; `undefined` when the policy's version changed). */
  onChange(listener: (choice: StoredChoice | undefined) => void): () => void;
  /** Give the config the page already has (attribute/property): no request needed. */
  useConfig(config: ConsentConfig): void;
  /** Fetch (ETag) the backend's config, cache it, and return it. */
  loadConfig(options?: CallOptions): Promise<ConsentConfig>;
  /** Send what the outbox holds (also on load, on `online`, and with back-off 2 s → 5 min). */
  flush(): Promise<void>;
  /**
   * Withdraws this browser's choice on `policy`, if it holds one: every optional purpose off, applied at once
   * and recorded (sent now). False when the choice here is for another policy or there is none, so only the
   * backend holds it (the privacy center then withdraws it there).
   */
  withdraw(policy: string, options: { method: ConsentMethod; text: string }): Promise<boolean>;
}

/** What the consent API needs from the client that made it, and the page parts tests may replace. */
export interface ConsentContext {
  /** `ciam_consent_endpoint` from the backend's metadata. */
  endpoint(call?: CallOptions): Promise<string>;
  request(call?: CallOptions): RequestContext;
  store: PreferenceStore;
  onSessionChange(listener: (change: SessionChange) => void): () => void;
  now?: () => number;
  /** Where `online` fires. Default: the page's `window`. */
  events?: Pick<EventTarget, 'addEventListener'>;
  /** Other tabs. Default: the `latch-consent` BroadcastChannel, none where the browser lacks it. */
  channel?: Pick<BroadcastChannel, 'postMessage' | 'addEventListener'>;
  /** First back-off wait in milliseconds (2 000). */
  baseDelayMs?: number;
}

/** The consent API of one client. */
export function createConsentApi(ctx: ConsentContext): ConsentApi {
  const now = ctx.now ?? Date.now;
  const listeners = new Set<(choice: StoredChoice | undefined) => void>();
  const channel = ctx.channel ?? (typeof BroadcastChannel === 'undefined' ? undefined : new BroadcastChannel(CONSENT_CHANNEL));
  let config = readCachedConfig();
  const deviceId = lazyDeviceId(ctx.store);
  const outbox = createOutbox({ store: ctx.store, send: (record) => sendRecord(ctx, record), baseDelayMs: ctx.baseDelayMs });

  function get(): ReturnType<ConsentApi['get']> {
    const stored = readChoice(now());
    const current = stored && (!config || (stored.policy === config.policy && stored.version === config.version));
    const choice = current ? stored : undefined;
    return { config, choice, needsChoice: !choice, ...(stored && !current ? { previousVersion: stored.version } : {}) };
  }

  function granted(purpose: string): boolean {
    if (config?.purposes.some((candidate) => candidate.id === purpose && candidate.required)) return true;
    return get().choice?.purposes[purpose] === true;
  }

  function notify(choice: StoredChoice | undefined): void {
    for (const listener of [...listeners]) listener(choice);
  }

  function useConfig(next: ConsentConfig): void {
    const before = get().choice;
    config = next;
    writeCachedConfig(next);
    if (before && !get().choice) notify(undefined);
  }

  async function set(purposes: Record<string, boolean>, options: { method: ConsentMethod; text: string }): Promise<StoredChoice> {
    if (!config) throw new LatchError(LatchErrorCode.INVALID_OPTIONS, 'No consent config yet: call useConfig() or loadConfig() first');
    const choice = choiceFor(config, purposes, options.method, gpcEnabled(), now());
    writeChoice(choice);
    announceChoice(choice);
    channel?.postMessage({ type: 'choice', choice });
    notify(choice);
    await outbox.add(recordOf(choice, await deviceId(), options.text));
    void outbox.flush();
    return choice;
  }

  async function withdraw(policy: string, options: { method: ConsentMethod; text: string }): Promise<boolean> {
    if (get().choice?.policy !== policy) return false;
    if (!config) await loadConfig();
    await set({}, options);
    await outbox.flush();
    return true;
  }

  function whenGranted(purpose: string, run: () => void): () => void {
    if (granted(purpose)) {
      run();
      return () => undefined;
    }
    const listener = () => {
      if (!granted(purpose)) return;
      listeners.delete(listener);
      run();
    };
    listeners.add(listener);
    return () => void listeners.delete(listener);
  }

  async function loadConfig(call?: CallOptions): Promise<ConsentConfig> {
    // `Cache-Control: no-cache` with an ETag: the browser's HTTP cache revalidates (If-None-Match → 304).
    const response = await send(await ctx.endpoint(call), { headers: { accept: 'application/json' } }, ctx.request(call));
    if (!response.ok) throw new LatchError(LatchErrorCode.SERVER_ERROR, `The consent config did not load (HTTP ${response.status})`);
    const loaded = parseWith(ConsentConfig, await readJSON(response));
    useConfig(loaded);
    return loaded;
  }

  // Another tab chose: this page's tags and listeners hear of it too. The message carries the choice, because
  // this tab may not see the other tab's localStorage write yet when the message arrives.
  channel?.addEventListener('message', (event) => {
    const told = parseChoice((event as MessageEvent<{ choice?: unknown }>).data?.choice, now());
    if (told) writeChoice(told);
    const choice = get().choice;
    if (choice) announceChoice(choice);
    notify(choice);
  });
  (ctx.events ?? globalThis).addEventListener('online', () => void outbox.flush());
  ctx.onSessionChange((change) => {
    // The records still waiting in the outbox (a choice made just before signing in) go first, so the link
    // takes them too; linking first would leave them the device's, missing from the account's privacy center.
    if (change.type === 'signed-in') void outbox.flush().catch(() => undefined).then(() => linkDevice(ctx, deviceId));
  });
  void outbox.flush();

  return {
    get,
    set,
    granted,
    whenGranted,
    onChange: (listener) => {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    useConfig,
    loadConfig,
    flush: () => outbox.flush(),
    withdraw,
  };
}

/** The record of a choice, as the backend's `POST …/records` takes it. */
function recordOf(choice: StoredChoice, deviceId: string, text: string): ConsentRecordRequest {
  const { id, policy, version, purposes, gpc, method, chosen_at } = choice;
  return { id, device_id: deviceId, policy, version, purposes, gpc, method, chosen_at, text };
}

/** One send of one record: 200/201 confirm it; 408, 429, 5xx and network faults retry; any other answer drops it. */
async function sendRecord(ctx: ConsentContext, record: ConsentRecordRequest): Promise<SendResult> {
  const response = await send(`${await ctx.endpoint()}/records`, jsonPost(record), ctx.request());
  // Recorded: even a receipt that does not parse means the backend has the record, so it leaves the outbox.
  if (response.status === 200 || response.status === 201) {
    await readJSON(response).then((body) => parseWith(ConsentReceipt, body)).catch(() => undefined);
    return 'done';
  }
  if (response.status === 408 || response.status === 429 || response.status >= 500) return 'retry';
  // The backend will never take this record (a policy version it no longer knows, a malformed record):
  // keeping it would block the outbox. Told as a typed event for the site's monitoring, not in the console.
  const error = new LatchError(LatchErrorCode.INVALID_RESPONSE, `The backend refused consent record ${record.id} (HTTP ${response.status})`);
  if (typeof document !== 'undefined') document.dispatchEvent(new LatchErrorEvent(error));
  return 'drop';
}

/** After a sign-in here: the device's anonymous records join the account (`POST …/link`). */
async function linkDevice(ctx: ConsentContext, deviceId: () => Promise<string>): Promise<void> {
  try {
    await send(`${await ctx.endpoint()}/link`, jsonPost({ device_id: await deviceId() }), ctx.request());
  } catch {
    // Not linked this time: the records stay the device's, and the next sign-in links them.
  }
}

function jsonPost(body: unknown): RequestInit {
  return { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json' }, body: JSON.stringify(body) };
}
