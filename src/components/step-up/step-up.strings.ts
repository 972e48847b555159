import { stringTable } from '../../translations/translation.js';

/** The words of `<latch-step-up>` besides the factor's own (see `factor.strings.ts`). */
export interface StepUpStrings {
  $code: string;
  $dir: 'ltr' | 'rtl';
  title: string;
  /** The requirement in plain words: a more recent sign-in (`max_age`). */
  reasonRecent: string;
  /** A stronger check (`acr_values`), with or without a recent one. */
  reasonStronger: string;
  /** Neither said (the page asked without details). */
  reasonDefault: string;
  cancel: string;
  checking: string;
}

/** English. */
export const stepUpEn: StepUpStrings = {
  $code: 'en',
  $dir: 'ltr',
  title: "Confirm it's you",
  reasonRecent: "It's been a while since you signed in. To keep your account safe, confirm it's you before you continue.",
  reasonStronger: "This is a sensitive action, so it needs a second check that it's you.",
  reasonDefault: "To keep your account safe, confirm it's you before you continue.",
  cancel: 'Cancel',
  checking: 'Checking…',
};

/** The step-up words by locale: `stepUpStrings.register(…)` adds one, `stepUpStrings.for(lang)` picks one. */
export const stepUpStrings = stringTable(stepUpEn);
