import { POPUP_CALLBACK_TYPE } from './client/popup-channel.js';
import { tabStorage, TRANSACTION_KEY } from './client/tab-storage.js';

let relayed: Promise<boolean> = Promise.resolve(false);

/**
 * On the redirect URI page inside a sign-in popup: hand the callback URL to the page that opened the
 * popup, at this exact origin only, and close. The opener checks it (`iss`, `state`) and redeems the code;
 * this page does nothing else with it. A page may be a popup's callback when this tab started no redirect
 * with that `state` (a full-page redirect keeps its transaction in the tab). With a same-origin
 * `window.opener`: by `postMessage`, and this returns true. Without one (a page on the way sent
 * `Cross-Origin-Opener-Policy`, which severs it), this returns false and offers the URL on the
 * BroadcastChannel named for the `state`; {@link popupCallbackRelayed} says whether an opener took it.
 * The window name is not relied on: browsers may clear it on cross-site navigation.
 */
export function relayPopupCallback(): boolean {
  const params = new URLSearchParams(location.search);
  const state = params.get('state');
  if (!state || !(params.has('code') || params.has('error'))) return false;
  // Storage blocked: no redirect transaction can exist in this tab either.
  if (tabStorage()?.getItem(TRANSACTION_KEY + state) != null) return false;
  const message = { type: POPUP_CALLBACK_TYPE, url: location.href };
  if (sameOriginOpener()) {
    (window.opener as Window).postMessage(message, location.origin);
    window.close();
    relayed = Promise.resolve(true);
    return true;
  }
  if (!window.opener && typeof BroadcastChannel === 'function') {
    // Rare (COOP on a page on the way), so its code loads only then; a chunk that fails to load counts as no answer.
    relayed = import('./popup-channel-offer.js').then(({ offerOnChannel }) => offerOnChannel(state, message)).catch(() => false);
  }
  return false;
}

/**
 * Whether the callback on this page went to a popup's opener over the channel (this window then closes);
 * false when nobody answered: the page is no popup's, and finishes or refuses the callback itself.
 */
export function popupCallbackRelayed(): Promise<boolean> {
  return relayed;
}

function sameOriginOpener(): boolean {
  try {
    return Boolean(window.opener) && (window.opener as Window).location.origin === location.origin;
  } catch {
    return false;
  }
}
