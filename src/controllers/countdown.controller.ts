import type { ReactiveController, ReactiveControllerHost } from 'lit';

/**
 * Redraws its element once a second while a countdown runs ("You can ask for a new code in 42 s"), and not
 * at all otherwise. Checked after every update; leaving the page stops it.
 */
export class CountdownController implements ReactiveController {
  private ticker: ReturnType<typeof setInterval> | undefined;

  constructor(
    private readonly host: ReactiveControllerHost,
    /** Whether a countdown is running now. */
    private readonly counting: () => boolean,
  ) {
    host.addController(this);
  }

  hostUpdated(): void {
    const counting = this.counting();
    if (counting && !this.ticker) this.ticker = setInterval(() => this.host.requestUpdate(), 1000);
    else if (!counting) this.stop();
  }

  hostDisconnected(): void {
    this.stop();
  }

  private stop(): void {
    clearInterval(this.ticker);
    this.ticker = undefined;
  }
}
