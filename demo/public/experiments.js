// The experiments page (/experiments): shows which variations this view got and each analytics event as it is
// sent. The events hold no personal data; they go in as text only.
const login = document.querySelector('latch-login');
const variants = document.getElementById('variants');
const log = document.getElementById('event-log');

function item(text) {
  const li = document.createElement('li');
  li.textContent = text;
  return li;
}

function showVariants() {
  const assignments = login.assignments ?? [];
  variants.replaceChildren(
    ...(assignments.length ? assignments.map((assignment) => item(`${assignment.experiment}: ${assignment.variation}`)) : [item('None: the form shows its own options.')]),
  );
}

document.addEventListener('latch-analytics', (event) => {
  const { type, elapsed_ms: elapsed } = event.detail;
  log.append(item(elapsed === undefined ? type : `${type} (${(elapsed / 1000).toFixed(1)} s)`));
  if (type === 'viewed') showVariants();
});
