import { defineOnSight, type TagLoader } from './on-sight.js';

/**
 * The elements that are chunks of their own, each fetched when its tag first appears on the page (in the
 * document or an open shadow root, at load or later). <latch-login> itself comes with the entry; it also
 * fetches the SSO buttons once the backend has connections, and the step-up dialog on the first step-up.
 */
export const LAZY_TAGS: Readonly<Record<string, TagLoader>> = {
  'latch-social-buttons': () => import('../components/social-buttons/social-buttons.js'),
  'latch-step-up': () => import('../components/step-up/step-up.js'),
  // It shows the passkey list, so its chunk defines <latch-passkeys> too.
  'latch-security': () => import('../components/security/security.js'),
  'latch-passkeys': () => import('../components/passkeys/passkeys.js'),
  'latch-privacy': () => import('../components/privacy/privacy.js'),
  'latch-devices': () => import('../components/devices/devices.js'),
  'latch-session-timeout': () => import('../components/session/session-timeout.js'),
  'latch-consent-banner': () => import('../components/consent/consent-banner.js'),
  'latch-trust-panel': () => import('../components/trust/trust-panel.js'),
};

/** Defines each lazy element on first sight (see {@link defineOnSight}). */
export function defineLazyTags(): void {
  defineOnSight(LAZY_TAGS);
}
