import { chmod } from 'node:fs/promises';
import * as esbuild from 'esbuild';

// `npm run build:conformance`: the conformance runner (src/conformance/) as one Node ES module,
// dist/conformance/cli.js, the package's `latchkey-conformance` bin. Built apart from the browser bundles
// (vite.config.ts): it runs on Node, and nothing of it may reach a page. Packages (zod) stay imports, resolved
// from the package's own dependencies.

const OUTFILE = 'dist/conformance/cli.js';

await esbuild.build({
  entryPoints: ['src/conformance/cli.ts'],
  outfile: OUTFILE,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  sourcemap: true,
  logLevel: 'warning',
});
// The shebang of cli.ts is kept; `npx` runs the file itself.
await chmod(OUTFILE, 0o755);
console.log(`conformance runner: ${OUTFILE}`);
