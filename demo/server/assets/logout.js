// The provider's sign-out page for a user its id_token_hint names (demo/server/logout-pages.ts): no
// question to answer, so confirm at once. Without scripts, the page's own button does the same.
document.querySelector('main[data-sign-out="auto"] button[name="logout"]')?.click();
