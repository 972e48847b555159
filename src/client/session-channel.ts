/** Why a session ended: the user signed out, it timed out for inactivity, or the backend ended it. */
export type SignOutReason = 'user' | 'idle' | 'ended';

/**
 * What one tab tells the others about the session of one issuer. Only an event type, a time and what
 * the event needs: never a token, a cookie, a code or who the user is (the other tabs ask the backend).
 */
export type SessionMessage =
  | { type: 'signed-in'; at: number }
  | { type: 'signed-out'; at: number; reason: SignOutReason }
  /** The session's idle timeout was pushed back; `idle_expires_at` is the backend's epoch seconds. */
  | { type: 'extended'; at: number; idle_expires_at: number };

/** Tells other tabs (and other clients on this page) about session changes, and hears theirs. */
export interface SessionChannel {
  post(message: SessionMessage): void;
  /** Calls `listener` for messages from elsewhere (never for this channel's own posts); returns an unsubscribe function. */
  subscribe(listener: (message: SessionMessage) => void): () => void;
}

const REASONS: readonly string[] = ['user', 'idle', 'ended'];

/** Accepts only the three message shapes; anything else on the channel (or in the storage key) is ignored. */
export function readSessionMessage(value: unknown): SessionMessage | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const { type, at, reason, idle_expires_at: idle } = value as Record<string, unknown>;
  if (typeof at !== 'number' || !Number.isFinite(at)) return undefined;
  if (type === 'signed-in') return { type, at };
  if (type === 'signed-out' && typeof reason === 'string' && REASONS.includes(reason)) {
    return { type, at, reason: reason as SignOutReason };
  }
  if (type === 'extended' && typeof idle === 'number' && Number.isFinite(idle)) return { type, at, idle_expires_at: idle };
  return undefined;
}

/**
 * The session channel of one issuer: a `BroadcastChannel`, or where there is none (fault K8) the
 * `storage` event of a localStorage key that holds only the last message (type, time, reason) for an
 * instant. Opened on first use. Where neither exists, posting does nothing and the session watcher's
 * polling of the session endpoint still notices the change.
 */
export function sessionChannel(issuer: string): SessionChannel {
  const name = `latchkey:session:${issuer}`;
  const listeners = new Set<(message: SessionMessage) => void>();
  let broadcast: BroadcastChannel | undefined;
  let opened = false;

  const deliver = (value: unknown) => {
    const message = readSessionMessage(value);
    if (message) for (const listener of [...listeners]) listener(message);
  };

  function open(): void {
    if (opened) return;
    opened = true;
    if (typeof BroadcastChannel === 'function') {
      broadcast = new BroadcastChannel(name);
      broadcast.onmessage = (event: MessageEvent) => deliver(event.data);
      return;
    }
    // A storage event reaches every other document of this origin, never the one that wrote the key.
    globalThis.addEventListener?.('storage', (event: StorageEvent) => {
      if (event.key !== name || !event.newValue) return;
      try {
        deliver(JSON.parse(event.newValue));
      } catch {
        // Not ours, or not JSON: ignore.
      }
    });
  }

  return {
    post(message) {
      open();
      if (broadcast) {
        broadcast.postMessage(message);
        return;
      }
      try {
        // Written and removed at once: the event carries it, and nothing stays behind in storage.
        localStorage.setItem(name, JSON.stringify(message));
        localStorage.removeItem(name);
      } catch {
        // Storage blocked: the other tabs learn it from the session endpoint instead.
      }
    },
    subscribe(listener) {
      open();
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
