import { READY_LINE, waitForAll } from './web-servers.js';

// `tsx test/e2e/support/wait-for-servers.ts TIMEOUT_MS URL…`: the one readiness probe of the suite's web servers
// (web-servers.ts). It prints READY_LINE once every URL answers, then stays up until Playwright ends it; past the
// deadline it names the servers that never answered and exits 1, which fails the run.

const [timeoutMs, ...urls] = process.argv.slice(2);
const silent = await waitForAll(urls, Date.now() + Number(timeoutMs));
if (silent.length > 0) {
  console.error(`These web servers did not answer within ${timeoutMs} ms:\n${silent.join('\n')}`);
  process.exit(1);
}
console.log(READY_LINE);
setInterval(() => undefined, 1 << 30);
