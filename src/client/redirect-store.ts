import { LatchError, LatchErrorCode } from './errors.js';
import type { RedirectTransaction } from './oidc.js';
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

/**
 * Waits for the popup's callback page to post its URL. Only a message from that very window, from this
 * exact origin, shaped `{ type: 'latchkey:callback', url }`, counts (reliability.md S25, P10); a closed
 * popup ends the wait (P9).
 */
export function waitForPopupCallback(
  popup: Window,
  signal?: AbortSignal,
  host: { window: ClientWindow; origin: string } = { window: globalThis, origin: location.origin },
): Promise<URL> {
  return new Promise((resolve, reject) => {
    let closing: ReturnType<typeof setTimeout> | undefined;
    const done = () => {
      clearInterval(watch);
      clearTimeout(closing);
      host.window.removeEventListener('message', onMessage);
      signal?.removeEventListener('abort', onAbort);
    };
    const onMessage = (event: MessageEvent) => {
      const data: unknown = event.data;
      if (event.source !== popup || event.origin !== host.origin) return;
      if (typeof data !== 'object' || data === null) return;
      const { type, url } = data as { type?: unknown; url?: unknown };
      if (type !== 'latchkey:callback' || typeof url !== 'string' || new URL(url).origin !== host.origin) return;
      done();
      resolve(new URL(url));
    };
    const onAbort = () => {
      done();
      reject(new LatchError(LatchErrorCode.ABORTED, 'Popup sign-in aborted'));
    };
    const watch = setInterval(() => {
      if (!popup.closed || closing !== undefined) return;
      // The callback page posts, then closes itself: its message may still be on the way when `closed`
      // turns true, so the popup counts as closed by the user only if nothing arrives shortly after.
      closing = setTimeout(() => {
        done();
        reject(new LatchError(LatchErrorCode.POPUP_CLOSED, 'The sign-in popup was closed'));
      }, 300);
    }, 400);
    host.window.addEventListener('message', onMessage);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
