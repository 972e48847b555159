import { css } from 'lit';
import { cardBox, linkText, themedText } from '../../styles/surface.styles.js';
import { visuallyHidden } from '../../styles/visually-hidden.styles.js';
import { hostTokens } from '../../themes/tokens.js';

/** The panel: a quiet card with the same public tokens and light/dark defaults as `<latch-login>`. */
export const styles = css`
  ${hostTokens}

  :host {
    display: block;
    max-width: var(--latch-trust-panel-max-width, var(--_max-width));
    ${themedText}
  }

  ${cardBox}

  .card {
    display: grid;
    gap: calc(var(--_space) * 0.5);
  }

  p {
    margin: 0;
  }

  .latch-brand {
    display: flex;
    align-items: center;
    gap: 0.5em;
    font-weight: 600;
  }

  .latch-logo {
    flex: none;
    border-radius: 6px;
  }

  .latch-site,
  .latch-last {
    font-size: 0.875em;
    color: var(--_muted);
    overflow-wrap: anywhere;
  }

  .latch-site strong {
    font-weight: 650;
    color: var(--_text);
  }

  .latch-cue {
    font-size: 0.875em;
    color: var(--_success);
  }

  .latch-links {
    display: flex;
    flex-wrap: wrap;
    gap: 0.25em 1.25em;
    font-size: 0.875em;
  }

  .latch-link {
    ${linkText}
    text-underline-offset: 0.2em;
    border-radius: 0.25rem;
  }

  .latch-link:focus-visible {
    outline: 2px solid var(--_focus);
  }

  .latch-sr {
    ${visuallyHidden}
  }
`;
