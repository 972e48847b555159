/**
 * `latchkey/better-auth`: a better-auth server plugin implementing the Latchkey backend profile (docs/protocol.md)
 * on better-auth's own endpoints. Node only; never part of a browser bundle.
 * @packageDocumentation
 */
export { latchkey, type EndpointRecord, type LatchkeyPluginOptions } from './plugin.js';
export { resolveOptions, type LatchkeyConnection, type LatchkeyNotice, type LatchkeyOptions, type ResolvedOptions } from './options.js';
export { MAIL_PURPOSE_HEADER } from './challenge/steps/email-code.js';
export type { AccountOptions } from './account/index.js';
export { LOGIN_PAGE_PATH } from './redirect/index.js';
