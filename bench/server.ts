// Static files + a canned CIAM backend for the bench pages, on 127.0.0.1 with a random free port.
import { createServer, type Server, type ServerResponse } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, resolve, sep } from 'node:path';
import type { AddressInfo } from 'node:net';

/** Every response carries it: the widget must work under strict CSP with Trusted Types. */
const CSP = "default-src 'self'; script-src 'self'; style-src 'self'; require-trusted-types-for 'script'";

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
  '.woff2': 'font/woff2',
};

/** A page of the bench: the harness script, then the widget's module script, then the element. */
export interface Scenario {
  name: string;
  /** URL path of the module script the page loads. */
  script: string;
  /** Tag of the element; `{origin}` is replaced by the page's origin. */
  element: string;
  /** The input that marks the form interactive, looked up inside `host`. */
  host: string;
  input: string;
}

export interface BenchServer {
  origin: string;
  close(): Promise<void>;
}

interface Roots {
  /** Served at /dist/. */
  dist: string;
  /** Served at /bench/ (harness.js, .build/lit-min.js). */
  bench: string;
}

function discovery(issuer: string) {
  return {
    issuer,
    authorization_endpoint: `${issuer}/authorize`,
    token_endpoint: `${issuer}/token`,
    authorization_challenge_endpoint: `${issuer}/authorize-challenge`,
    ciam_passkey_options_endpoint: `${issuer}/passkey-options`,
    ciam_profile_versions_supported: ['2026-12', '2026-11'],
    ciam_step_types_supported: ['identifier', 'password', 'email_otp', 'webauthn', 'sign_up'],
    ciam_session_endpoint: `${issuer}/session`,
    ciam_passkey_registration_endpoint: `${issuer}/passkeys/register`,
    ciam_password_min_length: 15,
    ciam_sign_up_enabled: true,
  };
}

/** The identifier step with passkey request options, so the widget starts passkey autofill (conditional mediation) as in production. */
const IDENTIFIER_STEP = {
  step: 'identifier',
  webauthn: {
    request_options: { challenge: 'YmVuY2gtY2hhbGxlbmdlLW5vdC1mb3ItcmVhbC11c2U', rpId: 'localhost', userVerification: 'preferred', timeout: 300_000 },
  },
};

/** What the reference backend answers at load: no session, and the load-time start at the passkey options endpoint (profile §2.1a). */
const CANNED: Record<string, [number, unknown]> = {
  '/passkey-options': [200, { auth_session: 'bench', ciam: IDENTIFIER_STEP }],
  '/authorize-challenge': [400, { error: 'insufficient_authorization', auth_session: 'bench', ciam: IDENTIFIER_STEP }],
  '/session': [200, { active: false }],
};

function page(scenario: Scenario, origin: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>bench: ${scenario.name}</title>
<script src="/bench/harness.js" data-host="${scenario.host}" data-input='${scenario.input}'></script>
<script type="module" src="${scenario.script}"></script>
</head>
<body>
${scenario.element.replaceAll('{origin}', origin)}
</body>
</html>
`;
}

function send(res: ServerResponse, status: number, type: string, body: string | Buffer): void {
  res.writeHead(status, {
    'Content-Type': type,
    'Cache-Control': 'no-store',
    'Content-Security-Policy': CSP,
    'X-Content-Type-Options': 'nosniff',
  });
  res.end(body);
}

/** Resolves `rel` inside `root`, or undefined if it would escape it. */
function inside(root: string, rel: string): string | undefined {
  const file = resolve(root, '.' + sep + rel);
  return file.startsWith(resolve(root) + sep) ? file : undefined;
}

export async function startServer(roots: Roots, scenarios: Scenario[]): Promise<BenchServer> {
  let origin = '';
  const json = (res: ServerResponse, status: number, body: unknown) =>
    send(res, status, 'application/json', JSON.stringify(body));

  const server: Server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', origin).pathname);
    const scenario = scenarios.find((s) => path === `/${s.name}.html`);
    if (scenario) return send(res, 200, MIME['.html'], page(scenario, origin));
    if (path === '/.well-known/openid-configuration') return json(res, 200, discovery(origin));
    if (path === '/favicon.ico') return send(res, 204, 'image/x-icon', '');
    const canned = CANNED[path];
    if (canned) return json(res, ...canned);

    const [prefix, root] = path.startsWith('/dist/') ? ['/dist/', roots.dist] : ['/bench/', roots.bench];
    const file = path.startsWith(prefix) ? inside(root, path.slice(prefix.length)) : undefined;
    if (!file) return json(res, 404, { error: 'not_found' });
    readFile(file).then(
      (body) => send(res, 200, MIME[extname(file)] ?? 'application/octet-stream', body),
      () => json(res, 404, { error: 'not_found' }),
    );
  });

  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  // WebAuthn rejects IP origins, so pages load from localhost (which reaches 127.0.0.1).
  origin = `http://localhost:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    close: () =>
      new Promise<void>((done) => {
        server.close(() => done());
        server.closeAllConnections();
      }),
  };
}
