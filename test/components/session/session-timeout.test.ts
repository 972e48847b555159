import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { waitUntil } from '../../helpers/wait-until.js';
import { sendKeys } from '@web/test-runner-commands';
import type { LatchClient, SessionChange } from '../../../src/client/client.js';
import { LatchError, LatchErrorCode } from '../../../src/client/errors.js';
import type { SignOutReason } from '../../../src/client/session-channel.js';
import '../../../src/components/session/session-timeout.js';
import type { LatchSessionTimeout } from '../../../src/components/session/session-timeout.component.js';
import type { SessionStatus } from '../../../src/protocol/index.js';

/** A client whose session the test writes: `expiresIn` seconds from now, or ended, or unreachable. */
class FakeClient {
  readonly issuer = 'https://id.example.com';
  readonly clientId = `web-${Math.random()}`;
  expiresIn = 900;
  active = true;
  reachable = true;
  extended = 0;
  signedOut: SignOutReason[] = [];
  listeners = new Set<(change: SessionChange) => void>();
  /** How many times the session was read. */
  reads = 0;

  status(): SessionStatus {
    if (!this.active) return { active: false };
    return {
      active: true,
      user: { sub: 'u1', email: 'amy@example.com' },
      idle_expires_at: Math.floor(Date.now() / 1000) + this.expiresIn,
      idle_timeout: 900,
    };
  }
  getSession = async (): Promise<SessionStatus> => {
    this.reads++;
    if (!this.reachable) throw new LatchError(LatchErrorCode.NETWORK, 'offline');
    return this.status();
  };

  /** Reads the first session answer at once but holds it back until the returned function is called: a check on its way. */
  holdFirstAnswer(): () => void {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const read = this.getSession;
    this.getSession = async () => {
      const first = this.reads === 0;
      const answer = await read();
      if (first) await held;
      return answer;
    };
    return release;
  }
  extendSession = async (): Promise<SessionStatus> => {
    if (!this.reachable) throw new LatchError(LatchErrorCode.NETWORK, 'offline');
    this.extended++;
    this.expiresIn = 900;
    return this.status();
  };
  signOut = async ({ reason = 'user' }: { reason?: SignOutReason } = {}): Promise<void> => {
    this.signedOut.push(reason);
    this.active = false;
    for (const listener of this.listeners) listener({ type: 'signed-out', reason, remote: false });
  };
  onSessionChange = (listener: (change: SessionChange) => void) => {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  };
  serverTimeOffset = () => 0;
  emit(change: SessionChange): void {
    for (const listener of this.listeners) listener(change);
  }
}

async function mount(client: FakeClient): Promise<LatchSessionTimeout> {
  const element = await fixture<LatchSessionTimeout>(
    html`<latch-session-timeout .client=${client as unknown as LatchClient} theme="light"></latch-session-timeout>`,
  );
  await element.updateComplete;
  return element;
}

const dialogOf = (element: LatchSessionTimeout) => element.shadowRoot!.querySelector('dialog')!;
const text = (element: LatchSessionTimeout) => dialogOf(element).textContent!.replace(/\s+/g, ' ');
const activeButton = (element: LatchSessionTimeout) => element.shadowRoot!.activeElement as HTMLButtonElement | null;

describe('<latch-session-timeout>', () => {
  it('stays out of sight while the deadline is far', async () => {
    const client = new FakeClient();
    const element = await mount(client);
    await waitUntil(() => client.listeners.size === 1);
    await element.updateComplete;
    expect(dialogOf(element).open).to.equal(false);
  });

  it('shows nothing and never signs out for a backend without an idle timeout (profile §16: idle_* omitted)', async () => {
    const client = new FakeClient();
    // better-auth has no idle timeout: an active session without idle_expires_at / idle_timeout.
    client.status = () => ({ active: true, user: { sub: 'u1', email: 'amy@example.com' } });
    const element = await mount(client);
    await waitUntil(() => element.watching, 'it follows the signed-in session');
    await element.updateComplete;
    expect(dialogOf(element).open).to.equal(false);
    expect(getComputedStyle(dialogOf(element)).display).to.equal('none');
    expect(client.signedOut).to.deep.equal([]);
    expect(client.extended).to.equal(0);
  });

  it('starts watching after a sign-in that happened while its first check was still on its way', async () => {
    const client = new FakeClient();
    client.active = false;
    // The first answer (signed out) is held back until after the sign-in.
    const release = client.holdFirstAnswer();
    const element = await mount(client);
    await waitUntil(() => client.reads === 1 && client.listeners.size === 1, 'the first check is on its way');
    client.active = true;
    client.emit({ type: 'signed-in', remote: false });
    release();
    await waitUntil(() => element.watching, 'it watches the new session');
    expect(client.reads).to.equal(2);
  });

  it('says "You signed out in another tab" when that happened while its first check was on its way', async () => {
    const client = new FakeClient();
    // The first answer (signed in) is read, then held back until after the other tab signed out.
    const release = client.holdFirstAnswer();
    const element = await mount(client);
    await waitUntil(() => client.reads === 1 && client.listeners.size === 1, 'the first check is on its way');
    client.active = false;
    client.emit({ type: 'signed-out', reason: 'user', remote: true });
    const ended = oneEvent(element, 'latch-session-ended');
    release();
    expect((await ended).detail).to.deep.equal({ reason: 'user', remote: true });
    await element.updateComplete;
    expect(element.watching).to.equal(false);
    expect(text(element)).to.contain('You signed out in another tab.');
  });

  it('warns inside the last two minutes, focuses "Stay signed in", and Enter extends the session', async () => {
    const client = new FakeClient();
    client.expiresIn = 100;
    const element = await mount(client);
    await waitUntil(() => dialogOf(element).open, 'the warning opens');
    expect(dialogOf(element).getAttribute('role')).to.equal('alertdialog');
    expect(text(element)).to.match(/Are you still there\?.*You'll be signed out in 1:(39|40)\./);
    expect(activeButton(element)?.textContent?.trim()).to.equal('Stay signed in');
    await expect(element).to.be.accessible();

    const extended = oneEvent(element, 'latch-session-extended');
    await sendKeys({ press: 'Enter' });
    await extended;
    expect(client.extended).to.equal(1);
    await waitUntil(() => !dialogOf(element).open, 'the warning closes');
  });

  it('names its parts, and draws the dialog and its buttons from the dialog, button and density tokens', async () => {
    const client = new FakeClient();
    client.expiresIn = 100;
    const wrapper = await fixture<HTMLDivElement>(
      html`<div style="--latch-dialog-radius: 3px; --latch-density: 1.15; --latch-color-primary: #0a6b3f">
        <latch-session-timeout .client=${client as unknown as LatchClient} theme="light"></latch-session-timeout>
      </div>`,
    );
    const element = wrapper.querySelector<LatchSessionTimeout>('latch-session-timeout')!;
    await waitUntil(() => dialogOf(element).open, 'the warning opens');
    const part = (name: string) => element.shadowRoot!.querySelector<HTMLElement>(`[part~="${name}"]`)!;
    expect(part('dialog-title').textContent).to.equal('Are you still there?');
    expect(part('button-primary').textContent).to.equal('Stay signed in');
    expect(part('button-secondary').textContent).to.equal('Sign out');
    expect(part('countdown')).to.exist;
    expect(getComputedStyle(part('dialog')).borderTopLeftRadius).to.equal('3px');
    expect(getComputedStyle(part('button-primary')).backgroundColor).to.equal('rgb(10, 107, 63)');
    expect(part('button-primary').getBoundingClientRect().height).to.be.closeTo(44 * 1.15, 0.5);
  });

  it('keeps the warning and says so when the extension cannot reach the backend', async () => {
    const client = new FakeClient();
    client.expiresIn = 100;
    const element = await mount(client);
    await waitUntil(() => dialogOf(element).open);
    client.reachable = false;
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => text(element).includes("We couldn't reach the server"));
    expect(dialogOf(element).open).to.equal(true);
  });

  it('signs out at the deadline, backend or not, and says it was for inactivity', async () => {
    const client = new FakeClient();
    client.expiresIn = 2;
    const element = await mount(client);
    await waitUntil(() => dialogOf(element).open);
    client.reachable = false;
    const ended = await oneEvent(element, 'latch-session-ended');
    expect(ended.detail).to.deep.equal({ reason: 'idle', remote: false });
    expect(client.signedOut).to.deep.equal(['idle']);
    await element.updateComplete;
    expect(text(element)).to.contain('You were signed out because you were inactive.');
    expect(element.shadowRoot!.querySelector('[role="status"]')!.textContent).to.contain('inactive');
    expect(activeButton(element)?.textContent?.trim()).to.equal('OK');
    await expect(element).to.be.accessible();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => !dialogOf(element).open);
  });

  it('says "You signed out in another tab" when another tab signs out, and nothing when this page did', async () => {
    const client = new FakeClient();
    const element = await mount(client);
    await waitUntil(() => client.listeners.size === 1);
    await element.updateComplete;
    // The first session check landed: it watches the signed-in session.
    await waitUntil(() => element.watching, 'watches the session');
    const ended = oneEvent(element, 'latch-session-ended');
    client.emit({ type: 'signed-out', reason: 'user', remote: true });
    expect((await ended).detail).to.deep.equal({ reason: 'user', remote: true });
    await element.updateComplete;
    expect(text(element)).to.contain('You signed out in another tab.');
    await sendKeys({ press: 'Escape' });
    await waitUntil(() => !dialogOf(element).open);

    // Signed in again elsewhere: watching again; then signed out on this page: no message.
    client.active = true;
    client.emit({ type: 'signed-in', remote: true });
    await waitUntil(() => element.watching, 'watches the new session');
    client.emit({ type: 'signed-out', reason: 'user', remote: false });
    // It stopped watching (the sign-out reached it) and drew that state: no message opened.
    await waitUntil(() => !element.watching, 'stops watching');
    await element.updateComplete;
    expect(dialogOf(element).open).to.equal(false);
  });

  it('moves its deadline when another tab extends the session, closing its warning', async () => {
    const client = new FakeClient();
    client.expiresIn = 100;
    const element = await mount(client);
    await waitUntil(() => dialogOf(element).open);
    client.emit({ type: 'extended', idleExpiresAt: Math.floor(Date.now() / 1000) + 900, remote: true });
    await waitUntil(() => !dialogOf(element).open);
  });

  it('notices a session ended elsewhere when the page comes back into view', async () => {
    const client = new FakeClient();
    const element = await mount(client);
    await waitUntil(() => element.watching, 'watches the session');
    client.active = false;
    const ended = oneEvent(element, 'latch-session-ended');
    window.dispatchEvent(new Event('focus'));
    expect((await ended).detail).to.deep.equal({ reason: 'ended', remote: false });
    await element.updateComplete;
    expect(text(element)).to.contain('Your session ended. Sign in again to continue.');
    // The client's state is cleared and other tabs told, without asking the backend again.
    expect(client.signedOut).to.deep.equal(['ended']);
  });
});
