// Where focus goes back to after a dialog (WCAG 2.2 SC 2.4.3): the step-up and session-timeout dialogs, whose
// chunks load lazily, so none of it comes before the form.

/** The focused element, looking inside shadow roots; `undefined` when nothing (the body) has focus. */
export function deepActiveElement(): HTMLElement | undefined {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active instanceof HTMLElement && active !== document.body ? active : undefined;
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
