import { Account } from './Account.js';
import { navigate, usePath } from './router.js';
import { SignIn } from './SignIn.js';

/** Two routes: the sign-in page, and the account page whose <latch-security> first appears on navigation. */
export function App() {
  const path = usePath();
  return (
    <>
      <nav>
        <a href="/" onClick={(event) => (event.preventDefault(), navigate('/'))}>Sign in</a>{' '}
        <a href="/account" onClick={(event) => (event.preventDefault(), navigate('/account'))}>Account security</a>
      </nav>
      <main>{path === '/account' ? <Account /> : <SignIn />}</main>
    </>
  );
}
