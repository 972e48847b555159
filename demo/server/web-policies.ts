import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Interaction } from 'oidc-provider';
import type { AccountPolicy } from '../../src/protocol/index.js';
import type { TimedDecision } from './policies.js';
import type { BackendContext } from './context.js';
import { escapeHtml, sendPage, SITE_NAME } from './html.js';
import { HttpError, mediaType, readBody, sendError } from './http.js';

// The account policies of docs/protocol.md §24 on the provider's own page, for sign-ins that finish there
// (social and enterprise sign-in through the broker): a new account accepts the terms and the privacy policy
// and may opt in to marketing, as at the widget's sign-up; a returning customer whose accepted terms are older
// than the live ones accepts the new version or declines it, as at the widget's `consent_required` step. The
// words are the widget's English ones (the provider's pages are English, like the rest of them).

const WORDS = {
  agree: (terms: string, privacy: string) => `I agree to the ${terms} and the ${privacy}`,
  marketing: 'Email me news and offers (optional). I can stop them at any time.',
  newTab: '(opens in a new tab)',
};

/** What a brokered sign-in must decide before it finishes: nothing when the account policies are off. */
export function policiesDue(ctx: BackendContext, accountId: string, created: boolean): AccountPolicy[] {
  if (!ctx.accountPolicies.enabled) return [];
  const due = ctx.accountPolicies.due(accountId);
  if (!due.length || !created) return due;
  // A sign-up is offered the opt-ins too (never pre-ticked).
  return [...due, ...ctx.accountPolicies.offered().filter((policy) => policy.kind === 'opt_in')];
}

/** The page asking for the decisions: a sign-up's boxes, or the changed terms with Accept and Decline. */
export function renderPoliciesPage(res: ServerResponse, details: Interaction, due: readonly AccountPolicy[], created: boolean, missing = false): void {
  const uid = escapeHtml(details.uid);
  const errorId = 'policies-error';
  const heading = created ? `Finish creating your ${SITE_NAME} account` : 'Our terms have changed';
  const changes = due.flatMap((policy) => (policy.changes?.en ? [`<p>What changed: ${escapeHtml(policy.changes.en)}</p>`] : []));
  const body = created
    ? `<p>One last step: read and accept how ${SITE_NAME} works.</p>
<p class="error" id="${errorId}" role="alert">${missing ? 'Tick the box to agree to the Terms and the Privacy Policy.' : ''}</p>
<p><label><input type="checkbox" name="accept" value="yes" required${missing ? ` aria-invalid="true" aria-describedby="${errorId}"` : ''}> ${agreeText(due)}</label>
<span class="sr-only" id="new-tab">${WORDS.newTab}</span></p>
${due.some((policy) => policy.id === 'marketing') ? `<p><label><input type="checkbox" name="marketing" value="yes"> ${escapeHtml(WORDS.marketing)}</label></p>` : ''}
<button type="submit" class="primary" name="decision" value="accept">Create account</button>`
    : `<p>To go on signing in, read and accept the new version.</p>
${changes.join('\n')}
<ul>${due.map((policy) => `<li>${documentLink(policy, `${policyName(policy)}: read the new version`)}</li>`).join('')}</ul>
<span class="sr-only" id="new-tab">${WORDS.newTab}</span>
<button type="submit" class="primary" name="decision" value="accept">Accept and continue</button>
<button type="submit" class="secondary" name="decision" value="decline">Decline</button>`;
  sendPage(res, missing ? 400 : 200, {
    title: `${heading} · ${SITE_NAME}`,
    head: '<link rel="stylesheet" href="/interaction-assets/interaction.css">',
    body: `<main>
<h1>${heading}</h1>
<form method="post" action="/interaction/${uid}/policies">
${body}
</form>
</main>`,
    // Accepting ends at the client's redirect URI (the finished interaction's redirects), which form-action covers.
    formTargets: redirectOrigin(details),
  });
}

/**
 * `POST /interaction/:uid/policies` (a plain form; the interaction cookie, SameSite=Lax, ties it to this
 * browser): records a receipt per decision in the consent log, then finishes the sign-in (accepted) or ends
 * it with `access_denied` and no session (declined), as the widget's steps do.
 */
export async function decidePolicies(req: IncomingMessage, res: ServerResponse, details: Interaction, ctx: BackendContext): Promise<'accepted' | 'left' | 'asked'> {
  if (req.method !== 'POST' || mediaType(req) !== 'application/x-www-form-urlencoded') {
    sendError(res, new HttpError(405, 'invalid_request', 'POST the form', { Allow: 'POST' }));
    return 'asked';
  }
  const outcome = ctx.broker.outcome(details.uid);
  if (outcome?.kind !== 'signed_in') {
    sendError(res, new HttpError(400, 'invalid_request', 'there is nothing to decide'));
    return 'asked';
  }
  const form = new URLSearchParams(await readBody(req));
  // After a decline: back to the site, which says the sign-in did not happen (access_denied).
  if (form.get('decision') === 'leave') return 'left';
  const created = outcome.created === true;
  const due = policiesDue(ctx, outcome.accountId, created);
  const accepted = created ? form.get('accept') === 'yes' : form.get('decision') === 'accept';
  if (created && !accepted) {
    renderPoliciesPage(res, details, due, created, true);
    return 'asked';
  }
  const now = ctx.clock.now();
  const decisions: TimedDecision[] = due.map((policy) => ({
    policy: policy.id,
    version: policy.version,
    granted: policy.kind === 'opt_in' ? form.get(policy.id) === 'yes' : accepted,
    text: policy.kind === 'opt_in' ? WORDS.marketing : created ? WORDS.agree('Terms', 'Privacy Policy') : `${policyName(policy)}: Accept and continue`,
    chosen_at: now,
  }));
  await ctx.accountPolicies.record(outcome.accountId, decisions, created ? 'sign_up' : 'sign_in', now);
  if (accepted) return 'accepted';
  renderDeclinedPage(res, details);
  return 'asked';
}

/** After a decline: what happened and what the customer can do, before going back to the site. */
function renderDeclinedPage(res: ServerResponse, details: Interaction): void {
  sendPage(res, 200, {
    title: `You're not signed in · ${SITE_NAME}`,
    head: '<link rel="stylesheet" href="/interaction-assets/interaction.css">',
    body: `<main>
<h1>You're not signed in</h1>
<p>You declined the new terms, so you can't sign in. If you have questions about them, contact us. To close your account, contact us too: we delete it and everything we hold about you.</p>
<form method="post" action="/interaction/${escapeHtml(details.uid)}/policies">
<button type="submit" class="primary" name="decision" value="leave">Back to ${SITE_NAME}</button>
</form>
</main>`,
    formTargets: redirectOrigin(details),
  });
}

function agreeText(due: readonly AccountPolicy[]): string {
  const terms = due.find((policy) => policy.id === 'terms');
  const privacy = due.find((policy) => policy.id === 'privacy');
  return WORDS.agree(terms ? documentLink(terms, 'Terms') : 'Terms', privacy ? documentLink(privacy, 'Privacy Policy') : 'Privacy Policy');
}

function documentLink(policy: AccountPolicy, label: string): string {
  return policy.url
    ? `<a href="${escapeHtml(policy.url)}" target="_blank" rel="noopener" aria-describedby="new-tab">${escapeHtml(label)}</a>`
    : escapeHtml(label);
}

function policyName(policy: AccountPolicy): string {
  return policy.id === 'terms' ? 'Terms' : policy.id === 'privacy' ? 'Privacy Policy' : policy.id;
}

function redirectOrigin(details: Interaction): string[] {
  try {
    return [new URL(String(details.params.redirect_uri)).origin];
  } catch {
    return [];
  }
}
