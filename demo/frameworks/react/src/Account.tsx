import { useState } from 'react';
import type { LatchErrorCode } from 'latchkey/elements';
import { CLIENT_ID, ISSUER } from './backend.js';

/** The account page: its <latch-security> is first rendered here, long after `import 'latchkey'` ran. */
export function Account() {
  const [error, setError] = useState<LatchErrorCode>();
  return (
    <>
      <h1>Account security</h1>
      <latch-security issuer={ISSUER} clientId={CLIENT_ID} site-name="Acme" onlatch-error={(event) => setError(event.detail.code)} />
      {error ? <p role="alert">Latchkey reported {error}.</p> : null}
    </>
  );
}
