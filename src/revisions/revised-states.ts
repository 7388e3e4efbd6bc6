/**
 * The states each revision covers, read with the model's own parameter specs (old names and value aliases included):
 * for the "What changed" page, the widgets' revision notice and the permalink recorder, which accepts a changed answer
 * only where a revision covers it.
 */
import { findScenario } from '../model/index.ts';
import { canonicalValue, findParam, stateQuery } from '../model/params.ts';
import { quote } from '../model/text.ts';
import { type RevisionMark, familyCovers } from './coverage.ts';
import { type RevisedState, type Revision, revisions } from './revisions.ts';

/** The parameters a revised state fixes, canonical; throws on an unknown scenario, name or value (a revision must name real states). */
export function revisedFamily(state: RevisedState): Record<string, string> {
  const definition = findScenario(state.scenario);
  if (!definition) throw new Error(`Revision state: unknown scenario ${quote(state.scenario)}`);
  const family: Record<string, string> = {};
  for (const [name, value] of new URLSearchParams(state.params)) {
    const spec = findParam(definition.params, name);
    const canonical = spec ? canonicalValue(spec, value) : undefined;
    if (!spec || canonical === undefined)
      throw new Error(`Revision state ${state.scenario}?${state.params}: ${quote(`${name}=${value}`)} is not a parameter value`);
    family[spec.name] = canonical;
  }
  return family;
}

/** The revisions that cover a scenario's state (its complete, canonical parameters), oldest first. */
export function revisionsCovering(
  scenario: string,
  params: Readonly<Record<string, string>>,
  list: readonly Revision[] = revisions,
): Revision[] {
  return list.filter((r) => r.states.some((s) => s.scenario === scenario && familyCovers(revisedFamily(s), params)));
}

/** The marks a scenario's widget needs to say which of its states were revised. */
export function revisionMarks(scenario: string, list: readonly Revision[] = revisions): RevisionMark[] {
  return list
    .filter((r) => r.states.some((s) => s.scenario === scenario))
    .map((r) => ({
      id: r.id,
      date: r.date,
      title: r.title,
      families: r.states.filter((s) => s.scenario === scenario).map(revisedFamily),
    }));
}

/** The canonical query of the state a revised family is opened at: the family's parameters, every other one at its default, and v=1. */
export function revisedStateQuery(state: RevisedState): URLSearchParams {
  const definition = findScenario(state.scenario);
  if (!definition) throw new Error(`Revision state: unknown scenario ${quote(state.scenario)}`);
  const family = revisedFamily(state);
  return stateQuery(definition.params, Object.fromEntries(definition.params.map((spec) => [spec.name, family[spec.name] ?? spec.default])));
}
