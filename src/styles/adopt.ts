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

/**
 * Puts an element's light-DOM container (class `latch-body`) under it and adopts the rules that style it.
 * Called on every connection: a page may move the element to another root.
 */
export function mountLightBody(element: Element, body: HTMLElement, styles: CSSResult): void {
  adoptLightStyles(element, styles);
  if (body.isConnected) return;
  body.className = 'latch-body';
  element.append(body);
}
