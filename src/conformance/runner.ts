import { PROFILE_VERSION } from '../protocol/index.js';
import { CheckFailure, Skipped, type Check } from './check.js';
import { CHECKS } from './checks/index.js';
import { RunContext, type RunOptions } from './context.js';

/** One requirement's result. */
export interface CheckResult {
  id: string;
  section: string;
  title: string;
  status: 'pass' | 'fail' | 'skip';
  /** Why it failed or was skipped. */
  reason?: string;
  /** The backend's answer that failed it (status and trimmed body or headers). */
  observed?: string;
  ms: number;
}

export interface Report {
  /** The profile version whose requirements were checked (docs/protocol.md §30). */
  profile: string;
  issuer: string;
  clientId: string;
  results: CheckResult[];
  summary: { pass: number; fail: number; skip: number };
}

/** Runs every check against the backend, one after another, and reports each requirement. */
export async function runConformance(options: RunOptions, checks: readonly Check[] = CHECKS): Promise<Report> {
  const ctx = new RunContext(options);
  const results: CheckResult[] = [];
  for (const check of checks) results.push(await runOne(check, ctx));
  const count = (status: CheckResult['status']) => results.filter((result) => result.status === status).length;
  return { profile: PROFILE_VERSION, issuer: ctx.issuer, clientId: options.clientId, results, summary: { pass: count('pass'), fail: count('fail'), skip: count('skip') } };
}

async function runOne(check: Check, ctx: RunContext): Promise<CheckResult> {
  const { id, section, title } = check;
  const started = performance.now();
  const ms = () => Math.round(performance.now() - started);
  try {
    await check.run(ctx);
    return { id, section, title, status: 'pass', ms: ms() };
  } catch (error) {
    if (error instanceof Skipped) return { id, section, title, status: 'skip', reason: error.message, ms: ms() };
    // Anything else a check throws (a refused connection, a malformed answer it could not read) is a failure too.
    const reason = reasonOf(error);
    const observed = error instanceof CheckFailure ? error.observed : undefined;
    return { id, section, title, status: 'fail', reason, ...(observed ? { observed } : {}), ms: ms() };
  }
}

/** The error's message, with its cause where fetch hides the real one ("fetch failed": ECONNREFUSED …). */
function reasonOf(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause instanceof Error ? (error.cause as Error & { code?: string }) : undefined;
  return cause ? `${error.message} (${cause.code ?? cause.message})` : error.message;
}
