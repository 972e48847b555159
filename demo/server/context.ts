import type Provider from 'oidc-provider';
import type { EmailChanges } from './account-credentials.js';
import type { AuthSessions } from './auth-sessions.js';
import type { Broker } from './broker.js';
import type { Clock } from './clock.js';
import type { ConsentLog } from './consent-log.js';
import type { ConsentPolicy } from './consent.js';
import type { AccountPolicies } from './policies.js';
import type { Mailbox } from './mailbox.js';
import type { AccountFailures } from './failure-cap.js';
import type { FailureLockout, RateLimiter } from './rate-limit.js';
import type { PasswordResets } from './password-resets.js';
import type { Sandboxes } from './sandboxes.js';
import type { WebSessions } from './session.js';
import type { WebSteps } from './web-steps.js';
import type { SessionTokenBinding } from './token-binding.js';
import type { AccountStore } from './store.js';
import type { RelyingParty } from './webauthn.js';
import type { EmailLinks } from './steps/email-link.js';
import type { EventCollector } from './collector.js';
import type { WidgetConfigs } from './widget-config.js';
import type { Mutant } from './mutants.js';

/** Everything a request handler may touch, built once in `app.ts` and passed down (no module state). */
export interface BackendContext {
  issuer: string;
  /** TEST ONLY: the deliberately broken variant this backend runs as (mutants.ts, `LATCH_MUTANT`, development mode only). */
  mutant?: Mutant;
  clock: Clock;
  provider: Provider;
  accounts: AccountStore;
  /** Every consent given or withdrawn, as receipts (consent-log.ts, docs/protocol.md §23.4). */
  consentLog: ConsentLog;
  /** The site's cookie and tracking policy and its live version (consent.ts, docs/protocol.md §23.1). */
  consentPolicy: ConsentPolicy;
  /** Terms, privacy and marketing at sign-up and sign-in, and the profile question (policies.ts, docs/protocol.md §24). */
  accountPolicies: AccountPolicies;
  authSessions: AuthSessions;
  webSessions: WebSessions;
  /** Which access tokens may still start a first-party session (`POST /session`). */
  sessionTokens: SessionTokenBinding;
  mailbox: Mailbox;
  /** Email changes waiting for the code sent to the new address (profile §21.2). */
  emailChanges: EmailChanges;
  /** Email links in flight (docs/protocol.md §20). */
  emailLinks: EmailLinks;
  /** What the mailbox proof is emailed as: a code, or (`link`) a link (§20.1). */
  emailDelivery: 'code' | 'link';
  relyingParty: RelyingParty;
  /** Sends users to upstream providers and back (social and enterprise connections). */
  broker: Broker;
  /** The upstream providers themselves, local stand-ins for Google, GitHub and BigCorp. */
  sandboxes: Sandboxes;
  /** The sandbox's step this profile does not define, answered on the web page (§2.7a). */
  webSteps: WebSteps;
  /** The site's origin (the issuer's on one origin): redirect and post-logout URIs point there. */
  siteOrigin: string;
  /** Origins whose pages are ours (the issuer's and the site's): SMS codes bind to them, account changes accept only them. */
  firstPartyOrigins: string[];
  passwordMinLength: number;
  signUpEnabled: boolean;
  /** Outstanding reset proofs and "This wasn't me" links (password-resets.ts). */
  passwordResets: PasswordResets;
  /** Ends what the provider keeps for an account: grants, codes, tokens, its own sessions (a reset). */
  revokeProviderGrants(accountId: string): void;
  /** Seconds an account recovery waits before it can finish (docs/protocol.md §22). */
  recoveryWaitSeconds: number;
  /** Each client's widget options and experiments (widget-config.ts, docs/protocol.md §28). */
  widgetConfigs: WidgetConfigs;
  /** The analytics events the collector stored (collector.ts, docs/protocol.md §29.5). */
  events: EventCollector;
  limits: {
    /** Per client IP, batches to `POST /events`. */
    eventBatches: RateLimiter;
    /** Per client IP, on `/authorize-challenge`. */
    challengeRequests: RateLimiter;
    /** Per email address: how many codes may be sent in a window. */
    emailSends: RateLimiter;
    /** Per email address: seconds between two sends. */
    emailResend: RateLimiter;
    /** Per email address: consecutive wrong passwords. */
    passwordFailures: FailureLockout;
    /** Per phone number: how many codes may be texted in a window. */
    smsSends: RateLimiter;
    /** Per phone number: seconds between two texts. */
    smsResend: RateLimiter;
    /** Per account: consecutive wrong authenticator app or recovery codes. */
    factorFailures: FailureLockout;
    /** Per account (by address): consecutive failures across every guessable authenticator, capped. */
    accountFailures: AccountFailures;
  };
}
