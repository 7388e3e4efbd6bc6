/** Every state a page or widget can show, and the distinct diagram texts they need. */
import { scenarioStates, definitions, trace } from '../model/index.ts';
import type { Trace } from '../model/index.ts';
import { diagramsOf } from './diagrams-of.ts';

/** Every trace of every scenario, one per combination of parameters. */
export function* allTraces(): Generator<Trace> {
  for (const definition of definitions) for (const params of scenarioStates(definition)) yield trace(definition.id, params);
}

/** Every distinct diagram text, by hash. */
export function allDiagramTexts(): Map<string, string> {
  const texts = new Map<string, string>();
  for (const t of allTraces()) {
    const d = diagramsOf(t);
    texts.set(d.flowchart.hash, d.flowchart.text);
    texts.set(d.sequence.hash, d.sequence.text);
  }
  return texts;
}
