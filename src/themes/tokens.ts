import { css } from 'lit';
import { dark, light } from './palette.js';

/** The tokens for the elements whose inputs live in the light DOM: declared on the element itself. */
export const tokens = css`
  :where(latch-login, latch-step-up) {
    ${light}
  }

  :where(latch-login[theme='dark'], latch-step-up[theme='dark']) {
    ${dark}
  }

  @media (prefers-color-scheme: dark) {
    :where(latch-login:not([theme='light']), latch-step-up:not([theme='light'])) {
      ${dark}
    }
  }
`;
