// Never rendered: the proof that the generated typings reject misuse. Each line below must be a type error,
// or `tsc` fails on the unused @ts-expect-error. (JSX checks no undeclared hyphenated attribute, so a
// misspelt `client-idd` or an event the element does not fire cannot be caught; declared ones are typed.)
import type { LatchErrorEvent } from 'latchkey/elements';

export const misuse = (
  <>
    {/* @ts-expect-error -- `theme` is 'light' | 'dark' | 'auto' */}
    <latch-login theme="blue" />
    {/* @ts-expect-error -- `allowFraming` is a boolean */}
    <latch-login allowFraming="yes" />
    {/* @ts-expect-error -- the attribute is typed too: `warn-before` is a number of seconds */}
    <latch-session-timeout warn-before="soon" />
    {/* @ts-expect-error -- `latch-signed-in` carries a SignedIn detail, which has no token */}
    <latch-login onlatch-signed-in={(event) => event.detail.accessToken} />
    {/* @ts-expect-error -- `client` takes a client made with createClient(), not a string */}
    <latch-security client="web" />
    {/* @ts-expect-error -- a latch-error listener receives a LatchErrorEvent, not a string */}
    <latch-passkeys onlatch-error={(event: string) => event} />
    <latch-passkeys onlatch-error={(event: LatchErrorEvent) => event.detail.code} />
  </>
);
