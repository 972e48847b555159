import { useState } from 'react';
import type { LatchErrorCode } from 'latchkey/elements';
import { CLIENT_ID, ISSUER } from './backend.js';

/** The account page: its <latch-security> is first rendered here, long after `import 'latchkey'` ran. */
export function Account() {
  const [error, setError] = useState<LatchErrorCode>();
  return (
    <>
      <h1>Account security</h1>
      {/* Attributes, not properties: the element may not be defined yet when React first renders it, and React
          then sets every prop as an attribute (`clientId` would become an attribute `clientid`, lost). */}
      <latch-security issuer={ISSUER} client-id={CLIENT_ID} site-name="Acme" onlatch-error={(event) => setError(event.detail.code)} />
      <latch-privacy issuer={ISSUER} client-id={CLIENT_ID} onlatch-error={(event) => setError(event.detail.code)} />
      {error ? <p role="alert">Latchkey reported {error}.</p> : null}
    </>
  );
}
