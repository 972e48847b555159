// `<latch-login>`'s first step as a static Lit element: the same markup, styles and icon, and none of the
// widget's code. Next to lit-min it shows what the form itself costs to draw; next to latchkey, what the
// widget's code adds. The bench warns if this markup no longer matches what the widget renders.
import { LitElement, html, render } from 'lit';
import { formStyles, styles } from '../src/components/login/login.styles.js';
import { passkeyIcon } from '../src/components/login/icons.js';
import { mountLightBody } from '../src/styles/adopt.js';

class LitForm extends LitElement {
  static override styles = styles;
  private readonly body = document.createElement('div');

  override connectedCallback(): void {
    mountLightBody(this, this.body, formStyles);
    super.connectedCallback();
  }

  protected override render() {
    render(
      html`<form class="latch-form" novalidate aria-busy="false">
        <div class="latch-trust"><p class="latch-site">Signing in to <bdi class="latch-site-host" dir="ltr"><strong>localhost</strong></bdi></p></div>
        <h2 class="latch-title" tabindex="-1">Sign in</h2>
        <div class="latch-field">
          <label class="latch-label" for="email">Email</label>
          <input class="latch-input" id="email" type="email" name="username" inputmode="email" autocapitalize="none"
            spellcheck="false" required autocomplete="username webauthn" aria-invalid="false" />
        </div>
        <button type="submit" class="latch-button latch-primary">Continue</button>
        <div class="latch-divider">or</div>
        <button type="button" class="latch-button latch-secondary">${passkeyIcon}Sign in with a passkey</button>
        <p class="latch-text">New here? <button type="button" class="latch-link">Create an account</button></p>
      </form>`,
      this.body,
    );
    return html`<div part="card" class="card" dir="ltr">
      <slot></slot>
      <div class="live" role="status"></div>
      <div class="live" role="alert"></div>
    </div>`;
  }
}

// The widget's tag, so the form's `:where(latch-login …)` rules apply; this page loads nothing else.
customElements.define('latch-login', LitForm);
