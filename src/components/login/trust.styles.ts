import { css } from 'lit';

/**
 * The trust signals in `<latch-login>`'s light DOM (trust-steps.ts), adopted with them after the form is
 * interactive. Low specificity, like the form's own rules. The box they fill is drawn before (login.styles.ts),
 * its lines' heights reserved, so nothing under it moves when they arrive.
 */
export const trustFormStyles = css`
  :where(latch-login) .latch-brand {
    display: flex;
    align-items: center;
    gap: 0.5em;
    font-weight: 600;
    color: var(--_text);
  }

  :where(latch-login) .latch-logo {
    flex: none;
    border-radius: 6px;
  }

  :where(latch-login) .latch-site {
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
