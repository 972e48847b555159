import { css } from 'lit';

/**
 * Reflow (WCAG 2.2 SC 1.4.10) for every element's light-DOM content: at 320 px wide and at 400 % zoom nothing
 * is wider than the card. Text the user or the site supplies (emails, site names, passkey names) wraps, anywhere
 * if it must; links and buttons wrap only between words, and a link beside such text keeps its words whole.
 * Adopted with each element's own light-DOM rules; `:where()` keeps it easy for a page to override. The account
 * elements' own parts reflow with their styles (account.styles.ts), which only they load.
 */
export const reflowStyles = css`
  :where(latch-login, latch-step-up, latch-passkeys, latch-security) :is(.latch-form, .latch-section, .latch-field, .latch-item, .latch-nudge) > * {
    min-width: 0;
    max-width: 100%;
  }

  :where(latch-login, latch-step-up, latch-passkeys, latch-security)
    :is(.latch-title, .latch-text, .latch-hint, .latch-error, .latch-alert, .latch-notice, .latch-warning, .latch-name, .latch-key, h2, h3, h4, dd, dt) {
    overflow-wrap: anywhere;
  }

  :where(latch-login, latch-step-up, latch-passkeys, latch-security) :is(.latch-button, .latch-link) {
    max-width: 100%;
    overflow-wrap: normal;
    word-break: normal;
    text-align: center;
  }

  :where(latch-login, latch-step-up, latch-passkeys, latch-security) .latch-row > * {
    min-width: 0;
  }

  /*
   * The identifier and "Change": one line when they fit; a long identifier takes its own line (wrapping anywhere
   * if it must) and "Change", one word, goes under it at the end.
   */
  :where(latch-login, latch-step-up) .latch-identity {
    flex-wrap: wrap;
    overflow-wrap: normal;
  }

  :where(latch-login, latch-step-up) .latch-identity > :not(.latch-link) {
    flex: 1 1 auto;
    min-width: 0;
    overflow-wrap: anywhere;
  }

  :where(latch-login, latch-step-up) .latch-identity > .latch-link {
    flex: none;
    margin-inline-start: auto;
    white-space: nowrap;
  }
`;
