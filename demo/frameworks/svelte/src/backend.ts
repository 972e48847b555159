/** Where the Latchkey backend is: another origin that allows this app's (README "Svelte"). */
export const backend = { issuer: import.meta.env.VITE_LATCH_ISSUER as string, clientId: 'latchkey-demo' } as const;
