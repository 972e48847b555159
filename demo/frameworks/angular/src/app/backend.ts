/** Set by angular.json's `define` (`ng serve --define` overrides it): the backend's issuer URL. */
declare const LATCH_ISSUER: string;

/** Where the Latchkey backend is: another origin, allowed by its CORS list (README "Angular"). */
export const backend = { issuer: LATCH_ISSUER, clientId: 'latchkey-demo' } as const;
