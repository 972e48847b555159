import { expect } from '@open-wc/testing';
import { WebAuthnError } from '@simplewebauthn/browser';
import { createClient } from '../../src/client/client.js';
import { LatchError, LatchErrorCode } from '../../src/client/errors.js';
import { memoryStore } from '../../src/client/storage.js';
import { toPasskeyError, type WebAuthnAdapter } from '../../src/client/webauthn.js';

// One case per DOMException a WebAuthn ceremony can end with (SimpleWebAuthn's test style): browsers
// raise these from prompts and authenticators that a test cannot drive, so they are constructed here.

describe('toPasskeyError()', () => {
  const cases: Array<[string, LatchErrorCode]> = [
    ['NotAllowedError', LatchErrorCode.PASSKEY_CANCELLED],
    ['AbortError', LatchErrorCode.ABORTED],
    ['SecurityError', LatchErrorCode.PASSKEY_UNAVAILABLE],
    ['NotSupportedError', LatchErrorCode.PASSKEY_UNAVAILABLE],
    ['InvalidStateError', LatchErrorCode.PASSKEY_FAILED],
    ['ConstraintError', LatchErrorCode.PASSKEY_FAILED],
    ['UnknownError', LatchErrorCode.PASSKEY_FAILED],
  ];
  for (const [name, code] of cases) {
    it(`maps ${name} to ${code}`, () => {
      const error = toPasskeyError(new DOMException('from the browser', name));
      expect(error.code).to.equal(code);
      expect(error.cause).to.be.instanceOf(DOMException);
    });
  }

  it('maps an authenticator that already holds a passkey for the account (fault W3)', () => {
    const cause = new WebAuthnError({
      message: 'already registered',
      code: 'ERROR_AUTHENTICATOR_PREVIOUSLY_REGISTERED',
      cause: new DOMException('x', 'InvalidStateError'),
    });
    expect(toPasskeyError(cause).code).to.equal(LatchErrorCode.PASSKEY_ALREADY_REGISTERED);
  });

  it('keeps our own abort quiet (fault W2)', () => {
    const cause = new WebAuthnError({ message: 'aborted', code: 'ERROR_CEREMONY_ABORTED', cause: new Error('x') });
    expect(toPasskeyError(cause).code).to.equal(LatchErrorCode.ABORTED);
  });

  it('maps an RP ID the page cannot use to "unavailable" (fault W4)', () => {
    const cause = new WebAuthnError({ message: 'rp id', code: 'ERROR_INVALID_RP_ID', cause: new Error('x') });
    expect(toPasskeyError(cause).code).to.equal(LatchErrorCode.PASSKEY_UNAVAILABLE);
  });
});

describe('signInWithPasskey()', () => {
  it('refuses without WebAuthn instead of throwing (fault W8)', async () => {
    const unavailable: WebAuthnAdapter = {
      isAvailable: () => false,
      isAutofillAvailable: async () => false,
      authenticate: () => Promise.reject(new Error('not called')),
      register: () => Promise.reject(new Error('not called')),
      cancel: () => undefined,
      signalUnknownCredential: async () => undefined,
    };
    const client = createClient({ issuer: 'http://localhost:9', clientId: 'x', webauthn: unavailable, storage: memoryStore() });
    expect(await client.passkeySupport()).to.deep.equal({ available: false, autofill: false });
    try {
      await client.signInWithPasskey();
      expect.fail('expected a failure');
    } catch (error) {
      expect(error).to.be.instanceOf(LatchError);
      expect((error as LatchError).code).to.equal(LatchErrorCode.PASSKEY_UNAVAILABLE);
    }
  });
});

describe('createClient()', () => {
  const invalid = ['ftp://id.example.com', 'http://id.example.com', 'https://id.example.com/?x=1', 'not a url'];
  for (const issuer of invalid) {
    it(`refuses the issuer ${issuer}`, () => {
      expect(() => createClient({ issuer, clientId: 'web' })).to.throw(LatchError);
    });
  }

  it('accepts https, and http on loopback for development', () => {
    expect(createClient({ issuer: 'https://id.example.com/', clientId: 'web', storage: memoryStore() }).issuer).to.equal(
      'https://id.example.com',
    );
    expect(createClient({ issuer: 'http://localhost:5173', clientId: 'web', storage: memoryStore() }).issuer).to.equal(
      'http://localhost:5173',
    );
  });
});
