import { execFileSync } from 'node:child_process';
import { createHash, X509Certificate } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** A local certificate authority and one server certificate it issued, as files in one directory. */
export interface LocalTls {
  /** The CA certificate (PEM), to trust in a browser profile or with `NODE_EXTRA_CA_CERTS`. */
  caPath: string;
  /** The server certificate (PEM) for `<domain>`, `*.<domain>` and 127.0.0.1. */
  certPath: string;
  keyPath: string;
  /** base64 SHA-256 of the server key's SubjectPublicKeyInfo, for Chromium's `--ignore-certificate-errors-spki-list`. */
  spki: string;
}

/**
 * The demo's TLS for the sibling-subdomain topology: a throwaway CA and a certificate for `domain` and every
 * subdomain, made by the `openssl` CLI (kept across runs in `dir`, valid for 30 days). Development only: the CA
 * key sits next to the certificates.
 */
export function localTls(dir: string, domain: string): LocalTls {
  mkdirSync(dir, { recursive: true });
  const file = (name: string) => join(dir, name);
  const tls = { caPath: file('ca.crt'), certPath: file(`${domain}.crt`), keyPath: file(`${domain}.key`) };
  if (!existsSync(tls.certPath) || !existsSync(tls.keyPath) || expiresWithinADay(tls.certPath)) issue(dir, domain, tls);
  return { ...tls, spki: spkiHash(tls.certPath) };
}

function issue(dir: string, domain: string, tls: Omit<LocalTls, 'spki'>): void {
  const caKey = join(dir, 'ca.key');
  const csr = join(dir, `${domain}.csr`);
  const extensions = join(dir, `${domain}.ext`);
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes'];
  openssl(['req', '-x509', ...ec, '-keyout', caKey, '-out', tls.caPath, '-days', '30', '-subj', `/CN=Latchkey demo CA for ${domain}`,
    '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign']);
  openssl(['req', ...ec, '-keyout', tls.keyPath, '-out', csr, '-subj', `/CN=${domain}`]);
  // RFC 5280 §4.2.1.6: browsers match host names against subjectAltName only; the IP entry is for test tools.
  writeFileSync(extensions, [
    `subjectAltName=DNS:${domain},DNS:*.${domain},IP:127.0.0.1`,
    'basicConstraints=CA:FALSE',
    'keyUsage=critical,digitalSignature',
    'extendedKeyUsage=serverAuth',
  ].join('\n'));
  openssl(['x509', '-req', '-in', csr, '-CA', tls.caPath, '-CAkey', caKey, '-CAcreateserial', '-out', tls.certPath, '-days', '30', '-extfile', extensions]);
}

function openssl(args: string[]): void {
  execFileSync('openssl', args, { stdio: ['ignore', 'ignore', 'pipe'] });
}

function expiresWithinADay(certPath: string): boolean {
  const validTo = Date.parse(new X509Certificate(readFileSync(certPath)).validTo);
  return validTo - Date.now() < 24 * 3600 * 1000;
}

function spkiHash(certPath: string): string {
  const spki = new X509Certificate(readFileSync(certPath)).publicKey.export({ type: 'spki', format: 'der' });
  return createHash('sha256').update(spki).digest('base64');
}
