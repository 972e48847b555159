// A session better-auth starts in its social callback is a federated sign-in: the plugin records `amr: ["fed"]` and
// no `method` on it (profile §4, §11.4.6), as it records the methods of the sign-ins it runs itself. better-auth
// passes session hooks the endpoint context, whose `path` names the callback route.

/** better-auth's social callback routes (built-in providers and genericOAuth's, which share it). */
const CALLBACK_PATHS = new Set(['/callback/:id', '/oauth2/callback/:providerId']);

/** `databaseHooks.session.create.before`: marks sessions created by a social callback as federated. */
export async function markFederatedSession(session: Record<string, unknown>, context: { path?: string } | null): Promise<{ data: Record<string, unknown> } | undefined> {
  if (!context?.path || !CALLBACK_PATHS.has(context.path)) return undefined;
  return { data: { ...session, latchkeyMethod: null, latchkeyAmr: 'fed' } };
}
