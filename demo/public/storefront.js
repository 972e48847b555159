// Reacts to the widget's events the way a store's header would. Server strings go in as text only.
const account = document.getElementById('account');

document.addEventListener('latch-signed-in', (event) => {
  const { user } = event.detail;
  account.textContent = `Hi, ${user.name ?? user.email ?? 'there'}`;
});

document.addEventListener('latch-signed-out', () => {
  account.textContent = 'Not signed in';
});
