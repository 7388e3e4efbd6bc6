/** HTML strings for the parts of a widget that change shape with the state, built once for the server and the browser alike. */
import type { HopRow } from './fields.ts';

/** Escapes text for HTML content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
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
