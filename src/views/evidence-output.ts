/**
 * The evidence disclosure's content for a state (the software that configured the lab, the command and raw output,
 * the lab's addresses it shows mapped to the page's address plan): as HTML, rendered by the server where a page shows it
 * inline and by the scenario widget for the state it shows, and as the plain text file that readers without JavaScript
 * open instead.
 */
import type { EvidenceView } from '../evidence/evidence.ts';
import type { LabAddressRow } from '../evidence/lab-address-map.ts';
import { mentionsLabAddress } from '../evidence/lab-address-match.ts';
import { escapeHtml } from './html.ts';

/** Why the output shows addresses the page does not use: the caption of the mapping table and the text file's heading. */
export const LAB_ADDRESSES_NOTE =
  'The lab runs in 198.18.0.0/15, so its output shows its own addresses; each stands for an address of this page (ports differ too: the lab gives each variant its own).';

/** The text of the link to a state's text file, which stands in for the disclosure's content without JavaScript. */
export const OUTPUT_FILE_LINK_TEXT = "The lab's software, command and raw output as a text file";

/** The link to a state's text file as HTML: a paragraph's content. */
export function outputFileLinkHtml(href: string): string {
  return `<a href="${escapeHtml(href)}">${escapeHtml(OUTPUT_FILE_LINK_TEXT)}</a>`;
}

/** The software that configured the lab, each node's rule dump as a link, and other releases' results, as HTML; each part only where there is one. */
export function evidenceSourcesHtml(view: Pick<EvidenceView, 'software' | 'ruleDumps' | 'otherReleases'>): string {
  const software = view.software.map((line) => `<p>${escapeHtml(line)}</p>`).join('');
  const rules = view.ruleDumps.length
    ? `<p>Each node's rules as kube-proxy wrote them: ${view.ruleDumps.map((dump) => `<a href="${escapeHtml(dump.href)}">${escapeHtml(dump.text)}</a>`).join(', ')}</p>`
    : '';
  const releases = view.otherReleases.length ? `<p>${escapeHtml(view.otherReleases.join(' '))}</p>` : '';
  return `${software}${rules}${releases}`;
}

/** The rows of the mapping whose lab address the command or the output shows, in the table's order. */
export function rowsShown(view: Pick<EvidenceView, 'command' | 'raw'>, rows: readonly LabAddressRow[]): LabAddressRow[] {
  const text = `${view.command}\n${view.raw}`;
  return rows.filter((row) => mentionsLabAddress(text, row.lab));
}

/** The command, the raw output and the mapping table as HTML, every value escaped; empty when the lab ran nothing. */
export function evidenceOutputHtml(view: Pick<EvidenceView, 'command' | 'raw'>, rows: readonly LabAddressRow[]): string {
  if (view.command === '') return '';
  const body = rowsShown(view, rows)
    .map(
      (row) =>
        `<tr data-lab-address="${escapeHtml(row.lab)}"><td><code>${escapeHtml(row.lab)}</code></td><td><code>${escapeHtml(row.page)}</code></td><td>${escapeHtml(row.role)}</td></tr>`,
    )
    .join('');
  const table =
    body === ''
      ? ''
      : `<div class="lab-addresses" role="region" aria-label="Lab addresses and the page's addresses" tabindex="0"><table><caption>${escapeHtml(LAB_ADDRESSES_NOTE)}</caption><thead><tr><th scope="col">Lab address</th><th scope="col">This page's address</th><th scope="col">Whose</th></tr></thead><tbody>${body}</tbody></table></div>`;
  return `<pre data-evidence-command>${escapeHtml(view.command)}</pre><pre data-evidence-raw>${escapeHtml(view.raw)}</pre>${table}`;
}

/**
 * The whole disclosure as a plain text file, for readers without JavaScript: the software that configured the lab and
 * where each node's rules are served, the command, the raw output, then each lab address shown and what it stands for.
 */
export function evidenceOutputText(
  view: Pick<EvidenceView, 'software' | 'ruleDumps' | 'otherReleases' | 'command' | 'raw'>,
  rows: readonly LabAddressRow[],
): string {
  const section = (heading: string, lines: readonly string[]) => (lines.length ? `# ${heading}\n${lines.join('\n')}\n\n` : '');
  const shown = rowsShown(view, rows);
  return [
    section("The lab's software", [...view.software, ...view.otherReleases]),
    section(
      "Each node's rules as kube-proxy wrote them",
      view.ruleDumps.map((dump) => `${dump.text}: ${dump.href}`),
    ),
    section("The lab's command", [view.command]),
    section('Its raw output', [view.raw.replace(/^\n+|\n+$/g, '')]),
    section(
      LAB_ADDRESSES_NOTE,
      shown.map((row) => `${row.lab} = ${row.page}: ${row.role}`),
    ),
  ]
    .join('')
    .replace(/\n+$/, '\n');
}
