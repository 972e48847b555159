import { expect } from '@open-wc/testing';
import { waitUntil } from '../../helpers/wait-until.js';
import '../../../src/components/login/login.js';
import type { LatchLogin } from '../../../src/components/login/login.component.js';
import type { LatchClient } from '../../../src/client/client.js';

/** A client that records which of its methods were called; its requests never answer. */
function recordingClient(): { client: LatchClient; calls: string[] } {
  const calls: string[] = [];
  const client = new Proxy({} as Record<string, unknown>, {
    get(_, name) {
      if (name === 'issuer') return 'https://id.example.com';
      if (name === 'clientId') return `web-${calls.length}-${Math.random()}`;
      if (name === 'then' || typeof name !== 'string') return undefined;
      return (): unknown => {
        calls.push(name);
        if (name === 'onSessionChange' || name === 'onStepUp') return () => undefined;
        if (name === 'isRedirectCallback') return false;
        return new Promise(() => undefined);
      };
    },
  }) as unknown as LatchClient;
  return { client, calls };
}

function login(client: LatchClient): LatchLogin {
  const element = document.createElement('latch-login') as LatchLogin;
  element.client = client;
  return element;
}

describe('<latch-login> removed from the page', () => {
  it('starts nothing when removed before its deferred start (fault N8)', async () => {
    const removed = recordingClient();
    const kept = recordingClient();
    const early = login(removed.client);
    document.body.append(early);
    await early.updateComplete;
    early.remove();
    // A second element, added after: its start is scheduled after the first one's, so once it has started,
    // the removed element's start has had its turn.
    const late = login(kept.client);
    document.body.append(late);
    try {
      await waitUntil(() => kept.calls.includes('onSessionChange'), 'the element on the page starts');
      expect(removed.calls).to.deep.equal([]);
    } finally {
      late.remove();
    }
  });
});
