import type { ConsentMethod } from '../protocol/policies.js';

/** What `latch-consent-change` tells: the choice now in force. */
export interface ConsentChangeDetail {
  policy: string;
  version: string;
  /** Every optional purpose, on or off. */
  purposes: Record<string, boolean>;
  gpc: boolean;
  method: ConsentMethod;
}

/** Fired on `document` after a consent choice took effect on this page (made here or in another tab). */
export class LatchConsentChangeEvent extends Event {
  readonly detail: ConsentChangeDetail;
  constructor(detail: ConsentChangeDetail) {
    super('latch-consent-change', { bubbles: true, composed: true });
    this.detail = detail;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'latch-consent-change': LatchConsentChangeEvent;
  }
}
