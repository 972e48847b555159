/**
 * The backend's issuer, LATCH_APP_ISSUER when the dev server starts (serve.ts passes it as a `define`): the
 * backend's own origin (the backend started with LATCH_APP_ORIGINS listing this app's), or `/` when this dev
 * server proxies the backend's paths (the backend started with LATCH_ISSUER set to this app's origin).
 */
declare const LATCH_APP_ISSUER: string;

export const ISSUER = LATCH_APP_ISSUER;
export const CLIENT_ID = 'latchkey-demo';
