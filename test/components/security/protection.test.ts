import { expect } from '@open-wc/testing';
import { protectionMethods, recommendation, type ProtectionFacts } from '../../../src/components/security/protection.js';
import { security } from '../../../src/translations/locales/en/security.js';
import { compileTexts } from '../../../src/translations/format.js';

// The account protection summary's rules (issue 14): strongest first, one recommendation at most.

const t = compileTexts('en', security, (key) => security[key as keyof typeof security]);
const facts = (change: Partial<Omit<ProtectionFacts, 'factors'>> & { factors?: Partial<ProtectionFacts['factors']> } = {}): ProtectionFacts => ({
  passkeys: 0,
  canAddPasskey: true,
  email: true,
  ...change,
  factors: { totp: false, recovery_codes_remaining: 0, password: true, ...change.factors },
});

describe('account protection summary', () => {
  it('lists every method the account has, strongest first', () => {
    const all = facts({ passkeys: 2, factors: { totp: true, phone: { hint: '•••• 12' }, password: true, recovery_codes_remaining: 8 } });
    expect(protectionMethods(t, all)).to.deep.equal(['Passkeys (2)', 'Authenticator app', 'Text message codes', 'Password', 'Email codes', 'Recovery codes']);
    expect(protectionMethods(t, facts({ email: false, factors: { password: false } }))).to.deep.equal([]);
  });

  it('recommends a passkey first, then two-step verification for a password alone, then nothing', () => {
    expect(recommendation(facts())).to.equal('passkey');
    expect(recommendation(facts({ passkeys: 1 }))).to.equal('two-step');
    expect(recommendation(facts({ canAddPasskey: false }))).to.equal('two-step');
    expect(recommendation(facts({ passkeys: 1, factors: { totp: true } }))).to.equal(undefined);
    expect(recommendation(facts({ passkeys: 1, factors: { phone: { hint: '•••• 12' } } }))).to.equal(undefined);
    expect(recommendation(facts({ passkeys: 1, factors: { password: false } }))).to.equal(undefined);
  });
});
