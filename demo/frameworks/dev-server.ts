import { join } from 'node:path';
import type { UserConfig } from 'vite';

// What every framework app's dev server shares (README "Frameworks"). Environment:
// - PORT: the dev server's port;
// - LATCH_APP_ISSUER: the issuer the app's elements use (the app reads `import.meta.env.LATCH_APP_ISSUER`):
//   the backend's own origin (default http://localhost:5173, the backend started with
//   LATCH_APP_ORIGINS=<the app's origin>), or `/` to go through this dev server's proxy (the backend started
//   with LATCH_ISSUER=<the app's origin>);
// - LATCH_BACKEND: where the proxy forwards the backend's paths (default http://localhost:5173).

/** Where the reference backend runs: `npm run demo` serves it on http://localhost:5173. */
export const BACKEND = process.env['LATCH_BACKEND'] ?? 'http://localhost:5173';

/**
 * The reference backend's paths an app's dev server forwards to it when the backend sits behind the proxy
 * (README "A backend for your app's dev server" lists the same): discovery, the profile endpoints, the
 * redirect flow's pages and the widget they load (`/dist`), and the development mailbox. One RegExp key of
 * Vite's `server.proxy` (and of Angular's proxy config); test/e2e/support/dev-server.ts uses it too.
 */
export const BACKEND_PATHS = '^/(\\.well-known|authorize-challenge|passkey-options|token|session|passkeys|factors|email|auth|interaction|interaction-assets|broker|sandbox|jwks|me|dist|dev)(/|\\?|$)';

/**
 * The Vite settings every app shares: the dev server on `PORT` (else `port`), bound to 127.0.0.1, with the
 * backend's paths proxied; LATCH_APP_ISSUER exposed to the app (no other variable: the backend's
 * LATCH_APP_ORIGINS, for one, stays out of the app's code); a dependency cache of the app's own (they share
 * one node_modules, and two dev servers re-optimizing one cache answer each other's pages with 504s).
 */
export function appConfig(name: string, port: number): UserConfig {
  return {
    cacheDir: join(import.meta.dirname, '..', '..', 'node_modules', '.vite', `frameworks-${name}`),
    envPrefix: ['VITE_', 'LATCH_APP_ISSUER'],
    server: {
      host: '127.0.0.1',
      port: Number(process.env['PORT'] ?? port),
      strictPort: true,
      proxy: { [BACKEND_PATHS]: { target: BACKEND, xfwd: true } },
    },
  };
}
