import type { CSSResult } from 'lit';

/**
 * Adopts rules for an element's light DOM content into the root that holds it (the document, or a page's
 * own shadow root), once per root. The elements keep their inputs in the light DOM so password managers
 * and autofill reach them; these rules style them there.
 */
export function adoptLightStyles(element: Element, styles: CSSResult): void {
  const root = element.getRootNode();
  const sheet = styles.styleSheet;
  if (!sheet || !(root instanceof Document || root instanceof ShadowRoot) || root.adoptedStyleSheets.includes(sheet)) return;
  root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
}
