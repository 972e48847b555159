import { resolve } from 'node:path';
import { closeOnSignals } from '../server/shutdown.js';
import { startBetterAuthBackend } from './app.js';

// `npm run demo:better-auth`: the demo pages against better-auth with the Latchkey plugin, on
// http://localhost:PORT (default 4180), its PostgreSQL files (PGlite) in LATCH_DATA_DIR (default .data/better-auth).
const port = Number(process.env.PORT ?? 4180);
const dataDir = resolve(process.env.LATCH_DATA_DIR ?? '.data/better-auth');
const dev = process.env.LATCH_DEV === '1';
// LATCH_OAUTH_SERVER=0: without @better-auth/oauth-provider, the plugin's session-only mode (README).
const oauthServer = process.env.LATCH_OAUTH_SERVER !== '0';
const appOrigins = (process.env.LATCH_APP_ORIGINS ?? '')
  .split(',')
  .map((origin) => origin.trim())
  .filter(Boolean)
  .map((origin) => new URL(origin).origin);

const backend = await startBetterAuthBackend({ port, dataDir, appOrigins, dev, oauthServer });
console.log(`Latchkey on better-auth: ${backend.url}/  (database: ${dataDir}/postgres${oauthServer ? '' : ', session-only: no oauth-provider'})`);
if (dev) console.log(`Dev mailbox: ${backend.url}/dev/mailbox`);

closeOnSignals(backend);
