import { css } from 'lit';
import { cardSurface, themedText } from '../../styles/surface.styles.js';
import { visuallyHidden } from '../../styles/visually-hidden.styles.js';

/** The shadow root: the modal dialog and its card, heading, reason and live regions. */
export const styles = css`
  :host {
    display: contents;
    ${themedText}
  }

  dialog {
    box-sizing: border-box;
    width: min(100vw - 2rem, var(--_dialog-max-width));
    max-height: calc(100vh - 2rem);
    padding: 0;
    color: var(--_text);
    ${cardSurface}
    background: var(--_dialog-background);
    border-radius: var(--_dialog-radius);
    box-shadow: var(--_dialog-shadow);
  }

  dialog::backdrop {
    background: var(--_dialog-backdrop);
  }

  .card {
    display: grid;
    gap: var(--_space);
    padding: var(--_dialog-padding);
  }

  h2 {
    margin: 0;
    font-size: var(--_login-heading-size);
    font-weight: 650;
    line-height: 1.25;
  }

  h2:focus {
    outline: none;
  }

  .reason {
    margin: 0;
    color: var(--_muted);
  }

  .cancel {
    justify-self: start;
    min-height: var(--_button-height);
    padding: 0 0.25rem;
    border: 0;
    background: none;
    color: var(--_primary);
    font: inherit;
    font-weight: 600;
    text-decoration: underline;
    text-underline-offset: 0.2em;
    cursor: pointer;
  }

  .cancel:focus-visible {
    outline: 2px solid var(--_focus);
    outline-offset: 2px;
    border-radius: 0.25rem;
  }

  .live {
    ${visuallyHidden}
  }
`;
