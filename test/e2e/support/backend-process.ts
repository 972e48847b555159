import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/** A reference backend started as `npm run demo` starts it, so a test exercises its environment variables. */
export interface BackendProcess {
  close(): Promise<void>;
}

/**
 * Runs `demo/server/main.ts` in a child process on `port` with `env` added (development mode, a throwaway
 * data directory), and waits until its discovery answers on 127.0.0.1.
 */
export async function startBackendProcess(port: number, env: Record<string, string>): Promise<BackendProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'demo/server/main.ts'], {
    cwd: REPO_ROOT,
    env: { ...process.env, PORT: String(port), LATCH_DEV: '1', LATCH_DATA_DIR: mkdtempSync(join(tmpdir(), 'latch-process-')), ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  await untilAnswering(`http://127.0.0.1:${port}/.well-known/openid-configuration`, child);
  return { close: () => stop(child) };
}

async function untilAnswering(url: string, child: ChildProcess): Promise<void> {
  for (let attempt = 0; attempt < 150; attempt++) {
    if (child.exitCode !== null) throw new Error(`the backend exited with ${child.exitCode}`);
    if (await fetch(url).then((response) => response.ok, () => false)) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  child.kill();
  throw new Error(`the backend did not answer ${url}`);
}

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}
