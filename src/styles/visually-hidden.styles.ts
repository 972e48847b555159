import { css } from 'lit';

/** Hidden on screen, still read by screen readers: for live regions and icon-only labels. */
export const visuallyHidden = css`
  position: absolute;
  width: 1px;
  height: 1px;
  overflow: hidden;
  clip-path: inset(50%);
  white-space: nowrap;
`;
