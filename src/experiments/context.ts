import type { AssignmentContext } from './types.js';

// What the assignment decides on, known before the form without a request or any personal data (profile §28.4,
// §28.5): the device id, new or returning, the device class, the widget's language and forced variations.

/** The URL parameter QA forces a variation with: `?latch-variant=<experiment>:<variation>` (repeatable). */
export const FORCE_PARAMETER = 'latch-variant';

/** `mobile`, `tablet` or `desktop`: User-Agent Client Hints' `mobile` where the browser has them, else the primary pointer and the screen. */
export function deviceClass(): AssignmentContext['device'] {
  const hints = (navigator as Navigator & { userAgentData?: { mobile: boolean } }).userAgentData;
  if (hints?.mobile) return 'mobile';
  if (!matchMedia('(pointer: coarse)').matches) return 'desktop';
  return Math.min(screen.width, screen.height) < 600 ? 'mobile' : 'tablet';
}

/** Forced variations from the `force-variant` property and the page's URL (the URL wins): `experiment:variation` pairs. */
export function forcedVariations(property: string, url: string = location.href): Map<string, string> {
  const pairs = [...property.split(/\s+/), ...new URL(url).searchParams.getAll(FORCE_PARAMETER)];
  const forced = new Map<string, string>();
  for (const pair of pairs) {
    const [experiment, variation] = pair.split(':');
    if (experiment && variation) forced.set(experiment, variation);
  }
  return forced;
}
