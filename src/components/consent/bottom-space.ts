import type { ReactiveController, ReactiveControllerHost } from 'lit';

/**
 * Room at the bottom of the page for a bar fixed over it, so a focused field is never hidden behind it (WCAG 2.2
 * SC 2.4.11): while the bar is shown, the document gets its height as bottom scroll padding (focus scrolls
 * above it) and as bottom padding (a page too short to scroll can still bring its last field above it). Nothing
 * above moves, so there is no layout shift. A constructable sheet adopted by the document: no inline style.
 */
export class BottomSpace implements ReactiveController {
  private readonly sheet = new CSSStyleSheet();
  private readonly resize = new ResizeObserver(() => this.apply());
  private bar: HTMLElement | null = null;

  constructor(host: ReactiveControllerHost) {
    host.addController(this);
  }

  hostDisconnected(): void {
    this.follow(null);
  }

  /** Keeps room for `bar` (or none) from now on. */
  follow(bar: HTMLElement | null): void {
    if (bar === this.bar) return;
    if (this.bar) this.resize.unobserve(this.bar);
    this.bar = bar;
    if (bar) this.resize.observe(bar);
    this.apply();
  }

  private apply(): void {
    const height = Math.ceil(this.bar?.getBoundingClientRect().height ?? 0);
    const adopted = document.adoptedStyleSheets.includes(this.sheet);
    if (!height) {
      if (adopted) document.adoptedStyleSheets = document.adoptedStyleSheets.filter((sheet) => sheet !== this.sheet);
      return;
    }
    this.sheet.replaceSync(`:root{scroll-padding-bottom:${height}px;padding-bottom:${height}px}`);
    if (!adopted) document.adoptedStyleSheets = [...document.adoptedStyleSheets, this.sheet];
  }
}
