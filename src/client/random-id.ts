// Random ids (the device id, a view's and an event's id, a consent receipt's): version 4 UUIDs (RFC 9562 §5.4)
// from `crypto.getRandomValues`, which every page has. `crypto.randomUUID` exists only in secure contexts, and a
// plain-HTTP page (a shop on http://, a staging host) must not lose its form to a TypeError.

/** A random version 4 UUID, in its lowercase text form. */
export function randomId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6]! & 0x0f) | 0x40;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
