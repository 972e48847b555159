// What a popup's callback page and the page that opened the popup agree on (see popup-callback.ts and
// redirect-store.ts). Tiny and dependency-free: the callback page loads it with the entry script.

/** The `type` of the message that carries a popup's callback URL. */
export const POPUP_CALLBACK_TYPE = 'latchkey:callback';

/** The `type` of the opener's answer on the channel: it took the callback, so the popup may close. */
export const POPUP_CALLBACK_RECEIVED_TYPE = 'latchkey:callback-received';

/**
 * The BroadcastChannel a popup's callback page posts on when it has no `window.opener` (a page on the way
 * sent `Cross-Origin-Opener-Policy`, which severs it): named for the transaction's `state`, which only the
 * opener knows. BroadcastChannel reaches only this origin's pages (HTML §9.5).
 */
export function popupChannelName(state: string): string {
  return `latchkey:callback:${state}`;
}
