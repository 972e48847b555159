import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { startReferenceBackend, type ReferenceBackendOptions } from './app.js';
import { localTls } from './local-ca.js';
import { readMutant } from './mutants.js';
import { closeOnSignals } from './shutdown.js';

// `npm run demo`: the reference backend and demo pages on http://localhost:PORT.
// `npm run demo:subdomains` (`--subdomains`): the store on https://www.<domain>:PORT against the backend on
// https://id.<domain>:PORT, <domain> being LATCH_DOMAIN or latch.test, over TLS from a local CA.
const subdomains = process.argv.includes('--subdomains');
const port = Number(process.env.PORT ?? (subdomains ? 5443 : 5173));
const dataDir = resolve(process.env.LATCH_DATA_DIR ?? 'demo/.data');
const testClock = process.env.LATCH_TEST_CLOCK === '1';
// `/dev/*` (the mailbox, the clock) only in development: `npm run demo` and the e2e suite set LATCH_DEV=1.
const dev = process.env.LATCH_DEV === '1' || testClock;
// TEST ONLY: a deliberately broken variant for the conformance runner's tests (mutants.ts).
const mutant = readMutant(process.env.LATCH_MUTANT, dev);
const emailDelivery = process.env.LATCH_EMAIL_DELIVERY;
if (emailDelivery !== undefined && emailDelivery !== 'code' && emailDelivery !== 'link') throw new Error('LATCH_EMAIL_DELIVERY must be code or link');
const idleTimeoutSeconds = process.env.LATCH_IDLE_TIMEOUT ? Number(process.env.LATCH_IDLE_TIMEOUT) : undefined;
if (idleTimeoutSeconds !== undefined && !(Number.isInteger(idleTimeoutSeconds) && idleTimeoutSeconds > 0)) {
  throw new Error('LATCH_IDLE_TIMEOUT must be a positive whole number of seconds');
}
// The account recovery's waiting period (docs/protocol.md §22); a day by default.
const recoveryWaitSeconds = process.env.LATCH_RECOVERY_WAIT ? Number(process.env.LATCH_RECOVERY_WAIT) : undefined;
if (recoveryWaitSeconds !== undefined && !(Number.isInteger(recoveryWaitSeconds) && recoveryWaitSeconds >= 0)) {
  throw new Error('LATCH_RECOVERY_WAIT must be a whole number of seconds');
}

// An app on another origin (LATCH_APP_ORIGINS), or the backend behind that app's dev-server proxy
// (LATCH_ISSUER: the origin the app's pages are on); README "A backend for your app's dev server".
const appOrigins = process.env.LATCH_APP_ORIGINS ? process.env.LATCH_APP_ORIGINS.split(',').map((origin) => readOrigin('LATCH_APP_ORIGINS', origin)) : [];
const issuer = process.env.LATCH_ISSUER ? readOrigin('LATCH_ISSUER', process.env.LATCH_ISSUER) : undefined;

const backend = await startReferenceBackend({
  port,
  dataDir,
  // Terms, marketing and the profile question (docs/protocol.md §24): `npm run demo` turns them on.
  accountPolicies: process.env.LATCH_ACCOUNT_POLICIES === '1',
  testClock,
  dev,
  ...(idleTimeoutSeconds ? { idleTimeoutSeconds } : {}),
  ...(recoveryWaitSeconds !== undefined ? { recoveryWaitSeconds } : {}),
  ...(emailDelivery ? { emailDelivery } : {}),
  ...(mutant ? { mutant } : {}),
  ...(appOrigins.length > 0 ? { appOrigins } : {}),
  ...(issuer ? { issuer } : {}),
  ...(subdomains ? siblingSubdomains(process.env.LATCH_DOMAIN ?? 'latch.test') : {}),
});
console.log(`Latchkey backend: ${backend.url}/${issuer ? ` (listening on http://localhost:${port})` : ''}`);
if (appOrigins.length > 0) console.log(`App origins: ${appOrigins.join(', ')}`);
if (dev) console.log(`Dev mailbox: ${backend.url}/dev/mailbox`);
if (mutant) console.log(`MUTANT ${mutant}: deliberately broken (demo/server/mutants.ts)`);

/** An origin (`http://localhost:5174`) from an environment variable; anything else stops the start. */
function readOrigin(name: string, value: string): string {
  const trimmed = value.trim().replace(/\/$/, '');
  const origin = URL.canParse(trimmed) ? new URL(trimmed).origin : undefined;
  if (origin !== trimmed) throw new Error(`${name}: "${value}" is not an origin such as http://localhost:5174`);
  return origin;
}

/** The sibling-subdomain topology's options (docs/protocol.md "Deploying"), and how to open it in Chromium. */
function siblingSubdomains(domain: string): Partial<ReferenceBackendOptions> {
  const tls = localTls(process.env.LATCH_TLS_DIR ?? join(dataDir, 'tls'), domain);
  const siteOrigin = `https://www.${domain}:${port}`;
  console.log(`The store: ${siteOrigin}/  (CA certificate: ${tls.caPath})`);
  console.log('Open it in a Chromium that maps the domain to this machine and trusts this certificate:');
  console.log(`  chromium --user-data-dir=$(mktemp -d) --host-resolver-rules="MAP *.${domain} 127.0.0.1" --ignore-certificate-errors-spki-list=${tls.spki} ${siteOrigin}/`);
  return {
    issuer: `https://id.${domain}:${port}`,
    siteOrigin,
    registrableDomain: domain,
    tls: { key: readFileSync(tls.keyPath, 'utf8'), cert: readFileSync(tls.certPath, 'utf8'), ca: readFileSync(tls.caPath, 'utf8') },
  };
}

closeOnSignals(backend);
