import { useEffect, useState } from 'react';
import { Account } from './Account.js';
import { CLIENT_ID, ISSUER } from './backend.js';
import { navigate, usePath } from './router.js';
import { SignIn } from './SignIn.js';

/**
 * Two routes: the sign-in page, and the account page whose <latch-security> and <latch-privacy> first appear on
 * navigation; the consent banner on both, and what the app heard of the visitor's choice.
 */
export function App() {
  const path = usePath();
  const [analytics, setAnalytics] = useState<boolean>();
  // `latch-consent-change` fires on document (whichever tab or element the choice came from).
  useEffect(() => {
    const heard = (event: DocumentEventMap['latch-consent-change']) => setAnalytics(event.detail.purposes.analytics === true);
    document.addEventListener('latch-consent-change', heard);
    return () => document.removeEventListener('latch-consent-change', heard);
  }, []);
  return (
    <>
      <nav>
        <a href="/" onClick={(event) => (event.preventDefault(), navigate('/'))}>Sign in</a>{' '}
        <a href="/account" onClick={(event) => (event.preventDefault(), navigate('/account'))}>Account security</a>
      </nav>
      <main>{path === '/account' ? <Account /> : <SignIn />}</main>
      <p role="status">{analytics === undefined ? '' : `React received latch-consent-change: analytics ${analytics ? 'on' : 'off'}.`}</p>
      <latch-consent-banner issuer={ISSUER} client-id={CLIENT_ID} />
    </>
  );
}
