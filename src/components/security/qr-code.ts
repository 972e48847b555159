import { encode } from 'uqr';

// The QR code of an authenticator app setup, a chunk of its own (uqr, ~4 kB gzip) fetched only when a
// user starts that setup. Drawn by the page from the `otpauth://` URI: no markup from the server.

/** The dark modules of a QR code as one SVG path (`d`), on a grid of `size` × `size` including the quiet zone. */
export function qrPath(text: string): { size: number; d: string } {
  // ECC M, as authenticator apps' own setup screens use; a 4-module quiet zone (ISO/IEC 18004 §6.3.8).
  const { data, size } = encode(text, { ecc: 'M', border: 4 });
  let d = '';
  data.forEach((row, y) => row.forEach((dark, x) => (d += dark ? `M${x} ${y}h1v1h-1z` : '')));
  return { size, d };
}
