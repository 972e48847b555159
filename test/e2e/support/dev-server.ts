import { fileURLToPath } from 'node:url';
import { createServer, type Plugin, type ViteDevServer } from 'vite';

/** The port of the app's Vite dev server in the dev-server tests; playwright.config.ts allows its origin on the backend. */
export const DEV_SERVER_PORT = Number(process.env.E2E_DEV_SERVER_PORT ?? Number(process.env.E2E_PORT ?? 4173) + 9);
export const DEV_SERVER_ORIGIN = `http://localhost:${DEV_SERVER_PORT}`;

/**
 * The reference backend's paths an app's dev server forwards to it when the backend sits behind the proxy
 * (README "A backend for your app's dev server" lists the same): discovery, the profile endpoints, the
 * redirect flow's pages, and the dev mailbox. One RegExp key of Vite's `server.proxy`.
 */
export const BACKEND_PATHS_PATTERN = '^/(\\.well-known|authorize-challenge|passkey-options|token|session|passkeys|factors|auth|interaction|interaction-assets|broker|sandbox|jwks|me|dev)(/|\\?|$)';

const APP_ROOT = fileURLToPath(new URL('../dev-server/', import.meta.url));
const PACKAGE_ENTRY = fileURLToPath(new URL('../../../dist/define.js', import.meta.url));

/**
 * A real Vite dev server on {@link DEV_SERVER_ORIGIN} serving a one-element app (test/e2e/dev-server) that
 * imports the built package, with `<latch-login issuer>` set to `issuer`; with `proxyTo`, forwarding the
 * backend's paths there. Close it when the test is done.
 */
export async function startDevServer(options: { issuer: string; proxyTo?: string }): Promise<ViteDevServer> {
  const server = await createServer({
    configFile: false,
    root: APP_ROOT,
    logLevel: 'warn',
    resolve: { alias: { latchkey: PACKAGE_ENTRY } },
    plugins: [issuerAttribute(options.issuer)],
    server: {
      host: '127.0.0.1',
      port: DEV_SERVER_PORT,
      strictPort: true,
      hmr: false,
      ...(options.proxyTo ? { proxy: { [BACKEND_PATHS_PATTERN]: { target: options.proxyTo, xfwd: true } } } : {}),
    },
  });
  await server.listen();
  return server;
}

function issuerAttribute(issuer: string): Plugin {
  return { name: 'latch-issuer', transformIndexHtml: (html) => html.replace('%LATCH_ISSUER%', issuer) };
}
