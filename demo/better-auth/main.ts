import { resolve } from 'node:path';
import { startBetterAuthBackend } from './app.js';

// `npm run demo:better-auth`: the demo pages against better-auth with the Latchkey plugin, on
// http://localhost:PORT (default 4180), its SQLite file in LATCH_DATA_DIR (default .data/better-auth).
const port = Number(process.env.PORT ?? 4180);
const dataDir = resolve(process.env.LATCH_DATA_DIR ?? '.data/better-auth');
const dev = process.env.LATCH_DEV === '1';
const appOrigins = (process.env.LATCH_APP_ORIGINS ?? '')
  .split(',')
  .map((origin) => origin.trim())
  .filter(Boolean)
  .map((origin) => new URL(origin).origin);

const backend = await startBetterAuthBackend({ port, dataDir, appOrigins, dev });
console.log(`Latchkey on better-auth: ${backend.url}/  (database: ${dataDir}/better-auth.sqlite)`);
if (dev) console.log(`Dev mailbox: ${backend.url}/dev/mailbox`);

const shutdown = () => {
  backend.close().then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
};
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
