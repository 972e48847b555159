/** The version of the Latchkey backend profile this code speaks (`ciam_profile_versions_supported`). */
export const PROFILE_VERSION = '2026-11';
