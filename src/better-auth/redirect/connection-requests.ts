import { createAuthMiddleware } from 'better-auth/api';

// Profile §11.4.2: a request naming a connection goes through it even when the user already has a session (they
// picked that provider on purpose). oauth-provider answers a request with a session by a code at once; `prompt=login`
// sends it to the login page instead, which starts the connection, and oauth-provider drops that `login` again when
// the upstream sign-in comes back.

/** A `before` hook on oauth-provider's authorization endpoint: `prompt=login` added to requests naming a connection. */
export const connectionRequestHooks = [
  {
    // Only the browser's own request: oauth-provider also runs the endpoint inside better-auth's callback (with the
    // callback's request) to finish the flow, and that run must issue the code.
    matcher: (context: { path?: string; query?: Record<string, unknown>; request?: Request }) =>
      context.path === '/oauth2/authorize' &&
      typeof context.query?.['connection'] === 'string' &&
      context.request !== undefined &&
      new URL(context.request.url).pathname.endsWith('/oauth2/authorize'),
    handler: createAuthMiddleware(async (ctx) => {
      const query = ctx.query as Record<string, unknown>;
      const prompt = new Set(String(query['prompt'] ?? '').split(' ').filter(Boolean));
      // `none` must not show a page; `login` and `create` already reach the login page.
      if (prompt.has('none') || prompt.has('login') || prompt.has('create')) return;
      prompt.add('login');
      return { context: { query: { ...query, prompt: [...prompt].join(' ') } } };
    }),
  },
];
