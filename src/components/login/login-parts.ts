import type { ReactiveControllerHost } from 'lit';
import { AccountRecoveryController } from '../../controllers/account-recovery.controller.js';
import { AccountStepsController } from '../../controllers/account-steps.controller.js';
import { CombinedSignIn } from '../../controllers/combined-sign-in.js';
import { LastUsedRecord } from '../../controllers/last-used.js';
import { PasskeyCue } from '../../controllers/passkey-cue.js';
import { EmailLinkController } from '../../controllers/email-link.controller.js';
import { PasskeyOfferController } from '../../controllers/passkey-offer.controller.js';
import { PasswordResetFlow } from '../../controllers/password-reset.js';
import { RedirectCallbackController } from '../../controllers/redirect-callback.controller.js';
import { SessionSyncController } from '../../controllers/session-sync.controller.js';
import type { LateParts, SignInController } from '../../controllers/sign-in.controller.js';
import { TrustController } from '../../controllers/trust.controller.js';
import { adoptLightStyles } from '../../styles/adopt.js';
import { trustFormStyles } from './trust.styles.js';
import type { TrustSignal } from './trust-signals.js';

/**
 * Composes the sign-in's late side jobs for `<latch-login>` (see `LateParts`): the passkey offer, account
 * recovery, the redirect URI page, cross-tab sync and the email link step, wired to its flow. Loaded with the client, so none of it comes before the form.
 */
export function composeLateParts(
  host: ReactiveControllerHost & HTMLElement & { showsTrust(signal: TrustSignal): boolean },
  flow: SignInController,
): LateParts {
  const offer = new PasskeyOfferController(host, {
    available: () => flow.passkeys.available,
    client: () => flow.clientReady(),
    created: () => flow.passkeyCreated(),
  });
  const recovery = new AccountRecoveryController(flow, offer);
  const cue = new PasskeyCue(host, () => host.showsTrust('passkey'));
  void flow.clientReady().then((client) => {
    cue.prepare(client.storage);
    return recovery.prepare(client);
  }, () => undefined);
  // The trust signals start once the client is here: the form is interactive by then (profile §26).
  const trust = new TrustController(host, () => host.showsTrust('site'));
  adoptLightStyles(host, trustFormStyles);
  void flow.clientReady().then((client) => trust.load(client)).catch(() => undefined);
  return {
    trust,
    offer,
    recovery,
    account: new AccountStepsController({
      act: (action, work, field) => flow.act(action, work, field),
      edited: (field) => flow.edited(field),
      requestUpdate: () => host.requestUpdate(),
    }),
    redirect: new RedirectCallbackController(host),
    lastUsed: new LastUsedRecord(host),
    cue,
    reset: new PasswordResetFlow(flow),
    combined: new CombinedSignIn(flow),
    link: new EmailLinkController(host, {
      client: () => flow.clientReady(),
      busy: () => flow.pending !== undefined,
      act: (action, work) => flow.act(action, work),
      follow: (outcome) => flow.finishFactor(outcome),
      fail: (error) => flow.report(error),
      reject: (problem) => flow.reject('code', problem),
      announce: (notice) => flow.announce(notice),
    }),
    sync: new SessionSyncController(host, {
      signingOut: () => flow.pending === 'sign-out',
      signedIn: () => flow.signedIn !== undefined,
      signedOut: (notice) => flow.sessionEnded(notice),
      interrupt: () => flow.interrupt(),
      signedInElsewhere: (signedIn) => flow.signedInElsewhere(signedIn),
    }),
  };
}
