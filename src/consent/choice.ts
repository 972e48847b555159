import type { ConsentConfig, ConsentModeType } from '../protocol/consent.js';
import { CONSENT_MODE_TYPES } from '../protocol/consent-mode-types.js';
import { randomId } from '../client/random-id.js';
import type { ConsentMethod } from '../protocol/policies.js';

// The visitor's consent choice as this browser keeps it (profile §23.5). Synchronous and tiny, with no Lit and
// no zod: the Consent Mode default script and the banner read it before the first paint, long before the
// client's chunk. Choices are not secret; nothing else is kept here.

/** Consent Mode v2's value of one storage type. */
export type ConsentModeValue = 'granted' | 'denied';

/** The choice in localStorage `latch-consent`. */
export interface StoredChoice {
  v: 1;
  /** The receipt id (a UUID made when the choice was made): the record carries it to the backend. */
  id: string;
  policy: string;
  version: string;
  /** Every non-required purpose of that version, on or off. */
  purposes: Record<string, boolean>;
  gpc: boolean;
  method: ConsentMethod;
  /** Epoch milliseconds. */
  chosen_at: number;
  expires_at: number;
  consent_mode: Record<ConsentModeType, ConsentModeValue>;
}

const CHOICE_KEY = 'latch-consent';
const CONFIG_KEY = 'latch-consent-config';
const DAY = 86_400_000;

// When the browser blocks localStorage (fault C1) the choice holds for this page only: the banner asks on every
// visit, and nothing is assumed granted.
const memory = new Map<string, string>();

function load(key: string): unknown {
  let raw: string | null | undefined;
  try {
    raw = localStorage.getItem(key);
  } catch {
    raw = memory.get(key);
  }
  if (!raw) return undefined;
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    return undefined;
  }
}

function save(key: string, value: unknown): void {
  const raw = JSON.stringify(value);
  try {
    localStorage.setItem(key, raw);
  } catch {
    memory.set(key, raw);
  }
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const isRecordOf = (value: unknown, check: (item: unknown) => boolean): boolean =>
  isObject(value) && Object.values(value).every(check);

function isChoice(value: unknown): value is StoredChoice {
  if (!isObject(value) || value.v !== 1) return false;
  const mode = value.consent_mode;
  return (
    ['id', 'policy', 'version', 'method'].every((key) => typeof value[key] === 'string') &&
    typeof value.gpc === 'boolean' &&
    typeof value.chosen_at === 'number' &&
    typeof value.expires_at === 'number' &&
    isRecordOf(value.purposes, (on) => typeof on === 'boolean') &&
    isObject(mode) &&
    CONSENT_MODE_TYPES.every((type) => mode[type] === 'granted' || mode[type] === 'denied')
  );
}

/** A choice as read from storage or another tab's message; `undefined` when it is malformed or expired. */
export function parseChoice(value: unknown, now = Date.now()): StoredChoice | undefined {
  return isChoice(value) && value.expires_at > now ? value : undefined;
}

/** The stored choice; `undefined` when there is none, or it is corrupt or expired (the visitor is asked again). */
export function readChoice(now = Date.now()): StoredChoice | undefined {
  return parseChoice(load(CHOICE_KEY), now);
}

/** Keeps the choice (in memory for this page when storage is blocked). Never throws. */
export function writeChoice(choice: StoredChoice): void {
  save(CHOICE_KEY, choice);
}

/** The last consent config this browser saw, so a later page renders without a request; light shape check only. */
export function readCachedConfig(): ConsentConfig | undefined {
  const value = load(CONFIG_KEY);
  if (!isObject(value) || typeof value.policy !== 'string' || typeof value.version !== 'string') return undefined;
  if (!Array.isArray(value.purposes) || !value.purposes.every(isObject) || !isObject(value.expiry)) return undefined;
  return value as unknown as ConsentConfig;
}

/** Keeps the config for the next page. Never throws. */
export function writeCachedConfig(config: ConsentConfig): void {
  save(CONFIG_KEY, config);
}

/** Whether the browser sends Global Privacy Control (W3C GPC §4: `navigator.globalPrivacyControl`). */
export function gpcEnabled(): boolean {
  return typeof navigator !== 'undefined' && (navigator as { globalPrivacyControl?: unknown }).globalPrivacyControl === true;
}

/**
 * The Consent Mode v2 values of a choice: a type is granted when some purpose maps it and every purpose mapping
 * it is on (required purposes count as on); a type no purpose maps stays denied.
 */
export function consentModeOf(
  config: ConsentConfig,
  purposes: Record<string, boolean>,
): Record<ConsentModeType, ConsentModeValue> {
  const entries = CONSENT_MODE_TYPES.map((type) => {
    const mapping = config.purposes.filter((purpose) => purpose.consent_mode?.includes(type));
    const granted = mapping.length > 0 && mapping.every((purpose) => purpose.required || purposes[purpose.id] === true);
    return [type, granted ? 'granted' : 'denied'] as const;
  });
  return Object.fromEntries(entries) as Record<ConsentModeType, ConsentModeValue>;
}

/**
 * "Accept all": every optional purpose on, except, while the browser sends GPC, those GPC opts out of
 * (`gpc: "opt_out"`). An explicit choice per purpose ("Choose") is taken as given instead.
 */
export function acceptAllPurposes(config: ConsentConfig, gpc: boolean): Record<string, boolean> {
  const optional = config.purposes.filter((purpose) => !purpose.required);
  return Object.fromEntries(optional.map((purpose) => [purpose.id, !(gpc && purpose.gpc === 'opt_out')]));
}

/**
 * A new choice on `config`: exactly its optional purposes (missing ones off), a fresh receipt id, and an expiry
 * of `refused_days` when no optional purpose is on, else `accepted_days`.
 */
export function choiceFor(
  config: ConsentConfig,
  purposes: Record<string, boolean>,
  method: ConsentMethod,
  gpc: boolean,
  now = Date.now(),
): StoredChoice {
  const optional = config.purposes.filter((purpose) => !purpose.required);
  const chosen = Object.fromEntries(optional.map((purpose) => [purpose.id, purposes[purpose.id] === true]));
  const accepted = Object.values(chosen).some(Boolean);
  const days = accepted ? config.expiry.accepted_days : config.expiry.refused_days;
  return {
    v: 1,
    id: randomId(),
    policy: config.policy,
    version: config.version,
    purposes: chosen,
    gpc,
    method,
    chosen_at: now,
    expires_at: now + days * DAY,
    consent_mode: consentModeOf(config, chosen),
  };
}
