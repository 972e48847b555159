import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import type { ActivityEvent, DeviceSession } from '../../protocol/devices.js';
import { backendOf } from '../../controllers/client-loader.js';
import { DevicesController } from '../../controllers/devices.controller.js';
import { LightFormController } from '../../controllers/light-form.controller.js';
import { LocaleController } from '../../controllers/locale.controller.js';
import { accountFormStyles } from '../../styles/account.styles.js';
import { LatchAccountElement } from '../form/account-element.js';
import { devices } from '../../translations/locales/en/devices.js';
import { passkeys } from '../../translations/locales/en/passkeys.js';
import type { SectionTexts } from '../../translations/translation.js';
import { accountNotices, accountSection, firstLoad } from '../form/account-parts.js';
import { liveCard } from '../form/live-regions.js';
import { absoluteTime, relativeTime } from '../form/relative-time.js';
import { deviceLabel, methodLabel, placeLabel } from './devices-parts.js';

type DevicesTexts = SectionTexts<'devices'>;

let instances = 0;

/**
 * The signed-in customer's devices (profile §27): where the account is signed in (this browser first, with
 * browser, OS, approximate location, when it signed in and when it was last active), "Sign out" for each other
 * browser and "Sign out everywhere else" behind a step-up, and the last 30 days of sign-in attempts, failed ones
 * included. A browser signed out here learns it through its own session watcher (`<latch-session-timeout>`).
 *
 * @summary The account's sessions and sign-in activity: see them, sign one or all others out.
 * @slot - Holds the content the element draws into its own light DOM; leave it empty.
 * @event latch-error - After a failure was shown. `detail: { code, error }`.
 * @csspart card - The card around the lists.
 * @csspart section - Each section (sessions, activity).
 * @cssproperty --latch-account-max-width - The widest the card grows.
 */
export class LatchDevices extends LatchAccountElement {

  private readonly locale = new LocaleController(this);
  private readonly form = new LightFormController(this, accountFormStyles);
  private readonly devices = new DevicesController(this, () => backendOf(this));
  private readonly uid = `latch-devices-${++instances}`;
  /** The browser just signed out, for the announcement. */
  private signedOut = '';

  override connectedCallback(): void {
    super.connectedCallback();
    // After the first update: a `client` set before this element's class arrived is only restored then.
    void this.updateComplete.then(() => {
      if (this.isConnected && !this.devices.sessions) void this.devices.load();
    });
  }

  /** Reads the sessions and the activity again. */
  reload(): Promise<void> {
    return this.devices.load();
  }

  protected override render(): TemplateResult {
    return liveCard(this.statusText(this.t()), this.errorText(), this.devices.account.announcement, this.locale.dir);
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    this.hideWhenUnsupported(this.devices.account.failure);
    this.form.render(this.view(this.t()));
  }

  private view(t: DevicesTexts): TemplateResult {
    const { failure, pending } = this.devices.account;
    const { sessions, activity } = this.devices;
    return html`
      <div class="latch-section" aria-busy=${pending ? 'true' : 'false'}>
        <h2 id=${`${this.uid}-title`} part="heading" tabindex="-1">${t.devicesTitle}</h2>
        <p class="latch-text" part="subheading">${t.devicesIntro}</p>
        ${accountNotices(this.devices.account, this.errorText(), this.statusText(t))}
        ${firstLoad({ loaded: sessions !== undefined, pending, failure }, { loading: t.devicesLoading, retry: this.words().retry }, () => void this.devices.load())}
        ${sessions ? this.sessionsSection(t, sessions) : nothing} ${activity ? this.activitySection(t, activity) : nothing}
      </div>
    `;
  }

  private section(key: string, title: string, content: unknown): TemplateResult {
    return accountSection(`${this.uid}-${key}`, title, content);
  }

  private sessionsSection(t: DevicesTexts, sessions: DeviceSession[]): TemplateResult {
    const hintId = `${this.uid}-others-hint`;
    return this.section(
      'sessions',
      t.devicesSessionsTitle,
      html`<ul class="latch-list" part="list" data-sessions>
          ${sessions.map((session, index) => this.sessionItem(t, session, index))}
        </ul>
        ${this.devices.hasOthers
          ? html`<p class="latch-hint" part="hint" id=${hintId}>${t.devicesSignOutOthersHint}</p>
              <div class="latch-row">
                <button
                  type="button"
                  class="latch-button latch-danger"
                  part="button button-danger"
                  aria-describedby=${hintId}
                  aria-disabled=${this.devices.account.pending ? 'true' : 'false'}
                  data-sign-out-others
                  @click=${this.onSignOutOthers}
                >
                  ${t.devicesSignOutOthers}
                </button>
              </div>`
          : nothing}`,
    );
  }

  private sessionItem(t: DevicesTexts, session: DeviceSession, index: number): TemplateResult {
    const nameId = `${this.uid}-session-${index}`;
    const name = deviceLabel(t, session.device);
    const place = placeLabel(t, session.device?.location, this.locale.lang);
    return html`<li class="latch-item" part="list-item" data-session=${session.id} ?data-current=${session.current}>
      <h4 id=${nameId}>${name}</h4>
      ${session.current ? html`<span class="latch-badge" part="badge">${t.devicesThisDevice}</span>` : nothing}
      <dl class="latch-facts">
        ${place ? html`<dt>${t.devicesLocation}</dt><dd>${place}</dd>` : nothing}
        <dt>${t.devicesSignedIn}</dt>
        <dd>${this.time(session.signed_in_at)}</dd>
        <dt>${t.devicesLastActive}</dt>
        <dd>${this.time(session.last_active_at)}</dd>
      </dl>
      ${session.current
        ? nothing
        : html`<div class="latch-row">
            <button
              type="button"
              class="latch-button"
              part="button button-secondary"
              aria-describedby=${nameId}
              aria-disabled=${this.devices.account.pending ? 'true' : 'false'}
              data-sign-out
              @click=${() => this.signOut(session.id, name)}
            >
              ${t.devicesSignOut}
            </button>
          </div>`}
    </li>`;
  }

  private activitySection(t: DevicesTexts, events: ActivityEvent[]): TemplateResult {
    const content = events.length
      ? html`<ul class="latch-list" part="list" data-activity>
          ${events.map((event) => this.activityItem(t, event))}
        </ul>`
      : html`<p class="latch-text">${t.devicesActivityEmpty}</p>`;
    return this.section('activity', t.devicesActivityTitle, content);
  }

  private activityItem(t: DevicesTexts, event: ActivityEvent): TemplateResult {
    const place = placeLabel(t, event.device?.location, this.locale.lang);
    return html`<li class="latch-item" part="list-item" data-outcome=${event.outcome}>
      <h4>${event.outcome === 'success' ? t.devicesSuccess : t.devicesFailure}</h4>
      ${event.new_device ? html`<span class="latch-badge" part="badge">${t.devicesNewDevice}</span>` : nothing}
      <p class="latch-text">${this.time(event.at)} · ${deviceLabel(t, event.device)}</p>
      <dl class="latch-facts">
        ${event.method ? html`<dt>${t.devicesMethod}</dt><dd>${methodLabel(t, event.method)}</dd>` : nothing}
        ${place ? html`<dt>${t.devicesLocation}</dt><dd>${place}</dd>` : nothing}
      </dl>
    </li>`;
  }

  /** "3 minutes ago", with the full date for a hover and for machines. */
  private time(epochSeconds: number): TemplateResult {
    const lang = this.locale.lang;
    const full = absoluteTime(epochSeconds, lang);
    return html`<time datetime=${full.iso} title=${full.text}>${relativeTime(epochSeconds, lang)}</time>`;
  }

  private signOut(id: string, name: string): void {
    void this.devices.revoke(id, () => {
      this.signedOut = name;
      this.form.focusNext(`#${this.uid}-sessions`);
    });
  }

  /** The backend asks for a step-up first (RFC 9470), which <latch-step-up> runs; then every other session ends. */
  private onSignOutOthers = (): void => {
    void this.devices.revokeOthers(() => this.form.focusNext(`#${this.uid}-sessions`));
  };

  /** What the polite live region says: the last change done, or called off. */
  private statusText(t: DevicesTexts): string {
    const { notice, cancelled } = this.devices.account;
    if (notice === 'devicesSignedOutOne') return t.devicesSignedOutOne({ device: this.signedOut });
    if (notice) return t[notice];
    return cancelled ? this.locale.error(cancelled.code, cancelled) : '';
  }

  private errorText(): string {
    const failure = this.devices.account.failure;
    return failure ? this.locale.error(failure.code, failure) : '';
  }

  private t(): DevicesTexts {
    return this.locale.texts('devices', devices);
  }

  /** Words shared with <latch-passkeys> (Try again). */
  private words(): SectionTexts<'passkeys'> {
    return this.locale.texts('passkeys', passkeys);
  }
}
