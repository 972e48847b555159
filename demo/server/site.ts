import type { IncomingMessage, ServerResponse } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import type { BackendContext } from './context.js';
import { handleDemoApi } from './demo-api.js';
import { HttpError, sendError } from './http.js';
import { contentSecurityPolicy, HTML_HEADERS } from './security-headers.js';
import { publicFile, serveStatic } from './static.js';

/**
 * The store's own site on `https://www.<domain>` in the sibling-subdomain topology: the demo pages, whose
 * elements point at the backend on `https://id.<domain>` (`issuer` attribute and `connect-src`), and the store's
 * API, which reads the session cookie the backend set for the whole registrable domain.
 */
export async function handleSite(req: IncomingMessage, res: ServerResponse, pathname: string, rawPath: string, ctx: BackendContext, rootDir: string): Promise<void> {
  if (pathname.startsWith('/api/') || pathname === '/dev/api/stubborn') return handleDemoApi(req, res, pathname, ctx);
  // The demo's links to the dev mailbox are relative; the mailbox lives with the backend.
  if (pathname.startsWith('/dev/')) {
    res.writeHead(302, { Location: new URL(pathname, ctx.issuer).href, 'Cache-Control': 'no-store' });
    res.end();
    return;
  }
  const file = req.method === 'GET' ? publicFile(rootDir, rawPath) : undefined;
  if (file && extname(file) === '.html') return servePage(res, file, ctx.issuer);
  return serveStatic(req, res, rootDir, rawPath);
}

async function servePage(res: ServerResponse, file: string, issuer: string): Promise<void> {
  const html = await readFile(file, 'utf8').catch(() => undefined);
  if (html === undefined) return sendError(res, new HttpError(404, 'not_found', 'no such file'));
  // The same pages as on one origin, with every element's `issuer="/"` pointed at the backend's origin.
  const body = html.replaceAll('issuer="/"', `issuer="${issuer}"`);
  res.writeHead(200, { ...HTML_HEADERS, 'Content-Security-Policy': contentSecurityPolicy({ connectSrc: [new URL(issuer).origin] }), 'Content-Length': Buffer.byteLength(body) });
  res.end(body);
}
