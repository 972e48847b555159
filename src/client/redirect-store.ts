import * as z from 'zod/mini';
import { LatchError, LatchErrorCode } from './errors.js';
import type { RedirectTransaction } from './oidc.js';
import { popupChannelName, POPUP_CALLBACK_RECEIVED_TYPE, POPUP_CALLBACK_TYPE } from './popup-channel.js';
import { tabStorage, TRANSACTION_KEY } from './tab-storage.js';
import type { ClientWindow, TabStorage } from './types.js';

// Where a redirect sign-in waits for its callback. The transaction (state, nonce, PKCE verifier: no
// token, code or auth_session) stays in this tab's sessionStorage, so the callback must come back to the
// tab that started it; a popup's transaction never leaves the opener's memory.

const USED_KEY = 'latchkey:redirect-used:';

/** Whether a URL is an authorization callback (a `state` with a `code` or an `error`). */
export function isRedirectCallback(url: string): boolean {
  const params = new URL(url).searchParams;
  return params.has('state') && (params.has('code') || params.has('error'));
}

export function saveTransaction(transaction: RedirectTransaction, store: TabStorage | undefined = tabStorage()): void {
  store?.setItem(TRANSACTION_KEY + transaction.state, JSON.stringify(transaction));
}

/**
 * Takes the transaction a callback's `state` names. Single use: it is gone before anything is checked,
 * so a replayed callback (back button, reload) finds only the mark that it was used (reliability.md P6),
 * and one from another tab finds nothing (P7).
 */
export function takeTransaction(state: string, store: TabStorage | undefined = tabStorage()): RedirectTransaction {
  const saved = store?.getItem(TRANSACTION_KEY + state);
  store?.removeItem(TRANSACTION_KEY + state);
  if (!saved) {
    const replayed = store?.getItem(USED_KEY + state) === '1';
    throw new LatchError(
      replayed ? LatchErrorCode.CALLBACK_REPLAYED : LatchErrorCode.CALLBACK_UNKNOWN,
      replayed ? 'This callback was already used' : 'No sign-in was started in this tab',
    );
  }
  store?.setItem(USED_KEY + state, '1');
  return JSON.parse(saved) as RedirectTransaction;
}

/** The callback page's message, by `postMessage` or on the transaction's channel (see popup-callback.ts). */
const PopupCallbackMessage = z.object({ type: z.literal(POPUP_CALLBACK_TYPE), url: z.string() });

/** How long a popup that can no longer be seen (see below) may still send its callback. */
const LOST_SIGHT_MS = 10 * 60_000;

/**
 * Waits for the popup's callback page to send its URL: by `postMessage` from that very window, or, when a
 * page on the way sent `Cross-Origin-Opener-Policy` and severed `window.opener`, on the BroadcastChannel
 * named for this transaction's `state`. Either way only this exact origin counts, shaped
 * `{ type: 'latchkey:callback', url }` with a URL of this origin for this `state` (reliability.md S25, P10).
 *
 * A closed popup ends the wait (P9), but COOP makes a live popup look closed too (`closed` turns true and
 * its pages cannot be reached), and a popup closed on another origin's page looks the same. So a closed
 * popup still showing a page of this origin is closed; one out of sight may still send its callback on
 * the channel, until this window gets the focus back (as when the user closes the popup) or
 * {@link LOST_SIGHT_MS} passes.
 */
export function waitForPopupCallback(
  popup: Window,
  state: string,
  signal?: AbortSignal,
  host: { window: ClientWindow; origin: string } = { window: globalThis, origin: location.origin },
): Promise<URL> {
  return new Promise((resolve, reject) => {
    const channel = typeof BroadcastChannel === 'function' ? new BroadcastChannel(popupChannelName(state)) : undefined;
    const timers = new Set<ReturnType<typeof setTimeout>>();
    const later = (run: () => void, ms: number) => void timers.add(setTimeout(run, ms));
    const end = (settle: () => void) => {
      clearInterval(watch);
      for (const timer of timers) clearTimeout(timer);
      channel?.close();
      host.window.removeEventListener('message', onMessage);
      host.window.removeEventListener('focus', onFocus);
      signal?.removeEventListener('abort', onAbort);
      settle();
    };
    const accept = (event: MessageEvent) => {
      const url = callbackUrl(event, state, host.origin);
      if (!url) return;
      // The callback page waits for this answer before it closes (popup-callback.ts).
      if (event.target === channel) channel?.postMessage({ type: POPUP_CALLBACK_RECEIVED_TYPE });
      end(() => resolve(url));
    };
    const onMessage = (event: MessageEvent) => {
      if (event.source === popup) accept(event);
    };
    const closed = () => end(() => reject(new LatchError(LatchErrorCode.POPUP_CLOSED, 'The sign-in popup was closed')));
    const onFocus = () => later(closed, 1000);
    const onAbort = () => end(() => reject(new LatchError(LatchErrorCode.ABORTED, 'Popup sign-in aborted')));
    const watch = setInterval(() => {
      if (!popup.closed) return;
      clearInterval(watch);
      // The callback page posts, then closes itself: its message may still be on the way when `closed`
      // turns true, so the popup counts as closed by the user only if nothing arrives shortly after.
      later(() => {
        if (showsThisOrigin(popup)) return closed();
        host.window.addEventListener('focus', onFocus);
        later(closed, LOST_SIGHT_MS);
      }, 300);
    }, 400);
    channel?.addEventListener('message', accept);
    host.window.addEventListener('message', onMessage);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** The callback URL a message carries, if it is one for this transaction from this exact origin. */
function callbackUrl(event: MessageEvent, state: string, origin: string): URL | undefined {
  if (event.origin !== origin) return undefined;
  const message = PopupCallbackMessage.safeParse(event.data);
  if (!message.success) return undefined;
  try {
    const url = new URL(message.data.url);
    return url.origin === origin && url.searchParams.get('state') === state ? url : undefined;
  } catch {
    return undefined;
  }
}

/** Whether a window can still be read from here: then it was ours, not cut off by COOP nor on another origin. */
function showsThisOrigin(popup: Window): boolean {
  try {
    return popup.location.href !== undefined;
  } catch {
    return false;
  }
}
