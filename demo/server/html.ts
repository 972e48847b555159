import type { ServerResponse } from 'node:http';
import { HTML_HEADERS } from './security-headers.js';

/** The site name the demo's pages show. */
export const SITE_NAME = 'Acme';

/** Escapes text for HTML element content and quoted attributes. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

/** A whole page with the strict CSP; `head` and `body` are trusted markup built with {@link escapeHtml}. */
export function sendPage(res: ServerResponse, status: number, page: Page): void {
  res.writeHead(status, HTML_HEADERS);
  res.end(renderPage(page));
}

/** A page's title, and its `head` and `body` markup. */
export interface Page {
  title: string;
  head?: string;
  body: string;
}

/** The whole document of a page (for responses written by oidc-provider's hooks rather than {@link sendPage}). */
export function renderPage(page: Page): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(page.title)}</title>
${page.head ?? ''}
</head>
<body>
${page.body}
</body>
</html>
`;
}
