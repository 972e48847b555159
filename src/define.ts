/**
 * Registers every Latchkey element. This is the script-tag entry: `<script type="module" src="latchkey.js">`.
 * @packageDocumentation
 */
import './components/login/login.js';

export * from './index.js';
