import { expect } from '@open-wc/testing';
import { redirectReturnTarget, validateReturnTo } from '../../src/client/return-to.js';

const origin = 'https://shop.example';

describe('validateReturnTo()', () => {
  it('keeps paths and URLs on this origin', () => {
    expect(validateReturnTo('/account?tab=orders', { origin })).to.equal('https://shop.example/account?tab=orders');
    expect(validateReturnTo('https://shop.example/cart', { origin })).to.equal('https://shop.example/cart');
  });

  it('keeps an origin the site allowed, exactly', () => {
    const options = { origin, allowedOrigins: ['https://help.shop.example'] };
    expect(validateReturnTo('https://help.shop.example/faq', options)).to.equal('https://help.shop.example/faq');
    expect(validateReturnTo('https://evil.help.shop.example/faq', options)).to.equal(undefined);
  });

  // reliability.md P12 and the OWASP unvalidated-redirects cheat sheet.
  const hostile = [
    'javascript:alert(1)',
    'JaVaScRiPt:alert(1)',
    'java\tscript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    '//evil.example/path',
    '/\\evil.example',
    '\\\\evil.example',
    'https://shop.example@evil.example/',
    'https://shop.example.evil.example/',
    'https://evil.example/https://shop.example/',
    'http://shop.example/',
  ];
  for (const value of hostile) {
    it(`refuses ${JSON.stringify(value)}`, () => {
      expect(validateReturnTo(value, { origin })).to.equal(undefined);
    });
  }

  it('treats an empty value as no return address', () => {
    expect(validateReturnTo('', { origin })).to.equal(undefined);
    expect(validateReturnTo(undefined, { origin })).to.equal(undefined);
  });
});

describe('redirectReturnTarget()', () => {
  const redirectUri = 'https://shop.example/callback';

  it('returns the customer to the page where the sign-in started, query included', () => {
    expect(redirectReturnTarget({ startedAt: 'https://shop.example/plain.html?x=1', redirectUri, origin })).to.equal(
      'https://shop.example/plain.html?x=1',
    );
  });

  it("prefers the site's returnTo, and falls back to the start page when that is refused", () => {
    const startedAt = 'https://shop.example/cart';
    expect(redirectReturnTarget({ returnTo: '/orders', startedAt, redirectUri, origin })).to.equal('https://shop.example/orders');
    expect(redirectReturnTarget({ returnTo: '//evil.example/steal', startedAt, redirectUri, origin })).to.equal(startedAt);
  });

  it('stays on the callback page when the sign-in started there', () => {
    expect(redirectReturnTarget({ startedAt: 'https://shop.example/callback?error=access_denied', redirectUri, origin })).to.equal(undefined);
  });
});
