import type { Page } from '@playwright/test';

/** The backend's origin for the store at `baseURL`: `https://www.<domain>:PORT` → `https://id.<domain>:PORT`. */
export function issuerFor(baseURL: string | undefined): string {
  if (!baseURL?.includes('://www.')) throw new Error(`not a www origin: ${baseURL}`);
  return baseURL.replace('://www.', '://id.');
}

/** `GET /session` at the backend, asked the way the widget asks: from the page, cross-origin, with credentials. */
export function sessionAt(page: Page, issuer: string): Promise<Record<string, unknown>> {
  return page.evaluate(async (url) => (await fetch(url, { credentials: 'include' })).json(), `${issuer}/session`);
}
