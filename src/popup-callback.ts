import { tabStorage, TRANSACTION_KEY } from './client/tab-storage.js';

/** The window name a sign-in popup is opened with. */
export const POPUP_NAME = 'latchkey-popup';

/**
 * On the redirect URI page inside a sign-in popup: post the callback URL to the opener, at this exact
 * origin only, and close. The opener checks it (`iss`, `state`) and redeems the code; this page does
 * nothing else with it. A page is a popup's callback when a same-origin window opened it and this tab
 * started no redirect with that `state` (a full-page redirect keeps its transaction in the tab). The
 * window name is not relied on: browsers may clear it on cross-site navigation.
 */
export function relayPopupCallback(): boolean {
  const params = new URLSearchParams(location.search);
  const state = params.get('state');
  if (!state || !(params.has('code') || params.has('error')) || !sameOriginOpener()) return false;
  // Storage blocked: no redirect transaction can exist in this tab either.
  if (tabStorage()?.getItem(TRANSACTION_KEY + state) != null) return false;
  (window.opener as Window).postMessage({ type: 'latchkey:callback', url: location.href }, location.origin);
  window.close();
  return true;
}

function sameOriginOpener(): boolean {
  try {
    return Boolean(window.opener) && (window.opener as Window).location.origin === location.origin;
  } catch {
    return false;
  }
}
