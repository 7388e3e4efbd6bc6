/**
 * Permalinks to scenario states: the canonical query (every parameter in the scenario's order, then the state
 * format's version) and the page it opens, and the notice a revised state carries. Pure: the server render, the
 * browser, the "What changed" page and the permalink manifest all use these, so a link means one thing everywhere.
 */
import { findScenario, type Trace } from '../model/index.ts';
import { stateQuery } from '../model/params.ts';
import type { RevisionMark } from '../revisions/coverage.ts';
import { escapeHtml } from './html.ts';

/** The page of a scenario, under the site's base path (with its trailing slash). */
export function scenarioPagePath(scenario: string, base: string): string {
  return `${base}scenarios/${scenario}/`;
}

/** A trace's canonical query: every parameter of its scenario, canonical values, in the scenario's order, then v=1. */
export function scenarioQuery(t: Pick<Trace, 'id' | 'params'>): URLSearchParams {
  const definition = findScenario(t.id);
  return definition ? stateQuery(definition.params, t.params) : new URLSearchParams();
}

/** The canonical link to a trace's state: its page with the canonical query. */
export function scenarioPermalink(t: Pick<Trace, 'id' | 'params'>, base: string): string {
  return `${scenarioPagePath(t.id, base)}?${scenarioQuery(t)}`;
}

/** The "What changed" page, or one entry on it. */
export function whatChangedHref(base: string, id?: string): string {
  return `${base}what-changed/${id ? `#${encodeURIComponent(id)}` : ''}`;
}

/** The notice of a revised state: each day a revision that covers it was made, with its entries linked; empty when none does. */
export function revisionNoticeHtml(marks: readonly RevisionMark[], base: string): string {
  if (marks.length === 0) return '';
  const byDate = new Map<string, RevisionMark[]>();
  for (const mark of marks) byDate.set(mark.date, [...(byDate.get(mark.date) ?? []), mark]);
  const days = [...byDate].map(
    ([date, entries]) =>
      `on <time datetime="${escapeHtml(date)}">${escapeHtml(date)}</time>: ${entries
        .map((m) => `<a href="${escapeHtml(whatChangedHref(base, m.id))}">${escapeHtml(m.title)}</a>`)
        .join(', ')}`,
  );
  return `This answer was revised ${days.join('; ')}.`;
}
