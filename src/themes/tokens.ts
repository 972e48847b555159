import { css } from 'lit';
import { buttonTokens, dark, dialogTokens, forcedColors, inputTokens, light, loginTokens, reducedMotion } from './palette.js';

// How the generated fragments (palette.ts, from tokens.json) are declared: light by default, dark for
// `theme="dark"` or the system preference (unless `theme="light"`), then system colours under forced colours
// and slower motion when the user asks for less, which win over both.

/** The tokens for the elements whose inputs live in the light DOM: declared on the element itself. */
export const tokens = css`
  :where(latch-login, latch-step-up) {
    ${light}
    ${loginTokens}
    ${buttonTokens}
    ${inputTokens}
    ${dialogTokens}
  }

  :where(latch-login[theme='dark'], latch-step-up[theme='dark']) {
    ${dark}
  }

  @media (prefers-color-scheme: dark) {
    :where(latch-login:not([theme='light']), latch-step-up:not([theme='light'])) {
      ${dark}
    }
  }

  @media (forced-colors: active) {
    :where(latch-login, latch-step-up) {
      ${forcedColors}
    }
  }

  @media (prefers-reduced-motion: reduce) {
    :where(latch-login, latch-step-up) {
      ${reducedMotion}
    }
  }
`;

/** The same for an element that draws everything in its shadow root: declared on `:host`. */
export const hostTokens = css`
  :host {
    ${light}
  }

  :host([theme='dark']) {
    ${dark}
  }

  @media (prefers-color-scheme: dark) {
    :host(:not([theme='light'])) {
      ${dark}
    }
  }

  /* As specific as the dark theme's selectors, and after them: forced colours win over a dark theme too. */
  @media (forced-colors: active) {
    :host([theme]),
    :host(:not([theme])) {
      ${forcedColors}
    }
  }

  @media (prefers-reduced-motion: reduce) {
    :host {
      ${reducedMotion}
    }
  }
`;
