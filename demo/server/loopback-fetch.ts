import { request } from 'node:https';

/** The part of `fetch` the broker's OAuth client uses (oauth4webapi `customFetch`). */
export type UpstreamFetch = (url: string, init: { method: string; headers: Record<string, string>; body?: unknown; signal?: AbortSignal }) => Promise<Response>;

/**
 * `fetch` for this server's own TLS origin from inside the process. In the sibling-subdomain topology the
 * sandbox providers live on the issuer's host (`id.<domain>`), a name only the test browser resolves, under a
 * certificate from the local CA: so the broker connects to 127.0.0.1 on the listening port, sends the host name
 * for SNI and `Host`, and checks the certificate against that CA and name. Any other URL goes to `fetch`.
 */
export function loopbackFetch(origin: string, port: number, ca: string): UpstreamFetch {
  return (url, init) => {
    const target = new URL(url);
    if (target.origin !== origin) return fetch(url, init as RequestInit);
    const body = init.body === undefined ? undefined : String(init.body);
    return new Promise<Response>((resolve, reject) => {
      const outgoing = request(
        {
          host: '127.0.0.1',
          port,
          servername: target.hostname,
          ca,
          method: init.method,
          path: `${target.pathname}${target.search}`,
          headers: { ...init.headers, host: target.host, ...(body === undefined ? {} : { 'content-length': Buffer.byteLength(body) }) },
          ...(init.signal ? { signal: init.signal } : {}),
        },
        (incoming) => {
          const chunks: Buffer[] = [];
          incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
          incoming.on('error', reject);
          incoming.on('end', () => {
            const headers = new Headers();
            for (const [name, value] of Object.entries(incoming.headers)) {
              for (const one of Array.isArray(value) ? value : value === undefined ? [] : [value]) headers.append(name, one);
            }
            resolve(new Response(Buffer.concat(chunks), { status: incoming.statusCode ?? 502, headers }));
          });
        },
      );
      outgoing.on('error', reject);
      outgoing.end(body);
    });
  };
}
