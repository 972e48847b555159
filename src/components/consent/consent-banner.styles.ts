import { css } from 'lit';
import { visuallyHidden } from '../../styles/visually-hidden.styles.js';
import { buttonTokens, dialogTokens } from '../../themes/palette.js';
import { consentTokens } from './consent.tokens.js';
import { hostTokens } from '../../themes/tokens.js';

/**
 * A bar fixed to the bottom of the viewport (it pushes no content: no layout shift), or a modal dialog. Its
 * three first-layer buttons share one rule: the same size, colours and weight (EDPB cookie banner taskforce).
 */
export const styles = css`
  ${hostTokens}

  :host {
    ${buttonTokens}
    ${dialogTokens}
    ${consentTokens}
    display: contents;
  }

  .bar,
  dialog {
    box-sizing: border-box;
    color: var(--_text);
    background: var(--_consent-background);
    font-family: var(--_font);
    font-size: var(--_font-size);
    line-height: 1.5;
    overflow: auto;
  }

  .bar {
    position: fixed;
    inset-inline: 0;
    bottom: 0;
    z-index: 2147483000;
    max-height: 60vh;
    padding: var(--_consent-padding);
    border-top: 1px solid var(--_border);
    box-shadow: var(--_consent-shadow);
  }

  dialog {
    width: min(var(--_consent-max-width), calc(100vw - 2rem));
    padding: var(--_dialog-padding);
    border: 1px solid var(--_border);
    border-radius: var(--_dialog-radius);
    box-shadow: var(--_dialog-shadow);
  }

  dialog::backdrop {
    background: var(--_dialog-backdrop);
  }

  .content,
  .switches {
    display: grid;
    gap: var(--_consent-gap);
  }

  .content {
    max-width: var(--_consent-max-width);
    margin-inline: auto;
  }

  h2 {
    margin: 0;
    font-size: 1.125em;
    line-height: 1.25;
  }

  p,
  ul {
    margin: 0;
  }

  .purposes {
    padding-inline-start: 1.25em;
  }

  a {
    color: var(--_primary);
  }

  .switches {
    padding: 0;
    list-style: none;
  }

  .switch {
    display: grid;
    grid-template-columns: auto 1fr;
    gap: 0.25rem 0.75rem;
    align-items: center;
  }

  .switch p {
    grid-column: 2;
    color: var(--_muted);
  }

  label {
    font-weight: 600;
  }

  input {
    width: 1.25rem;
    height: 1.25rem;
    margin: 0;
    accent-color: var(--_consent-switch-on);
  }

  .actions {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(9rem, 1fr));
    gap: calc(var(--_space) * 0.5);
  }

  button {
    min-height: var(--_button-height);
    padding: 0.25rem 1rem;
    font: inherit;
    font-weight: var(--_button-font-weight);
    color: var(--_on-primary);
    background: var(--_primary);
    border: 1px solid var(--_primary);
    border-radius: var(--_button-radius);
    cursor: pointer;
  }

  .link {
    min-height: 0;
    padding: 0;
    font-weight: inherit;
    color: var(--_primary);
    background: none;
    border: 0;
    text-decoration: underline;
  }

  button:focus-visible,
  input:focus-visible,
  a:focus-visible {
    outline: 3px solid var(--_focus);
    outline-offset: 2px;
  }

  .live {
    ${visuallyHidden}
  }
`;
