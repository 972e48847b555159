import { css } from 'lit';
import { reflowStyles } from '../../styles/reflow.styles.js';
import { cardBox, inputBox, linkText, themedText } from '../../styles/surface.styles.js';
import { visuallyHidden } from '../../styles/visually-hidden.styles.js';
import { tokens } from '../../themes/tokens.js';

/** The shadow root: the card, and the live regions that announce status changes (WCAG 2.2 SC 4.1.3). */
export const styles = css`
  :host {
    display: block;
    max-width: var(--_login-max-width);
    ${themedText}
  }

  ${cardBox}

  .card {
    padding: var(--_login-card-padding);
    background: var(--_login-card-background);
    border-radius: var(--_login-card-radius);
    box-shadow: var(--_login-card-shadow);
  }

  .live {
    ${visuallyHidden}
  }
`;

/**
 * The light DOM form. Credential inputs live outside the shadow root so password managers and autofill
 * can reach them (reference/reliability.md §2b); these rules are adopted into the element's root node,
 * scoped to `latch-login` and kept at low specificity with `:where()` so a page can override them.
 */
export const formStyles = css`
  ${tokens}

  :where(latch-login, latch-step-up) .latch-form {
    display: grid;
    gap: var(--_login-gap);
    margin: 0;
  }

  :where(latch-login, latch-step-up) .latch-title {
    margin: 0;
    font-size: var(--_login-heading-size);
    font-weight: 650;
    line-height: 1.25;
    color: var(--_text);
  }

  :where(latch-login, latch-step-up) .latch-title:focus {
    outline: none;
  }

  :where(latch-login, latch-step-up) .latch-title:focus-visible {
    outline: 2px solid var(--_focus);
    outline-offset: 4px;
  }

  :where(latch-login, latch-step-up) .latch-text {
    margin: 0;
    color: var(--_muted);
  }

  :where(latch-login, latch-step-up) .latch-field {
    display: grid;
    gap: 0.375rem;
  }

  :where(latch-login, latch-step-up) .latch-label {
    font-weight: 600;
    color: var(--_text);
  }

  :where(latch-login, latch-step-up) .latch-check {
    display: flex;
    gap: 0.5rem;
    align-items: flex-start;
  }

  :where(latch-login, latch-step-up) .latch-check input {
    inline-size: 1.5rem;
    block-size: 1.5rem;
    margin: 0;
    flex: none;
  }

  :where(latch-login, latch-step-up) .latch-hint {
    margin: 0;
    font-size: 0.875em;
    color: var(--_muted);
  }

  :where(latch-login, latch-step-up) .latch-input {
    ${inputBox}
    min-height: var(--_input-height);
    padding-block: calc(var(--_space) * 0.25);
    background: var(--_input-background);
    border-color: var(--_input-border-color);
    border-radius: var(--_input-radius);
  }

  :where(latch-login, latch-step-up) .latch-input[aria-invalid='true'] {
    border-color: var(--_danger);
    box-shadow: inset 0 0 0 1px var(--_danger);
  }

  :where(latch-login, latch-step-up) .latch-input:focus-visible,
  :where(latch-login, latch-step-up) .latch-button:focus-visible {
    outline: 2px solid var(--_focus);
    outline-offset: 2px;
  }

  :where(latch-login, latch-step-up) .latch-code {
    font-size: 1.5em;
    letter-spacing: 0.35em;
    font-variant-numeric: tabular-nums;
  }

  :where(latch-login, latch-step-up) .latch-password {
    position: relative;
  }

  :where(latch-login, latch-step-up) .latch-password .latch-input {
    padding-inline-end: 3rem;
  }

  :where(latch-login, latch-step-up) .latch-reveal {
    position: absolute;
    inset-block: 0;
    inset-inline-end: 0.25rem;
    margin-block: auto;
    min-width: 2.5rem;
    min-height: 2.5rem;
    height: 2.5rem;
    padding: 0;
    color: var(--_muted);
    background: transparent;
    border: 0;
    border-radius: var(--_radius);
    cursor: pointer;
  }

  :where(latch-login, latch-step-up) .latch-reveal[aria-pressed='true'] {
    color: var(--_primary);
  }

  :where(latch-login, latch-step-up) .latch-button {
    display: inline-flex;
    align-items: center;
    justify-content: center;
    gap: 0.5rem;
    box-sizing: border-box;
    min-height: var(--_button-height);
    padding: calc(var(--_space) * 0.25) 1rem;
    font: inherit;
    font-weight: var(--_button-font-weight);
    border-radius: var(--_button-radius);
    cursor: pointer;
    transition: background-color var(--_duration-fast), border-color var(--_duration-fast), color var(--_duration-fast);
  }

  :where(latch-login, latch-step-up) .latch-badge {
    padding: 0 0.5em;
    color: var(--_text);
    font-size: 0.75em;
    background: var(--_subtle);
    border: 1px solid var(--_border);
    border-radius: 1em;
  }

  :where(latch-login, latch-step-up) .latch-primary {
    color: var(--_on-primary);
    background: var(--_primary);
    border: 1px solid var(--_primary);
  }

  :where(latch-login, latch-step-up) .latch-secondary {
    color: var(--_text);
    background: var(--_surface);
    border: 1px solid var(--_border);
  }

  :where(latch-login, latch-step-up) .latch-button[aria-disabled='true'] {
    cursor: progress;
    opacity: 0.75;
  }

  :where(latch-login, latch-step-up) .latch-link {
    ${linkText}
    text-underline-offset: 0.2em;
    background: none;
    border: 0;
    border-radius: 0.25rem;
    cursor: pointer;
  }

  :where(latch-login, latch-step-up) .latch-link:disabled {
    color: var(--_muted);
    text-decoration: none;
    cursor: default;
  }

  :where(latch-login, latch-step-up) .latch-link:focus-visible {
    outline: 2px solid var(--_focus);
  }

  :where(latch-login, latch-step-up) .latch-row {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    justify-content: space-between;
    gap: 0.5rem;
  }

  :where(latch-login, latch-step-up) .latch-identity {
    display: flex;
    border: 1px solid transparent;
    align-items: center;
    justify-content: space-between;
    gap: 0.5rem;
    padding: 0.5rem 0.75rem;
    background: var(--_subtle);
    border-radius: var(--_radius);
    overflow-wrap: anywhere;
  }

  /* The trust signals' box (trust.styles.ts fills it after the form is interactive): each line's height is held
     from the first paint, so the field and buttons under it never move when the brand and the site arrive. */
  :where(latch-login) .latch-trust {
    display: grid;
    gap: calc(var(--_login-gap) / 2);
  }

  :where(latch-login) .latch-brand {
    margin: 0;
    min-height: 28px;
  }

  :where(latch-login) .latch-site {
    margin: 0;
    font-size: 0.875em;
    min-height: 1lh;
  }

  :where(latch-login, latch-step-up) .latch-divider {
    display: flex;
    align-items: center;
    gap: 0.75rem;
    color: var(--_muted);
    font-size: 0.875em;
  }

  :where(latch-login, latch-step-up) .latch-divider::before,
  :where(latch-login, latch-step-up) .latch-divider::after {
    content: '';
    flex: 1;
    border-top: 1px solid color-mix(in srgb, var(--_border) 50%, transparent);
  }

  /* The SSO buttons' place until their code and the connections arrive: their words, unseen, in boxes that wrap as the
     buttons do (social-buttons.styles.ts: padding, border, 18 px logo, gap), so nothing below them moves. */
  :where(latch-login) latch-social-buttons:not(:defined) {
    display: block;
  }

  :where(latch-login) .latch-sso-held {
    display: flex;
    align-items: center;
    justify-content: center;
    gap: 0.625rem;
    box-sizing: border-box;
    min-height: var(--latch-social-height, var(--_control-height));
    padding: calc(var(--_space, 1rem) * 0.25) 1rem;
    font-weight: 600;
    border: 1px solid transparent;
    visibility: hidden;
  }

  :where(latch-login) .latch-sso-held::before {
    flex: none;
    inline-size: 18px;
    content: '';
  }

  :where(latch-login) .latch-sso-held + .latch-sso-held {
    margin-block-start: var(--latch-social-gap, 0.5rem);
  }

  :where(latch-login, latch-step-up) .latch-methods {
    display: grid;
    gap: 0.5rem;
    margin: 0;
    padding: 0;
    list-style: none;
  }

  :where(latch-login, latch-step-up) .latch-methods .latch-button {
    width: 100%;
  }

  :where(latch-login, latch-step-up) .latch-error {
    margin: 0;
    color: var(--_danger);
    font-weight: 500;
  }

  :where(latch-login, latch-step-up) .latch-alert {
    margin: 0;
    padding: 0.75rem;
    color: var(--_danger);
    background: color-mix(in srgb, var(--_danger) 8%, var(--_surface));
    border: 1px solid var(--_danger);
    border-radius: var(--_radius);
  }

  :where(latch-login, latch-step-up) .latch-notice {
    --_tone: var(--_success);
    margin: 0;
    padding: 0.75rem;
    color: var(--_text);
    background: color-mix(in srgb, var(--_tone) 10%, var(--_surface));
    border: 1px solid transparent;
    border-inline-start: 4px solid var(--_tone);
    border-radius: var(--_radius);
  }

  :where(latch-login, latch-step-up) .latch-info {
    --_tone: var(--_info);
  }

  :where(latch-login, latch-step-up) .latch-nudge {
    display: grid;
    gap: 0.75rem;
    border: 1px solid transparent;
    padding: var(--_space);
    background: var(--_subtle);
    border-radius: var(--_radius);
  }

  :where(latch-login, latch-step-up) .latch-nudge h3 {
    margin: 0;
    font-size: 1.05em;
  }

  :where(latch-login, latch-step-up) .latch-spinner {
    width: 1em;
    height: 1em;
    border: 2px solid currentColor;
    border-inline-end-color: transparent;
    border-radius: 50%;
    animation: latch-spin var(--_duration-spin) linear infinite;
  }

  @keyframes latch-spin {
    to {
      transform: rotate(360deg);
    }
  }

  :where(latch-login, latch-step-up) .latch-sr {
    ${visuallyHidden}
  }

  :where(latch-login, latch-step-up) [hidden] {
    display: none !important;
  }

  ${reflowStyles}
`;
