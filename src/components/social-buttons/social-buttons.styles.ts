import { css } from 'lit';
import { visuallyHidden } from '../../styles/visually-hidden.styles.js';
import { socialTokens } from '../../themes/palette.js';

/**
 * Provider buttons: each brand's own colours (set per button), the theme's for generic ones. The element
 * declares no palette of its own: inside `<latch-login>` it reads the login's (theme, density, forced colours);
 * alone, the page's `--latch-*` tokens and the light defaults.
 */
export const styles = css`
  :host {
    ${socialTokens}
    display: block;
    font-family: var(--_font, system-ui, sans-serif);
  }

  :host([hidden]) {
    display: none;
  }

  .list {
    display: grid;
    gap: var(--_social-gap);
    margin: 0;
    padding: 0;
    list-style: none;
  }

  :host([layout='compact']) .list {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_social-gap);
  }

  button {
    display: inline-flex;
    align-items: center;
    justify-content: center;
    gap: 0.625rem;
    box-sizing: border-box;
    width: 100%;
    min-height: var(--_social-height);
    padding: calc(var(--_space, 1rem) * 0.25) 1rem;
    font: inherit;
    font-weight: 600;
    color: var(--brand-color, var(--_text, #1b1f24));
    background: var(--brand-background, var(--_surface, #ffffff));
    border: 1px solid var(--brand-border, var(--_border, #6e7781));
    border-radius: var(--_social-radius);
    cursor: pointer;
  }

  /* Each provider's required button colours, from its sign-in branding guidelines. */
  [data-brand='google'] {
    --brand-background: #ffffff;
    --brand-color: #1f1f1f;
    --brand-border: #747775;
  }

  [data-brand='github'] {
    --brand-background: #24292f;
    --brand-color: #ffffff;
    --brand-border: #24292f;
  }

  [data-brand='microsoft'] {
    --brand-background: #ffffff;
    --brand-color: #5e5e5e;
    --brand-border: #8c8c8c;
  }

  [data-brand='apple'] {
    --brand-background: #000000;
    --brand-color: #ffffff;
    --brand-border: #000000;
  }

  [data-brand='facebook'] {
    --brand-background: #1877f2;
    --brand-color: #ffffff;
    --brand-border: #1877f2;
  }

  :host([layout='compact']) button {
    width: auto;
    min-width: var(--_social-height);
    padding: 0.5rem;
  }

  button:focus-visible {
    outline: 2px solid var(--_focus, #1f5fd6);
    outline-offset: 2px;
  }

  button[aria-busy='true'] {
    cursor: progress;
  }

  .logo {
    display: inline-flex;
    flex: none;
  }

  /* "Last used" (issue 14): the theme's colours, not the brand's, so it reads the same on every button. */
  .badge {
    padding: 0 0.5em;
    color: var(--_text, #1b1f24);
    font-size: 0.75em;
    font-weight: 400;
    background: var(--_subtle, #f3f5f8);
    border: 1px solid var(--_border, #6e7781);
    border-radius: 1em;
  }

  :host([layout='compact']) button {
    position: relative;
  }

  :host([layout='compact']) .badge {
    position: absolute;
    inset-block-start: -0.75em;
    inset-inline-end: -0.5em;
    white-space: nowrap;
  }

  .spinner {
    width: 1em;
    height: 1em;
    border: 2px solid currentColor;
    border-inline-end-color: transparent;
    border-radius: 50%;
    animation: spin var(--_duration-spin, 800ms) linear infinite;
  }

  @keyframes spin {
    to {
      transform: rotate(360deg);
    }
  }

  @media (prefers-reduced-motion: reduce) {
    :host {
      --_duration-spin: 2400ms;
    }
  }

  .error {
    margin: 0.5rem 0 0;
    color: var(--_danger, #b42318);
  }

  .live {
    ${visuallyHidden}
  }
`;
