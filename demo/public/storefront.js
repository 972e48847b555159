// Reacts to the widget's events the way a store's header would. Server strings go in as text only.
const account = document.getElementById('account');

document.addEventListener('latch-signed-in', (event) => {
  const { user } = event.detail;
  account.textContent = `Hi, ${user.name ?? user.email ?? 'there'}`;
});

// Signed out here, in another tab, for inactivity, or by the backend: the header forgets the user.
for (const type of ['latch-signed-out', 'latch-session-ended']) {
  document.addEventListener(type, () => {
    account.textContent = 'Not signed in';
  });
}
