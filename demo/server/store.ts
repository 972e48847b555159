import { randomBytes, randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { readJsonFile, writeFileAtomic } from './files.js';
import { normalizeEmail } from './identifiers.js';
import type { PasswordHash } from './passwords.js';
import type { NotMeLink, SignInNote } from './new-device.js';
import type { ActivityRecord, SignInRecord } from './sign-ins.js';

/** A passkey as stored: the public key and counter `verifyAuthenticationResponse` needs, plus display data. */
export interface StoredPasskey {
  /** Credential id, base64url. */
  id: string;
  /** COSE public key, base64url. */
  publicKey: string;
  counter: number;
  transports: string[];
  /** Epoch seconds. */
  created_at: number;
  last_used_at: number | null;
  name: string;
  /** Backup state (BS flag, WebAuthn §6.1.3) at registration, updated at each sign-in: synced across devices. */
  backed_up?: boolean;
}

/** An authenticator app (RFC 6238). The demo keeps the secret as is; a production store encrypts it at rest. */
export interface StoredTotp {
  /** Base32 (RFC 4648 §6). */
  secret: string;
  created_at: number;
  /** The last time step a code was accepted for: a code works once (RFC 6238 §5.2). */
  last_step: number;
}

/** A phone proven by a texted code. */
export interface StoredPhone {
  /** E.164. */
  number: string;
  verified_at: number;
}

/** A browser the user signed in from, known by the hash of its `latch_device` cookie. */
export interface RememberedDevice {
  /** SHA-256 of the cookie value, base64url: a leaked store does not hand out device cookies. */
  id_hash: string;
  last_seen: number;
  /** How the account last signed in on this browser (absent: before this was recorded, or only via SSO). */
  method?: 'passkey' | 'password' | 'email_otp';
}

/** An upstream identity brokered through a connection, linked to one account. */
export interface FederatedLink {
  /** The connection's id (`ciam_connections[].id`). */
  connection: string;
  /** The upstream provider's `sub`: the only stable key; an email alone never links (no takeover). */
  sub: string;
  /** Epoch seconds. */
  linked_at: number;
}

export interface Account {
  /** The OIDC `sub`: random, never the email, so an email change keeps the subject. */
  id: string;
  /** Normalised ({@link normalizeEmail}). */
  email: string;
  name?: string;
  password?: PasswordHash;
  /** Epoch seconds. */
  created_at: number;
  /** WebAuthn user handle (§5.4.3): 32 random bytes, base64url, stable per account, never personal data. */
  webauthn_user_id: string;
  passkeys: StoredPasskey[];
  links?: FederatedLink[];
  totp?: StoredTotp;
  phone?: StoredPhone;
  /** Hashes (SHA-256, base64url) of the unused recovery codes. */
  recovery_codes?: string[];
  /** Browsers that completed a sign-in, newest last (at most {@link MAX_REMEMBERED_DEVICES}). */
  devices?: RememberedDevice[];
  /** A recovery without the lost factor, waiting out its period (docs/protocol.md §22, steps/account-recovery.ts). */
  recovery?: PendingRecovery;
  /** Finished sign-ins, newest last (at most 50; sign-ins.ts), shown in the privacy center. */
  sign_ins?: SignInRecord[];
  /** Sign-in attempts, successes and failures, newest last (30 days, at most 200; sign-ins.ts), for `<latch-devices>`. */
  activity?: ActivityRecord[];
  /** Fields asked after sign-in (progressive profiling, steps/profile.ts): `phone`, … */
  profile?: Record<string, string>;
  /** The profile question versions answered or skipped: never asked again. */
  profile_asked?: string[];
  /** The last two finished sign-ins, newest last, for the next one's "last signed in" (new-device.ts, profile §26.3). */
  sign_in_notes?: SignInNote[];
  /** The live "This wasn't me" links of new-device mails (hashed; new-device.ts, profile §26.4). */
  not_me_links?: NotMeLink[];
  /** Epoch seconds: "This wasn't me" was confirmed; the owner is asked to set a new password or add a passkey. */
  secure_requested_at?: number;
}

/** An account recovery in its waiting period, bound to the browser that asked. */
export interface PendingRecovery {
  /** SHA-256 of that browser's `latch_device` cookie, base64url. */
  device_hash: string;
  /** Epoch seconds. */
  requested_at: number;
  /** Epoch seconds from which that browser may finish it. */
  available_at: number;
  /** SHA-256 of the cancel link's token, base64url. */
  cancel_hash: string;
}

/** Remembered browsers per account; the oldest is forgotten first. */
export const MAX_REMEMBERED_DEVICES = 20;

interface StoreFile {
  version: 1;
  accounts: Account[];
}

/** Accounts, persisted as one JSON file in the data directory; every change is written atomically. */
export class AccountStore {
  readonly #path: string;
  readonly #accounts = new Map<string, Account>();
  #writing: Promise<void> = Promise.resolve();

  private constructor(path: string) {
    this.#path = path;
  }

  static async open(dataDir: string): Promise<AccountStore> {
    const store = new AccountStore(join(dataDir, 'accounts.json'));
    const file = (await readJsonFile(store.#path)) as StoreFile | undefined;
    for (const account of file?.accounts ?? []) store.#accounts.set(account.id, account);
    return store;
  }

  findById(id: string): Account | undefined {
    return this.#accounts.get(id);
  }

  findByEmail(email: string): Account | undefined {
    const wanted = normalizeEmail(email);
    for (const account of this.#accounts.values()) if (account.email === wanted) return account;
    return undefined;
  }

  /** The first account that matches. */
  find(matches: (account: Account) => boolean): Account | undefined {
    for (const account of this.#accounts.values()) if (matches(account)) return account;
    return undefined;
  }

  /** The account holding a passkey, found by credential id alone (usernameless sign-in). */
  findByPasskey(credentialId: string): { account: Account; passkey: StoredPasskey } | undefined {
    for (const account of this.#accounts.values()) {
      const passkey = account.passkeys.find((candidate) => candidate.id === credentialId);
      if (passkey) return { account, passkey };
    }
    return undefined;
  }

  /** The account an upstream identity is linked to. */
  findByLink(connection: string, sub: string): Account | undefined {
    for (const account of this.#accounts.values()) {
      if (account.links?.some((link) => link.connection === connection && link.sub === sub)) return account;
    }
    return undefined;
  }

  async addLink(account: Account, link: FederatedLink): Promise<void> {
    account.links = [...(account.links ?? []), link];
    await this.save();
  }

  async create(input: { email: string; password?: PasswordHash; createdAt: number }): Promise<Account> {
    const account: Account = {
      id: randomUUID(),
      email: normalizeEmail(input.email),
      ...(input.password ? { password: input.password } : {}),
      created_at: input.createdAt,
      webauthn_user_id: randomBytes(32).toString('base64url'),
      passkeys: [],
    };
    this.#accounts.set(account.id, account);
    await this.save();
    return account;
  }

  /** Forgets an account (erasure, privacy.ts) and persists the store without it. */
  async delete(id: string): Promise<void> {
    this.#accounts.delete(id);
    await this.save();
  }

  /** Persists every account; writes are chained so two saves never interleave. */
  save(): Promise<void> {
    const contents = JSON.stringify({ version: 1, accounts: [...this.#accounts.values()] } satisfies StoreFile, null, 2);
    this.#writing = this.#writing.then(() => writeFileAtomic(this.#path, contents));
    return this.#writing;
  }
}
