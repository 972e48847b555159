import type { LatchClient, SignedIn } from '../client/client.js';
import { lazyDeviceId } from '../client/device-id.js';
import { randomId } from '../client/random-id.js';
import type { LatchErrorEvent, LatchSignedInEvent, LatchStepEvent, LoginStep } from '../events/index.js';
import { LatchAnalyticsEvent } from '../events/analytics.js';
import type { ExperimentRef } from '../protocol/analytics.js';
import { gateState, watchGate } from './consent-gate.js';
import { createDelivery, type Delivery } from './delivery.js';
import { draftEvent, type EventBody, type ViewFacts } from './events.js';
import type { FunnelHost, FunnelSource, TimedMark } from './funnel.js';
import { namedSinks } from './sinks/index.js';
import { resumeView, saveView, type SavedView } from './view-handoff.js';
import { visitorOf } from './visitor.js';

// The funnel of one `<latch-login>` (profile §29.1): turns the flow's marks and DOM events into typed events of
// views. A view starts when the form can be used (the first draw's time on the first one, and again after each
// sign-out), opens with an `exposure` per experiment shown (forced ones excepted) and `viewed`, and ends with
// `signed_in`, or `abandoned` when the page goes away after the form was used. Lazy: comes with the client.

/** A view in progress. */
interface View extends SavedView {
  facts: ViewFacts;
  /** The visitor did something after `viewed` (an `abandoned` is only sent then). */
  used: boolean;
  /** An `abandoned` was sent (once per view: the visitor may come back to the tab and go on). */
  abandoned: boolean;
  done: boolean;
}

/** The method each step means, when it is entered without an explicit choice (the backend's only or preferred one). */
const STEP_METHOD: Partial<Record<LoginStep, SavedView['chosen']>> = {
  password: 'password',
  passkey: 'passkey',
  code: 'email_otp',
  'email-link': 'email_link',
};

/** Starts the funnel of `host`; returns where the flow's marks go. */
export function startTracker(host: FunnelHost, source: FunnelSource, drawnAt: number): (mark: TimedMark) => void {
  const clientReady = source.client();
  const delivery = createDelivery({
    gate: gateState(),
    visitor: async () => {
      const client = await clientReady;
      return visitorOf(client.clientId, await lazyDeviceId(client.storage)());
    },
    announce: (event) => {
      host.dispatchEvent(new LatchAnalyticsEvent(event));
      // A page's own client made before this version may lack the method: its listeners are then simply not told.
      void clientReady.then((client) => client.reportAnalyticsEvent?.(event)).catch(() => undefined);
    },
    sinks: clientReady.then((client) =>
      namedSinks(host.analytics, { clientId: client.clientId, beaconUrl: () => beaconUrl(host, client) }).then((named) => [
        ...named,
        ...host.analyticsSinks,
      ]),
    ),
  });
  watchGate((state) => delivery.setGate(state));
  const funnel = new Funnel(host, source, delivery, drawnAt);
  host.addEventListener('latch-step', (event: LatchStepEvent) => funnel.stepped(event.detail.step));
  host.addEventListener('latch-error', (event: LatchErrorEvent) => funnel.failed(event.detail.code));
  host.addEventListener('latch-signed-in', (event: LatchSignedInEvent) => funnel.signedIn(event.detail));
  host.addEventListener('latch-signed-out', () => funnel.ended());
  host.addEventListener('click', (event) => {
    // The SSO buttons are an element of their own: a click on one of its buttons is the method choice.
    const path = event.composedPath();
    if (path.some((node) => (node as Element).localName === 'latch-social-buttons') && path.some((node) => (node as Element).localName === 'button')) {
      funnel.marked({ type: 'method_chosen', method: 'sso', at: Date.now() });
    }
  });
  // Hidden is the last moment a page is sure to see (a phone's browser may never send `pagehide`): both end
  // the view for now and send what is queued by beacon.
  const leaving = (gone: boolean) => {
    funnel.leaving(gone);
    delivery.flush(true);
  };
  addEventListener('pagehide', () => leaving(true));
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'hidden') leaving(false);
    else funnel.back();
  });
  // Back from the back/forward cache.
  addEventListener('pageshow', () => funnel.back());
  return (mark) => funnel.marked(mark);
}

/** `analytics-url` (against the page), else the backend's `ciam_events_endpoint`. */
async function beaconUrl(host: FunnelHost, client: LatchClient): Promise<string | undefined> {
  if (host.analyticsUrl) return new URL(host.analyticsUrl, location.href).href;
  return (await client.discover()).ciam_events_endpoint;
}

/** The funnel's state over the views of one element. */
class Funnel {
  private view: View | undefined;
  /** Marks that came before the view started (a submit quicker than the client): sent right after `viewed`. */
  private early: TimedMark[] = [];
  private first = true;
  /** The tab is `hidden` (`visibilitychange`), or the page `gone` (`pagehide`), until it is shown again. */
  private away: false | 'hidden' | 'gone' = false;
  /** A failure while the tab was hidden: it is on screen when the visitor comes back, and counted then. */
  private unseen: string | undefined;

  constructor(
    private readonly host: FunnelHost,
    private readonly source: FunnelSource,
    private readonly delivery: Delivery,
    private readonly drawnAt: number,
  ) {}

  marked(mark: TimedMark): void {
    if (mark.type === 'viewed') return this.begin(mark.at);
    const view = this.view;
    if (!view || view.done) {
      // Before the view starts (a submit quicker than the client, or right after a sign-out): kept for it.
      if (this.early.length < 20) this.early.push(mark);
      return;
    }
    view.used = true;
    switch (mark.type) {
      case 'method_chosen':
        view.chosen = mark.method;
        return this.emit(mark.at, { type: 'method_chosen', method: mark.method });
      case 'passkey_prompted':
        this.choose('passkey', mark.at);
        return this.emit(mark.at, { type: 'passkey_prompted', trigger: mark.trigger });
      default:
        return this.emit(mark.at, { type: mark.type });
    }
  }

  stepped(step: LoginStep): void {
    const view = this.view;
    if (!view || view.done) return;
    view.steps++;
    view.used = true;
    const at = Date.now();
    if (step === 'identifier') view.chosen = undefined;
    const method = STEP_METHOD[step];
    if (method) this.choose(method, at);
    if (step === 'code' || step === 'email-link') this.emit(at, { type: 'code_sent', method: step === 'code' ? 'email_otp' : 'email_link' });
    if (step === 'factor') this.emit(at, { type: 'second_factor', factor: this.source.factor() ?? 'unknown' });
  }

  failed(code: string): void {
    const view = this.view;
    if (!view || view.done) return;
    // After `pagehide` a failure is shown to no one: most often the request the navigation away cut off
    // (`LATCH_NETWORK`), which would count as an error of every visitor who left mid-step.
    if (this.away === 'gone') return;
    if (this.away === 'hidden') {
      this.unseen = code;
      return;
    }
    view.retries++;
    this.emit(Date.now(), { type: 'error_shown', code, step: this.source.step() });
  }

  signedIn(signedIn: SignedIn): void {
    // A redirect sign-in's return page: the view that left for the provider goes on here.
    this.view ??= this.resumed();
    const view = this.view;
    if (!view || view.done) return;
    const at = Date.now();
    const { method } = signedIn;
    if (method === 'passkey') this.emit(at, { type: 'passkey_succeeded' });
    if (this.source.mode() === 'sign-up') this.emit(at, { type: 'sign_up_completed', method });
    this.emit(at, { type: 'signed_in', method, steps: view.steps, retries: view.retries });
    view.done = true;
    this.delivery.flush(false);
  }

  /** The page is shown again (the tab, or the back/forward cache): failures count again, one met while hidden first. */
  back(): void {
    const unseen = this.away === 'hidden' ? this.unseen : undefined;
    this.away = false;
    this.unseen = undefined;
    if (unseen) this.failed(unseen);
  }

  /** Signed out: the next `viewed` starts a new view. */
  ended(): void {
    if (this.view) this.view.done = true;
  }

  /**
   * The page is hidden or going away: an `abandoned` if the form was used (once; a `signed_in` after it, when the
   * visitor comes back to the tab, still counts), or the view handed to a redirect sign-in's return page.
   */
  leaving(gone: boolean): void {
    if (gone) this.unseen = undefined;
    this.away = gone || this.away === 'gone' ? 'gone' : 'hidden';
    const view = this.view;
    if (!view || view.done || !view.used) return;
    if (view.chosen === 'sso') return saveView(view);
    if (view.abandoned) return;
    view.abandoned = true;
    this.emit(Date.now(), { type: 'abandoned', step: this.source.step() });
  }

  private begin(at: number): void {
    if (this.view && !this.view.done) return;
    const start = this.first && this.drawnAt ? this.drawnAt : at;
    this.first = false;
    const shown = this.host.assignments.filter((assignment) => !assignment.forced);
    const experiments: ExperimentRef[] = shown.map(({ experiment, variation }) => ({ key: experiment, variation }));
    this.view = { id: randomId(), start, steps: 1, retries: 0, used: false, abandoned: false, done: false, facts: this.facts(experiments) };
    this.view.facts.view = this.view.id;
    for (const { key, variation } of experiments) this.emit(start, { type: 'exposure', experiment: key, variation });
    this.emit(start, { type: 'viewed', mode: this.source.mode() });
    for (const mark of this.early.splice(0)) this.marked(mark);
  }

  private resumed(): View | undefined {
    const saved = resumeView();
    if (!saved) return undefined;
    const experiments = this.host.assignments.filter((assignment) => !assignment.forced);
    const facts = this.facts(experiments.map(({ experiment, variation }) => ({ key: experiment, variation })));
    facts.view = saved.id;
    return { ...saved, steps: saved.steps + 1, used: true, abandoned: false, done: false, facts };
  }

  private facts(experiments: ExperimentRef[]): ViewFacts {
    return { view: '', experiments, config_version: this.host.configVersion, locale: this.source.locale() };
  }

  /** A method step entered without a choice of the visitor's: the backend chose it. */
  private choose(method: NonNullable<SavedView['chosen']>, at: number): void {
    if (this.view && this.view.chosen !== method) {
      this.view.chosen = method;
      this.emit(at, { type: 'method_chosen', method });
    }
  }

  private emit(at: number, body: DistributiveElapsed): void {
    const view = this.view!;
    const event = body.type === 'exposure' || body.type === 'viewed' ? body : { ...body, elapsed_ms: Math.max(0, at - view.start) };
    this.delivery.add(draftEvent(view.facts, at, event as EventBody));
  }
}

/** An event's own fields without `elapsed_ms`, which `emit` adds from the view's start. */
type DistributiveElapsed = EventBody extends infer E ? (E extends EventBody ? Omit<E, 'elapsed_ms'> : never) : never;
