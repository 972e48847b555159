import { svg } from 'lit';

/** A person with a key: the passkey mark. Decorative; the button's text names it. */
export const passkeyIcon = svg`<svg class="latch-icon" part="icon icon-passkey" width="20" height="20" viewBox="0 0 24 24" aria-hidden="true" focusable="false" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round"><circle cx="9" cy="7" r="4"/><path d="M2 21v-1a6 6 0 0 1 9.5-4.9"/><circle cx="17.5" cy="13.5" r="2.5"/><path d="M17.5 16v5l1.5-1.5-1-1 1-1"/></svg>`;

