/** The diagrams of one trace: each text with the hash that names its rendered SVG, and their text alternative. */
import type { Trace } from '../model/index.ts';
import { contentHash } from './hash.ts';
import { describeTrace, flowchart, flowchartTitle, sequenceDiagram, sequenceTitle } from './mermaid.ts';

/** A diagram's mermaid text, the hash that names its SVG file, and its title (its accessible name). */
export interface DiagramText {
  text: string;
  hash: string;
  title: string;
}

/** Both diagrams of a trace, and one sentence that describes them. */
export function diagramsOf(t: Trace): { flowchart: DiagramText; sequence: DiagramText; description: string } {
  const f = flowchart(t);
  const s = sequenceDiagram(t);
  return {
    flowchart: { text: f, hash: contentHash(f), title: flowchartTitle(t) },
    sequence: { text: s, hash: contentHash(s), title: sequenceTitle(t) },
    description: describeTrace(t),
  };
}

/** The diagrams of a trace, as diagramsOf gives them. */
export type TraceDiagrams = ReturnType<typeof diagramsOf>;

/**
 * A diagram image's text alternative: the path's title alone (its caption says the description in text), the
 * hop-by-hop diagram's title and the description (its caption does not).
 */
export function diagramAlt(diagrams: TraceDiagrams, kind: 'flowchart' | 'sequence'): string {
  return kind === 'flowchart' ? diagrams.flowchart.title : `${diagrams.sequence.title}. ${diagrams.description}`;
}
