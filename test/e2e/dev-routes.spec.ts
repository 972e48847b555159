import { expect, test } from '@playwright/test';
import type { ReferenceBackend } from '../../demo/server/app.js';
import { startSpareBackend } from './support/spare-backend.js';

// The `/dev/*` helpers (outbox, clock, sandbox outages) exist only in development mode (LATCH_DEV=1, the
// `dev` option): a backend started without it answers them like any unknown path. The suite's own backend
// (playwright.config.ts) runs with the flag; this file starts a second one without it.

const DEV_PATHS: Array<{ method: 'GET' | 'POST'; path: string }> = [
  { method: 'GET', path: '/dev/mailbox' },
  { method: 'GET', path: '/dev/mailbox.json' },
  { method: 'GET', path: '/dev/mailbox.css' },
  { method: 'GET', path: '/dev/clock' },
  { method: 'POST', path: '/dev/clock' },
  { method: 'POST', path: '/dev/sandbox/google/down' },
  { method: 'GET', path: '/dev/api/stubborn' },
];

test.describe('without the development flag', () => {
  let backend: ReferenceBackend;
  test.beforeAll(async () => {
    backend = await startSpareBackend();
  });
  test.afterAll(async () => backend.close());

  test('every /dev/* route answers 404, and the profile still works', async ({ request }) => {
    for (const { method, path } of DEV_PATHS) {
      const response = await request.fetch(`${backend.url}${path}`, { method, ...(method === 'POST' ? { data: { advance_seconds: 60 } } : {}) });
      expect(response.status(), `${method} ${path}`).toBe(404);
      expect(await response.json(), `${method} ${path}`).toEqual({ error: 'not_found', error_description: 'no such route' });
    }
    const discovery = await request.get(`${backend.url}/.well-known/openid-configuration`);
    expect(discovery.status()).toBe(200);
  });
});

test('with the development flag (the suite backend), the outbox and the clock answer', async ({ request }) => {
  expect((await request.get('/dev/mailbox.json')).status()).toBe(200);
  expect((await request.get('/dev/clock')).status()).toBe(200);
});
