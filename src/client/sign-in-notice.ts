import type { LastSignIn } from '../protocol/index.js';
import type { SignedIn } from './types.js';

/** What a finished sign-in tells its customer (profile §26.3–§26.4), as `SignedIn` carries it. */
export type SignInNotice = Pick<SignedIn, 'lastSignIn' | 'newDevice'>;

/**
 * The notice in a sign-in success response or the session status a sign-in started: the previous sign-in and
 * the new-device flag, when the backend tells them. Only the sign-in that brought them carries them: a
 * reload's session status names who is signed in, not what to tell them again.
 */
export function signInNotice(source: { last_sign_in?: LastSignIn | undefined; new_device?: boolean | undefined }): SignInNotice {
  return { ...(source.last_sign_in ? { lastSignIn: source.last_sign_in } : {}), ...(source.new_device ? { newDevice: true } : {}) };
}
