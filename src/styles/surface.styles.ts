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
