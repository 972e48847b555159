import { html, LitElement, nothing, type PropertyValues, type TemplateResult } from 'lit';
import type { LatchClient } from '../../client/client.js';
import { BACKEND_PROPERTIES, backendOf } from '../../controllers/client-loader.js';
import { SessionWatchController, type WatchState } from '../../controllers/session-watch.controller.js';
import { formatCountdown } from '../../controllers/session-timing.js';
import { ReturnFocus } from '../../controllers/return-focus.js';
import { LocaleController } from '../../controllers/locale.controller.js';
import { session } from '../../translations/locales/en/session.js';
import type { SectionTexts } from '../../translations/translation.js';
import { styles } from './session-timeout.styles.js';

type SessionTexts = SectionTexts<'session'>;

/**
 * Session safety for a signed-in page. Warns two minutes before the idle timeout in a modal dialog with
 * one action, "Stay signed in" (focused: Enter, Space or Escape keep the session; WCAG 2.2 SC 2.2.1), and
 * "Sign out". At the deadline it signs out, even when the backend cannot be reached, and says why. It
 * notices a session that ended elsewhere (signed out in another tab, revoked, timed out at the backend)
 * and says so. User activity on the page (clicks, keys, scrolling) extends the session at most once a
 * minute. Invisible until it has something to say.
 *
 * @summary Idle warning, one-action extend, and sign-out across tabs.
 * @event latch-session-warning - When the warning opens. `detail: { expiresAt }` (epoch ms, this page's clock).
 * @event latch-session-extended - After "Stay signed in" pushed the timeout back. `detail: { expiresAt }`.
 * @event latch-session-ended - After the session ended. `detail: { reason: 'idle' | 'user' | 'ended', remote }`.
 * @csspart dialog - The dialog.
 * @csspart dialog-title - Its heading (also `heading`).
 * @csspart countdown - The time left.
 * @csspart text - The reason, or why the session ended.
 * @csspart notice - A failure to extend (also `notice-error`).
 * @csspart actions - The row of buttons.
 * @csspart button - Each button (also `button-primary`: "Stay signed in", "Close"; `button-secondary`: "Sign out").
 * @cssproperty --latch-color-primary - The "Stay signed in" button and focus rings (dark: `--latch-color-primary-dark`).
 * @cssproperty --latch-color-surface - The dialog's background (dark: `--latch-color-surface-dark`).
 * @cssproperty --latch-color-text - Text (dark: `--latch-color-text-dark`).
 * @cssproperty --latch-dialog-max-width - The dialog's width (defaults to `--latch-max-width`).
 * @cssproperty --latch-dialog-padding - Padding (defaults to `--latch-space` × 1.5).
 * @cssproperty --latch-dialog-radius - Corners (defaults to `--latch-radius` × 1.5).
 * @cssproperty --latch-dialog-backdrop - The backdrop's colour.
 * @cssproperty --latch-button-height - Button height (defaults to `--latch-control-height` × density).
 * @cssproperty --latch-density - Spacing and control heights: 0.85 compact, 1, 1.15 comfortable.
 */
export class LatchSessionTimeout extends LitElement {
  static override styles = styles;

  // Declared without decorators, so this lazily loaded chunk carries no decorator helper.
  static override properties = {
    ...BACKEND_PROPERTIES,
    warnBefore: { attribute: 'warn-before', type: Number },
    pollInterval: { attribute: 'poll-interval', type: Number },
    theme: { reflect: true },
  };

  /** The backend's issuer identifier; a path means this page's origin. */
  issuer = '';

  /** This site's OAuth client id at the backend. */
  clientId = '';

  /** Seconds before the idle timeout to warn; at least 120 (NIST SP 800-63B §10.1), at most half the timeout. */
  warnBefore = 120;

  /** Seconds between checks that the session still exists, while the page is visible. */
  pollInterval = 60;

  /** `light`, `dark`, or `auto` (follows the system). */
  theme: 'light' | 'dark' | 'auto' = 'auto';

  /** A client made with `createClient()`, to share one with the page; replaces `issuer` and `client-id`. */
  client?: LatchClient;

  private readonly locale = new LocaleController(this);
  private readonly watch = new SessionWatchController(this, () => ({
    ...backendOf(this),
    warnBefore: Math.max(0, this.warnBefore) * 1000,
    pollInterval: Math.max(5, this.pollInterval || 60) * 1000,
  }));
  /** Whether it is watching a signed-in session (it knows the idle deadline and will warn ahead of it). */
  get watching(): boolean {
    return this.watch.state === 'watching' || this.watch.state === 'warning';
  }

  private shownState: WatchState = 'off';
  private shownAnnouncement = 0;
  /** What the live region says: a countdown milestone, or why the open warning turned into a sign-out. */
  private liveText = '';
  private readonly returnFocus = new ReturnFocus();

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    const t = this.t();
    const { state, announcement } = this.watch;
    if (state === 'warning' && announcement !== this.shownAnnouncement) {
      this.liveText = this.announcement(t, this.watch.announced);
    } else if (state === 'ended' && this.shownState === 'warning') {
      this.liveText = this.endedText(t);
    } else if (state !== this.shownState) {
      this.liveText = '';
    }
    this.shownAnnouncement = announcement;
  }

  protected override render(): TemplateResult {
    const t = this.t();
    return html`
      <dialog
        part="dialog"
        role="alertdialog"
        dir=${this.locale.dir ?? nothing}
        aria-labelledby="title"
        aria-describedby="message"
        @cancel=${this.onCancel}
        @close=${this.onClose}
      >
        ${this.watch.state === 'ended' ? this.endedView(t) : this.warningView(t)}
        <p class="live" role="status">${this.liveText}</p>
      </dialog>
    `;
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    const dialog = this.renderRoot.querySelector('dialog');
    if (!dialog) return;
    const { state } = this.watch;
    const open = state === 'warning' || state === 'ended';
    if (open && !dialog.open) {
      this.returnFocus.remember();
      dialog.showModal();
      this.primaryButton()?.focus();
    } else if (open && state !== this.shownState) {
      // The warning became "you were signed out": its only button takes the focus.
      this.primaryButton()?.focus();
    } else if (!open && dialog.open) {
      dialog.close();
    }
    this.shownState = state;
  }

  private warningView(t: SessionTexts): TemplateResult {
    const minutes = Math.round((this.watch.idleTimeout ?? 0) / 60_000);
    const busy = this.watch.extending ? 'true' : 'false';
    return html`
      <h2 id="title" part="dialog-title heading">${t.warningTitle}</h2>
      <p id="message" class="countdown" part="countdown">${t.countdown({ time: formatCountdown(this.watch.secondsLeft(), this.locale.lang) })}</p>
      ${minutes > 0 ? html`<p class="reason" part="text">${t.warningReason({ count: minutes })}</p>` : nothing}
      ${this.watch.extendFailed ? html`<p class="error" part="notice notice-error" role="alert">${t.extendFailed}</p>` : nothing}
      <div class="actions" part="actions">
        <button type="button" class="primary" part="button button-primary" data-primary aria-disabled=${busy} @click=${this.onStay}>${t.staySignedIn}</button>
        <button type="button" class="secondary" part="button button-secondary" @click=${this.onSignOut}>${t.signOut}</button>
      </div>
    `;
  }

  private endedView(t: SessionTexts): TemplateResult {
    return html`
      <h2 id="title" part="dialog-title heading">${t.endedTitle}</h2>
      <p id="message" part="text">${this.endedText(t)}</p>
      <div class="actions" part="actions">
        <button type="button" class="primary" part="button button-primary" data-primary @click=${this.onDismiss}>${t.close}</button>
      </div>
    `;
  }

  private endedText(t: SessionTexts): string {
    const ended = this.watch.ended;
    if (ended?.reason === 'idle') return t.endedIdle;
    if (ended?.reason === 'user' && ended.remote) return t.endedOtherTab;
    return t.endedElsewhere;
  }

  private onStay = (): void => {
    if (!this.watch.extending) void this.watch.staySignedIn();
  };

  private onSignOut = (): void => {
    void this.watch.signOut();
  };

  private onDismiss = (): void => {
    this.watch.dismiss();
  };

  /** Escape is the user answering: in the warning it keeps the session (the safe, non-destructive choice). */
  private onCancel = (event: Event): void => {
    event.preventDefault();
    if (this.watch.state === 'warning') this.onStay();
    else this.watch.dismiss();
  };

  private onClose = (): void => {
    // The browser may close it on Escape without a cancelable `cancel` (no user activation yet): an answer too.
    if (this.watch.state === 'ended') this.watch.dismiss();
    else if (this.watch.state === 'warning') this.onStay();
    this.returnFocus.restore(true);
  };

  private primaryButton(): HTMLButtonElement | null {
    return this.renderRoot.querySelector<HTMLButtonElement>('[data-primary]');
  }

  private t(): SessionTexts {
    return this.locale.texts('session', session);
  }

  /** What the live region says at a milestone: whole minutes, else seconds. */
  private announcement(t: SessionTexts, seconds: number): string {
    return seconds >= 60 && seconds % 60 === 0 ? t.announceMinutes({ count: seconds / 60 }) : t.announceSeconds({ count: seconds });
  }
}
