import { get as getHttp } from 'node:http';
import { get as getHttps } from 'node:https';
import type { PlaywrightTestConfig } from '@playwright/test';

// The suite's web servers, started together. Playwright starts its web servers one at a time, each once the one
// before answers: a minute for the suite's eleven. Here they start at once, without probes of their own, and one
// more process (wait-for-servers.ts) waits until every one answers, so they are ready in the time of the slowest.

/** A web server of the suite, as Playwright's `webServer` takes it, with the URL that answers once it is ready. */
export type WebServer = NonNullable<Exclude<PlaywrightTestConfig['webServer'], readonly unknown[]>> & { url: string; timeout: number };

/** What wait-for-servers.ts prints once every server answers; the config waits for it. */
export const READY_LINE = 'every web server answers';
const POLL_MS = 250;

/**
 * The `webServer` entries that start `servers` together. Without probes of their own, Playwright would no longer
 * refuse a port already in use (a server left over from an aborted run would answer in a new one's place), so the
 * runner checks that first; its workers load the config again while the servers run, so they do not.
 */
export async function startTogether(servers: WebServer[]): Promise<PlaywrightTestConfig['webServer']> {
  const urls = servers.map((server) => server.url);
  if (!process.env.TEST_WORKER_INDEX) {
    const busy = (await Promise.all(urls.map(answers))).flatMap((answering, i) => (answering ? [urls[i]] : []));
    if (busy.length) throw new Error(`Something already answers at ${busy.join(', ')}: stop it, or choose other ports (E2E_PORT).`);
  }
  const timeout = Math.max(...servers.map((server) => server.timeout));
  return [
    ...servers.map(({ url: _url, ignoreHTTPSErrors: _ignore, ...server }) => server),
    {
      command: `npx tsx test/e2e/support/wait-for-servers.ts ${timeout} ${urls.join(' ')}`,
      wait: { stdout: new RegExp(READY_LINE) },
      timeout: timeout + 10_000,
      reuseExistingServer: false,
    },
  ];
}

/** Whether `url` answers now below 400 (the suite's own certificates are not checked, as Playwright's probe). */
export function answers(url: string): Promise<boolean> {
  const get = url.startsWith('https:') ? getHttps : getHttp;
  return new Promise((resolve) => {
    const request = get(url, { rejectUnauthorized: false, timeout: 2000 }, (response) => {
      response.resume();
      resolve((response.statusCode ?? 500) < 400);
    });
    request.on('timeout', () => request.destroy());
    request.on('error', () => resolve(false));
  });
}

/** Polls until every URL answers or the deadline passes; returns the ones that never answered. */
export async function waitForAll(urls: string[], deadline: number): Promise<string[]> {
  let waiting = urls;
  while (waiting.length > 0 && Date.now() < deadline) {
    const answered = await Promise.all(waiting.map(answers));
    waiting = waiting.filter((_, i) => !answered[i]);
    if (waiting.length > 0) await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
  return waiting;
}
