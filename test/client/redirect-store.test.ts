import { expect } from '@open-wc/testing';
import { LatchError, LatchErrorCode } from '../../src/client/errors.js';
import { popupChannelName } from '../../src/client/popup-channel.js';
import { waitForPopupCallback } from '../../src/client/redirect-store.js';

// Real popups in real Chromium. One opened on another origin (127.0.0.1 instead of localhost) and closed
// looks, from here, exactly like one that Cross-Origin-Opener-Policy cut off: closed, and unreadable.

const OTHER_ORIGIN = location.href.replace('//localhost', '//127.0.0.1');

function post(state: string, url: string): void {
  const channel = new BroadcastChannel(popupChannelName(state));
  channel.postMessage({ type: 'latchkey:callback', url });
  channel.close();
}

async function closedOnAnotherOrigin(): Promise<Window> {
  const popup = window.open(OTHER_ORIGIN, 'latchkey-test', 'popup')!;
  // Wait until it left this origin (reading it throws), then close it.
  await new Promise<void>((resolve) => {
    const check = setInterval(() => {
      try {
        void popup.location.href;
      } catch {
        clearInterval(check);
        resolve();
      }
    }, 20);
  });
  popup.close();
  return popup;
}

describe('waitForPopupCallback()', () => {
  it("takes the callback on the channel named for its state, and answers so the popup can close", async () => {
    const popup = window.open('about:blank', 'latchkey-test', 'popup')!;
    const answers: unknown[] = [];
    const listener = new BroadcastChannel(popupChannelName('s1'));
    listener.onmessage = (event) => answers.push(event.data);
    const waiting = waitForPopupCallback(popup, 's1');
    post('s1', `${location.origin}/callback?code=c&state=s1`);
    const url = await waiting;
    popup.close();
    expect(url.searchParams.get('code')).to.equal('c');
    await new Promise((resolve) => setTimeout(resolve, 50));
    listener.close();
    expect(answers).to.deep.include({ type: 'latchkey:callback-received' });
  });

  it('ignores a URL for another state, another origin, or the wrong shape', async () => {
    const popup = window.open('about:blank', 'latchkey-test', 'popup')!;
    const waiting = waitForPopupCallback(popup, 's2');
    post('s2', `${location.origin}/callback?code=forged&state=other`);
    post('s2', `https://evil.example/callback?code=forged&state=s2`);
    const channel = new BroadcastChannel(popupChannelName('s2'));
    channel.postMessage({ type: 'latchkey:callback', url: 42 });
    channel.postMessage('latchkey:callback');
    channel.close();
    post('s2', `${location.origin}/callback?code=real&state=s2`);
    const url = await waiting;
    popup.close();
    expect(url.searchParams.get('code')).to.equal('real');
  });

  it('a popup closed while it showed this origin is closed', async () => {
    const popup = window.open('about:blank', 'latchkey-test', 'popup')!;
    const waiting = waitForPopupCallback(popup, 's3');
    popup.close();
    const error = await waiting.catch((caught: unknown) => caught);
    expect((error as LatchError).code).to.equal(LatchErrorCode.POPUP_CLOSED);
  });

  it('a popup out of sight may still send its callback on the channel', async () => {
    const popup = await closedOnAnotherOrigin();
    const waiting = waitForPopupCallback(popup, 's4');
    // Past the close check (400 ms) and its grace (300 ms): still waiting.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    post('s4', `${location.origin}/callback?code=late&state=s4`);
    expect((await waiting).searchParams.get('code')).to.equal('late');
  });

  it('a popup out of sight counts as closed once this window gets the focus back', async () => {
    const popup = await closedOnAnotherOrigin();
    const waiting = waitForPopupCallback(popup, 's5');
    await new Promise((resolve) => setTimeout(resolve, 1000));
    // Headless Chromium moves no focus between windows; this event stands in for the window manager's.
    window.dispatchEvent(new FocusEvent('focus'));
    const error = await waiting.catch((caught: unknown) => caught);
    expect(error).to.be.instanceOf(LatchError);
    expect((error as LatchError).code).to.equal(LatchErrorCode.POPUP_CLOSED);
  });
});
