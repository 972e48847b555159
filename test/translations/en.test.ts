import { expect } from '@open-wc/testing';
import { LatchErrorCode } from '../../src/client/errors.js';
import { errorText } from '../../src/translations/error-text.js';
import { compileTexts } from '../../src/translations/format.js';
import { registerTranslation } from '../../src/translations/index.js';
import { errorCounts, errors } from '../../src/translations/locales/en/errors.js';
import { bestLocale, lookup } from '../../src/translations/translation.js';

const english = {
  errors: compileTexts('en', errors, (key) => errors[key as LatchErrorCode]),
  errorCounts: compileTexts('en', errorCounts, (key) => errorCounts[key as keyof typeof errorCounts]),
};

describe('translations', () => {
  it('words every error code, except the silent abort', () => {
    for (const code of Object.values(LatchErrorCode)) {
      const message = errorText(english, code, { retryAfter: 30, attemptsRemaining: 2, minLength: 15 });
      if (code === LatchErrorCode.ABORTED) expect(message, code).to.equal('');
      else expect(message.length, code).to.be.greaterThan(10);
    }
  });

  it('words wrong-password and unknown-account the same (no enumeration, ASVS 5 6.3.8)', () => {
    expect(errorText(english, 'LATCH_INVALID_CREDENTIALS')).to.not.match(/no account|not found|unknown/i);
  });

  it('counts in whole sentences: one try, two tries, minutes rounded up', () => {
    expect(errorText(english, 'LATCH_INVALID_CODE', { attemptsRemaining: 1 })).to.equal("That code didn't work. 1 try left.");
    expect(errorText(english, 'LATCH_INVALID_CODE', { attemptsRemaining: 2 })).to.equal("That code didn't work. 2 tries left.");
    expect(errorText(english, 'LATCH_INVALID_CODE')).to.equal("That code didn't work. Check it and try again.");
    expect(errorText(english, 'LATCH_RATE_LIMITED', { retryAfter: 1 })).to.equal('Too many attempts. Try again in 1 second.');
    expect(errorText(english, 'LATCH_ACCOUNT_LOCKED', { retryAfter: 61 })).to.match(/try again in 2 minutes\.$/);
  });

  it('falls back from a region to its language, then to English', () => {
    registerTranslation('xx', { login: { continue: '[Çöñţîñûé]' } });
    const { key } = bestLocale(['xx-YY']);
    expect(key).to.equal('xx');
    expect(lookup(key, 'login', 'continue')).to.equal('[Çöñţîñûé]');
    expect(lookup(key, 'login', 'emailLabel'), 'English is the built-in fallback').to.equal(undefined);
    expect(bestLocale(['qq-QQ']).key).to.equal('en');
    expect(bestLocale([]).key).to.equal('en');
  });
});
