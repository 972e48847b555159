import { ChallengeSuccessResponse, SessionStatus } from '../../protocol/index.js';
import { expectSchema, expectThat, type Check } from '../check.js';
import { bodyOf } from '../http.js';

// §4: the session endpoint a same-site widget reads after every sign-in.

export const sessionChecks: Check[] = [
  {
    id: 'C-STEP-2',
    section: '§2.4',
    title: 'The right email code answers 200 ChallengeSuccessResponse with an authorization code and Cache-Control: no-store',
    async run(ctx) {
      const { success } = await ctx.signedIn();
      expectSchema(ChallengeSuccessResponse, 'ChallengeSuccessResponse', success);
      expectThat(/\bno-store\b/.test(success.headers['cache-control'] ?? ''), 'the code\'s answer may be cached', success, ['cache-control']);
    },
  },
  {
    id: 'C-SESS-1',
    section: '§4',
    title: 'GET session without a cookie answers 200 {"active":false}',
    async run(ctx) {
      const exchange = await ctx.browser().send(await ctx.endpoint('ciam_session_endpoint'));
      expectThat(exchange.status === 200 && bodyOf(exchange).active === false, 'expected 200 with active false', exchange);
      expectSchema(SessionStatus, 'SessionStatus', exchange);
    },
  },
  {
    id: 'C-SESS-2',
    section: '§4',
    title: 'After an in-widget sign-in, GET session with its cookie answers an active SessionStatus for that user',
    async run(ctx) {
      const endpoint = await ctx.endpoint('ciam_session_endpoint');
      const { browser, email } = await ctx.signedIn();
      const exchange = await browser.send(endpoint);
      expectSchema(SessionStatus, 'SessionStatus', exchange);
      const body = bodyOf(exchange);
      expectThat(exchange.status === 200 && body.active === true, 'the session is not active after the sign-in\'s 200', exchange);
      expectThat((body.user as { email?: string } | undefined)?.email?.toLowerCase() === email.toLowerCase(), `the session's user is not ${email}`, exchange);
    },
  },
];

/** Ending the session: after every check that needs the run's signed-in session. */
export const sessionEndChecks: Check[] = [
  {
    id: 'C-SESS-3',
    section: '§4',
    title: 'DELETE session answers 204; the session is inactive afterwards',
    async run(ctx) {
      const endpoint = await ctx.endpoint('ciam_session_endpoint');
      // The run's account, once the checks that need its session are done (checks/index.ts runs this late).
      const { browser } = await ctx.signedIn();
      const ended = await browser.send(endpoint, { method: 'DELETE' });
      expectThat(ended.status === 204, 'DELETE did not answer 204', ended);
      const after = await browser.send(endpoint);
      expectThat(after.status === 200 && bodyOf(after).active === false, 'the session is still active after DELETE', after);
    },
  },
];
