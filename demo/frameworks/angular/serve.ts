import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { BACKEND, BACKEND_PATHS } from '../dev-server.js';

// `npm run dev -w demo/frameworks/angular`: `ng serve` (hot reload on) with the settings every framework app's
// dev server shares (../dev-server.ts): the port from PORT, the elements' issuer from LATCH_APP_ISSUER (the
// backend's own origin, or `/` through the proxy), and the backend's paths proxied to LATCH_BACKEND.
const port = process.env['PORT'] ?? '5176';
const issuer = process.env['LATCH_APP_ISSUER'] ?? 'http://localhost:5173';

// Angular's proxy file takes Vite's keys: one starting with `^` is a regular expression.
mkdirSync('.angular', { recursive: true });
writeFileSync('.angular/proxy.conf.json', JSON.stringify({ [BACKEND_PATHS]: { target: BACKEND, xfwd: true } }));

const args = ['ng', 'serve', '--port', port, '--proxy-config', '.angular/proxy.conf.json', '--define', `LATCH_APP_ISSUER=${JSON.stringify(issuer)}`];
const ng = spawn('npx', args, { stdio: 'inherit', env: { NG_CLI_ANALYTICS: 'false', ...process.env } });
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => ng.kill(signal));
ng.on('exit', (code) => process.exit(code ?? 1));
