import { css } from 'lit';
import { visuallyHidden } from '../../styles/visually-hidden.styles.js';
import { buttonTokens, dialogTokens } from '../../themes/palette.js';
import { hostTokens } from '../../themes/tokens.js';

/** The dialog: the same public tokens as `<latch-login>`, with the same light and dark defaults (AA contrast). */
export const styles = css`
  ${hostTokens}

  :host {
    ${dialogTokens}
    ${buttonTokens}
    display: contents;
  }

  dialog {
    box-sizing: border-box;
    width: min(var(--_dialog-max-width), calc(100vw - 2rem));
    padding: var(--_dialog-padding);
    color: var(--_text);
    background: var(--_dialog-background);
    border: 1px solid var(--_border);
    border-radius: var(--_dialog-radius);
    box-shadow: var(--_dialog-shadow);
    font-family: var(--_font);
    font-size: var(--_font-size);
    line-height: 1.5;
  }

  dialog::backdrop {
    background: var(--_dialog-backdrop);
  }

  h2 {
    margin: 0 0 calc(var(--_space) * 0.5);
    font-size: 1.25em;
    line-height: 1.25;
  }

  p {
    margin: 0 0 var(--_space);
  }

  .countdown {
    font-weight: 650;
    font-variant-numeric: tabular-nums;
  }

  .reason {
    color: var(--_muted);
  }

  .error {
    color: var(--_danger);
  }

  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: calc(var(--_space) * 0.75);
  }

  button {
    min-height: var(--_button-height);
    padding: 0 1.25rem;
    font: inherit;
    font-weight: var(--_button-font-weight);
    border-radius: var(--_button-radius);
    cursor: pointer;
    transition: background-color var(--_duration-fast), border-color var(--_duration-fast);
  }

  .primary {
    color: var(--_on-primary);
    background: var(--_primary);
    border: 1px solid var(--_primary);
  }

  .secondary {
    color: var(--_text);
    background: transparent;
    border: 1px solid var(--_border);
  }

  button:focus-visible {
    outline: 3px solid var(--_focus);
    outline-offset: 2px;
  }

  button[aria-disabled='true'] {
    cursor: progress;
  }

  .live {
    ${visuallyHidden}
  }
`;
