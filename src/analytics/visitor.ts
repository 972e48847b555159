// The `visitor` of an event (profile §29.1): the first 16 bytes (hex) of SHA-256(`latchkey-visitor:<client_id>:
// <device id>`). The device id is random and identifies no one; salting it with the client id and hashing it
// means a collector can count visitors per site without ever holding the id the consent records carry.

/** The visitor hash of a device id for one client. */
export async function visitorOf(clientId: string, deviceId: string): Promise<string> {
  const input = new TextEncoder().encode(`latchkey-visitor:${clientId}:${deviceId}`);
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', input));
  return [...digest.subarray(0, 16)].map((byte) => byte.toString(16).padStart(2, '0')).join('');
}
