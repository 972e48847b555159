import { domainToASCII } from 'node:url';

/**
 * The one spelling of an email address this backend keys accounts, codes, cooldowns and failure counts by,
 * so differently written forms of one address reach one account (docs/protocol.md, "Identifier
 * normalisation"): Unicode NFC (a precomposed `ë` and `e` + combining diaeresis are one letter), the whole
 * address lower-cased (the reference backend's choice; RFC 5321 §2.4 lets a mail host tell case apart in
 * the local part, no common one does), and the domain in its ASCII form (IDNA/UTS #46 via WHATWG URL's
 * domain-to-ASCII: `bücher.example` → `xn--bcher-kva.example`). A domain that has no ASCII form is kept
 * lower-cased.
 */
export function normalizeEmail(address: string): string {
  const folded = address.normalize('NFC').toLowerCase().normalize('NFC');
  const at = folded.lastIndexOf('@');
  if (at < 0) return folded;
  const domain = folded.slice(at + 1);
  return `${folded.slice(0, at)}@${domainToASCII(domain) || domain}`;
}
