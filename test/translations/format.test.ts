import { expect } from '@open-wc/testing';
import { formatMessage } from '../../src/translations/format.js';

describe('formatMessage', () => {
  it('sets a value apart as a bidi isolate in a right-to-left language, so a phone number keeps its order', () => {
    const text = formatMessage('ar', 'تُرسل الرموز إلى {hint}.', { hint: '+44 •••• ••• 123' });
    expect(text).to.equal('تُرسل الرموز إلى \u2068+44 •••• ••• 123\u2069.');
    expect(formatMessage('he-IL', '{site}', { site: 'Acme' })).to.equal('\u2068Acme\u2069');
  });

  it('leaves values as they are in a left-to-right language, and writes numbers in the locale', () => {
    expect(formatMessage('en', 'We sent a code to {destination}.', { destination: 'a@example.com' })).to.equal('We sent a code to a@example.com.');
    expect(formatMessage('ar-EG', '{count}', { count: 12 })).to.equal(new Intl.NumberFormat('ar-EG').format(12));
  });
});
