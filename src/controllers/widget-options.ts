import type { WidgetOptions } from '../protocol/widget-config.js';

// Outside src/experiments/ on purpose: <latch-login> reads this list on every page, and a form without experiments
// loads no experiment code (test/experiments/no-experiments.test.ts).

/** The element options a variant or the config may set (profile §28.1 `WidgetOptions`), and nothing else. */
export const WIDGET_OPTION_KEYS = ['methods', 'lead', 'layout', 'socialPosition', 'nudgeCopy', 'trustSignals', 'signUpCta'] as const satisfies readonly (keyof WidgetOptions)[];
