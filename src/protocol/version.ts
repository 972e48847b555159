/** The version of the Latchkey backend profile this code speaks and documents (`ciam_profile_versions_supported`). */
export const PROFILE_VERSION = '2026-12';

/**
 * Every profile version this client can talk to, newest first (profile §10). 2026-12 only relaxed what a
 * backend must offer (the OAuth endpoints of a session-completion backend, §10 "Changes in 2026-12"), so a
 * 2026-11 backend is spoken to unchanged.
 */
export const PROFILE_VERSIONS_SPOKEN = [PROFILE_VERSION, '2026-11'] as const;
