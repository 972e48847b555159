import { LitElement, type PropertyDeclarations } from 'lit';
import type { LatchClient } from '../../client/client.js';
import { BACKEND_PROPERTIES } from '../../controllers/client-loader.js';
import { accountStyles } from '../../styles/account.styles.js';

/**
 * What the signed-in account's elements (`<latch-passkeys>`, `<latch-security>`, `<latch-privacy>`,
 * `<latch-devices>`) share: their backend, their theme and the account card's styles.
 */
export class LatchAccountElement extends LitElement {
  static override styles = accountStyles;

  // Declared without decorators, so the elements' lazily loaded chunks carry no decorator helper.
  static override properties: PropertyDeclarations = {
    ...BACKEND_PROPERTIES,
    theme: { reflect: true },
  };

  /** The backend's issuer identifier; a path is resolved against the page's origin. */
  issuer = '';

  /** This site's OAuth client id at the backend. */
  clientId = '';

  /** `light`, `dark`, or `auto` (follows the system). */
  theme: 'light' | 'dark' | 'auto' = 'auto';

  /** A client made with `createClient()`, to share one with the page. */
  client?: LatchClient;

  /**
   * Hides the element when its first read found that the backend does not name its resource in discovery
   * (`LATCH_UNSUPPORTED_BACKEND`): there is nothing it could show, and a "Try again" could never work (issue 16).
   */
  protected hideWhenUnsupported(failure: { code: string } | undefined): void {
    this.hidden = failure?.code === 'LATCH_UNSUPPORTED_BACKEND';
  }
}
