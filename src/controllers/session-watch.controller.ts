import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { LatchClient, SessionChange } from '../client/client.js';

import type { SignOutReason } from '../client/session-channel.js';
import { LatchSessionEndedEvent, LatchSessionExtendedEvent, LatchSessionWarningEvent } from '../events/session.js';
import type { SessionStatus } from '../protocol/index.js';
import { clientOf, type Backend } from './client-loader.js';
import { localDeadline, milestoneDue, phaseAt, secondsLeft, shouldExtend, warningLead } from './session-timing.js';

/** What the watcher is doing: nothing (signed out), watching, warning, or showing why the session ended. */
export type WatchState = 'off' | 'watching' | 'warning' | 'ended';

/** What the controller reads from its element: its backend (see `backendOf`) and its timing. */
export interface SessionWatchConfig extends Backend {
  /** Milliseconds before the idle expiry to warn (at least two minutes are used). */
  warnBefore: number;
  /** Milliseconds between session checks while the page is visible. */
  pollInterval: number;
}

type Host = ReactiveControllerHost & HTMLElement;

/** Events that count as the user being there: deliberate input, not a mouse drifting across the page. */
const ACTIVITY = ['pointerdown', 'keydown', 'wheel', 'touchstart', 'scroll'] as const;
/** A check that decides whether to warn or sign out waits this long for the backend, then trusts the local clock (S19). */
const CHECK_TIMEOUT_MS = 5000;
/** Deadlines closer than this are the same deadline (the clock offset moves by the request's jitter). */
const SAME_DEADLINE_MS = 2000;
/** The longest a timer is set for; longer waits are re-armed (setTimeout overflows at 2^31 ms). */
const MAX_TIMER_MS = 3_600_000;

/**
 * Watches the session of a signed-in user (STYLE.md 8): the idle deadline on this page's clock, user
 * activity (which extends the session at most once a minute), the warning ahead of the deadline, sign-out
 * at the deadline even when the backend is unreachable (ASVS 5 14.3.1), and sessions that end elsewhere
 * (another tab, another device, the backend), noticed through the client's session events, on focus,
 * when the page becomes visible, and on a modest poll.
 */
export class SessionWatchController implements ReactiveController {
  state: WatchState = 'off';
  /** Why the session ended, in the `ended` state, and whether another tab ended it. */
  ended: { reason: SignOutReason; remote: boolean } | undefined;
  /** The idle deadline on this page's clock (epoch ms), when the backend has an idle timeout. */
  deadline: number | undefined;
  idleTimeout: number | undefined;
  /** "Stay signed in" is on its way, or failed (the backend could not be reached). */
  extending = false;
  extendFailed = false;
  /** The last countdown milestone announced (seconds left), see {@link milestoneDue}. */
  announced = 0;
  /** Changes whenever a milestone is due, so the element announces it once. */
  announcement = 0;

  private client: LatchClient | undefined;
  private connection = new AbortController();
  private stopListening: (() => void) | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private ticker: ReturnType<typeof setInterval> | undefined;
  private poller: ReturnType<typeof setInterval> | undefined;
  private checking: Promise<void> | undefined;
  private rechecking: Promise<void> | undefined;
  /** When the backend was last asked about the session (page clock). */
  private askedAt: number | undefined;
  private expiring = false;
  private lastExtendedAt: number | undefined;
  /** Whether the backend answered at least once (until then, focus and visibility retry). */
  private known = false;

  constructor(
    private readonly host: Host,
    private readonly config: () => SessionWatchConfig,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    this.connection = new AbortController();
    const signal = this.connection.signal;
    for (const type of ACTIVITY) document.addEventListener(type, this.onActivity, { capture: true, passive: true, signal });
    document.addEventListener('visibilitychange', this.onReturn, { signal });
    globalThis.addEventListener('focus', this.onReturn, { signal });
    this.poller = setInterval(this.onPoll, this.config().pollInterval);
    void this.connect(signal);
  }

  hostDisconnected(): void {
    this.connection.abort();
    this.stopListening?.();
    this.stopListening = undefined;
    clearInterval(this.poller);
    this.stopTimers();
  }

  /** Seconds left before the idle sign-out. */
  secondsLeft(now = Date.now()): number {
    return this.deadline === undefined ? 0 : secondsLeft(now, this.deadline);
  }

  /** "Stay signed in": pushes the idle timeout back; the warning closes once the backend agreed. */
  staySignedIn(): Promise<void> {
    return this.extend(true);
  }

  /** "Sign out" from the warning: ends the session here, at the backend, and in the other tabs. */
  async signOut(): Promise<void> {
    this.stop();
    this.host.dispatchEvent(new LatchSessionEndedEvent('user', false));
    await this.client?.signOut({ reason: 'user' }).catch(() => undefined);
  }

  /** Closes the "you were signed out" message. */
  dismiss(): void {
    if (this.state === 'ended') this.stop();
  }

  private async connect(signal: AbortSignal): Promise<void> {
    // After the first update: a `client` set before the element's class arrived is only restored then.
    await this.host.updateComplete;
    if (signal.aborted) return;
    const config = this.config();
    try {
      this.client = await clientOf(config);
    } catch {
      return;
    }
    if (signal.aborted) return;
    this.stopListening = this.client.onSessionChange(this.onChange);
    await this.check();
  }

  private onChange = (change: SessionChange): void => {
    const live = this.state === 'watching' || this.state === 'warning';
    if (change.type === 'extended') {
      if (live && this.idleTimeout !== undefined) {
        this.deadline = localDeadline(change.idleExpiresAt, this.client?.serverTimeOffset() ?? 0);
        this.schedule();
      }
    } else if (change.type === 'signed-in') {
      if (!live) void this.check();
    } else if (live) {
      // Signing out on this page is the user's own doing: nothing to explain.
      if (!change.remote && change.reason === 'user') this.stop();
      else this.end(change.reason, change.remote);
    } else if (this.checking) {
      // Ended while the first read is on its way: that read may predate it and start watching a session that is
      // gone, so the sign-out is applied once it lands.
      void this.checking.then(() => {
        if (this.state === 'watching' || this.state === 'warning') this.onChange(change);
      });
    }
  };

  private onActivity = (): void => {
    if (this.state !== 'watching' || this.deadline === undefined) return;
    if (!shouldExtend(Date.now(), this.lastExtendedAt)) return;
    void this.extend(false);
  };

  private onReturn = (): void => {
    if (document.visibilityState !== 'visible') return;
    if (this.state === 'watching' || this.state === 'warning' || !this.known) void this.check();
  };

  private onPoll = (): void => {
    if (document.visibilityState === 'visible' && (this.state === 'watching' || this.state === 'warning')) void this.check();
  };

  /**
   * Asks the backend about the session. An ask while a request is in flight reads again once it is back:
   * the answer on its way may predate what prompted the ask (a sign-in a moment ago), and a watcher that
   * missed a sign-in would never start watching (it polls only while it watches).
   */
  private check(): Promise<void> {
    if (this.checking) {
      this.rechecking ??= this.checking.then(() => {
        this.rechecking = undefined;
        return this.check();
      });
      return this.rechecking;
    }
    this.askedAt = Date.now();
    this.checking = this.readSession().finally(() => (this.checking = undefined));
    return this.checking;
  }

  private async readSession(): Promise<void> {
    const client = this.client;
    if (!client) return;
    const timeout = new AbortController();
    const timer = setTimeout(() => timeout.abort(), CHECK_TIMEOUT_MS);
    let session: SessionStatus;
    try {
      session = await client.getSession({ signal: AbortSignal.any([timeout.signal, this.connection.signal]) });
    } catch {
      // Unreachable: the local deadline still holds, and the sign-out at it needs no backend.
      return;
    } finally {
      clearTimeout(timer);
    }
    if (this.connection.signal.aborted) return;
    this.known = true;
    this.apply(session);
  }

  private apply(session: SessionStatus): void {
    const live = this.state === 'watching' || this.state === 'warning';
    if (!session.active) {
      if (!live) return;
      // Gone at about the time it would have timed out: that is the reason; otherwise it ended elsewhere.
      const idle = this.deadline !== undefined && Date.now() >= this.deadline - SAME_DEADLINE_MS;
      this.end(idle ? 'idle' : 'ended', false);
      void this.client?.signOut({ reason: idle ? 'idle' : 'ended' }).catch(() => undefined);
      return;
    }
    this.track(session);
  }

  /** Takes the backend's idle fields as the truth and (re)starts watching. */
  private track(session: SessionStatus): void {
    const offset = this.client?.serverTimeOffset() ?? 0;
    if (session.idle_expires_at !== undefined && session.idle_timeout !== undefined) {
      this.idleTimeout = session.idle_timeout * 1000;
      this.deadline = localDeadline(session.idle_expires_at, offset);
      // The backend last saw the user when the current timeout started.
      this.lastExtendedAt ??= this.deadline - this.idleTimeout;
    } else {
      this.deadline = undefined;
    }
    if (this.state === 'off' || this.state === 'ended') {
      this.state = 'watching';
      this.ended = undefined;
      this.host.requestUpdate();
    }
    this.schedule();
  }

  /** Arms the one timer for the next thing to happen: the warning, or the sign-out. */
  private schedule(): void {
    clearTimeout(this.timer);
    if (this.deadline === undefined || (this.state !== 'watching' && this.state !== 'warning')) return;
    const now = Date.now();
    const lead = warningLead(this.config().warnBefore, this.idleTimeout);
    const phase = phaseAt(now, this.deadline, lead);
    if (phase === 'expired') {
      void this.expire();
      return;
    }
    if (phase === 'quiet') {
      if (this.state === 'warning') this.closeWarning();
      this.arm(this.deadline - lead - now);
      return;
    }
    if (this.state === 'warning') {
      this.arm(this.deadline - now);
      return;
    }
    // Before warning, ask the backend (once): another tab, device or API call may have kept the session
    // alive. An answer, or a failure to get one, from the last few seconds will do.
    if (this.askedAt !== undefined && Date.now() - this.askedAt < CHECK_TIMEOUT_MS + SAME_DEADLINE_MS) {
      this.openWarning();
      return;
    }
    void this.check().then(() => this.schedule());
  }

  private arm(delay: number): void {
    this.timer = setTimeout(() => this.schedule(), Math.max(0, Math.min(delay, MAX_TIMER_MS)));
  }

  private openWarning(): void {
    this.state = 'warning';
    this.extendFailed = false;
    this.announced = this.secondsLeft();
    this.ticker = setInterval(this.tick, 1000);
    this.host.requestUpdate();
    this.host.dispatchEvent(new LatchSessionWarningEvent(this.deadline ?? Date.now()));
    this.schedule();
  }

  private closeWarning(): void {
    clearInterval(this.ticker);
    this.ticker = undefined;
    this.state = 'watching';
    this.host.requestUpdate();
  }

  /** Once a second while warning: the visible countdown, and an announcement at each milestone only. */
  private tick = (): void => {
    const due = milestoneDue(this.secondsLeft(), this.announced);
    if (due !== undefined) {
      this.announced = due;
      this.announcement++;
    }
    this.host.requestUpdate();
  };

  /** The deadline passed: one last look at the backend, then the sign-out, reachable backend or not. */
  private async expire(): Promise<void> {
    if (this.expiring) return;
    this.expiring = true;
    try {
      await this.check();
    } finally {
      this.expiring = false;
    }
    if (this.state !== 'watching' && this.state !== 'warning') return;
    if (this.deadline !== undefined && Date.now() < this.deadline) {
      this.schedule();
      return;
    }
    this.end('idle', false);
    await this.client?.signOut({ reason: 'idle' }).catch(() => undefined);
  }

  private async extend(explicit: boolean): Promise<void> {
    const client = this.client;
    if (!client || this.extending) return;
    this.lastExtendedAt = Date.now();
    this.extending = explicit;
    this.extendFailed = false;
    this.host.requestUpdate();
    try {
      const session = await client.extendSession({ signal: this.connection.signal });
      this.apply(session);
      if (explicit && session.active && this.deadline !== undefined) {
        this.host.dispatchEvent(new LatchSessionExtendedEvent(this.deadline));
      }
    } catch (error) {
      if ((error as { code?: unknown } | undefined)?.code === 'LATCH_NOT_SIGNED_IN') {
        this.apply({ active: false });
      } else if (explicit && !this.connection.signal.aborted) {
        this.extendFailed = true;
      }
    } finally {
      this.extending = false;
      this.host.requestUpdate();
    }
  }

  /** The session is over: say why, and tell the page. */
  private end(reason: SignOutReason, remote: boolean): void {
    this.stopTimers();
    this.state = 'ended';
    this.ended = { reason, remote };
    this.deadline = undefined;
    this.lastExtendedAt = undefined;
    this.host.requestUpdate();
    this.host.dispatchEvent(new LatchSessionEndedEvent(reason, remote));
  }

  private stop(): void {
    this.stopTimers();
    this.state = 'off';
    this.ended = undefined;
    this.deadline = undefined;
    this.lastExtendedAt = undefined;
    this.host.requestUpdate();
  }

  private stopTimers(): void {
    clearTimeout(this.timer);
    clearInterval(this.ticker);
    this.timer = undefined;
    this.ticker = undefined;
  }
}
