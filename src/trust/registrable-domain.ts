import { getDomain } from 'tldts';

// Which site the customer is signing in to (profile §26; issue 14), from the page's own host name, never from a
// server string. The Public Suffix List (tldts, with its private section: `github.io`, `herokuapp.com`) tells the
// registrable domain, so a look-alike such as `acme.com.evil.example` reads as `evil.example`. Its own chunk:
// loaded after the form is interactive.

/** A host as the customer should read it: the registrable domain to trust, and the rest in front of it. */
export interface SiteIdentity {
  /** The registrable domain (`acme.co.uk`), the IP address, or the local name; Unicode for an IDN. */
  registrable: string;
  /** The labels in front of it, with their dot (`shop.`), Unicode; empty when there are none. */
  rest: string;
  /** The same host in ASCII (punycode), when it differs from what is shown: for a tooltip and screen readers. */
  ascii?: string;
  kind: 'domain' | 'ip' | 'local';
}

const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/;

/** The site identity of a host name (`location.hostname`). */
export function siteIdentity(hostname: string): SiteIdentity {
  const host = hostname.toLowerCase().replace(/\.$/, '');
  if (IPV4.test(host) || host.startsWith('[') || host.includes(':')) return { registrable: host, rest: '', kind: 'ip' };
  const domain = getDomain(host, { allowPrivateDomains: true });
  // `localhost`, an intranet name, a bare public suffix: nothing registrable to single out.
  if (!domain) return withAscii(host, '', 'local');
  return withAscii(domain, host.slice(0, host.length - domain.length), 'domain');
}

function withAscii(registrable: string, rest: string, kind: SiteIdentity['kind']): SiteIdentity {
  const shown = { registrable: toUnicode(registrable), rest: toUnicode(rest), kind };
  const ascii = rest + registrable;
  return shown.rest + shown.registrable === ascii ? shown : { ...shown, ascii };
}

/** A host (or part of one) with its `xn--` labels in Unicode (the URL Standard's "domain to Unicode"). */
function toUnicode(labels: string): string {
  return labels
    .split('.')
    .map((label) => (label.startsWith('xn--') ? decodeLabel(label) : label))
    .join('.');
}

/**
 * One `xn--` label in Unicode. Browsers keep URL hosts in ASCII and expose no "domain to Unicode" (only Node's
 * `url.domainToUnicode` does), so this is RFC 3492's decoding; a malformed label is shown as it is.
 */
function decodeLabel(label: string): string {
  try {
    return punycodeDecode(label.slice(4));
  } catch {
    return label;
  }
}

// RFC 3492 §6.2 decoding (bootstring parameters of §5), for the `xn--` labels of an IDN.
const BASE = 36;
const T_MIN = 1;
const T_MAX = 26;
const SKEW = 38;
const DAMP = 700;
const INITIAL_BIAS = 72;
const INITIAL_N = 128;

function adapt(delta: number, points: number, first: boolean): number {
  let d = first ? Math.floor(delta / DAMP) : delta >> 1;
  d += Math.floor(d / points);
  let k = 0;
  while (d > ((BASE - T_MIN) * T_MAX) >> 1) {
    d = Math.floor(d / (BASE - T_MIN));
    k += BASE;
  }
  return k + Math.floor(((BASE - T_MIN + 1) * d) / (d + SKEW));
}

function digit(code: number): number {
  if (code >= 48 && code <= 57) return code - 22;
  if (code >= 97 && code <= 122) return code - 97;
  throw new RangeError('not a punycode digit');
}

function punycodeDecode(input: string): string {
  const basic = Math.max(input.lastIndexOf('-'), 0);
  const output = [...input.slice(0, basic)].map((char) => char.codePointAt(0)!);
  let n = INITIAL_N;
  let bias = INITIAL_BIAS;
  let i = 0;
  for (let index = basic > 0 ? basic + 1 : 0; index < input.length; ) {
    const old = i;
    for (let w = 1, k = BASE; ; k += BASE) {
      if (index >= input.length) throw new RangeError('truncated punycode');
      const d = digit(input.charCodeAt(index++));
      i += d * w;
      const t = k <= bias ? T_MIN : k >= bias + T_MAX ? T_MAX : k - bias;
      if (d < t) break;
      w *= BASE - t;
    }
    bias = adapt(i - old, output.length + 1, old === 0);
    n += Math.floor(i / (output.length + 1));
    i %= output.length + 1;
    output.splice(i++, 0, n);
  }
  return String.fromCodePoint(...output);
}
