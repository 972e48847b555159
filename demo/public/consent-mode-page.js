// Shows what the page's tags get: every `dataLayer` entry as it arrives, consent commands with their seven
// Consent Mode v2 values. Everything goes in as text (strict CSP, Trusted Types).
// The seven Consent Mode v2 types, in the order of the table's columns.
const TYPES = [...document.querySelectorAll('#entries thead th[data-type]')].map((th) => th.dataset.type);
const body = document.querySelector('#entries tbody');
const status = document.getElementById('entries-status');
const layer = (window.dataLayer ??= []);

/** An Arguments object or array pushed by gtag(): `['consent', 'default' | 'update', values]`. */
function consentCommand(entry) {
  const args = Array.from(typeof entry === 'object' && entry !== null && typeof entry.length === 'number' ? entry : []);
  return args[0] === 'consent' ? { command: String(args[1]), values: args[2] ?? {} } : undefined;
}

function cell(row, text, className) {
  const td = row.insertCell();
  td.textContent = text;
  if (className) td.className = className;
  return td;
}

function show(entry, index) {
  const row = body.insertRow();
  row.dataset.index = String(index);
  cell(row, String(index));
  const consent = consentCommand(entry);
  if (consent) {
    row.dataset.kind = `consent ${consent.command}`;
    cell(row, `consent ${consent.command}`);
    for (const type of TYPES) {
      const value = consent.values[type] ?? '';
      cell(row, value, value).dataset.type = type;
    }
    const details = [];
    if (consent.values.region) details.push(`region ${consent.values.region.join(', ')}`);
    if (consent.values.wait_for_update !== undefined) details.push(`wait_for_update ${consent.values.wait_for_update} ms`);
    cell(row, details.join('; '));
  } else {
    const event = typeof entry?.event === 'string' ? entry.event : 'data';
    row.dataset.kind = event;
    cell(row, event);
    for (const type of TYPES) cell(row, '').dataset.type = type;
    const purposes = entry?.latch_consent?.purposes ?? {};
    const on = Object.keys(purposes).filter((id) => purposes[id]);
    cell(row, entry?.latch_consent ? `version ${entry.latch_consent.version}; on: ${on.join(', ') || 'none'}` : JSON.stringify(entry));
  }
  status.textContent = `dataLayer entry ${index}: ${row.dataset.kind}`;
}

layer.forEach(show);
const push = layer.push.bind(layer);
layer.push = (...entries) => {
  const length = push(...entries);
  entries.forEach((entry, i) => show(entry, length - entries.length + i));
  return length;
};

// "Privacy choices" reopens the banner once its element is defined.
const banner = document.querySelector('latch-consent-banner');
const reopen = document.getElementById('privacy-choices');
customElements.whenDefined('latch-consent-banner').then(() => {
  if (typeof banner?.openPreferences !== 'function') return;
  reopen.hidden = false;
  reopen.addEventListener('click', () => banner.openPreferences());
});
