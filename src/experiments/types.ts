import type { WidgetOptions } from '../protocol/widget-config.js';

// What an experiment source decides for one view of the form (profile §28.2).

/** One experiment this view is in: the variation drawn and the options it sets. */
export interface Assignment {
  experiment: string;
  variation: string;
  options: WidgetOptions;
  /** Forced by QA (`force-variant`, `?latch-variant=`): shown, but never counted (no exposure event). */
  forced?: true;
}

/** What a source may decide on: known before the form, no request and no personal data. */
export interface AssignmentContext {
  /** The random device id (profile §23.3), the bucketing unit, the same before and after a sign-in. */
  deviceId: string;
  visitor: 'new' | 'returning';
  device: 'mobile' | 'tablet' | 'desktop';
  /** The widget's language (BCP 47). */
  locale: string;
  /** Forced variations by experiment key (`force-variant`, `?latch-variant=`), honoured where the experiment allows it. */
  forced: Map<string, string>;
}

/** Something that picks variants: Latchkey's own bucketer over a WidgetConfig, or a team's OpenFeature client. */
export interface ExperimentSource {
  assign(context: AssignmentContext): Assignment[] | Promise<Assignment[]>;
  /** The config's `version`, which events carry. */
  readonly configVersion?: string;
}
