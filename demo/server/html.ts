import type { ServerResponse } from 'node:http';
import { contentSecurityPolicy, HTML_HEADERS } from './security-headers.js';

/** The site name the demo's pages show. */
export const SITE_NAME = 'Acme';

/** Escapes text for HTML element content and quoted attributes. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

/** A whole page with the strict CSP; `head` and `body` are trusted markup built with {@link escapeHtml}. */
export function sendPage(res: ServerResponse, status: number, page: Page): void {
  res.writeHead(status, page.formTargets?.length ? { ...HTML_HEADERS, 'Content-Security-Policy': contentSecurityPolicy({ formAction: page.formTargets }) } : HTML_HEADERS);
  res.end(renderPage(page));
}

/** A page's title, its `head` and `body` markup, and other origins its form may end on after redirects. */
export interface Page {
  title: string;
  head?: string;
  body: string;
  formTargets?: readonly string[];
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
