import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { LatchClient } from '../client/client.js';
import { lazy } from '../client/lazy.js';
import type { LoginStep } from '../events/index.js';
import type { Method } from '../protocol/index.js';
import type { Assignment } from '../experiments/types.js';
import type { AnalyticsSink } from './sink.js';

// The part of the analytics that loads before the form (README "Analytics events and where they go"): it notes
// when the form was first drawn and keeps what the visitor does until the tracker's code (tracker.ts, lazy,
// with the client's) turns it into events. Nothing here builds an event or sends anything.

/** What the sign-in flow tells the funnel about the visitor's actions; the rest the tracker reads from its DOM events. */
export type FunnelMark =
  /** The form can be used (a visitor, not a restored session): the view's `viewed`. */
  | { type: 'viewed' }
  | { type: 'identifier_submitted' }
  | { type: 'method_chosen'; method: Method | 'sso' }
  | { type: 'code_entered' }
  | { type: 'passkey_prompted'; trigger: 'button' | 'autofill' }
  | { type: 'passkey_cancelled' };

/** A mark and when it happened (epoch milliseconds). */
export type TimedMark = FunnelMark & { at: number };

/** What the tracker reads from `<latch-login>`: its experiment result and its analytics options. */
export interface FunnelHost extends ReactiveControllerHost, HTMLElement {
  readonly assignments: readonly Assignment[];
  readonly configVersion: string | undefined;
  readonly analytics: string;
  readonly analyticsUrl: string;
  readonly analyticsSinks: readonly AnalyticsSink[];
}

/** What the tracker reads from the sign-in flow, and the client it reports through. */
export interface FunnelSource {
  client(): Promise<LatchClient>;
  step(): LoginStep;
  mode(): 'sign-in' | 'sign-up';
  /** The second factor shown (`totp`, `sms_otp`, …) on the factor step. */
  factor(): string | undefined;
  /** The widget's language (BCP 47). */
  locale(): string;
}

const loadTracker = lazy(() => import('./tracker.js'));

/** Notes the form's first draw and the visitor's actions, and hands them to the tracker once its code is here. */
export class FunnelController implements ReactiveController {
  /** When the form was first drawn (with its variant, if any): the first view starts here. */
  drawnAt = 0;
  private held: TimedMark[] = [];
  private track: ((mark: TimedMark) => void) | undefined;

  constructor(
    private readonly host: FunnelHost,
    private readonly source: FunnelSource,
  ) {
    host.addController(this);
  }

  hostUpdated(): void {
    this.drawnAt ||= Date.now();
  }

  /** Notes a funnel step; the first mark (the flow's `viewed`, after the client's code) fetches the tracker. */
  mark(mark: FunnelMark): void {
    // The visitor hash needs Web Crypto, which a plain-HTTP page (not localhost) lacks: no events there.
    if (!isSecureContext) return;
    const timed = { ...mark, at: Date.now() };
    if (this.track) return this.track(timed);
    if (this.held.push(timed) > 1) return;
    loadTracker().then(
      ({ startTracker }) => {
        this.track = startTracker(this.host, this.source, this.drawnAt);
        for (const held of this.held.splice(0)) this.track(held);
      },
      // The chunk did not arrive (offline): this view goes unmeasured, and the form still works.
      () => (this.held = []),
    );
  }
}
