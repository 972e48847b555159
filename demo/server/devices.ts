import { createHash, randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { readCookies } from './http.js';
import type { SignInMethod } from './session.js';
import { MAX_REMEMBERED_DEVICES, type Account } from './store.js';

/** The HttpOnly cookie that names a browser, for the `new_device` risk rule. */
export const DEVICE_COOKIE = 'latch_device';
/** 400 days, the longest lifetime browsers keep (RFC 6265bis §5.5). */
const DEVICE_COOKIE_MAX_AGE = 400 * 24 * 60 * 60;

/** The device id the browser presented, if it has the expected shape. */
export function deviceIdFrom(req: IncomingMessage): string | undefined {
  const id = readCookies(req).get(DEVICE_COOKIE);
  return id && /^[A-Za-z0-9_-]{43}$/.test(id) ? id : undefined;
}

function hashDevice(id: string): string {
  return createHash('sha256').update(id).digest('base64url');
}

/** Whether the account has signed in from this browser before. */
export function isRememberedDevice(account: Account, deviceId: string | undefined): boolean {
  if (!deviceId) return false;
  const hash = hashDevice(deviceId);
  return (account.devices ?? []).some((device) => device.id_hash === hash);
}

/**
 * The method of the account's last full sign-in on this browser (`select_method.preferred_method`, profile
 * §19.1): only a browser that proved itself by completing a sign-in to this account gets one.
 */
export function preferredMethod(account: Account | undefined, deviceId: string | undefined): SignInMethod | undefined {
  if (!account || !deviceId) return undefined;
  const hash = hashDevice(deviceId);
  return account.devices?.find((device) => device.id_hash === hash)?.method;
}

/**
 * After a complete sign-in: remembers the browser (giving it an id if it has none) and the method it signed in
 * with (a step-up keeps the one it had), and answers the `Set-Cookie` that keeps it. The caller saves the account.
 */
export function rememberDevice(account: Account, deviceId: string | undefined, now: number, secure: boolean, method?: SignInMethod): string {
  const id = deviceId ?? randomBytes(32).toString('base64url');
  const hash = hashDevice(id);
  const known = account.devices?.find((device) => device.id_hash === hash);
  const others = (account.devices ?? []).filter((device) => device !== known);
  const remembered = method ?? known?.method;
  account.devices = [...others, { id_hash: hash, last_seen: now, ...(remembered ? { method: remembered } : {}) }].slice(-MAX_REMEMBERED_DEVICES);
  return `${DEVICE_COOKIE}=${id}; Path=/; Max-Age=${DEVICE_COOKIE_MAX_AGE}; HttpOnly; SameSite=Lax${secure ? '; Secure' : ''}`;
}
