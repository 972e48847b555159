import { resolve } from 'node:path';
import { startReferenceBackend } from './app.js';

// `npm run demo`: the reference backend and demo pages on http://localhost:PORT.
const port = Number(process.env.PORT ?? 5173);
const dataDir = resolve(process.env.LATCH_DATA_DIR ?? 'demo/.data');
const testClock = process.env.LATCH_TEST_CLOCK === '1';
// `/dev/*` (the mailbox, the clock) only in development: `npm run demo` and the e2e suite set LATCH_DEV=1.
const dev = process.env.LATCH_DEV === '1' || testClock;
const idleTimeoutSeconds = process.env.LATCH_IDLE_TIMEOUT ? Number(process.env.LATCH_IDLE_TIMEOUT) : undefined;
if (idleTimeoutSeconds !== undefined && !(Number.isInteger(idleTimeoutSeconds) && idleTimeoutSeconds > 0)) {
  throw new Error('LATCH_IDLE_TIMEOUT must be a positive whole number of seconds');
}

const backend = await startReferenceBackend({ port, dataDir, testClock, dev, ...(idleTimeoutSeconds ? { idleTimeoutSeconds } : {}) });
console.log(`Latchkey demo: ${backend.url}/`);
if (dev) console.log(`Dev mailbox: ${backend.url}/dev/mailbox`);

let closing = false;
const shutdown = () => {
  if (closing) return;
  closing = true;
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
