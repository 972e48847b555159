import type { ReactiveController, ReactiveControllerHost } from 'lit';

/**
 * The AbortController of a controller's current work (STYLE.md 8). The element leaving the page ends the
 * work (fault N8: nothing may update or announce after that), and coming back gives a fresh one (a page may
 * move the element, fault E12); `restart()` ends it and starts anew, as a new step does.
 */
export class AbortScope implements ReactiveController {
  private controller = new AbortController();

  constructor(host: ReactiveControllerHost) {
    host.addController(this);
  }

  /** The signal of the current work. */
  get signal(): AbortSignal {
    return this.controller.signal;
  }

  hostConnected(): void {
    if (this.controller.signal.aborted) this.controller = new AbortController();
  }

  hostDisconnected(): void {
    this.end();
  }

  /** Ends the current work. */
  end(): void {
    this.controller.abort();
  }

  /** Ends the current work and returns the signal for what follows it. */
  restart(): AbortSignal {
    this.end();
    this.controller = new AbortController();
    return this.controller.signal;
  }
}
