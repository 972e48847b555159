import { expect } from '@open-wc/testing';
import { siteIdentity } from '../../src/trust/registrable-domain.js';

// The site identity <latch-login> and <latch-trust-panel> show (profile §26): the registrable domain by the
// Public Suffix List (tldts, private section included), the rest of the host in front of it, IDNs in Unicode.

describe('siteIdentity', () => {
  it('singles out the registrable domain under a multi-label public suffix', () => {
    expect(siteIdentity('shop.acme.co.uk')).to.deep.equal({ registrable: 'acme.co.uk', rest: 'shop.', kind: 'domain' });
  });

  it('reads a look-alike by its real registrable domain', () => {
    expect(siteIdentity('acme.com.evil.example')).to.deep.include({ registrable: 'evil.example', rest: 'acme.com.' });
    expect(siteIdentity('login.acme.com-secure.net')).to.deep.include({ registrable: 'com-secure.net', rest: 'login.acme.' });
  });

  it('keeps every label of a deep subdomain in the rest', () => {
    expect(siteIdentity('a.b.c.d.acme.com')).to.deep.include({ registrable: 'acme.com', rest: 'a.b.c.d.' });
  });

  it('treats a private suffix as a suffix: one github.io site is not another', () => {
    expect(siteIdentity('acme.github.io')).to.deep.include({ registrable: 'acme.github.io', rest: '' });
  });

  it('shows an IDN in Unicode and keeps the punycode for a tooltip', () => {
    expect(siteIdentity('www.xn--mnchen-3ya.de')).to.deep.equal({
      registrable: 'münchen.de',
      rest: 'www.',
      ascii: 'www.xn--mnchen-3ya.de',
      kind: 'domain',
    });
    expect(siteIdentity('xn--80ak6aa92e.com')).to.deep.include({ registrable: 'аррӏе.com', ascii: 'xn--80ak6aa92e.com' });
  });

  it('shows an IP address and a local name whole', () => {
    expect(siteIdentity('127.0.0.1')).to.deep.equal({ registrable: '127.0.0.1', rest: '', kind: 'ip' });
    expect(siteIdentity('[::1]')).to.deep.include({ registrable: '[::1]', kind: 'ip' });
    expect(siteIdentity('localhost')).to.deep.equal({ registrable: 'localhost', rest: '', kind: 'local' });
  });

  it('ignores case and a trailing dot', () => {
    expect(siteIdentity('Shop.ACME.co.uk.')).to.deep.include({ registrable: 'acme.co.uk', rest: 'shop.' });
  });
});
