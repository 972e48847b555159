import { html, type TemplateResult } from 'lit';
import type { SectionTexts } from '../../translations/translation.js';

/** What an element shows instead of its form inside another site's frame (reliability.md S31). */
export function framedNotice(t: Pick<SectionTexts<'login'>, 'framedTitle' | 'framedRefused'>): TemplateResult {
  return html`<div class="latch-form" data-framed>
    <h2 class="latch-title" tabindex="-1">${t.framedTitle}</h2>
    <p class="latch-alert">${t.framedRefused}</p>
  </div>`;
}
