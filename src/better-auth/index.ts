/**
 * `latchkey/better-auth`: a better-auth server plugin implementing the Latchkey backend profile (docs/protocol.md)
 * on better-auth's own endpoints. Node only; never part of a browser bundle.
 * @packageDocumentation
 */
export { latchkey, type EndpointRecord, type LatchkeyPluginOptions } from './plugin.js';
export { resolveOptions, type LatchkeyNotice, type LatchkeyOptions, type ResolvedOptions } from './options.js';
export { MAIL_PURPOSE_HEADER } from './challenge/steps/email-code.js';
export { CookieJar, readRequestCookies } from './http/cookies.js';
export { jsonAnswer, errorAnswer, noContent, withHeaders } from './http/answers.js';
export { corsHeaders, preflightAnswer, refuseForeignCookiePost, type OriginPolicy } from './http/origins.js';
export { readLimitedBody, MAX_BODY_BYTES } from './http/request-body.js';
export { callBetterAuth, findPlugin, pluginEndpoint, errorCode, type CallResult } from './better-auth-calls.js';
