import { css } from 'lit';

/**
 * The trust signals in `<latch-login>`'s light DOM (trust-steps.ts), adopted with them after the form is
 * interactive, so none of these bytes come before the form. Low specificity, like the form's own rules.
 */
export const trustFormStyles = css`
  :where(latch-login) .latch-trust {
    display: grid;
    gap: calc(var(--_login-gap) / 2);
  }

  :where(latch-login) .latch-brand {
    display: flex;
    align-items: center;
    gap: 0.5em;
    margin: 0;
    font-weight: 600;
    color: var(--_text);
  }

  :where(latch-login) .latch-logo {
    flex: none;
    border-radius: 6px;
  }

  :where(latch-login) .latch-site {
    margin: 0;
    font-size: 0.875em;
    color: var(--_muted);
    overflow-wrap: anywhere;
  }

  :where(latch-login) .latch-site strong {
    font-weight: 650;
    color: var(--_text);
  }

  :where(latch-login) .latch-links {
    display: flex;
    flex-wrap: wrap;
    gap: 0.25em 1.25em;
    margin: 0;
    font-size: 0.875em;
  }
`;
