import { html, type TemplateResult } from 'lit';
import { isLastUsed, type LastUsed } from '../../client/last-used.js';
import type { SectionTexts } from '../../translations/translation.js';
import type { StepView } from './login-steps.js';

// The "Last used" badge (issue 14; profile §26.5): on the button of the method this device last signed in with,
// only where it is one choice among several. It comes with the later steps, so nothing of it is before the form.

/** A button's "Last used" badge, and the id that describes the button with it. */
export interface LastUsedMark {
  id: string;
  badge: TemplateResult;
}

/**
 * The badge of a button that stands for `choices` (the email's Continue stands for the password and the email
 * code alike), when this device last used one of them, `shown` choices are on screen and the `last-used` signal
 * is on. Its text is hidden from the button's name and given as its description, so the name stays the method.
 */
export function lastUsedMark(v: StepView, t: SectionTexts<'login'>, choices: readonly LastUsed[], shown: number): LastUsedMark | undefined {
  const last = v.flow.late?.lastUsed.value;
  if (shown < 2 || !v.showsTrust('last-used') || !choices.some((choice) => isLastUsed(last, choice))) return undefined;
  const id = `${v.uid}-last-used`;
  return { id, badge: html`<span class="latch-badge" part="last-used" id=${id} aria-hidden="true">${t.lastUsed}</span>` };
}
