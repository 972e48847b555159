import { css } from 'lit';
import { visuallyHidden } from '../../styles/visually-hidden.styles.js';
import { dark, light } from '../../themes/palette.js';

/** The dialog: the same public tokens as `<latch-login>`, with the same light and dark defaults (AA contrast). */
export const styles = css`
  :host {
    ${light}
    display: contents;
  }

  :host([theme='dark']) {
    ${dark}
  }

  @media (prefers-color-scheme: dark) {
    :host(:not([theme='light'])) {
      ${dark}
    }
  }

  dialog {
    box-sizing: border-box;
    width: min(26rem, calc(100vw - 2rem));
    padding: calc(var(--_space) * 1.5);
    color: var(--_text);
    background: var(--_surface);
    border: 1px solid var(--_border);
    border-radius: calc(var(--_radius) * 1.5);
    font-family: var(--_font);
    font-size: 1rem;
    line-height: 1.5;
  }

  dialog::backdrop {
    background: rgb(0 0 0 / 50%);
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
    min-height: var(--_control-height);
    padding: 0 1.25rem;
    font: inherit;
    font-weight: 600;
    border-radius: var(--_radius);
    cursor: pointer;
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
