import { html, type TemplateResult } from 'lit';
import { formNotice } from './notice.js';
import type { SectionTexts } from '../../translations/translation.js';

/** What an element shows instead of its form inside another site's frame (reliability.md S31). */
export function framedNotice(t: Pick<SectionTexts<'login'>, 'framedTitle' | 'framedRefused'>): TemplateResult {
  return html`<div class="latch-form" part="form" data-framed>
    <h2 class="latch-title" part="heading" tabindex="-1">${t.framedTitle}</h2>
    ${formNotice(t.framedRefused, 'error')}
  </div>`;
}
