import { expect } from '@open-wc/testing';
import {
  AuthorizationServerMetadata,
  PublicKeyCredentialCreationOptionsJSON,
  PublicKeyCredentialRequestOptionsJSON,
  StepRequest,
  StepState,
} from '../../src/protocol/index.js';

describe('the backend profile schemas', () => {
  it('drops unknown keys instead of passing them on (fault R2)', () => {
    const parsed = StepState.parse({ step: 'identifier', injected: '<script>' });
    expect(parsed).to.deep.equal({ step: 'identifier' });
  });

  it('parses a step this version does not know as unknown, naming it, instead of failing', () => {
    expect(StepState.parse({ step: 'accept_terms', terms_url: 'https://id.example.com/terms' })).to.deep.equal({ step: 'unknown', name: 'accept_terms' });
  });

  it('still refuses a known step that does not match its schema (fault R10)', () => {
    expect(StepState.safeParse({ step: 'email_otp', code_length: 'six' }).success).to.equal(false);
  });

  it('leaves methods and factors this version does not know out of their lists', () => {
    const methods = StepState.parse({ step: 'select_method', login_hint: 'amy@example.com', methods: ['face_scan', 'password'], sign_up: true });
    expect(methods).to.deep.include({ methods: ['password'] });
    const factor = StepState.parse({ step: 'totp', code_length: 6, alternatives: ['palm_vein', 'recovery_code'] });
    expect(factor).to.deep.include({ alternatives: ['recovery_code'] });
  });

  it('refuses server URLs that are not http(s) (fault R5)', () => {
    const base = {
      issuer: 'https://id.example.com',
      authorization_endpoint: 'https://id.example.com/auth',
      token_endpoint: 'https://id.example.com/token',
    };
    expect(AuthorizationServerMetadata.safeParse(base).success).to.equal(true);
    for (const bad of ['javascript:alert(1)', 'data:text/html,x', '//evil.example', 'relative/path']) {
      expect(AuthorizationServerMetadata.safeParse({ ...base, authorization_challenge_endpoint: bad }).success, bad).to.equal(false);
    }
  });

  it('refuses malformed passkey options before they reach the authenticator (fault R12)', () => {
    expect(PublicKeyCredentialRequestOptionsJSON.safeParse({ challenge: 'not base64url!' }).success).to.equal(false);
    const creation = {
      rp: { name: 'Acme' },
      user: { id: 'dXNlcg', name: 'a@example.com', displayName: '' },
      challenge: 'Y2hhbGxlbmdl',
      pubKeyCredParams: [{ type: 'public-key', alg: -7 }],
    };
    expect(PublicKeyCredentialCreationOptionsJSON.safeParse(creation).success).to.equal(true);
    expect(PublicKeyCredentialCreationOptionsJSON.safeParse({ ...creation, pubKeyCredParams: [] }).success).to.equal(false);
    // WebAuthn §5.4.3: user.id is at most 64 bytes.
    const longId = { ...creation, user: { ...creation.user, id: 'A'.repeat(87) } };
    expect(PublicKeyCredentialCreationOptionsJSON.safeParse(longId).success).to.equal(false);
  });

  it('accepts each step message the widget sends', () => {
    const steps = [
      { type: 'identifier', login_hint: 'a@example.com' },
      { type: 'password', password: 'correct horse battery staple' },
      { type: 'sign_up' },
      { type: 'email_otp', action: 'send' },
      { type: 'email_otp', action: 'verify', code: '012345' },
      { type: 'webauthn', action: 'options' },
    ];
    for (const step of steps) expect(StepRequest.safeParse(step).success, JSON.stringify(step)).to.equal(true);
    expect(StepRequest.safeParse({ type: 'email_otp', action: 'verify' }).success).to.equal(false);
  });
});
