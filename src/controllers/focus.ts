// Focus and announcement helpers shared by the elements (WCAG 2.2 SC 2.4.3 focus order, SC 4.1.3 status messages).

/** The focused element, looking inside shadow roots; `undefined` when nothing (the body) has focus. */
export function deepActiveElement(): HTMLElement | undefined {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active instanceof HTMLElement && active !== document.body ? active : undefined;
}

/** Focuses an element; an input also has its text selected, ready to be corrected. */
export function focusAndSelect(target: HTMLElement | null | undefined): void {
  target?.focus();
  if (target instanceof HTMLInputElement) target.select();
}

/**
 * A live region's text. A repeated message must be announced again, so every other announcement gets a
 * trailing no-break space: the text changes although the words do not.
 */
export function liveText(text: string, announcement: number): string {
  return text ? text + (announcement % 2 ? '\u00a0' : '') : '';
}

/** Where focus was before a dialog opened; it goes back there when the dialog closes (WCAG 2.2 SC 2.4.3). */
export class ReturnFocus {
  private target: HTMLElement | undefined;

  /** Notes the focused element (call before the dialog opens). */
  remember(): void {
    this.target = deepActiveElement();
  }

  /** Focuses the noted element if it is still on the page; with `ifLost`, only when nothing else has focus. */
  restore(ifLost = false): void {
    const target = this.target;
    this.target = undefined;
    if (target?.isConnected && (!ifLost || deepActiveElement() === undefined)) target.focus();
  }
}
