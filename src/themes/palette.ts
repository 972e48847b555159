import { css } from 'lit';

/**
 * Global design tokens. Designers set the public `--latch-*` properties anywhere above or on the element;
 * the elements read private `--_*` copies whose fallbacks are the light or dark defaults. Colours meet
 * WCAG 2.2 AA: text ≥ 4.5:1 and borders/focus ≥ 3:1 against the surface, in both themes.
 */

/** The dark theme's defaults, shared by `theme="dark"` and the system preference. */
export const dark = css`
  --_surface: var(--latch-color-surface, #161b22);
  --_text: var(--latch-color-text, #e6edf3);
  --_muted: var(--latch-color-muted, #9da7b3);
  --_primary: var(--latch-color-primary, #6ea2ff);
  --_on-primary: var(--latch-color-on-primary, #0d1117);
  --_border: var(--latch-color-border, #8b949e);
  --_danger: var(--latch-color-danger, #ff8a80);
  --_success: var(--latch-color-success, #56d364);
  --_focus: var(--latch-color-focus, #6ea2ff);
  --_subtle: var(--latch-color-subtle, #21262d);
  color-scheme: dark;
`;

/** The light theme's defaults and the sizes: what every element's `:host` (or light DOM scope) declares. */
export const light = css`
  --_surface: var(--latch-color-surface, #ffffff);
  --_text: var(--latch-color-text, #1b1f24);
  --_muted: var(--latch-color-muted, #57606a);
  --_primary: var(--latch-color-primary, #1f5fd6);
  --_on-primary: var(--latch-color-on-primary, #ffffff);
  --_border: var(--latch-color-border, #6e7781);
  --_danger: var(--latch-color-danger, #b42318);
  --_success: var(--latch-color-success, #1a7f37);
  --_focus: var(--latch-color-focus, #1f5fd6);
  --_subtle: var(--latch-color-subtle, #f3f5f8);
  --_font: var(--latch-font-family, system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif);
  --_font-size: var(--latch-font-size, 1rem);
  --_radius: var(--latch-radius, 0.5rem);
  --_space: var(--latch-space, 1rem);
  --_control-height: var(--latch-control-height, 2.75rem);
  --_max-width: var(--latch-max-width, 26rem);
  color-scheme: light;
`;
