import { css } from 'lit';
import { visuallyHidden } from '../../styles/visually-hidden.styles.js';

/** The shadow root: the modal dialog and its card, heading, reason and live regions. */
export const styles = css`
  :host {
    display: contents;
    color: var(--_text);
    font-family: var(--_font);
    font-size: var(--_font-size);
    line-height: 1.5;
    letter-spacing: normal;
    text-align: start;
  }

  dialog {
    box-sizing: border-box;
    width: min(100vw - 2rem, var(--_max-width));
    max-height: calc(100vh - 2rem);
    padding: 0;
    border: 1px solid color-mix(in srgb, var(--_border) 45%, transparent);
    border-radius: calc(var(--_radius) * 1.5);
    color: var(--_text);
    background: var(--_surface);
    box-shadow: 0 8px 40px rgb(0 0 0 / 25%);
  }

  dialog::backdrop {
    background: rgb(0 0 0 / 45%);
  }

  .card {
    display: grid;
    gap: var(--_space);
    padding: calc(var(--_space) * 1.5);
  }

  h2 {
    margin: 0;
    font-size: 1.375em;
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
    min-height: 2.75rem;
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
