import { escapeHtml, renderPage } from './html.js';
import { contentSecurityPolicy, HTML_HEADERS } from './security-headers.js';

/** What the logout hooks read of oidc-provider's Koa context (`features.rpInitiatedLogout`). */
interface LogoutContext {
  host: string;
  body: unknown;
  set(headers: Record<string, string>): void;
  oidc: {
    session?: { accountId?: string; state?: { postLogoutRedirectUri?: string } };
    entities: { IdTokenHint?: { payload: { sub?: string } } };
  };
}

/**
 * The provider's RP-Initiated Logout pages (OpenID Connect RP-Initiated Logout 1.0 §2), branded and under
 * the strict CSP. With an `id_token_hint` of the user signed in here (oidc-provider has checked its
 * signature and audience) the prompt is skipped: the page confirms by itself, and the browser lands on
 * the site's `post_logout_redirect_uri`. Without one, or for another user, §2 says the provider MUST ask.
 */
export function logoutPages(siteName: string) {
  return {
    async logoutSource(ctx: LogoutContext, form: string): Promise<void> {
      const { session, entities } = ctx.oidc;
      const hinted = Boolean(session?.accountId) && entities.IdTokenHint?.payload.sub === session?.accountId;
      const after = session?.state?.postLogoutRedirectUri;
      send(ctx, hinted ? signingOutPage(siteName, form) : confirmPage(siteName, ctx.host, form), after ? [new URL(after).origin] : []);
    },
    async postLogoutSuccessSource(ctx: LogoutContext): Promise<void> {
      send(ctx, {
        title: `Signed out · ${siteName}`,
        head: STYLESHEET,
        body: `<main><h1>You're signed out</h1><p>You signed out of ${escapeHtml(siteName)}. <a href="/">Back to ${escapeHtml(siteName)}</a></p></main>`,
      });
    },
  };
}

const STYLESHEET = '<link rel="stylesheet" href="/interaction-assets/interaction.css">';

/** `form` is oidc-provider's own markup (its action and xsrf value escaped by it); buttons join it by `form=`. */
function signingOutPage(siteName: string, form: string) {
  return {
    title: `Signing out · ${siteName}`,
    head: `${STYLESHEET}\n<script type="module" src="/interaction-assets/logout.js"></script>`,
    body: `<main data-sign-out="auto">
<h1>Signing you out of ${escapeHtml(siteName)}…</h1>
${form}
<button type="submit" form="op.logoutForm" name="logout" value="yes" class="primary">Continue</button>
</main>`,
  };
}

function confirmPage(siteName: string, host: string, form: string) {
  return {
    title: `Sign out · ${siteName}`,
    head: STYLESHEET,
    body: `<main>
<h1>Sign out of ${escapeHtml(siteName)}?</h1>
<p>You are still signed in at ${escapeHtml(host)}. Sign out there too, so the next person on this device cannot use it?</p>
${form}
<button type="submit" form="op.logoutForm" name="logout" value="yes" class="primary">Sign out</button>
<button type="submit" form="op.logoutForm" class="secondary">Stay signed in</button>
</main>`,
  };
}

function send(ctx: LogoutContext, page: { title: string; head: string; body: string }, formTargets: string[] = []): void {
  ctx.set({ ...HTML_HEADERS, 'Content-Security-Policy': contentSecurityPolicy({ formAction: formTargets }) });
  ctx.body = renderPage(page);
}
