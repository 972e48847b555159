// The script-tag entries' side of a popup's callback page (see popup-callback.ts). Only a page whose address
// carries an authorization response can be one, so only there is the relay's code fetched: in the script-tag
// build it comes in the client's chunk, which that page's sign-in needs anyway. Nothing of it before the form.

/** The relay this page started, if its address carries an authorization response. */
let relaying: Promise<void> = Promise.resolve();

/** On a page that may be a popup's callback: loads the relay and hands the callback to the opener. */
export function relayPopupCallbackHere(): void {
  const params = new URLSearchParams(location.search);
  if (!params.has('state') || !(params.has('code') || params.has('error'))) return;
  relaying = import('./popup-callback.js').then(({ relayPopupCallback }) => void relayPopupCallback()).catch(() => undefined);
}

/**
 * Whether the callback on this page went to a popup's opener (this window then closes); false when nobody
 * took it: the page is no popup's, and finishes or refuses the callback itself. Asked on the redirect URI page only.
 */
export async function popupCallbackRelayed(): Promise<boolean> {
  await relaying;
  // A chunk that fails to load counts as no answer.
  return import('./popup-callback.js').then(({ popupCallbackRelayed }) => popupCallbackRelayed()).catch(() => false);
}
