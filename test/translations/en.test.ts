import { expect } from '@open-wc/testing';
import { LatchErrorCode } from '../../src/client/errors.js';
import { en, registerTranslation, translationFor, type Translation } from '../../src/translations/index.js';

describe('translations', () => {
  it('words every error code, except the silent abort', () => {
    for (const code of Object.values(LatchErrorCode)) {
      const message = en.errors[code]({ retryAfter: 30, attemptsRemaining: 2, minLength: 15 });
      if (code === LatchErrorCode.ABORTED) expect(message, code).to.equal('');
      else expect(message.length, code).to.be.greaterThan(10);
    }
  });

  it('words wrong-password and unknown-account the same (no enumeration, ASVS 5 6.3.8)', () => {
    expect(en.errors.LATCH_INVALID_CREDENTIALS({})).to.not.match(/no account|not found|unknown/i);
  });

  it('falls back from a region to its language, then to English', () => {
    const pseudo: Translation = { ...en, $code: 'xx', continue: '[Çöñţîñûé]' };
    registerTranslation(pseudo);
    expect(translationFor('xx-YY').continue).to.equal('[Çöñţîñûé]');
    expect(translationFor('de-DE').continue).to.equal('Continue');
    expect(translationFor(undefined).$code).to.equal('en');
  });
});
