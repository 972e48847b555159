/**
 * The backend's issuer, LATCH_APP_ISSUER when the dev server starts: the backend's own origin (the backend
 * started with LATCH_APP_ORIGINS listing this app's), or `/` when this dev server proxies the backend's paths
 * (the backend started with LATCH_ISSUER set to this app's origin).
 */
export const ISSUER = import.meta.env.LATCH_APP_ISSUER ?? 'http://localhost:5173';
export const CLIENT_ID = 'latchkey-demo';
