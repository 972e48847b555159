import type { LatchError } from '../../client/errors.js';
import { translationFor } from '../../translations/translation.js';

/** An element's language: the nearest `lang` attribute, then the browser's. */
export function localeOf(element: Element): string {
  return element.closest<HTMLElement>('[lang]')?.lang || navigator.language;
}

/** The translated message of a failure, in an element's language (empty without one). */
export function errorMessage(element: Element, error: LatchError | undefined): string {
  if (!error) return '';
  const { code, retryAfter, attemptsRemaining, config } = error;
  return translationFor(localeOf(element)).errors[code]({ retryAfter, attemptsRemaining, config });
}
