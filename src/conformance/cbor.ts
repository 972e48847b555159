// The little of CBOR (RFC 8949) a "none" attestation needs: unsigned and negative integers, byte and text
// strings, and maps. Written here so the runner needs no WebAuthn server library at run time.

export type CborValue = number | string | Uint8Array | Map<CborValue, CborValue>;

/** Encodes a value in CBOR's preferred (shortest) serialisation. */
export function encodeCbor(value: CborValue): Uint8Array {
  const parts: number[] = [];
  write(value, parts);
  return Uint8Array.from(parts);
}

function write(value: CborValue, out: number[]): void {
  if (typeof value === 'number') {
    if (!Number.isInteger(value)) throw new Error('only integers are encoded');
    if (value >= 0) head(0, value, out);
    else head(1, -1 - value, out);
  } else if (typeof value === 'string') {
    const bytes = new TextEncoder().encode(value);
    head(3, bytes.length, out);
    out.push(...bytes);
  } else if (value instanceof Uint8Array) {
    head(2, value.length, out);
    out.push(...value);
  } else {
    head(5, value.size, out);
    for (const [key, item] of value) {
      write(key, out);
      write(item, out);
    }
  }
}

/** A major type with its argument (RFC 8949 §3): the argument inline below 24, else in 1, 2 or 4 bytes. */
function head(major: number, argument: number, out: number[]): void {
  const type = major << 5;
  if (argument < 24) out.push(type | argument);
  else if (argument < 0x100) out.push(type | 24, argument);
  else if (argument < 0x10000) out.push(type | 25, argument >> 8, argument & 0xff);
  else out.push(type | 26, (argument >>> 24) & 0xff, (argument >> 16) & 0xff, (argument >> 8) & 0xff, argument & 0xff);
}
