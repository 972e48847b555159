/**
 * The script-tag entry (`dist/latchkey.js`, `dist/latchkey.iife.js`): the same registration as the npm entry
 * (define.ts) — <latch-login> now, each other element when its tag first appears — built self-contained. It
 * exports nothing, so the file carries only what the elements use. Apps that also want the client import it
 * from the npm package.
 */
import './define.js';
