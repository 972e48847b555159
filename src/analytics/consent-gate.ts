import { gpcEnabled, readCachedConfig, readChoice } from '../consent/choice.js';
import type { LatchConsentChangeEvent } from '../events/consent.js';

// Whether analytics events may leave the widget (profile §29.3). With Latchkey's consent kit on the page (a
// `<latch-consent-banner>`, or a choice this browser made through it), the `analytics` purpose decides: events
// wait until it is chosen, go on a grant, and are dropped on a refusal. Without the kit the site is
// responsible, except that a browser sending Global Privacy Control gets no events at all.

/** `granted`: send; `pending`: hold; `refused`: drop. */
export type GateState = 'granted' | 'pending' | 'refused';

/** The analytics purpose's id in consent configs. */
export const ANALYTICS_PURPOSE = 'analytics';

/** The gate's answer now, from the stored choice and the page (synchronous: the choice is in localStorage). */
export function gateState(doc: Document = document): GateState {
  const choice = readChoice();
  if (choice) return choice.purposes[ANALYTICS_PURPOSE] || required() ? 'granted' : 'refused';
  if (doc.querySelector('latch-consent-banner')) return required() ? 'granted' : 'pending';
  return gpcEnabled() ? 'refused' : 'granted';
}

/** Whether the last consent config seen makes analytics a required purpose (then no choice is needed). */
function required(): boolean {
  return readCachedConfig()?.purposes.some((purpose) => purpose.id === ANALYTICS_PURPOSE && purpose.required) === true;
}

/** Calls `changed` with the gate's new state whenever a consent choice takes effect (here or in another tab). */
export function watchGate(changed: (state: GateState) => void, doc: Document = document): () => void {
  const listener = (event: LatchConsentChangeEvent) => changed(event.detail.purposes[ANALYTICS_PURPOSE] || required() ? 'granted' : 'refused');
  doc.addEventListener('latch-consent-change', listener);
  return () => doc.removeEventListener('latch-consent-change', listener);
}
