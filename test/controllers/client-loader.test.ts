import { expect } from '@open-wc/testing';
import type { LatchClient } from '../../src/client/client.js';
import { backendOf, type BackendSource } from '../../src/controllers/client-loader.js';

/** A stand-in element with the attributes every Latchkey element has (registered under its own tag). */
class Declared extends HTMLElement implements BackendSource {
  issuer = '';
  clientId = '';
  client?: LatchClient;
}
customElements.define('test-backend-source', Declared);

function element(issuer = '', clientId = ''): Declared {
  const made = document.createElement('test-backend-source') as Declared;
  made.issuer = issuer;
  made.clientId = clientId;
  return made;
}

/** A `<latch-login>` stand-in: only its tag name and attributes matter to the lookup. */
function login(issuer: string, clientId: string, client?: LatchClient): HTMLElement {
  return Object.assign(document.createElement('latch-login'), { issuer, clientId, client });
}

describe('how an element finds its backend', () => {
  it('uses its own issuer and client id, resolved against the page address', () => {
    expect(backendOf(element('https://id.example.com', 'web'))).to.deep.equal({
      issuer: 'https://id.example.com/',
      clientId: 'web',
      client: undefined,
    });
    expect(backendOf(element('/', 'web')).issuer).to.equal(`${location.origin}/`);
  });

  it("defaults to this page's origin, the same for every element", () => {
    expect(backendOf(element()).issuer).to.equal(`${location.origin}/`);
  });

  it('takes what it leaves out from the <latch-login> it sits in, also across a shadow root', () => {
    const client = { issuer: 'https://id.example.com', clientId: 'web' } as unknown as LatchClient;
    const outer = login('https://id.example.com', 'web', client);
    const shadowHost = document.createElement('div');
    outer.append(shadowHost);
    const inside = element();
    shadowHost.attachShadow({ mode: 'open' }).append(inside);
    expect(backendOf(inside)).to.deep.equal({ issuer: 'https://id.example.com/', clientId: 'web', client });
    // An element that names its own backend does not borrow the login's client.
    const own = element('https://other.example.com', 'app');
    outer.append(own);
    expect(backendOf(own)).to.deep.equal({ issuer: 'https://other.example.com/', clientId: 'app', client: undefined });
  });

  it('is not moved by a <base href> (fault E10)', () => {
    const base = document.createElement('base');
    base.href = 'https://elsewhere.example/';
    document.head.append(base);
    try {
      expect(backendOf(element('/', 'web')).issuer).to.equal(`${location.origin}/`);
    } finally {
      base.remove();
    }
  });
});
