import { expectThat, Skipped, type Check } from '../check.js';
import type { RunContext } from '../context.js';
import { bodyOf, type Browser, type Exchange } from '../http.js';
import { expectAlike } from '../side-by-side.js';
import { expectState } from './challenge.js';

// §2.5–§2.7 and §7 on one pair of transactions: an address with an account and one without, sent the same
// steps side by side (§2.6). The email-code checks read the unknown address's answers of the same run.

/** One customer of the pair: the address, its browser, and its answers in order. */
interface Side {
  email: string;
  browser: Browser;
  /** Its latest answer that carried an auth_session. */
  last?: Exchange;
}

/** Both answers to one request. */
interface Pair {
  known: Exchange;
  unknown: Exchange;
}

/** The pair's whole run. `password` is absent where not advertised; `burnt` where no code reader is given. */
interface SideBySideRun {
  emails: { known: string; unknown: string };
  selectMethod: Pair;
  password?: Pair;
  firstSend: Pair & { label: string };
  resend: Pair;
  wrongTries: Pair[];
  /** The unknown address's real code, typed after the wrong tries burnt it. */
  burnt?: Exchange;
}

/** The most wrong tries a code may take before it is burnt ("a small bound", §9; the reference's is 5). */
const MAX_TRIES = 10;

function sideBySide(ctx: RunContext): Promise<SideBySideRun> {
  return ctx.once('side-by-side', async () => {
    await ctx.requireStep('email_otp');
    // The account signs in first where it can: the pair's sends below leave its address inside the resend
    // cooldown, which a sign-in after them would run into. Its failure is reported by the checks that need it.
    if (ctx.options.readCode) await ctx.signedIn().catch(() => undefined);
    const known: Side = { email: await ctx.existingEmail(), browser: ctx.browser() };
    const unknown: Side = { email: ctx.newEmail(), browser: ctx.browser() };
    // Each side goes on with the auth_session of its latest answer that carried one (§2.2: it may rotate).
    const both = async (send: (side: Side) => Promise<Exchange>): Promise<Pair> => {
      const pair = { known: await send(known), unknown: await send(unknown) };
      if (typeof bodyOf(pair.known).auth_session === 'string') known.last = pair.known;
      if (typeof bodyOf(pair.unknown).auth_session === 'string') unknown.last = pair.unknown;
      return pair;
    };
    const selectMethod = await both((side) => ctx.start(side.browser, { login_hint: side.email }));
    const methods = (bodyOf(selectMethod.unknown).ciam as { methods?: string[] } | undefined)?.methods ?? [];
    const password = (await ctx.advertisesStep('password')) && methods.includes('password')
      ? await both((side) => ctx.step(side.browser, side.last, { type: 'password', password: 'conformance wrong password 1' }))
      : undefined;
    const signUp = (await ctx.advertisesStep('sign_up')) && bodyOf(selectMethod.unknown).ciam !== undefined && (bodyOf(selectMethod.unknown).ciam as { sign_up?: boolean }).sign_up === true;
    const first = signUp ? { type: 'sign_up' } : { type: 'email_otp', action: 'send' };
    const firstSend = { ...(await both((side) => ctx.step(side.browser, side.last, first))), label: signUp ? 'sign_up' : 'email_otp send' };
    const codeLength = Number((bodyOf(firstSend.unknown).ciam as { code_length?: number } | undefined)?.code_length ?? 6);
    // None comes where sign-up is off: the unknown address's mail then says there is no account.
    const realCode = ctx.options.readCode ? await ctx.takeCode(unknown.email) : undefined;
    const resend = await both((side) => ctx.step(side.browser, side.last, { type: 'email_otp', action: 'send' }));
    const wrongCode = wrongCodeOf(codeLength, realCode);
    const wrongTries: Pair[] = [];
    for (let i = 0; i < MAX_TRIES; i++) {
      const pair = await both((side) => ctx.step(side.browser, side.last, { type: 'email_otp', action: 'verify', code: wrongCode }));
      wrongTries.push(pair);
      if (bodyOf(pair.unknown).error !== 'invalid_code') break;
    }
    const burnt = realCode ? await ctx.step(unknown.browser, unknown.last, { type: 'email_otp', action: 'verify', code: realCode }) : undefined;
    return { emails: { known: known.email, unknown: unknown.email }, selectMethod, ...(password ? { password } : {}), firstSend, resend, wrongTries, ...(burnt ? { burnt } : {}) };
  });
}

/** A code of the step's length that is not the real one. */
function wrongCodeOf(length: number, real?: string): string {
  const zeros = '0'.repeat(length);
  return real === zeros ? '1'.repeat(length) : zeros;
}

async function run(ctx: RunContext, pick: (run: SideBySideRun) => Pair | undefined, label: string): Promise<void> {
  const seen = await sideBySide(ctx);
  const pair = pick(seen);
  if (!pair) throw new Skipped(`${label} is not offered`);
  expectAlike(label, { exchange: pair.known, email: seen.emails.known }, { exchange: pair.unknown, email: seen.emails.unknown });
}

export const enumerationChecks: Check[] = [
  {
    id: 'C-ENUM-1',
    section: '§2.6',
    title: 'The initial request with login_hint answers alike for an existing and an unknown address',
    run: (ctx) => run(ctx, (seen) => seen.selectMethod, 'select_method'),
  },
  {
    id: 'C-ENUM-2',
    section: '§2.6',
    title: 'The first code send (sign_up where offered, else email_otp send) answers alike',
    run: (ctx) => run(ctx, (seen) => seen.firstSend, 'the first code send'),
  },
  {
    id: 'C-ENUM-3',
    section: '§2.6',
    title: 'Wrong codes answer alike, try after try, including after an "already registered" mail',
    async run(ctx) {
      const seen = await sideBySide(ctx);
      for (const [i, pair] of seen.wrongTries.entries()) await run(ctx, () => pair, `wrong code, try ${i + 1}`);
    },
  },
  {
    id: 'C-ENUM-4',
    section: '§2.6',
    title: 'A resend inside the cooldown answers alike',
    run: (ctx) => run(ctx, (seen) => seen.resend, 'the resend'),
  },
  {
    id: 'C-ENUM-5',
    section: '§2.5',
    title: 'A wrong password answers alike: 400 invalid_credentials for both',
    async run(ctx) {
      await run(ctx, (seen) => seen.password, 'the password step');
      const pair = (await sideBySide(ctx)).password!;
      expectThat(pair.unknown.status === 400 && bodyOf(pair.unknown).error === 'invalid_credentials', 'expected 400 invalid_credentials', pair.unknown);
    },
  },
  {
    id: 'C-STEP-1',
    section: '§2.3',
    title: 'The first code send answers the email_otp step (StepState schema), purpose sign_up for sign_up',
    async run(ctx) {
      const { firstSend } = await sideBySide(ctx);
      const ciam = expectState(firstSend.unknown, 'email_otp');
      if (firstSend.label === 'sign_up') expectThat(ciam.purpose === 'sign_up', `purpose is ${JSON.stringify(ciam.purpose)}, not sign_up`, firstSend.unknown);
    },
  },
  {
    id: 'C-CODE-1',
    section: '§2.5',
    title: 'Wrong codes answer invalid_code counting attempts_remaining down, then too_many_attempts with 0',
    async run(ctx) {
      const tries = (await sideBySide(ctx)).wrongTries.map((pair) => pair.unknown);
      const last = tries.at(-1)!;
      expectThat(bodyOf(last).error === 'too_many_attempts' && bodyOf(last).attempts_remaining === 0, `after ${tries.length} wrong codes, no too_many_attempts with attempts_remaining 0`, last);
      for (const [i, exchange] of tries.slice(0, -1).entries()) {
        const expected = tries.length - 1 - i;
        expectThat(bodyOf(exchange).error === 'invalid_code' && bodyOf(exchange).attempts_remaining === expected, `wrong code ${i + 1}: expected invalid_code with attempts_remaining ${expected}`, exchange);
      }
    },
  },
  {
    id: 'C-CODE-2',
    section: '§2.5',
    title: 'A code burnt by wrong tries stays refused, even typed right',
    async run(ctx) {
      ctx.codeReader();
      const { burnt } = await sideBySide(ctx);
      if (!burnt) throw new Skipped('no code was mailed to the unknown address (sign-up off?), so none can be typed after the burn');
      expectThat(burnt.status === 400 && bodyOf(burnt).error === 'too_many_attempts', 'the right code after a burn was not refused with too_many_attempts', burnt);
    },
  },
  {
    id: 'C-RATE-1',
    section: '§7',
    title: 'A code resend inside the cooldown answers 429 rate_limited with Retry-After in seconds',
    async run(ctx) {
      const { resend } = await sideBySide(ctx);
      const retryAfter = resend.unknown.headers['retry-after'];
      expectThat(resend.unknown.status === 429 && bodyOf(resend.unknown).error === 'rate_limited', 'a resend right after the first send was not 429 rate_limited', resend.unknown);
      expectThat(retryAfter !== undefined && /^\d+$/.test(retryAfter), 'the 429 has no Retry-After in seconds', resend.unknown, ['retry-after']);
    },
  },
];
