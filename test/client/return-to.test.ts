import { expect } from '@open-wc/testing';
import { validateReturnTo } from '../../src/client/return-to.js';

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
