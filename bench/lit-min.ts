// The floor for our stack: one Lit element rendering one form, nothing else (reference/performance.md, `lit-min`).
import { LitElement, html } from 'lit';

class LitMin extends LitElement {
  // Light DOM, like <latch-login>'s credential inputs (password managers cannot reach into shadow roots),
  // so the harness sees both inputs appear the same way.
  protected override createRenderRoot() {
    return this;
  }

  override render() {
    return html`<form>
      <label for="username">Username</label>
      <input id="username" name="username" autocomplete="username" required />
      <button>Continue</button>
    </form>`;
  }
}

customElements.define('lit-min', LitMin);
