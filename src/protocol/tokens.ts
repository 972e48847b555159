import * as z from 'zod/mini';

/** Claims the widget reads from a validated ID token (OIDC Core §2, §5.1). */
export const IdTokenClaims = z.object({
  sub: z.string(),
  email: z.optional(z.string()),
  name: z.optional(z.string()),
  amr: z.optional(z.array(z.string())),
  auth_time: z.optional(z.number()),
});
export type IdTokenClaims = z.infer<typeof IdTokenClaims>;
