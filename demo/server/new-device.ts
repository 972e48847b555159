import { createHash, randomBytes } from 'node:crypto';
import type { DeviceInfo, LastSignIn } from '../../src/protocol/index.js';
import type { BackendContext } from './context.js';
import { isRememberedDevice } from './devices.js';
import { SITE_NAME } from './html.js';
import type { SignInMethod, WebSession } from './session.js';
import type { Account } from './store.js';

// What a finished sign-in tells its customer (docs/protocol.md §26.3–§26.4): the sign-in before it, and
// whether it came from a browser the account had not used before, which also gets an email with a
// "This wasn't me" link (not-me.ts).

/** Where the new-device mail's "This wasn't me" link leads (not-me.ts). */
export const NOT_ME_DEVICE_PATH = '/new-device/not-me';
/** How long that link works: a week, as Okta's "Report suspicious activity" link. */
export const NOT_ME_DEVICE_TTL_SECONDS = 7 * 24 * 60 * 60;
/** Links kept per account; the oldest is forgotten first. */
const MAX_NOT_ME_LINKS = 5;

/** A finished sign-in as the account keeps it for the next one: when, how, from which browser. Personal data. */
export interface SignInNote extends LastSignIn {
  /** It came from a browser the account had not used before. */
  new_device?: boolean;
}

/** A "This wasn't me" link of a new-device mail, as kept: the hash of its token, never the token. */
export interface NotMeLink {
  /** SHA-256 of the token, base64url. */
  token_hash: string;
  /** The new browser's `latch_device` hash (devices.ts), forgotten when the link is used. */
  device_hash: string;
  /** Epoch seconds. */
  expires_at: number;
  /** The sign-in it reports, to show on the link's page. Personal data, kept only as long as the link. */
  signed_in: { at: number; device?: DeviceInfo };
}

/** What a completed sign-in shows: the previous sign-in and the new-device flag (profile §26.3–§26.4). */
export interface SignInNotice {
  lastSignIn?: LastSignIn;
  newDevice: boolean;
}

/**
 * Notes a sign-in that is completing, before its browser is remembered: answers the sign-in before it and
 * whether this browser is new to the account. Never new for the account's first sign-in (after sign-up, no
 * browser is remembered yet). The caller saves the account.
 */
export function noteSignIn(account: Account, signIn: { at: number; method?: SignInMethod; device?: DeviceInfo; deviceId?: string }): SignInNotice {
  const previous = account.sign_in_notes?.at(-1);
  const newDevice = (account.devices?.length ?? 0) > 0 && !isRememberedDevice(account, signIn.deviceId);
  const note: SignInNote = {
    at: signIn.at,
    ...(signIn.method ? { method: signIn.method } : {}),
    ...(signIn.device ? { device: signIn.device } : {}),
    ...(newDevice ? { new_device: true } : {}),
  };
  // The last two: the newest, and the one before it, which a session started from a token still needs.
  account.sign_in_notes = [...(account.sign_in_notes ?? []), note].slice(-2);
  return { ...(previous ? { lastSignIn: lastSignInOf(previous) } : {}), newDevice };
}

/**
 * The notice of the sign-in that authenticated at `authTime` (a redirect sign-in's session starts from its
 * token, after the provider's page completed the sign-in): empty when that sign-in was not noted here.
 */
export function noticeAt(account: Account, authTime: number | undefined): SignInNotice {
  const notes = account.sign_in_notes ?? [];
  const latest = notes.at(-1);
  if (!latest || latest.at !== authTime) return { newDevice: false };
  const previous = notes.length > 1 ? notes[0] : undefined;
  return { ...(previous ? { lastSignIn: lastSignInOf(previous) } : {}), newDevice: latest.new_device === true };
}

/** Keeps the notice on the web session, so `GET /session` tells it too. */
export function keepNotice(session: WebSession, notice: SignInNotice): void {
  if (notice.lastSignIn) session.lastSignIn = notice.lastSignIn;
  if (notice.newDevice) session.newDevice = true;
}

/** The notice's members of the sign-in success response and the session status. */
export function wireNotice(notice: { lastSignIn?: LastSignIn | undefined; newDevice?: boolean | undefined }): { last_sign_in?: LastSignIn; new_device?: true } {
  return { ...(notice.lastSignIn ? { last_sign_in: notice.lastSignIn } : {}), ...(notice.newDevice ? { new_device: true as const } : {}) };
}

function lastSignInOf(note: SignInNote): LastSignIn {
  return { at: note.at, ...(note.method ? { method: note.method } : {}), ...(note.device ? { device: note.device } : {}) };
}

/**
 * After a sign-in from a new device: emails the account's owner when, where and on what, with a single-use
 * "This wasn't me" link (7 days). Called once the browser is remembered: `rememberDevice` puts it last.
 */
export async function sendNewDeviceMail(account: Account, notice: SignInNotice, signIn: { at: number; device?: DeviceInfo }, ctx: BackendContext): Promise<void> {
  const browser = account.devices?.at(-1);
  if (!notice.newDevice || !browser) return;
  const token = randomBytes(32).toString('base64url');
  const link: NotMeLink = {
    token_hash: hashToken(token),
    device_hash: browser.id_hash,
    expires_at: signIn.at + NOT_ME_DEVICE_TTL_SECONDS,
    signed_in: { at: signIn.at, ...(signIn.device ? { device: signIn.device } : {}) },
  };
  account.not_me_links = [...(account.not_me_links ?? []), link].slice(-MAX_NOT_ME_LINKS);
  await ctx.accounts.save();
  const url = `${ctx.issuer}${NOT_ME_DEVICE_PATH}?token=${token}`;
  ctx.mailbox.send({
    to: account.email,
    purpose: 'new_device',
    code: null,
    link: url,
    subject: `New sign-in to your ${SITE_NAME} account`,
    text:
      `Your ${SITE_NAME} account was just signed in to from a device it has not used before.\n\n` +
      `${describeSignIn(signIn)}\n\nIf this was you, there is nothing to do.\n\n` +
      `If this wasn't you, open this link within ${NOT_ME_DEVICE_TTL_SECONDS / 86_400} days. After you confirm, it signs out ` +
      `every session of your account, the new device's too, and tells you how to secure your account:\n${url}`,
  });
}

/** "When: …", "Device: …", "Approximate location: …" lines, in the mail's language (English, as every demo mail). */
export function describeSignIn(signIn: { at: number; device?: DeviceInfo }): string {
  const when = `When: ${new Date(signIn.at * 1000).toISOString().replace('T', ' ').slice(0, 16)} UTC`;
  const device = deviceName(signIn.device);
  const place = placeName(signIn.device);
  return [when, ...(device ? [`Device: ${device}`] : []), ...(place ? [`Approximate location: ${place} (from the network address)`] : [])].join('\n');
}

/** "Chrome 131 on Linux". */
export function deviceName(device: DeviceInfo | undefined): string | undefined {
  const browser = [device?.browser, device?.browser_version].filter(Boolean).join(' ');
  if (browser && device?.os) return `${browser} on ${device.os}`;
  return browser || device?.os;
}

/** "Lisbon, Portugal". */
export function placeName(device: DeviceInfo | undefined): string | undefined {
  const location = device?.location;
  const country = location?.country ? new Intl.DisplayNames(['en'], { type: 'region' }).of(location.country) : undefined;
  return [location?.city, country].filter(Boolean).join(', ') || undefined;
}

/** The account whose live, unused "This wasn't me" link this token is, and the link. */
export function findNotMeLink(token: string, ctx: BackendContext): { account: Account; link: NotMeLink } | undefined {
  const hash = hashToken(token);
  const now = ctx.clock.nowSeconds();
  const account = ctx.accounts.find((candidate) => candidate.not_me_links?.some((link) => link.token_hash === hash) ?? false);
  const link = account?.not_me_links?.find((candidate) => candidate.token_hash === hash);
  return account && link && link.expires_at > now ? { account, link } : undefined;
}

/**
 * "This wasn't me", confirmed: the link is used up, every session of the account ends (`end`), the new
 * browser is forgotten with its preferred method (its next sign-in is new again, with a second factor), and
 * the account is marked as to be secured. The caller saves the account.
 */
export function reportNewDevice(account: Account, link: NotMeLink, now: number): void {
  account.not_me_links = (account.not_me_links ?? []).filter((candidate) => candidate !== link);
  account.devices = (account.devices ?? []).filter((device) => device.id_hash !== link.device_hash);
  account.secure_requested_at = now;
}

function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('base64url');
}
