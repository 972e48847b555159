import { ChallengeErrorResponse } from '../../protocol/index.js';
import { expectSchema, expectThat, Skipped, type Check } from '../check.js';
import type { RunContext } from '../context.js';
import { bodyOf, type Exchange } from '../http.js';

// §2.7 and §6 over every answer the run received from the profile's JSON endpoints: these checks run last.

/** The run's answers from the authorization challenge endpoint (and the page load's start). */
async function challengeAnswers(ctx: RunContext): Promise<Exchange[]> {
  const { metadata } = await ctx.discovery();
  const endpoints = [metadata.authorization_challenge_endpoint, metadata.ciam_passkey_options_endpoint].filter((url): url is string => url !== undefined);
  return ctx.log.all.filter((exchange) => endpoints.includes(exchange.url) && exchange.status !== 204);
}

export const errorChecks: Check[] = [
  {
    id: 'C-ERR-1',
    section: '§6',
    title: 'Every error answer of the challenge endpoint is JSON with a string `error`',
    async run(ctx) {
      const errors = (await challengeAnswers(ctx)).filter((exchange) => exchange.status >= 400);
      expectThat(errors.length > 0, 'the run received no error answer to judge');
      for (const exchange of errors) expectThat(typeof bodyOf(exchange).error === 'string', 'an error answer has no string `error` member', exchange);
    },
  },
  {
    id: 'C-ERR-2',
    section: '§2.7',
    title: 'A step error (a wrong code, a wrong password) echoes auth_session and matches ChallengeErrorResponse',
    async run(ctx) {
      const stepErrors = (await challengeAnswers(ctx)).filter((exchange) => ['invalid_code', 'invalid_credentials'].includes(String(bodyOf(exchange).error ?? bodyOf(exchange).message)));
      if (stepErrors.length === 0) throw new Skipped('the run received no step error to judge (it needs the email_otp or password step)');
      for (const exchange of stepErrors) {
        expectThat(typeof bodyOf(exchange).auth_session === 'string', 'a step error does not echo auth_session', exchange);
        expectSchema(ChallengeErrorResponse, 'ChallengeErrorResponse', exchange);
      }
    },
  },
  {
    id: 'C-HDR-1',
    section: '§2',
    title: 'Every answer of the challenge endpoint carries Cache-Control: no-store',
    async run(ctx) {
      const answers = await challengeAnswers(ctx);
      expectThat(answers.length > 0, 'the run received no answer to judge');
      for (const exchange of answers) expectThat(/\bno-store\b/.test(exchange.headers['cache-control'] ?? ''), 'an answer is missing Cache-Control: no-store', exchange, ['cache-control']);
    },
  },
];
