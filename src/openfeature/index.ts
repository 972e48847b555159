import type { Client, EvaluationContext, JsonValue, TrackingEventDetails } from '@openfeature/web-sdk';
import type { AnalyticsSink } from '../analytics/sink.js';
import type { AnalyticsEvent } from '../protocol/analytics.js';
import type { WidgetOptions } from '../protocol/widget-config.js';
import { WIDGET_OPTION_KEYS } from '../controllers/widget-options.js';
import type { Assignment, AssignmentContext, ExperimentSource } from '../experiments/types.js';

// `latchkey/openfeature`: a team that already runs OpenFeature (`@openfeature/web-sdk` and any vendor's provider)
// picks the variants there and receives the funnel through `track()`. Only types come from the SDK: this entry
// carries no vendor code, and nothing of it loads unless a page imports it.

/** One experiment whose variation an OpenFeature flag decides. */
export interface OpenFeatureExperiment {
  /** The experiment's key, which Latchkey's events carry. */
  key: string;
  /** The flag to read (default: `key`). */
  flag?: string;
  /**
   * The options of each variation, by the key the flag answers (a string flag). Without it the flag is an
   * object flag whose value is the options themselves, and its `variant` names the variation.
   */
  variations?: Readonly<Record<string, WidgetOptions>>;
}

export interface OpenFeatureExperimentsOptions {
  experiments: readonly OpenFeatureExperiment[];
  /**
   * Hands Latchkey's evaluation context (`targetingKey`: the device id; `latchVisitor`, `latchDevice`, `locale`)
   * to the SDK before the flags are read. The web SDK's context is static (set on the API, not per call), so
   * this is e.g. `(context) => OpenFeature.setContext({ ...OpenFeature.getContext(), ...context })`. Without
   * it the flags are read in the page's own context.
   */
  setContext?(context: EvaluationContext): void | Promise<void>;
}

/** What Latchkey reads of an OpenFeature client (a web SDK `Client` has it). */
export type FlagClient = Pick<Client, 'getStringDetails' | 'getObjectDetails'>;

/**
 * An `ExperimentSource` for `<latch-login>.experimentSource`: each experiment's variation is what the team's
 * OpenFeature flag answers for this device. A flag that fails or answers no known variation leaves the visitor
 * out of that experiment (the widget's own options apply), so a provider outage never changes the form.
 */
export function openFeatureExperiments(client: FlagClient, options: OpenFeatureExperimentsOptions): ExperimentSource {
  return {
    async assign(context: AssignmentContext): Promise<Assignment[]> {
      await options.setContext?.(evaluationContext(context));
      return options.experiments.flatMap((experiment) => {
        const assignment = evaluate(client, experiment);
        return assignment ? [assignment] : [];
      });
    },
  };
}

/** The evaluation context of one view: the device id as the targeting key, nothing personal. */
export function evaluationContext(context: AssignmentContext): EvaluationContext {
  return { targetingKey: context.deviceId, latchVisitor: context.visitor, latchDevice: context.device, locale: context.locale };
}

function evaluate(client: FlagClient, experiment: OpenFeatureExperiment): Assignment | undefined {
  const flag = experiment.flag ?? experiment.key;
  if (experiment.variations) {
    const details = client.getStringDetails(flag, '');
    const options = Object.hasOwn(experiment.variations, details.value) ? experiment.variations[details.value] : undefined;
    return details.errorCode || !options ? undefined : { experiment: experiment.key, variation: details.value, options: { ...options } };
  }
  const details = client.getObjectDetails(flag, {});
  const options = widgetOptions(details.value);
  return details.errorCode || !details.variant || !options ? undefined : { experiment: experiment.key, variation: details.variant, options };
}

/** The widget options in a flag's object value: the known ones with a string value; undefined when there are none. */
function widgetOptions(value: JsonValue): WidgetOptions | undefined {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const options: Record<string, string> = {};
  for (const key of WIDGET_OPTION_KEYS) {
    const option = value[key];
    if (typeof option === 'string') options[key] = option;
  }
  return Object.keys(options).length ? (options as WidgetOptions) : undefined;
}

/** What Latchkey calls on an OpenFeature client to report events (a web SDK `Client` has it). */
export type TrackingClient = Pick<Client, 'track'>;

/**
 * An `AnalyticsSink` for `<latch-login>.analyticsSinks`: each event becomes `client.track('latch_<type>', details)`,
 * whose details are the event's fields (the experiments as `experiment:variation` pairs, which OpenFeature's
 * flat details cannot hold as objects) and `value`, the event's milliseconds since the form was viewed. Events
 * carry no personal data (README "Analytics events"), so neither do these calls.
 */
export function openFeatureSink(client: TrackingClient): AnalyticsSink {
  return {
    send(events) {
      for (const event of events) client.track(`latch_${event.type}`, trackingDetails(event));
    },
  };
}

/** An event as OpenFeature tracking details. */
export function trackingDetails(event: AnalyticsEvent): TrackingEventDetails {
  const { experiments, ...fields } = event;
  const details: TrackingEventDetails = { ...fields, experiments: experiments.map((ref) => `${ref.key}:${ref.variation}`).join(' ') };
  if ('elapsed_ms' in event) details.value = event.elapsed_ms;
  return details;
}
