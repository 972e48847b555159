import type { IncomingMessage, ServerResponse } from 'node:http';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { extname, join, resolve, sep } from 'node:path';
import { sendError, HttpError } from './http.js';
import { STATIC_HTML_HEADERS } from './security-headers.js';

const MIME_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.webp': 'image/webp',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
};

/**
 * Maps a URL path to a file inside `base`, or `undefined`. The path is percent-decoded first and the
 * result must stay inside `base`, so `/..%2fpackage.json` and friends cannot escape (OWASP path traversal).
 * Dot-files and unknown file types are never served.
 */
export function resolveStaticPath(base: string, urlPath: string): string | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return undefined;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return undefined;
  const root = resolve(base);
  const target = resolve(join(root, decoded));
  if (!target.startsWith(root + sep)) return undefined;
  if (target.slice(root.length).split(sep).some((segment) => segment.startsWith('.'))) return undefined;
  if (!(extname(target) in MIME_TYPES)) return undefined;
  return target;
}

/**
 * `/` is the storefront, a folder its `index.html` (`/playground/`); an extension-less path is a page
 * (`/callback` → `callback.html`, the redirect URI).
 */
function pagePath(pathname: string): string {
  if (pathname.endsWith('/')) return `${pathname}index.html`;
  return extname(pathname) ? pathname : `${pathname}.html`;
}

/** The file a public path names: `/dist/*` → built bundles, anything else → a page or asset in `demo/public/`. */
export function publicFile(rootDir: string, pathname: string): string | undefined {
  return pathname.startsWith('/dist/')
    ? resolveStaticPath(join(rootDir, 'dist'), pathname.slice('/dist'.length))
    : resolveStaticPath(join(rootDir, 'demo', 'public'), pagePath(pathname));
}

/** `GET /` → `demo/public/index.html`, `/dist/*` → built bundles, anything else → `demo/public/*`. */
export async function serveStatic(req: IncomingMessage, res: ServerResponse, rootDir: string, pathname: string): Promise<void> {
  const notFound = () => sendError(res, new HttpError(404, 'not_found', 'no such file'));
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    sendError(res, new HttpError(405, 'invalid_request', 'use GET', { Allow: 'GET, HEAD' }));
    return;
  }
  const file = publicFile(rootDir, pathname);
  if (!file) return notFound();
  const info = await stat(file).catch(() => undefined);
  if (!info?.isFile()) return notFound();

  const type = MIME_TYPES[extname(file)]!;
  const headers: Record<string, string | number> =
    type.startsWith('text/html')
      ? { ...STATIC_HTML_HEADERS }
      : { 'Content-Type': type, 'X-Content-Type-Options': 'nosniff', 'Cache-Control': 'no-store' };
  headers['Content-Length'] = info.size;
  res.writeHead(200, headers);
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  createReadStream(file).pipe(res);
}
