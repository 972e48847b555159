import type { ConsentModeType } from '../protocol/consent.js';
import { LatchConsentChangeEvent } from '../events/consent.js';
import type { ConsentModeValue, StoredChoice } from './choice.js';

// The signals a choice sends to the page's other tools (profile §23.6): Google Consent Mode v2 through
// `dataLayer`, a `dataLayer` event for any tag manager trigger, and the typed `latch-consent-change` event.

type DataLayerWindow = { dataLayer?: unknown[] };

/** The page's `dataLayer`, when a tag manager or the Consent Mode script made one. */
export function dataLayer(): unknown[] | undefined {
  const layer = (globalThis as DataLayerWindow).dataLayer;
  return Array.isArray(layer) ? layer : undefined;
}

/**
 * `gtag('consent', command, values)`: pushed as an Arguments object, as gtag.js does, because Google's tags
 * read consent commands only in that form (a plain array is taken for a data message).
 */
export function pushConsent(
  layer: unknown[],
  command: 'default' | 'update',
  values: Partial<Record<ConsentModeType, ConsentModeValue>> & { region?: string[]; wait_for_update?: number },
): void {
  (function gtag(..._: unknown[]) { layer.push(arguments); })('consent', command, values);
}

/**
 * Where the page keeps the id of the choice it last announced: a registered symbol, so every copy of this code
 * on the page (the script tag's and an app's own bundle) sees the same one and a choice is announced once.
 */
const ANNOUNCED = Symbol.for('latch-consent-announced');
type AnnouncingGlobal = { [ANNOUNCED]?: string };

/**
 * Tells the page a choice took effect: `consent update` and a `latch_consent_update` event into `dataLayer`
 * when the page has one, then `latch-consent-change` on `document`. A choice already announced here is not
 * announced again.
 */
export function announceChoice(choice: StoredChoice): void {
  const page = globalThis as AnnouncingGlobal;
  if (page[ANNOUNCED] === choice.id) return;
  page[ANNOUNCED] = choice.id;
  const layer = dataLayer();
  const { policy, version, purposes, gpc, method } = choice;
  if (layer) {
    pushConsent(layer, 'update', { ...choice.consent_mode });
    layer.push({ event: 'latch_consent_update', latch_consent: { version, purposes: { ...purposes } } });
  }
  if (typeof document !== 'undefined') {
    document.dispatchEvent(new LatchConsentChangeEvent({ policy, version, purposes: { ...purposes }, gpc, method }));
  }
}
