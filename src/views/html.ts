/** HTML strings for the parts of a widget that change shape with the state, built once for the server and the browser alike. */
import type { HopRow } from './fields.ts';
import type { DiagnoseView } from './diagnose-view.ts';
import { MAX_SHOWN_ADDRESS_CHARS } from './chrome.ts';

/** Escapes text for HTML content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * Text for an element's content, never an attribute: only `&` and `<` can start markup there, so only they are
 * escaped (code blocks full of quotes stay short).
 */
export function escapeText(text: string): string {
  return text.replace(/[&<]/g, (c) => (c === '&' ? '&amp;' : '&lt;'));
}

/** Texts as escaped list items (a field's messages, the warnings, the steps); `empty` when there are none. */
export function listItemsHtml(texts: readonly string[], empty = ''): string {
  return texts.length ? texts.map((text) => `<li>${escapeHtml(text)}</li>`).join('') : empty;
}

/** The hop table's body rows. Every value is escaped: no markup from any input reaches the page. */
export function hopTableRowsHtml(rows: readonly HopRow[]): string {
  return rows
    .map(
      (row) =>
        `<tr><td>${escapeHtml(row.step)}</td><td>${escapeHtml(row.at)}</td><td><strong>${escapeHtml(row.kind)}</strong><br><small>${escapeHtml(
          row.what,
        )}</small></td><td>${escapeHtml(row.src)}<br>→ ${escapeHtml(row.dst)}</td><td class="headers">${escapeHtml(row.headers || '—')}</td></tr>`,
    )
    .join('');
}

/** The diagnose page's results: the classified addresses, then each group of matching setups with its cause, fix and links. Every value escaped. */
export function diagnoseResultsHtml(view: DiagnoseView): string {
  const e = escapeHtml;
  const addresses = view.addresses.length
    ? `<div class="table-scroll" role="region" aria-label="What each address probably is (scrolls sideways on narrow screens)" tabindex="0"><table class="answer-table diagnose-addresses"><caption>What each address probably is</caption><thead><tr><th scope="col">Where</th><th scope="col">Address</th><th scope="col">Probably</th><th scope="col">Why</th></tr></thead><tbody>${view.addresses
        .map(
          (a) =>
            `<tr><td>${e(a.fieldLabel)}</td><td><code>${e(a.ip.slice(0, MAX_SHOWN_ADDRESS_CHARS))}</code></td><td data-class="${e(a.role)}">${e(a.roleText)}</td><td>${e(a.reason)}</td></tr>`,
        )
        .join('')}</tbody></table></div>`
    : '';
  const groups = view.groups
    .map(
      (g) => `<section class="diagnosis-group" data-scenario-match="${e(g.scenario)}" data-cause="${e(g.cause)}">
<h2>${e(g.title)}: ${e(g.causeText)}</h2>
<p><strong>Fix.</strong> ${e(g.fix)}</p>
${g.config ? `<pre class="config"><code>${e(g.config)}</code></pre>` : ''}
<p>Open the matching setup${g.links.length + g.more === 1 ? '' : 's'}:</p>
<ul>${g.links.map((l) => `<li><a href="${e(l.href)}">${e(l.label)}</a></li>`).join('')}${g.more ? `<li>and ${g.more} more combination${g.more === 1 ? '' : 's'} of the same cause</li>` : ''}</ul>
</section>`,
    )
    .join('');
  return `${addresses}<p class="diagnosis-summary" data-field="matches" data-value="${view.total}">${e(view.summary)}</p>${groups}`;
}
