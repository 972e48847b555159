import { css } from 'lit';
import { accountTokens } from '../themes/palette.js';
import { hostTokens } from '../themes/tokens.js';
import { reflowStyles } from './reflow.styles.js';
import { cardBox, inputBox, linkText, themedText } from './surface.styles.js';
import { visuallyHidden } from './visually-hidden.styles.js';

/**
 * The shadow root of the account elements (`<latch-passkeys>`, `<latch-security>`, `<latch-privacy>`, `<latch-devices>`): the tokens on the
 * host, so the light DOM content inherits them, the card, and the live regions (WCAG 2.2 SC 4.1.3).
 */
export const accountStyles = css`
  ${hostTokens}

  :host {
    ${accountTokens}
    display: block;
    max-width: var(--_account-max-width);
    ${themedText}
  }

  /* :host's display would otherwise win over the hidden attribute (LatchAccountElement.hideWhenUnsupported). */
  :host([hidden]) {
    display: none;
  }

  ${cardBox}

  :host([embedded]) .card {
    padding: 0;
    border: 0;
  }

  .live {
    ${visuallyHidden}
  }
`;

/**
 * The light DOM content (forms with their inputs, where password managers and one-time-code autofill
 * reach them). Adopted into the element's root node; `:where()` keeps it easy for a page to override.
 */
export const accountFormStyles = css`
  :where(latch-passkeys, latch-security, latch-privacy, latch-devices) :is(.latch-section, .latch-form) {
    display: grid;
    gap: var(--_account-gap);
    margin: 0;
  }

  :where(latch-passkeys, latch-security, latch-privacy, latch-devices) :is(h2, h3, h4) {
    margin: 0;
    line-height: 1.25;
    color: var(--_text);
  }

  :where(latch-passkeys, latch-security, latch-privacy, latch-devices) h2 {
    font-size: 1.375em;
    font-weight: 650;
  }

  :where(latch-passkeys, latch-security, latch-privacy, latch-devices) h3 {
    font-size: 1.125em;
    font-weight: 650;
  }

  :where(latch-passkeys, latch-security, latch-privacy, latch-devices) h4 {
    font-size: 1em;
    font-weight: 600;
  }

  /* One section after another, in <latch-security>: a rule between them, so the hierarchy reads at a glance. */
  :where(latch-security, latch-privacy, latch-devices) .latch-section > :is(.latch-section, latch-passkeys) {
    padding-top: var(--_space);
    border-top: 1px solid color-mix(in srgb, var(--_border) 45%, transparent);
  }

  :where(latch-passkeys, latch-security, latch-privacy, latch-devices) :is(h2, h3)[tabindex='-1']:focus {
    outline: none;
  }

  :where(latch-passkeys, latch-security, latch-privacy, latch-devices) :is(h2, h3)[tabindex='-1']:focus-visible,
  :where(latch-passkeys, latch-security, latch-privacy, latch-devices) :is(.latch-input, .latch-button, .latch-link):focus-visible {
    outline: 2px solid var(--_focus);
    outline-offset: 2px;
  }

  :where(latch-passkeys, latch-security, latch-privacy, latch-devices) :is(.latch-text, .latch-hint, dd, dt) {
    margin: 0;
    color: var(--_muted);
  }

  /* "Show password": a real checkbox with its label, as large as any other control to tap. */
  :where(latch-security, latch-privacy, latch-devices) .latch-check {
    display: flex;
    align-items: center;
    gap: 0.5em;
    min-height: 2.75rem;
    color: var(--_text);
  }

  :where(latch-security, latch-privacy, latch-devices) .latch-check input {
    inline-size: 1.25em;
    block-size: 1.25em;
    margin: 0;
    accent-color: var(--_focus);
  }

  :where(latch-passkeys, latch-security, latch-privacy, latch-devices) .latch-hint {
    font-size: 0.875em;
  }

  :where(latch-passkeys, latch-security, latch-privacy, latch-devices) .latch-error {
    margin: 0;
    color: var(--_danger);
    font-weight: 500;
  }

  :where(latch-passkeys, latch-security, latch-privacy, latch-devices) .latch-field {
    display: grid;
    gap: 0.375rem;
  }

  :where(latch-passkeys, latch-security, latch-privacy, latch-devices) .latch-label {
    font-weight: 600;
  }

  :where(latch-passkeys, latch-security, latch-privacy, latch-devices) .latch-input {
    ${inputBox}
  }

  :where(latch-passkeys, latch-security, latch-privacy, latch-devices) .latch-input[aria-invalid='true'] {
    border-color: var(--_danger);
    box-shadow: inset 0 0 0 1px var(--_danger);
  }

  :where(latch-passkeys, latch-security, latch-privacy, latch-devices) .latch-button {
    display: inline-flex;
    align-items: center;
    justify-content: center;
    gap: 0.5rem;
    min-height: var(--_control-height);
    padding: 0.5rem 1rem;
    font: inherit;
    font-weight: 600;
    color: var(--_text);
    background: var(--_surface);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    cursor: pointer;
  }

  :where(latch-passkeys, latch-security, latch-privacy, latch-devices) .latch-primary {
    color: var(--_on-primary);
    background: var(--_primary);
    border-color: var(--_primary);
  }

  :where(latch-passkeys, latch-security, latch-privacy, latch-devices) .latch-danger {
    color: var(--_surface);
    background: var(--_danger);
    border-color: var(--_danger);
  }

  :where(latch-passkeys, latch-security, latch-privacy, latch-devices) .latch-button[aria-disabled='true'] {
    cursor: progress;
    opacity: 0.75;
  }

  :where(latch-passkeys, latch-security, latch-privacy, latch-devices) .latch-link {
    ${linkText}
    background: none;
    border: 0;
    cursor: pointer;
  }

  :where(latch-passkeys, latch-security, latch-privacy, latch-devices) .latch-row {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5rem;
  }

  :where(latch-security) .latch-protection {
    display: grid;
    gap: 0.25rem;
    margin: 0;
    padding-inline-start: 1.5rem;
  }

  :where(latch-passkeys, latch-security, latch-privacy, latch-devices) .latch-list {
    display: grid;
    gap: 0.75rem;
    margin: 0;
    padding: 0;
    list-style: none;
  }

  :where(latch-passkeys, latch-security, latch-privacy, latch-devices) .latch-item {
    display: grid;
    gap: 0.5rem;
    padding: var(--_space);
    background: var(--_account-item-background);
    border-radius: var(--_radius);
    overflow-wrap: anywhere;
  }

  :where(latch-passkeys, latch-security, latch-privacy, latch-devices) .latch-facts {
    display: grid;
    grid-template-columns: max-content 1fr;
    gap: 0.125rem 0.75rem;
    margin: 0;
    font-size: 0.9375em;
  }

  :where(latch-passkeys, latch-security, latch-privacy, latch-devices) .latch-badge {
    justify-self: start;
    display: inline-block;
    padding: 0 0.5rem;
    color: var(--_text);
    font-size: 0.875em;
    border: 1px solid var(--_border);
    border-radius: 0.75em;
  }

  :where(latch-passkeys, latch-security, latch-privacy, latch-devices) :is(.latch-alert, .latch-notice, .latch-warning) {
    margin: 0;
    padding: 0.75rem;
    border-radius: var(--_radius);
  }

  /* Notices: a failure in the danger colour, a done change in the success colour, a change called off neutral. */
  :where(latch-passkeys, latch-security, latch-privacy, latch-devices) .latch-alert {
    color: var(--_danger);
    background: color-mix(in srgb, var(--_danger) 8%, var(--_surface));
    border: 1px solid var(--_danger);
  }

  :where(latch-passkeys, latch-security, latch-privacy, latch-devices) .latch-notice {
    color: var(--_text);
    background: color-mix(in srgb, var(--_success) 10%, var(--_surface));
    border-inline-start: 4px solid var(--_success);
  }

  :where(latch-passkeys, latch-security, latch-privacy, latch-devices) .latch-notice-info {
    background: var(--_subtle);
    border-inline-start-color: var(--_border);
  }

  :where(latch-passkeys, latch-security, latch-privacy, latch-devices) .latch-warning {
    border-inline-start: 4px solid var(--_danger);
    background: var(--_subtle);
  }

  :where(latch-passkeys, latch-security, latch-privacy, latch-devices) .latch-key {
    font-family: ui-monospace, monospace;
    font-size: 1.125em;
    word-spacing: 0.25em;
  }

  :where(latch-passkeys, latch-security, latch-privacy, latch-devices) .latch-codes {
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(9rem, 1fr));
    gap: 0.25rem 1rem;
    margin: 0;
    padding: 0;
    list-style: none;
    font-family: ui-monospace, monospace;
  }

  :where(latch-passkeys, latch-security, latch-privacy, latch-devices) .latch-qr {
    width: 12rem;
    height: 12rem;
    padding: 0.5rem;
    background: #fff;
  }

  :where(latch-passkeys, latch-security, latch-privacy, latch-devices) .latch-sr {
    ${visuallyHidden}
  }

  :where(latch-passkeys, latch-security, latch-privacy, latch-devices) [hidden] {
    display: none !important;
  }

  /* The privacy center shows the backend's values (addresses, receipt hashes) as they are: they wrap anywhere. */
  :where(latch-privacy) .latch-section {
    overflow-wrap: anywhere;
  }

  ${reflowStyles}

  /* Reflow of the account elements' own parts (see reflow.styles.ts). */
  :where(latch-passkeys, latch-security, latch-privacy, latch-devices) .latch-facts {
    grid-template-columns: fit-content(50%) minmax(0, 1fr);
  }

  :where(latch-passkeys, latch-security, latch-privacy, latch-devices) .latch-badge {
    max-width: 100%;
    box-sizing: border-box;
    overflow-wrap: anywhere;
  }

  :where(latch-passkeys, latch-security, latch-privacy, latch-devices) .latch-codes {
    grid-template-columns: repeat(auto-fill, minmax(min(9rem, 100%), 1fr));
  }

  :where(latch-passkeys, latch-security, latch-privacy, latch-devices) .latch-qr {
    max-width: 100%;
    height: auto;
    aspect-ratio: 1;
    box-sizing: border-box;
  }
`;
