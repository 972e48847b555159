/**
 * The script-tag entry (`dist/latchkey.js`, `dist/latchkey.iife.js`): registers every element and exports
 * nothing, so the file carries only what the elements use. Apps that also want the client import it from
 * the npm package.
 */
import './components/login/login.js';
