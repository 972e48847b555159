import { expect } from '@open-wc/testing';
import { LatchError, LatchErrorCode } from '../../src/client/errors.js';
import {
  acrSatisfies,
  createStepUp,
  parseAuthenticate,
  parseStepUpChallenge,
  sessionSatisfies,
  type StepUpDeps,
} from '../../src/client/step-up.js';
import { createAuthorizationRequest } from '../../src/client/oidc.js';
import type { SessionStatus } from '../../src/protocol/index.js';
import type { OAuthMetadata } from '../../src/client/discovery.js';
import { rejection } from '../helpers/rejection.js';

describe('parseAuthenticate() (RFC 9110 §11.6.1)', () => {
  it('reads quoted and token auth-params, unescaping quoted pairs', () => {
    expect(parseAuthenticate('Bearer realm="api \\"v1\\"", error=invalid_token, max_age = 300')).to.deep.equal([
      { scheme: 'Bearer', params: { realm: 'api "v1"', error: 'invalid_token', max_age: '300' } },
    ]);
  });

  it('splits several challenges in one header, with commas inside quoted values', () => {
    const challenges = parseAuthenticate(
      'Basic realm="a, b", DPoP algs="ES256 PS256", error="insufficient_user_authentication", Bearer error="x"',
    );
    expect(challenges.map((c) => c.scheme)).to.deep.equal(['Basic', 'DPoP', 'Bearer']);
    expect(challenges[0]!.params).to.deep.equal({ realm: 'a, b' });
    expect(challenges[1]!.params).to.deep.equal({ algs: 'ES256 PS256', error: 'insufficient_user_authentication' });
  });

  it('reads token68 and bare schemes', () => {
    expect(parseAuthenticate('Negotiate, Basic dXNlcjpwYXNz==, Bearer')).to.deep.equal([
      { scheme: 'Negotiate', params: {} },
      { scheme: 'Basic', params: {}, token68: 'dXNlcjpwYXNz==' },
      { scheme: 'Bearer', params: {} },
    ]);
  });

  it('survives garbage without throwing', () => {
    for (const junk of ['', ',,,', '"', 'Bearer error="unterminated', '=== ,', 'Bearer ,, error=', '\u0000Bearer x=y']) {
      expect(() => parseAuthenticate(junk)).not.to.throw();
    }
    expect(parseAuthenticate('Bearer error="unterminated')[0]!.params.error).to.equal('unterminated');
  });
});

describe('parseStepUpChallenge() (RFC 9470 §3)', () => {
  it('reads acr_values (space-separated, in order) and a quoted max_age', () => {
    expect(
      parseStepUpChallenge(
        'Bearer error="insufficient_user_authentication", error_description="more", acr_values="urn:a urn:b", max_age="300"',
      ),
    ).to.deep.equal({ scheme: 'Bearer', acrValues: ['urn:a', 'urn:b'], maxAge: 300, description: 'more' });
  });

  it('reads max_age in token form and the DPoP scheme, in any case', () => {
    expect(parseStepUpChallenge('dpop error=insufficient_user_authentication, max_age=0')).to.deep.equal({
      scheme: 'dpop',
      maxAge: 0,
    });
  });

  it('finds the step-up challenge behind another one in the same header', () => {
    expect(
      parseStepUpChallenge('Basic realm="x", Bearer error="insufficient_user_authentication", acr_values="urn:latch:acr:mfa"'),
    ).to.deep.equal({ scheme: 'Bearer', acrValues: ['urn:latch:acr:mfa'] });
  });

  it('ignores other errors, other schemes and a max_age that is not a number', () => {
    expect(parseStepUpChallenge('Bearer error="invalid_token"')).to.equal(undefined);
    expect(parseStepUpChallenge('Basic error="insufficient_user_authentication"')).to.equal(undefined);
    expect(parseStepUpChallenge(null)).to.equal(undefined);
    expect(parseStepUpChallenge('Bearer error="insufficient_user_authentication", max_age="-1"')).to.deep.equal({
      scheme: 'Bearer',
    });
  });
});

const CHALLENGE = 'Bearer error="insufficient_user_authentication", acr_values="urn:latch:acr:mfa"';

const refused = (header = CHALLENGE) =>
  new Response(JSON.stringify({ error: 'insufficient_user_authentication' }), {
    status: 401,
    headers: { 'www-authenticate': header, 'content-type': 'application/json' },
  });
const ok = (body: unknown = { ok: true }) =>
  new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } });

/** A step-up with a scripted API: each call to fetch takes the next answer. */
function harness(answers: Response[], overrides: Partial<StepUpDeps> = {}) {
  const sent: Array<{ method: string; url: string; body: string }> = [];
  const deps: StepUpDeps = {
    fetch: async (input) => {
      const request = input as Request;
      sent.push({ method: request.method, url: request.url, body: await request.text() });
      const next = answers.shift();
      if (!next) throw new Error('no more answers');
      return next;
    },
    getSession: async () => ({ active: true }) as SessionStatus,
    acrOrder: async () => [],
    firstParty: async () => true,
    viaSignInPage: async () => {
      throw new Error('not first-party in this test');
    },
    authorize: (request) => request,
    now: () => 1_000_000_000_000,
    ...overrides,
  };
  return { stepUp: createStepUp(deps), sent };
}

describe('client.fetch() step-up', () => {
  it('runs the registered step-up for the challenge, then sends the same request with its body once more', async () => {
    const { stepUp, sent } = harness([refused(), ok({ email: 'new@example.com' })]);
    const prompts: unknown[] = [];
    stepUp.onStepUp(async ({ acrValues, maxAge }) => {
      prompts.push({ acrValues, maxAge });
    });
    const response = await stepUp.fetch('/api/email', { method: 'PUT', body: JSON.stringify({ email: 'new@example.com' }) });
    expect(await response.json()).to.deep.equal({ email: 'new@example.com' });
    expect(prompts).to.deep.equal([{ acrValues: ['urn:latch:acr:mfa'], maxAge: undefined }]);
    expect(sent).to.have.length(2);
    expect(sent[1]).to.deep.equal(sent[0]);
    expect(sent[1]!.body).to.equal('{"email":"new@example.com"}');
  });

  it('replays a streamed body too', async () => {
    const { stepUp, sent } = harness([refused(), ok()]);
    stepUp.onStepUp(async () => undefined);
    const body = new Blob(['a', 'b']).stream();
    await stepUp.fetch(new Request('http://localhost/api', { method: 'POST', body, duplex: 'half' } as RequestInit));
    expect(sent.map((request) => request.body)).to.deep.equal(['ab', 'ab']);
  });

  it('returns other answers untouched, a plain 401 included, without a prompt', async () => {
    const plain = new Response('', { status: 401, headers: { 'www-authenticate': 'Bearer error="invalid_token"' } });
    const { stepUp, sent } = harness([plain, ok()]);
    let prompted = false;
    stepUp.onStepUp(async () => {
      prompted = true;
    });
    expect((await stepUp.fetch('/api/a')).status).to.equal(401);
    expect((await stepUp.fetch('/api/b')).status).to.equal(200);
    expect(prompted).to.equal(false);
    expect(sent).to.have.length(2);
  });

  it('a second refusal after the step-up is STEP_UP_FAILED, and there is no third request', async () => {
    const { stepUp, sent } = harness([refused(), refused(), ok()]);
    let prompts = 0;
    stepUp.onStepUp(async () => {
      prompts++;
    });
    expect((await rejection(stepUp.fetch('/dev/api/stubborn'))).code).to.equal(LatchErrorCode.STEP_UP_FAILED);
    expect(prompts).to.equal(1);
    expect(sent).to.have.length(2);
  });

  it('passes the prompt\'s terminal errors through and does not retry', async () => {
    const { stepUp, sent } = harness([refused()]);
    const { LatchError } = await import('../../src/client/errors.js');
    stepUp.onStepUp(async () => {
      throw new LatchError(LatchErrorCode.STEP_UP_UNMET, 'unmet');
    });
    expect((await rejection(stepUp.fetch('/api/account', { method: 'DELETE' }))).code).to.equal(LatchErrorCode.STEP_UP_UNMET);
    expect(sent).to.have.length(1);
  });

  it('without a registered prompt, a first-party backend is STEP_UP_REQUIRED', async () => {
    const { stepUp } = harness([refused()]);
    expect((await rejection(stepUp.fetch('/api/x'))).code).to.equal(LatchErrorCode.STEP_UP_REQUIRED);
  });

  it('the latest registration runs; unregistering restores the one before', async () => {
    const { stepUp } = harness([refused(), ok(), refused(), ok()]);
    const ran: string[] = [];
    stepUp.onStepUp(async () => void ran.push('first'));
    const off = stepUp.onStepUp(async () => void ran.push('second'));
    await stepUp.fetch('/a');
    off();
    await stepUp.fetch('/b');
    expect(ran).to.deep.equal(['second', 'first']);
  });

  it('a backend that is not first-party steps up through its sign-in page instead', async () => {
    const asked: unknown[] = [];
    const { stepUp } = harness([refused('DPoP error="insufficient_user_authentication", max_age="60"'), ok()], {
      firstParty: async () => false,
      viaSignInPage: async ({ acrValues, maxAge }) => void asked.push({ acrValues, maxAge }),
    });
    expect((await stepUp.fetch('/api/cards')).status).to.equal(200);
    expect(asked).to.deep.equal([{ acrValues: undefined, maxAge: 60 }]);
  });

  it('a step the prompt cannot show (LATCH_REDIRECT_REQUIRED) is taken to the sign-in page, and the request is sent once more', async () => {
    const asked: unknown[] = [];
    const { stepUp, sent } = harness([refused(), ok()], {
      viaSignInPage: async ({ acrValues, maxAge }) => void asked.push({ acrValues, maxAge }),
    });
    stepUp.onStepUp(async () => {
      throw new LatchError(LatchErrorCode.REDIRECT_REQUIRED, 'The backend needs its web page for this step-up');
    });
    expect((await stepUp.fetch('/api/email', { method: 'PUT' })).status).to.equal(200);
    expect(asked).to.deep.equal([{ acrValues: ['urn:latch:acr:mfa'], maxAge: undefined }]);
    expect(sent).to.have.length(2);
  });

  it('concurrent refusals share one prompt', async () => {
    const { stepUp } = harness([refused(), refused(), ok(), ok()]);
    let prompts = 0;
    stepUp.onStepUp(async () => {
      prompts++;
      await new Promise((done) => setTimeout(done, 20));
    });
    const results = await Promise.all([stepUp.fetch('/a'), stepUp.fetch('/b')]);
    expect(results.map((r) => r.status)).to.deep.equal([200, 200]);
    expect(prompts).to.equal(1);
  });
});

describe('client.requireStepUp()', () => {
  const NOW = 1_000_000_000_000;
  const session = (extra: Partial<SessionStatus>): SessionStatus => ({ active: true, ...extra });

  it('resolves without a prompt when the session already has the acr and a recent auth_time', async () => {
    const { stepUp } = harness([], {
      getSession: async () => session({ acr: 'urn:latch:acr:mfa', auth_time: NOW / 1000 - 10 }),
      firstParty: async () => false,
    });
    let prompted = false;
    stepUp.onStepUp(async () => void (prompted = true));
    await stepUp.requireStepUp({ acr: 'urn:latch:acr:mfa', maxAge: 300 });
    await stepUp.requireStepUp({ acr: ['urn:x', 'urn:latch:acr:mfa'] });
    expect(prompted).to.equal(false);
  });

  it('leaves max_age to a first-party backend, whose clock this browser may trail', async () => {
    const { stepUp } = harness([], {
      getSession: async () => session({ acr: 'urn:latch:acr:mfa', auth_time: NOW / 1000 - 10 }),
    });
    const asked: unknown[] = [];
    stepUp.onStepUp(async ({ acrValues, maxAge }) => void asked.push({ acrValues, maxAge }));
    await stepUp.requireStepUp({ acr: 'urn:latch:acr:mfa' });
    await stepUp.requireStepUp({ acr: 'urn:latch:acr:mfa', maxAge: 300 });
    expect(asked).to.deep.equal([{ acrValues: ['urn:latch:acr:mfa'], maxAge: 300 }]);
  });

  const LEVELS = ['urn:latch:acr:1fa', 'urn:latch:acr:mfa'];
  /** The acr_values of the prompts that `requireStepUp({ acr })` opens, one call per entry of `asked`. */
  async function promptsFor(sessionAcr: string, asked: string[], acrOrder: StepUpDeps['acrOrder']): Promise<unknown[]> {
    const { stepUp } = harness([], { getSession: async () => session({ acr: sessionAcr, auth_time: NOW / 1000 - 10 }), acrOrder });
    const prompts: unknown[] = [];
    stepUp.onStepUp(async ({ acrValues }) => void prompts.push(acrValues));
    for (const acr of asked) await stepUp.requireStepUp({ acr });
    return prompts;
  }

  it('resolves without a prompt when the session is stronger than asked, by the discovered order', async () => {
    const prompts = await promptsFor('urn:latch:acr:mfa', ['urn:latch:acr:1fa', 'urn:latch:acr:hwk'], async () => LEVELS);
    expect(prompts).to.deep.equal([['urn:latch:acr:hwk']]);
  });

  it('prompts for a stronger level than the session has', async () => {
    expect(await promptsFor('urn:latch:acr:1fa', ['urn:latch:acr:mfa'], async () => LEVELS)).to.deep.equal([['urn:latch:acr:mfa']]);
  });

  it('without the order (discovery failed), a stronger session is still prompted: exact match only', async () => {
    const failing = async (): Promise<string[]> => {
      throw new Error('discovery failed');
    };
    expect(await promptsFor('urn:latch:acr:mfa', ['urn:latch:acr:1fa'], failing)).to.deep.equal([['urn:latch:acr:1fa']]);
  });

  it('prompts when the acr is missing or the authentication is too old', async () => {
    const { stepUp } = harness([], {
      getSession: async () => session({ acr: 'urn:latch:acr:1fa', auth_time: NOW / 1000 - 400 }),
    });
    const prompts: unknown[] = [];
    stepUp.onStepUp(async ({ acrValues, maxAge }) => void prompts.push({ acrValues, maxAge }));
    await stepUp.requireStepUp({ acr: 'urn:latch:acr:mfa' });
    await stepUp.requireStepUp({ maxAge: 300 });
    expect(prompts).to.deep.equal([
      { acrValues: ['urn:latch:acr:mfa'], maxAge: undefined },
      { acrValues: undefined, maxAge: 300 },
    ]);
  });
});

describe('acrSatisfies() (profile §12.1a: levels ordered by acr_values_supported)', () => {
  const ONE = 'urn:latch:acr:1fa';
  const MFA = 'urn:latch:acr:mfa';
  const ORDER = [ONE, MFA];

  it('a stronger level satisfies a weaker one, and the same level itself', () => {
    expect(acrSatisfies(MFA, [ONE], ORDER)).to.equal(true);
    expect(acrSatisfies(ONE, [ONE], ORDER)).to.equal(true);
  });

  it('a weaker level does not satisfy a stronger one', () => {
    expect(acrSatisfies(ONE, [MFA], ORDER)).to.equal(false);
  });

  it('any one of the requested values satisfies (RFC 9470 §3)', () => {
    expect(acrSatisfies(ONE, [MFA, ONE], ORDER)).to.equal(true);
  });

  it('a value the backend does not list is satisfied only by itself', () => {
    expect(acrSatisfies(MFA, ['urn:latch:acr:hwk'], ORDER)).to.equal(false);
    expect(acrSatisfies('urn:latch:acr:hwk', [MFA], ORDER)).to.equal(false);
    expect(acrSatisfies('urn:latch:acr:hwk', ['urn:latch:acr:hwk'], ORDER)).to.equal(true);
  });

  it('without an advertised order, only an exact match satisfies', () => {
    expect(acrSatisfies(MFA, [ONE])).to.equal(false);
    expect(acrSatisfies(MFA, [ONE], [])).to.equal(false);
    expect(acrSatisfies(MFA, [MFA])).to.equal(true);
  });

  it('a session without an acr satisfies no acr_values', () => {
    expect(acrSatisfies(undefined, [ONE], ORDER)).to.equal(false);
  });

  it('sessionSatisfies() applies the order to the session\'s acr', () => {
    const mfaSession = { active: true, acr: MFA } as SessionStatus;
    expect(sessionSatisfies(mfaSession, { acrValues: [ONE] }, 0, ORDER)).to.equal(true);
    expect(sessionSatisfies(mfaSession, { acrValues: [ONE] }, 0)).to.equal(false);
    expect(sessionSatisfies({ active: true, acr: ONE } as SessionStatus, { acrValues: [MFA] }, 0, ORDER)).to.equal(false);
  });
});

describe('createAuthorizationRequest() for a step-up (RFC 9470 §4)', () => {
  it('adds acr_values, max_age and prompt=login', async () => {
    const metadata = {
      issuer: 'https://id.example.com',
      authorization_endpoint: 'https://id.example.com/auth',
      token_endpoint: 'https://id.example.com/token',
    } satisfies OAuthMetadata;
    const { url } = await createAuthorizationRequest(metadata, {
      clientId: 'web',
      redirectUri: 'https://shop.example.com/callback',
      scope: 'openid',
      prompt: 'login',
      acrValues: 'urn:latch:acr:mfa',
      maxAge: 0,
    });
    const params = new URL(url).searchParams;
    expect(params.get('acr_values')).to.equal('urn:latch:acr:mfa');
    expect(params.get('max_age')).to.equal('0');
    expect(params.get('prompt')).to.equal('login');
  });
});
