import type { ReactiveControllerHost } from 'lit';
import type { ActivityEvent, DeviceSession } from '../protocol/devices.js';
import { AccountController, type AccountConfig } from './account.controller.js';

/** What `<latch-devices>` is doing: reading the lists, or signing one or every other session out. */
export type DevicesAction = 'load' | 'revoke' | 'revoke-others';
/** What it last did, to announce. */
export type DevicesNotice = 'devicesSignedOutOne' | 'devicesSignedOutOthers';

type Host = ReactiveControllerHost & HTMLElement;

/**
 * The account's sessions and sign-in activity (profile §27) for `<latch-devices>`: reads both, signs one other
 * session out, or (after the step-up the backend asks for) every other one; the sessions list is the backend's
 * answer after each change. One change at a time, failures announced (see {@link AccountController}).
 */
export class DevicesController {
  readonly account: AccountController<DevicesAction, DevicesNotice>;
  /** This browser's session first, then the most recently active; undefined until read. */
  sessions: DeviceSession[] | undefined;
  /** The last 30 days of sign-in attempts, newest first. */
  activity: ActivityEvent[] | undefined;

  constructor(host: Host, config: () => AccountConfig) {
    this.account = new AccountController(host, config);
  }

  /** Whether the account is signed in anywhere but here. */
  get hasOthers(): boolean {
    return this.sessions?.some((session) => !session.current) ?? false;
  }

  load(): Promise<void> {
    return this.account.load('load', async (api, signal) => {
      const [sessions, activity] = await Promise.all([api.sessions({ signal }), api.activity({ signal })]);
      this.sessions = sessions.sessions;
      this.activity = activity.events;
    });
  }

  /** Signs another browser out; `done` runs after the list is read again (to move focus and announce). */
  revoke(id: string, done: () => void): Promise<void> {
    return this.account.run('revoke', async (api, signal) => {
      this.sessions = (await api.revokeSession({ id, signal })).sessions;
      done();
      this.account.announce('devicesSignedOutOne');
    });
  }

  /** Signs every other browser out (the client runs the step-up the backend asks for, then sends it again). */
  revokeOthers(done: () => void): Promise<void> {
    return this.account.run('revoke-others', async (api, signal) => {
      this.sessions = (await api.revokeOtherSessions({ signal })).sessions;
      done();
      this.account.announce('devicesSignedOutOthers');
    });
  }
}
