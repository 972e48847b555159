import type { ServerResponse } from 'node:http';
import { contentSecurityPolicy, HTML_HEADERS } from './security-headers.js';

/** Escapes text for HTML element content and quoted attributes. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

/**
 * A whole page with the strict CSP; `head` and `body` are trusted markup built with {@link escapeHtml}.
 * `formTargets`: other origins the page's form may end on after redirects.
 */
export function sendPage(res: ServerResponse, status: number, page: { title: string; head?: string; body: string; formTargets?: readonly string[] }): void {
  res.writeHead(status, page.formTargets?.length ? { ...HTML_HEADERS, 'Content-Security-Policy': contentSecurityPolicy({ formAction: page.formTargets }) } : HTML_HEADERS);
  res.end(`<!doctype html>
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
`);
}
