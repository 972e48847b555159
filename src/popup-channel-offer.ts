import { popupChannelName, POPUP_CALLBACK_RECEIVED_TYPE } from './client/popup-channel.js';

/** How long a callback page without `window.opener` waits for an opener to answer on the channel. */
const CHANNEL_ANSWER_MS = 1500;

/**
 * On a popup's callback page cut off from its opener (see popup-callback.ts): offers the callback on the
 * channel named for its `state`, and closes the window once the opener answers that it took it.
 */
export function offerOnChannel(state: string, message: { type: string; url: string }): Promise<boolean> {
  return new Promise((resolve) => {
    const channel = new BroadcastChannel(popupChannelName(state));
    const done = (taken: boolean) => {
      clearTimeout(timer);
      channel.close();
      if (taken) window.close();
      resolve(taken);
    };
    const timer = setTimeout(() => done(false), CHANNEL_ANSWER_MS);
    channel.addEventListener('message', (event: MessageEvent<{ type?: unknown } | null>) => {
      if (event.data?.type === POPUP_CALLBACK_RECEIVED_TYPE) done(true);
    });
    channel.postMessage(message);
  });
}
