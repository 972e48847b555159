import { createHash, generateKeyPairSync, randomBytes, sign, type KeyObject } from 'node:crypto';
import type {
  AuthenticationResponseJSON,
  PublicKeyCredentialCreationOptionsJSON,
  PublicKeyCredentialRequestOptionsJSON,
  RegistrationResponseJSON,
} from '../protocol/index.js';
import { encodeCbor, type CborValue } from './cbor.js';

/**
 * A software WebAuthn authenticator (platform, user-verifying, ES256, "none" attestation) for a runner with
 * no browser: it builds the JSON `navigator.credentials` would hand a page at `origin` (WebAuthn L3 §5.1.8–10).
 * The e2e tests use it too.
 */
export class SoftAuthenticator {
  readonly #credentials = new Map<string, { privateKey: KeyObject; userHandle: string; signCount: number }>();

  constructor(
    readonly origin: string,
    /** The backup flags (WebAuthn §6.1.3): a synced passkey is backup-eligible and backed up. */
    readonly options: { synced?: boolean } = {},
  ) {}

  get credentialIds(): string[] {
    return [...this.#credentials.keys()];
  }

  create(options: PublicKeyCredentialCreationOptionsJSON): RegistrationResponseJSON {
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const jwk = publicKey.export({ format: 'jwk' });
    const id = randomBytes(16);
    // COSE_Key (RFC 9053 §7.1): kty EC2, alg ES256, crv P-256, x, y.
    const cose = encodeCbor(
      new Map<number, number | Uint8Array>([
        [1, 2],
        [3, -7],
        [-1, 1],
        [-2, Buffer.from(jwk.x!, 'base64url')],
        [-3, Buffer.from(jwk.y!, 'base64url')],
      ]),
    );
    const rpId = options.rp.id ?? new URL(this.origin).hostname;
    // §6.1: the AT flag, then the attested credential data (AAGUID none, id length, id, key).
    const authData = Buffer.concat([this.#authDataHead(rpId, 0x40, 0), Buffer.alloc(16), Buffer.from([0, id.length]), id, cose]);
    const attestationObject = encodeCbor(new Map<CborValue, CborValue>([['fmt', 'none'], ['attStmt', new Map()], ['authData', authData]]));
    const credentialId = id.toString('base64url');
    this.#credentials.set(credentialId, { privateKey, userHandle: options.user.id, signCount: 0 });
    return {
      id: credentialId,
      rawId: credentialId,
      type: 'public-key',
      response: {
        clientDataJSON: this.#clientData('webauthn.create', options.challenge),
        attestationObject: Buffer.from(attestationObject).toString('base64url'),
        transports: ['internal'],
      },
      authenticatorAttachment: 'platform',
      clientExtensionResults: {},
    };
  }

  /** An assertion with `credentialId`, else the first allowed credential it holds (or any, for a discoverable request). */
  get(options: PublicKeyCredentialRequestOptionsJSON, credentialId?: string): AuthenticationResponseJSON {
    const id = credentialId ?? options.allowCredentials?.map((credential) => credential.id).find((allowed) => this.#credentials.has(allowed)) ?? this.credentialIds[0];
    const credential = id && this.#credentials.get(id);
    if (!id || !credential) throw new Error('the software authenticator holds no matching passkey');
    credential.signCount += 1;
    const authenticatorData = this.#authDataHead(options.rpId ?? new URL(this.origin).hostname, 0, credential.signCount);
    const clientDataJSON = this.#clientData('webauthn.get', options.challenge);
    const signed = Buffer.concat([authenticatorData, createHash('sha256').update(Buffer.from(clientDataJSON, 'base64url')).digest()]);
    return {
      id,
      rawId: id,
      type: 'public-key',
      response: {
        clientDataJSON,
        authenticatorData: authenticatorData.toString('base64url'),
        signature: sign('sha256', signed, credential.privateKey).toString('base64url'),
        userHandle: credential.userHandle,
      },
      authenticatorAttachment: 'platform',
      clientExtensionResults: {},
    };
  }

  /** rpIdHash, flags (UP, UV, the backup flags of a synced passkey, plus `extra`), signCount (§6.1). */
  #authDataHead(rpId: string, extra: number, signCount: number): Buffer {
    const flags = 0x01 | 0x04 | (this.options.synced ? 0x08 | 0x10 : 0) | extra;
    const counter = Buffer.alloc(4);
    counter.writeUInt32BE(signCount);
    return Buffer.concat([createHash('sha256').update(rpId).digest(), Buffer.from([flags]), counter]);
  }

  #clientData(type: string, challenge: string): string {
    return Buffer.from(JSON.stringify({ type, challenge, origin: this.origin, crossOrigin: false })).toString('base64url');
  }
}
