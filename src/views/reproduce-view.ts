/**
 * The "Reproduce it" section of a scenario widget, as HTML: the cluster it needs, the manifests, the command, the
 * transcript to expect with its placeholders, and the result of comparing a pasted transcript. Built once for the
 * server and the browser alike from the recipe (src/reproduce/recipe.ts); every value escaped, pasted text included.
 */
import type { Recipe } from '../reproduce/recipe.ts';
import { toYamlStream, toYaml } from '../reproduce/yaml.ts';
import { compareTranscript, diagnoseFieldsOf, parseTranscript, type TranscriptComparison } from '../reproduce/transcript.ts';
import { rolePlaceholders, transcriptText, type ExpectedLine } from '../reproduce/echo-server.ts';
import type { Role } from '../model/index.ts';
import { diagnoseStateToQuery, type DiagnoseState } from './diagnose-view.ts';
import { escapeHtml, escapeText } from './html.ts';

/** A block of text to copy, with its copy button where the page's code runs (copying needs the clipboard). */
function block(text: string, label: string, copy: boolean): string {
  const button = copy ? `<button type="button" data-copy-block aria-label="${escapeHtml(`Copy ${label}`)}">Copy</button>` : '';
  return `<div class="copy-block"><pre><code>${escapeText(text)}</code></pre>${button}</div>`;
}

/** The paste box, written by the widget's code (comparing needs it): a labelled text area, its button and the result. */
export function pasteBoxHtml(id: string): string {
  return `<form class="paste-box" data-paste-form><label for="${escapeHtml(id)}">Paste what you got</label><textarea id="${escapeHtml(
    id,
  )}" rows="4" spellcheck="false" autocomplete="off" data-paste></textarea><button type="submit">Compare</button><div data-paste-result role="status"></div></form>`;
}

/**
 * The section's body for a recipe: steps, then the placeholders. `copy` adds a copy button to each block: the widget's
 * code does (the server render has none, as copying needs the code).
 */
export function reproduceHtml(recipe: Recipe, copy = false): string {
  // Every value here is element content.
  const e = escapeText;
  const applied = recipe.documents.filter((d) => d.apply);
  const written = recipe.documents.filter((d) => !d.apply);
  const steps = [
    `<li>The cluster:<ul>${recipe.cluster.map((line) => `<li>${e(line)}</li>`).join('')}</ul></li>`,
    `<li>Apply (${e(applied.map((d) => d.title).join('; '))}) with <code>kubectl apply -f manifests.yaml</code>:${block(
      toYamlStream(applied.map((d) => d.document as never)),
      'the manifests',
      copy,
    )}</li>`,
    ...written.map((d) => `<li>${e(d.title)}:${block(toYaml(d.document as never), d.title, copy)}</li>`),
    `<li>${e(recipe.run.where)}${block(recipe.run.command, 'the command', copy)}</li>`,
    recipe.expected
      ? `<li>Expect:${block(transcriptText(recipe.expected), 'the expected output', copy)}</li>`
      : `<li>${e(recipe.noTranscript ?? '')}</li>`,
  ];
  const placeholders = recipe.placeholders.length
    ? `<dl class="placeholders">${recipe.placeholders.map((p) => `<dt><code>${e(p.text)}</code></dt><dd>${e(p.meaning)}</dd>`).join('')}</dl>`
    : '';
  return `<ol class="recipe-steps">${steps.join('')}</ol>${placeholders}`;
}

/** The result of comparing a paste, as HTML: the verdict, each line that differs and why, and a link to diagnose it. */
export function pasteResultHtml(result: PasteVerdict): string {
  const e = escapeHtml;
  if ('problem' in result) return `<p>${e(result.problem)}</p>`;
  const { comparison, messages, diagnoseHref } = result;
  const notes = messages.map((m) => `<p>${e(m)}</p>`).join('');
  if (comparison.matches) {
    // Two roles of the same shape (the client, the entry node) match each other's placeholder: the reader checks the addresses.
    const bound = Object.entries(comparison.addresses)
      .filter(([role]) => role !== 'spoofed')
      .map(([role, ip]) => `<li><code>${e(rolePlaceholders[role as Role])}</code> is ${e(ip ?? '')}</li>`)
      .join('');
    return `<p><strong>Matches this state</strong>${bound ? ', if these are right:' : '.'}</p>${bound ? `<ul>${bound}</ul>` : ''}${notes}`;
  }
  const rows = comparison.lines
    .filter((line) => !line.matches)
    .map(
      (line) =>
        `<li><code>${e(line.path)}</code>: got ${line.got ? `<code>${e(line.got)}</code>` : 'nothing'}, expected ${line.expected ? `<code>${e(line.expected)}</code>` : 'nothing'}. ${e(line.why)}</li>`,
    )
    .join('');
  const diagnose = diagnoseHref
    ? `<p><a href="${e(diagnoseHref)}">Diagnose what you got</a>: the states that produce it, with their causes.</p>`
    : '<p>Without a <code>clientip</code> answer there is nothing to diagnose.</p>';
  return `<p><strong>Does not match this state.</strong></p><ul>${rows}</ul>${notes}${diagnose}`;
}

/** What the paste box shows for a paste: a problem, or the comparison with the state's transcript and a diagnose link. */
export type PasteVerdict = { problem: string } | { comparison: TranscriptComparison; messages: string[]; diagnoseHref: string | null };

/**
 * Reads a paste and compares it with the state's expected transcript (null where netexec cannot show the state). The
 * diagnose link carries the pasted addresses, ports dropped, and leaves the cluster's ranges empty for the reader to
 * fill in.
 */
export function pasteVerdict(expected: readonly ExpectedLine[] | null, text: string, base: string): PasteVerdict {
  const pasted = parseTranscript(text);
  if ('problem' in pasted) return pasted;
  const fields = diagnoseFieldsOf(pasted);
  const diagnoseHref = fields
    ? `${base}diagnose/?${diagnoseStateToQuery({ ...fields, podCidr: '', nodeAddresses: '', loadBalancers: '', ingressPods: '' }).toString()}`
    : null;
  return { comparison: compareTranscript(expected, pasted), messages: pasted.messages, diagnoseHref };
}

/**
 * The diagnose page's paste box: the fields a pasted transcript fills in (the peer and both headers, ports dropped;
 * no PROXY header, since netexec reads none), or why it cannot, with what was skipped.
 */
export function pasteForDiagnose(
  text: string,
): { problem: string } | { fields: Pick<DiagnoseState, 'remoteAddr' | 'xForwardedFor' | 'xRealIp' | 'proxyProtocol'>; messages: string[] } {
  const pasted = parseTranscript(text);
  if ('problem' in pasted) return pasted;
  const fields = diagnoseFieldsOf(pasted);
  if (!fields) return { problem: 'The paste has no “clientip:” answer: without the app’s peer there is nothing to diagnose.' };
  return { fields, messages: pasted.messages };
}
