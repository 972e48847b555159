// Generated from src/themes/tokens.json by `npm run tokens`: do not edit by hand.
import { css } from 'lit';

/** The element tier `--latch-consent-*` of `<latch-consent-banner>`, defaulting to the globals. */
export const consentTokens = css`
  --_consent-max-width: var(--latch-consent-max-width, 60rem);
  --_consent-padding: var(--latch-consent-padding, calc(var(--_space) * 1.25));
  --_consent-gap: var(--latch-consent-gap, calc(var(--_space) * 0.75));
  --_consent-background: var(--latch-consent-background, var(--_surface));
  --_consent-shadow: var(--latch-consent-shadow, var(--_shadow-dialog));
  --_consent-switch-on: var(--latch-consent-switch-on, var(--_primary));
`;
