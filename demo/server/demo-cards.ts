// The payment cards the demo store "has on file" (profile §17, `GET /api/payment-methods`), in a module of their own
// so the better-auth demo (demo/better-auth/demo-api.ts) shows the same without loading the reference backend.

/** Cards the demo "has on file"; nothing real. */
export const DEMO_CARDS = [
  { brand: 'visa', last4: '4242' },
  { brand: 'mastercard', last4: '4444' },
] as const;
