import { fileURLToPath } from 'node:url';
import { createServer, type Plugin, type ViteDevServer } from 'vite';
import { BACKEND_PATHS } from '../../../demo/frameworks/dev-server.js';

/** The port of the app's Vite dev server in the dev-server tests; playwright.config.ts allows its origin on the backend. */
export const DEV_SERVER_PORT = Number(process.env.E2E_DEV_SERVER_PORT ?? Number(process.env.E2E_PORT ?? 4173) + 9);
export const DEV_SERVER_ORIGIN = `http://localhost:${DEV_SERVER_PORT}`;


const APP_ROOT = fileURLToPath(new URL('../dev-server/', import.meta.url));
const PACKAGE_ENTRY = fileURLToPath(new URL('../../../dist/define.js', import.meta.url));

/**
 * A real Vite dev server on {@link DEV_SERVER_ORIGIN} serving a one-element app (test/e2e/dev-server) that
 * imports the built package, with `<latch-login>`'s `issuer` and `client-id` (`latchkey-demo` unless given);
 * with `proxyTo`, forwarding the backend's paths there. Close it when the test is done.
 */
export async function startDevServer(options: { issuer: string; clientId?: string; proxyTo?: string }): Promise<ViteDevServer> {
  const server = await createServer({
    configFile: false,
    root: APP_ROOT,
    logLevel: 'warn',
    resolve: { alias: { latchkey: PACKAGE_ENTRY } },
    plugins: [elementAttributes(options.issuer, options.clientId ?? 'latchkey-demo')],
    server: {
      host: '127.0.0.1',
      port: DEV_SERVER_PORT,
      strictPort: true,
      hmr: false,
      ...(options.proxyTo ? { proxy: { [BACKEND_PATHS]: { target: options.proxyTo, xfwd: true } } } : {}),
    },
  });
  await server.listen();
  return server;
}

function elementAttributes(issuer: string, clientId: string): Plugin {
  return { name: 'latch-attributes', transformIndexHtml: (html) => html.replace('%LATCH_ISSUER%', issuer).replace('%LATCH_CLIENT_ID%', clientId) };
}
