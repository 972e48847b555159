import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'vite';

/** The app's bundle of src/client/index.ts with its dependencies, one file, as an app would ship it. */
export async function buildAppClient(): Promise<string> {
  const outDir = mkdtempSync(join(tmpdir(), 'latch-app-client-'));
  await build({
    configFile: false,
    logLevel: 'silent',
    build: {
      outDir,
      target: 'es2022',
      minify: false,
      lib: { entry: 'src/client/index.ts', formats: ['es'], fileName: () => 'client.js' },
      rolldownOptions: { output: { codeSplitting: false } },
    },
  });
  return readFileSync(join(outDir, 'client.js'), 'utf8');
}
