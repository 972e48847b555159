import type { RunContext } from './context.js';
import { summarize, type Exchange } from './http.js';

/** One requirement of docs/protocol.md §30 and the function that checks a backend against it. */
export interface Check {
  /** The requirement's stable id in §30 (`C-DISC-1`). */
  id: string;
  /** The profile section the requirement comes from (`§2.6`). */
  section: string;
  title: string;
  /** Resolves when the backend meets the requirement; throws {@link CheckFailure} or {@link Skipped} otherwise. */
  run(ctx: RunContext): Promise<void>;
}

/** The backend's answer broke the requirement; `observed` is what it answered. */
export class CheckFailure extends Error {
  constructor(
    message: string,
    readonly observed?: string,
  ) {
    super(message);
  }
}

/** The requirement does not apply: the backend does not advertise it, or a hook the check needs is absent. */
export class Skipped extends Error {}

/** Fails the check with the exchange as the observed answer unless `condition` holds. */
export function expectThat(condition: unknown, message: string, exchange?: Exchange, headers: string[] = []): asserts condition {
  if (!condition) throw new CheckFailure(message, exchange && `${exchange.method} ${exchange.url} → ${summarize(exchange, headers)}`);
}

/** A zod/mini schema's `safeParse`, as far as the checks need it. */
interface Schema {
  safeParse(value: unknown): { success: true } | { success: false; error: { issues: ReadonlyArray<{ path: PropertyKey[]; message: string }> } };
}

/** Fails unless the exchange's JSON body matches the profile's schema (the schema's name in the message). */
export function expectSchema(schema: Schema, name: string, exchange: Exchange): void {
  const parsed = schema.safeParse(exchange.json);
  if (parsed.success) return;
  const issues = parsed.error.issues.slice(0, 3).map((issue) => `${issue.path.map(String).join('.') || '(body)'}: ${issue.message}`);
  expectThat(false, `the answer does not match ${name} (${issues.join('; ')})`, exchange);
}
