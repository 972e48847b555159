// Every <latch-*> tag in svelte/elements: attributes and properties typed as the element's fields, and
// `onlatch-*` handlers with their event classes (generated from custom-elements.json).
import type {} from 'latchkey/svelte';
