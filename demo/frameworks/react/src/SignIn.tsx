import { useState } from 'react';
import { CLIENT_ID, ISSUER } from './backend.js';

/** The sign-in page: React 19 passes `onlatch-signed-in` to the element as a listener of `latch-signed-in`. */
export function SignIn() {
  const [email, setEmail] = useState<string>();
  const [step, setStep] = useState<string>();
  return (
    <>
      <h1>Acme</h1>
      <latch-login
        issuer={ISSUER}
        client-id={CLIENT_ID}
        site-name="Acme"
        theme="auto"
        onlatch-signed-in={(event) => setEmail(event.detail.user.email)}
        onlatch-signed-out={() => setEmail(undefined)}
        onlatch-step={(event) => setStep(event.detail.step)}
      />
      <p role="status">{email ? `React received latch-signed-in for ${email}.` : 'Not signed in.'}</p>
      <p>Last step: {step ?? 'none yet'}</p>
    </>
  );
}
