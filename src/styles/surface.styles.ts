import { css } from 'lit';

/** An element's text: the theme's colour, font and size, read the same whatever the page around sets. */
export const themedText = css`
  color: var(--_text);
  font-family: var(--_font);
  font-size: var(--_font-size);
  line-height: 1.5;
  letter-spacing: normal;
  text-align: start;
`;

/** The card an element draws its content on: the theme's surface, a soft border, rounded corners. */
export const cardSurface = css`
  background: var(--_surface);
  border: 1px solid color-mix(in srgb, var(--_border) 45%, transparent);
  border-radius: calc(var(--_radius) * 1.5);
`;

/** The card of an element drawn on one: `hidden` hides the element, and the card box wears the surface. */
export const cardBox = css`
  :host([hidden]) {
    display: none;
  }

  .card {
    box-sizing: border-box;
    padding: calc(var(--_space) * 1.5);
    ${cardSurface}
  }
`;

/** A text input: full width, the control height, the theme's surface and border. */
export const inputBox = css`
  box-sizing: border-box;
  width: 100%;
  min-height: var(--_control-height);
  padding: 0.5rem 0.75rem;
  font: inherit;
  color: var(--_text);
  background: var(--_surface);
  border: 1px solid var(--_border);
  border-radius: var(--_radius);
`;

/** A button that reads as a link: underlined, in the primary colour, with a target large enough to hit. */
export const linkText = css`
  min-height: 1.5rem;
  padding: 0.125rem 0.25rem;
  font: inherit;
  font-weight: 600;
  color: var(--_primary);
  text-decoration: underline;
`;
