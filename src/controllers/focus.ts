// Focus and announcement helpers shared by the elements (WCAG 2.2 SC 2.4.3 focus order, SC 4.1.3 status messages).
// Focus that goes back after a dialog is in return-focus.ts: only the dialogs' lazily loaded chunks need it.

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
