import { ref } from 'vue';

/** The path this single-page app shows, kept in step with the history. */
export const path = ref(location.pathname);
addEventListener('popstate', () => (path.value = location.pathname));

/** Goes to `to` without a page load, as a router's link does. */
export function navigate(to: string): void {
  history.pushState(null, '', to);
  path.value = to;
}
