// A widget config endpoint in the component tests' own HTTP server (web-test-runner.config.mjs), answering as
// profile §28.1 asks a backend to: a strong ETag, `Cache-Control: public, max-age=N` (N = `max_age`), `304` to a
// matching If-None-Match. Each test asks at a URL of its own (`/__widget-config/<id>`), so the browser's HTTP
// cache, which lasts for the whole test file, never carries one test's answer into another; and it reads what
// reached this server at `/__widget-config/<id>/seen`.
//
// `?max_age=N` sets the freshness, `?then=500` answers every request after the first with a 500 and
// `?then=unreachable` drops its connection (a network error), `?body=malformed` answers a config the widget must
// refuse, `?body=html` an uncacheable HTML page with a 200.

const CONFIG = {
  version: 'fixture-1',
  options: { socialPosition: 'top' },
  experiments: [
    {
      key: 'nudge-copy',
      status: 'running',
      variations: [
        { key: 'standard', weight: 0.5, options: { nudgeCopy: 'standard' } },
        { key: 'faster', weight: 0.5, options: { nudgeCopy: 'faster' } },
      ],
    },
  ],
};

/** The koa middleware. */
export function widgetConfigServer() {
  /** @type {Map<string, Array<{ ifNoneMatch: string | null, status: number }>>} */
  const seen = new Map();
  return async (ctx, next) => {
    const match = /^\/__widget-config\/([\w-]+)(\/seen)?$/.exec(ctx.path);
    if (!match) return next();
    const [, id, reading] = match;
    const requests = seen.get(id) ?? [];
    seen.set(id, requests);
    if (reading) {
      ctx.set('cache-control', 'no-store');
      ctx.body = requests;
      return;
    }
    const maxAge = Number(ctx.query.max_age ?? 300);
    const body = JSON.stringify(ctx.query.body === 'malformed' ? { version: '' } : { ...CONFIG, max_age: maxAge });
    const etag = `"${id}-${maxAge}"`;
    const ifNoneMatch = ctx.get('if-none-match') || null;
    if (requests.length > 0 && ctx.query.then === 'unreachable') {
      requests.push({ ifNoneMatch, status: 0 });
      ctx.req.socket.destroy();
      return;
    }
    const status = requests.length > 0 && ctx.query.then === '500' ? 500 : ifNoneMatch === etag ? 304 : 200;
    requests.push({ ifNoneMatch, status });
    ctx.status = status;
    if (status === 500) {
      ctx.body = 'down';
      return;
    }
    if (ctx.query.body === 'html') {
      // A page in the config's place (a proxy's sign-in or error page), not to be cached.
      ctx.set('cache-control', 'no-store');
      ctx.type = 'text/html';
      ctx.body = '<!doctype html><title>Sign in</title>';
      return;
    }
    ctx.set('etag', etag);
    ctx.set('cache-control', `public, max-age=${maxAge}`);
    if (status === 200) {
      ctx.type = 'application/json';
      ctx.body = body;
    }
  };
}
