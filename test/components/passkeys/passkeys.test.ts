import { expect, fixture, html } from '@open-wc/testing';
import { waitUntil } from '../../helpers/wait-until.js';
import { sendKeys } from '@web/test-runner-commands';
import '../../../src/components/passkeys/passkeys.js';
import type { LatchPasskeys } from '../../../src/components/passkeys/passkeys.component.js';
import { createClient } from '../../../src/client/client.js';
import { memoryStore } from '../../../src/client/storage.js';
import { accountDiscovery, ISSUER, json } from '../../helpers/account-backend.js';

// The element's behaviour for a user: what is shown, what the keyboard does, where focus goes, what is
// announced. The passkeys resource is answered in the page (the e2e suite runs against the real backend).

const NOW = Math.floor(Date.now() / 1000);

interface Stored {
  id: string;
  name: string;
  created_at: number;
  last_used_at: number | null;
  synced: boolean;
}

function backend(initial: Stored[], options: { failList?: boolean } = {}) {
  let passkeys = [...initial];
  const sent: string[] = [];
  const fetchImpl: typeof fetch = async (input, init) => {
    const url = new URL(String(input));
    const method = init?.method ?? 'GET';
    if (url.pathname === '/.well-known/openid-configuration') return accountDiscovery();
    sent.push(`${method} ${url.pathname}${init?.body ? ` ${String(init.body)}` : ''}`);
    const id = decodeURIComponent(url.pathname.split('/')[2] ?? '');
    if (method === 'GET') {
      if (options.failList) return json(500, { error: 'server_error' });
      return json(200, { rp_id: 'id.example.com', user: { id: 'dXNlcg', name: 'amy@example.com', display_name: 'Amy' }, passkeys });
    }
    if (method === 'PATCH') {
      const { name } = JSON.parse(String(init?.body)) as { name: string };
      passkeys = passkeys.map((p) => (p.id === id ? { ...p, name } : p));
      return json(200, passkeys.find((p) => p.id === id));
    }
    if (method === 'DELETE') {
      passkeys = passkeys.filter((p) => p.id !== id);
      return new Response(null, { status: 204 });
    }
    return json(404, { error: 'not_found' });
  };
  const client = createClient({ issuer: ISSUER, clientId: 'web', fetch: fetchImpl, storage: memoryStore() });
  return { client, sent };
}

const LAPTOP: Stored = { id: 'AAAA', name: 'Work laptop', created_at: NOW - 3 * 86_400, last_used_at: NOW - 3600, synced: false };
const PHONE: Stored = { id: 'BBBB', name: 'iCloud Keychain', created_at: NOW - 40 * 86_400, last_used_at: null, synced: true };

async function mount(passkeys: Stored[], options: { failList?: boolean } = {}) {
  const { client, sent } = backend(passkeys, options);
  const element = await fixture<LatchPasskeys>(html`<latch-passkeys .client=${client} theme="light"></latch-passkeys>`);
  await waitUntil(() => element.querySelector('section[aria-busy="false"]'), 'the list loaded');
  await element.updateComplete;
  return { element, sent };
}

const items = (element: LatchPasskeys) => [...element.querySelectorAll<HTMLElement>('li.latch-item')];
const live = (element: LatchPasskeys, role: 'status' | 'alert') => element.shadowRoot!.querySelector(`[role="${role}"]`)!.textContent ?? '';
const button = (root: ParentNode, name: string) =>
  [...root.querySelectorAll('button')].find((b) => b.textContent?.trim() === name) as HTMLButtonElement;

describe('<latch-passkeys>', () => {
  it('lists each passkey with its name, when it was created and last used, and where it lives', async () => {
    const { element } = await mount([LAPTOP, PHONE]);
    const [laptop, phone] = items(element);
    expect(laptop!.querySelector('h3')!.textContent).to.equal('Work laptop');
    expect(laptop!.textContent).to.contain('3 days ago').and.contain('1 hour ago').and.contain('This device only');
    expect(phone!.textContent).to.contain('Never').and.contain('Synced across your devices');
    expect(laptop!.querySelector('time')!.getAttribute('datetime')).to.equal(new Date(LAPTOP.created_at * 1000).toISOString());
    await expect(element).to.be.accessible();
  });

  it('renames from the keyboard: Enter saves, focus returns to Rename, the change is announced', async () => {
    const { element, sent } = await mount([LAPTOP]);
    button(element, 'Rename').focus();
    await sendKeys({ press: 'Enter' });
    await element.updateComplete;
    const input = element.querySelector<HTMLInputElement>('input[name="passkey-name"]')!;
    expect(document.activeElement).to.equal(input);
    expect(input.getRootNode()).to.equal(document);
    expect(input.form).to.be.instanceOf(HTMLFormElement);
    await expect(element).to.be.accessible();
    await sendKeys({ press: 'Control+A' });
    await sendKeys({ type: 'Desk key' });
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => live(element, 'status').includes('Passkey renamed.'));
    expect(sent).to.include('PATCH /passkeys/AAAA {"name":"Desk key"}');
    expect(items(element)[0]!.querySelector('h3')!.textContent).to.equal('Desk key');
    expect((document.activeElement as HTMLElement).textContent?.trim()).to.equal('Rename');
  });

  it('Escape cancels a rename without sending anything, and focus goes back to Rename', async () => {
    const { element, sent } = await mount([LAPTOP]);
    button(element, 'Rename').click();
    await element.updateComplete;
    await sendKeys({ type: 'nope' });
    await sendKeys({ press: 'Escape' });
    await element.updateComplete;
    expect(element.querySelector('input[name="passkey-name"]')).to.equal(null);
    expect(sent.filter((r) => r.startsWith('PATCH'))).to.deep.equal([]);
    expect((document.activeElement as HTMLElement).textContent?.trim()).to.equal('Rename');
  });

  it('asks before removing, removes, announces it, and shows the empty state', async () => {
    const { element, sent } = await mount([LAPTOP]);
    button(element, 'Remove').click();
    await element.updateComplete;
    expect(element.textContent).to.contain('Remove “Work laptop”?').and.contain('This is your last passkey');
    expect((document.activeElement as HTMLElement).textContent?.trim()).to.equal('Remove passkey');
    await expect(element).to.be.accessible();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => live(element, 'status').includes('Passkey “Work laptop” removed.'));
    expect(sent).to.include('DELETE /passkeys/AAAA');
    expect(items(element)).to.have.length(0);
    expect(element.textContent).to.contain("You don't have any passkeys yet.");
    expect(document.activeElement?.tagName).to.equal('H2');
  });

  it('announces a failure to load and offers to try again', async () => {
    const { element } = await mount([LAPTOP], { failList: true });
    await waitUntil(() => live(element, 'alert').length > 0);
    expect(live(element, 'alert')).to.contain('Something went wrong');
    expect(button(element, 'Try again')).to.exist;
    await expect(element).to.be.accessible();
  });
});
