/** The server's idea of "now". Every TTL, cooldown and lockout reads it, so tests can move time forward. */
export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
  /** Whole seconds since the epoch, as JWT and the profile's `*_at` fields use. */
  nowSeconds(): number;
  /** Moves time forward; only the test clock allows it. */
  advance(seconds: number): void;
  readonly adjustable: boolean;
}

/** A wall clock; with `adjustable`, `POST /dev/clock` can push it forward (never backward). */
export function createClock({ adjustable = false }: { adjustable?: boolean } = {}): Clock {
  let offsetMs = 0;
  const now = () => Date.now() + offsetMs;
  return {
    now,
    nowSeconds: () => Math.floor(now() / 1000),
    advance(seconds) {
      if (!adjustable) throw new Error('the clock is not adjustable');
      offsetMs += seconds * 1000;
    },
    adjustable,
  };
}
