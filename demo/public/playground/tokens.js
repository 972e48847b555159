// Generated from src/themes/tokens.json by `npm run tokens`: do not edit by hand.
/** The global tokens: name, DTCG type, light default and, for colours, the dark default. */
export const TOKENS = [
  {
    "name": "--latch-color-surface",
    "type": "color",
    "light": "#ffffff",
    "dark": "#161b22"
  },
  {
    "name": "--latch-color-text",
    "type": "color",
    "light": "#1b1f24",
    "dark": "#e6edf3"
  },
  {
    "name": "--latch-color-muted",
    "type": "color",
    "light": "#57606a",
    "dark": "#9da7b3"
  },
  {
    "name": "--latch-color-primary",
    "type": "color",
    "light": "#1f5fd6",
    "dark": "#6ea2ff"
  },
  {
    "name": "--latch-color-on-primary",
    "type": "color",
    "light": "#ffffff",
    "dark": "#0d1117"
  },
  {
    "name": "--latch-color-border",
    "type": "color",
    "light": "#6e7781",
    "dark": "#8b949e"
  },
  {
    "name": "--latch-color-danger",
    "type": "color",
    "light": "#b42318",
    "dark": "#ff8a80"
  },
  {
    "name": "--latch-color-success",
    "type": "color",
    "light": "#1a7f37",
    "dark": "#56d364"
  },
  {
    "name": "--latch-color-info",
    "type": "color",
    "light": "#0969da",
    "dark": "#58a6ff"
  },
  {
    "name": "--latch-color-focus",
    "type": "color",
    "light": "#1f5fd6",
    "dark": "#6ea2ff"
  },
  {
    "name": "--latch-color-subtle",
    "type": "color",
    "light": "#f3f5f8",
    "dark": "#21262d"
  },
  {
    "name": "--latch-font-family",
    "type": "fontFamily",
    "light": "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif"
  },
  {
    "name": "--latch-font-size",
    "type": "dimension",
    "light": "1rem"
  },
  {
    "name": "--latch-radius",
    "type": "dimension",
    "light": "0.5rem"
  },
  {
    "name": "--latch-space",
    "type": "dimension",
    "light": "1rem"
  },
  {
    "name": "--latch-control-height",
    "type": "dimension",
    "light": "2.75rem"
  },
  {
    "name": "--latch-max-width",
    "type": "dimension",
    "light": "26rem"
  },
  {
    "name": "--latch-density",
    "type": "number",
    "light": "1"
  },
  {
    "name": "--latch-shadow-card",
    "type": "shadow",
    "light": "0px 1px 2px 0px rgb(0 0 0 / 6%), 0px 8px 24px 0px rgb(0 0 0 / 6%)"
  },
  {
    "name": "--latch-shadow-dialog",
    "type": "shadow",
    "light": "0px 8px 40px 0px rgb(0 0 0 / 25%)"
  },
  {
    "name": "--latch-duration-fast",
    "type": "duration",
    "light": "150ms"
  },
  {
    "name": "--latch-duration-spin",
    "type": "duration",
    "light": "800ms"
  }
];
