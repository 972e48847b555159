// Generated from src/themes/tokens.json by `npm run tokens`: do not edit by hand.
import { css } from 'lit';

/** The global tokens with their light values, and the sizes: what every themed element declares. */
export const light = css`
  --_surface: var(--latch-color-surface, #ffffff);
  --_text: var(--latch-color-text, #1b1f24);
  --_muted: var(--latch-color-muted, #57606a);
  --_primary: var(--latch-color-primary, #1f5fd6);
  --_on-primary: var(--latch-color-on-primary, #ffffff);
  --_border: var(--latch-color-border, #6e7781);
  --_danger: var(--latch-color-danger, #b42318);
  --_success: var(--latch-color-success, #1a7f37);
  --_info: var(--latch-color-info, #0969da);
  --_focus: var(--latch-color-focus, #1f5fd6);
  --_subtle: var(--latch-color-subtle, #f3f5f8);
  --_font: var(--latch-font-family, system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif);
  --_font-size: var(--latch-font-size, 1rem);
  --_radius: var(--latch-radius, 0.5rem);
  --_space: calc(var(--latch-space, 1rem) * var(--latch-density, 1));
  --_control-height: calc(var(--latch-control-height, 2.75rem) * var(--latch-density, 1));
  --_max-width: var(--latch-max-width, 26rem);
  --_density: var(--latch-density, 1);
  --_shadow-card: var(--latch-shadow-card, 0px 1px 2px 0px rgb(0 0 0 / 6%), 0px 8px 24px 0px rgb(0 0 0 / 6%));
  --_shadow-dialog: var(--latch-shadow-dialog, 0px 8px 40px 0px rgb(0 0 0 / 25%));
  --_duration-fast: var(--latch-duration-fast, 150ms);
  --_duration-spin: var(--latch-duration-spin, 800ms);
  color-scheme: light;
`;

/** The colours' dark values (`--latch-color-*-dark`), for `theme="dark"` and the system preference. */
export const dark = css`
  --_surface: var(--latch-color-surface-dark, #161b22);
  --_text: var(--latch-color-text-dark, #e6edf3);
  --_muted: var(--latch-color-muted-dark, #9da7b3);
  --_primary: var(--latch-color-primary-dark, #6ea2ff);
  --_on-primary: var(--latch-color-on-primary-dark, #0d1117);
  --_border: var(--latch-color-border-dark, #8b949e);
  --_danger: var(--latch-color-danger-dark, #ff8a80);
  --_success: var(--latch-color-success-dark, #56d364);
  --_info: var(--latch-color-info-dark, #58a6ff);
  --_focus: var(--latch-color-focus-dark, #6ea2ff);
  --_subtle: var(--latch-color-subtle-dark, #21262d);
  color-scheme: dark;
`;

/** System colours under `forced-colors: active` (Windows High Contrast): the user's palette wins. */
export const forcedColors = css`
  --_surface: Canvas;
  --_text: CanvasText;
  --_muted: CanvasText;
  --_primary: LinkText;
  --_on-primary: Canvas;
  --_border: CanvasText;
  --_danger: CanvasText;
  --_success: CanvasText;
  --_info: CanvasText;
  --_focus: Highlight;
  --_subtle: Canvas;
`;

/** Durations under `prefers-reduced-motion: reduce`. */
export const reducedMotion = css`
  --_duration-fast: 0ms;
  --_duration-spin: 2400ms;
`;

/** The element tier `--latch-login-*` of `<latch-login>`, defaulting to the globals. */
export const loginTokens = css`
  --_login-max-width: var(--latch-login-max-width, var(--_max-width));
  --_login-gap: var(--latch-login-gap, var(--_space));
  --_login-card-padding: var(--latch-login-card-padding, calc(var(--_space) * 1.5));
  --_login-card-radius: var(--latch-login-card-radius, calc(var(--_radius) * 1.5));
  --_login-card-background: var(--latch-login-card-background, var(--_surface));
  --_login-card-shadow: var(--latch-login-card-shadow, var(--_shadow-card));
  --_login-heading-size: var(--latch-login-heading-size, 1.375em);
`;

/** The element tier `--latch-button-*` of `<latch-login>`, `<latch-step-up>`, `<latch-session-timeout>`, `<latch-consent-banner>`, defaulting to the globals. */
export const buttonTokens = css`
  --_button-height: var(--latch-button-height, var(--_control-height));
  --_button-radius: var(--latch-button-radius, var(--_radius));
  --_button-font-weight: var(--latch-button-font-weight, 600);
`;

/** The element tier `--latch-input-*` of `<latch-login>`, `<latch-step-up>`, defaulting to the globals. */
export const inputTokens = css`
  --_input-height: var(--latch-input-height, var(--_control-height));
  --_input-radius: var(--latch-input-radius, var(--_radius));
  --_input-border-color: var(--latch-input-border-color, var(--_border));
  --_input-background: var(--latch-input-background, var(--_surface));
`;

/** The element tier `--latch-social-*` of `<latch-social-buttons>`, defaulting to the globals. */
export const socialTokens = css`
  --_social-height: var(--latch-social-height, var(--_control-height, calc(var(--latch-control-height, 2.75rem) * var(--latch-density, 1))));
  --_social-radius: var(--latch-social-radius, var(--_radius, var(--latch-radius, 0.5rem)));
  --_social-gap: var(--latch-social-gap, 0.5rem);
`;

/** The element tier `--latch-dialog-*` of `<latch-step-up>`, `<latch-session-timeout>`, `<latch-consent-banner>`, defaulting to the globals. */
export const dialogTokens = css`
  --_dialog-max-width: var(--latch-dialog-max-width, var(--_max-width));
  --_dialog-padding: var(--latch-dialog-padding, calc(var(--_space) * 1.5));
  --_dialog-radius: var(--latch-dialog-radius, calc(var(--_radius) * 1.5));
  --_dialog-background: var(--latch-dialog-background, var(--_surface));
  --_dialog-shadow: var(--latch-dialog-shadow, var(--_shadow-dialog));
  --_dialog-backdrop: var(--latch-dialog-backdrop, rgb(0 0 0 / 45%));
`;

/** The element tier `--latch-account-*` of `<latch-security>`, `<latch-passkeys>`, defaulting to the globals. */
export const accountTokens = css`
  --_account-max-width: var(--latch-account-max-width, 40rem);
  --_account-gap: var(--latch-account-gap, var(--_space));
  --_account-item-background: var(--latch-account-item-background, var(--_subtle));
`;
