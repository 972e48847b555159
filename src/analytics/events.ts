import { randomId } from '../client/random-id.js';
import type { AnalyticsEvent } from '../protocol/analytics.js';

// The browser's side of the event vocabulary (profile §29.1): plain types over the contract's schemas, so the
// tracker's chunk carries no schema library.

type Common = 'v' | 'id' | 'at' | 'view' | 'visitor' | 'experiments' | 'config_version' | 'locale';
type OmitEach<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** An event's own fields: its `type` and what that type carries. */
export type EventBody = OmitEach<AnalyticsEvent, Common>;

/** An event before the consent gate: everything but the `visitor`, which is worked out only once consent allows it. */
export type DraftEvent = OmitEach<AnalyticsEvent, 'visitor'>;

/** What every event of one view shares. */
export interface ViewFacts {
  view: string;
  experiments: DraftEvent['experiments'];
  config_version?: string;
  locale?: string;
}

/** The vocabulary's version (`ANALYTICS_VERSION`, written out so this chunk does not import the schemas). */
const VERSION: AnalyticsEvent['v'] = 1;

/** One event of a view, with a fresh id (a collector drops a copy sent twice). */
export function draftEvent(facts: ViewFacts, at: number, body: EventBody): DraftEvent {
  const { config_version, locale } = facts;
  return {
    v: VERSION,
    id: randomId(),
    at,
    view: facts.view,
    experiments: facts.experiments,
    ...(config_version ? { config_version } : {}),
    ...(locale ? { locale } : {}),
    ...body,
  } as DraftEvent;
}

/** The event once the visitor is known. */
export function signEvent(draft: DraftEvent, visitor: string): AnalyticsEvent {
  return { ...draft, visitor } as AnalyticsEvent;
}
