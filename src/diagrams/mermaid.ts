/**
 * Mermaid text generated from a `Trace`: a flowchart of the path through the
 * topology and a sequence diagram of the hops, with the addresses and headers
 * on each arrow. Generated, never hand-written, so a picture cannot disagree
 * with its answer. Pure: the build renders these texts, the browser only hashes them.
 */
import type { Address, Hop, Place, Trace } from '../model/index.ts';
import { findScenario, headerEntryText, hopKindNames, placeLabels, placeNames, roleName } from '../model/index.ts';
import { clientOutcome, strayReply } from '../views/outcome.ts';

/** Mermaid participant and node ids for places. */
const placeIds: Record<Place, string> = {
  client: 'client',
  'source-pod': 'caller',
  'load-balancer': 'lb',
  'node-A': 'nodeA',
  'node-B': 'nodeB',
  'ingress-pod': 'ingress',
  'gateway-pod': 'gateway',
  'app-pod': 'app',
};

/** Escapes text for a mermaid label: quotes, semicolons, hashes and angle brackets become entities. */
function label(text: string): string {
  return text.replace(/[#;"<>]/g, (c) => `#${c.charCodeAt(0)};`);
}

/** A note's text, escaped; a long one in lines of at most about `width` characters, so it does not stretch the diagram. */
function noteText(text: string, width = 40): string {
  if (text.length <= 56) return label(text);
  const lines: string[] = [];
  for (const word of text.split(' ')) {
    const last = lines.at(-1);
    if (last !== undefined && last.length + 1 + word.length <= width) lines[lines.length - 1] = `${last} ${word}`;
    else lines.push(word);
  }
  return lines.map(label).join('<br/>');
}

/** An address as an arrow shows it. */
function addr(a: Address): string {
  return a.ip;
}

/** The header lines of a hop, one per line, X-Forwarded-For lines merged as the app reads them. */
function headerSummary(hop: Hop): string[] {
  const byName = new Map<string, string[]>();
  for (const line of hop.headers) {
    const values = byName.get(line.name) ?? [];
    values.push(...line.values.map(headerEntryText));
    byName.set(line.name, values);
  }
  const lines = [...byName].map(([name, values]) => `${name}: ${values.join(', ')}`);
  if (hop.proxyProtocol) lines.unshift(`PROXY ${addr(hop.proxyProtocol)}`);
  return lines;
}

/** The label of an arrow carrying the packet as `hop` left it. */
function arrowLabel(hop: Hop): string {
  return [`${addr(hop.src)} → ${addr(hop.dst)}`, ...headerSummary(hop)].map(label).join('<br/>');
}

/** What a hop does, as a note in the sequence diagram; `notDelivered` completes the note of the drop. */
function noteFor(hop: Hop, previous: Hop, notDelivered: string): string | null {
  switch (hop.kind) {
    case 'dnat':
      return `DNAT: destination ${addr(previous.dst)} → ${addr(hop.dst)}`;
    case 'snat':
      return `SNAT (masquerade): source ${addr(previous.src)} → ${addr(hop.src)}`;
    case 'l4-proxy':
      return hop.proxyProtocol ? `L4 proxy with PROXY protocol (${addr(hop.proxyProtocol)})` : 'L4 proxy: new TCP connection';
    case 'l7-proxy':
      return 'L7 proxy: new HTTP request';
    case 'drop':
      return `Not delivered: ${notDelivered}`;
    case 'route':
      return null;
  }
}

/** The places a trace passes through, each once, in order of first visit, ending at the app pod when delivered. */
function pathOf(trace: Trace): Place[] {
  const places = new Set<Place>(trace.hops.map((hop) => hop.at));
  if (trace.delivered) places.add('app-pod');
  return [...places];
}

/** A one-sentence text alternative for a trace's diagrams. */
export function describeTrace(trace: Trace): string {
  const path = pathOf(trace)
    .map((p) => placeNames[p])
    .join(', then ');
  if (!trace.observed) {
    const outcome = clientOutcome(trace);
    const reason = trace.dropReason ?? '';
    return `The request goes from ${path}, and never reaches the app${outcome ? `: ${outcome.phrase}` : ''}. ${reason.charAt(0).toUpperCase()}${reason.slice(1)}`;
  }
  const o = trace.observed;
  const xff = o.xForwardedFor ? o.xForwardedFor.map(addr).join(', ') : 'none';
  return `The request goes from ${path}. The app sees remote_addr ${o.remoteAddr.ip} (${roleName(o.remoteAddr.role, trace.id)}), X-Forwarded-For ${xff}.`;
}

/** A trace's scenario by its title, for the diagrams' accessible titles. */
function scenarioTitle(trace: Trace): string {
  return findScenario(trace.id)?.title ?? trace.id;
}

/** The sequence diagram's title, its accessible name (and an image's alternative text, with the description). */
export function sequenceTitle(trace: Trace): string {
  return `Hops of the ${scenarioTitle(trace)} scenario`;
}

/** The flowchart's title, its accessible name. */
export function flowchartTitle(trace: Trace): string {
  return `Path of the ${scenarioTitle(trace)} scenario`;
}

/**
 * The sequence diagram of a trace: one participant per place, one arrow per change of place, a note per rewrite.
 * A drop back at a place the request had left is a reply (IPVS without SNAT): a dashed arrow with the reply's own
 * addresses, the pod's source and the opener's destination, and a note saying which address the opener expected.
 */
export function sequenceDiagram(trace: Trace): string {
  const lines = ['sequenceDiagram', `  accTitle: ${label(sequenceTitle(trace))}`, `  accDescr: ${label(describeTrace(trace))}`];
  for (const place of pathOf(trace)) lines.push(`  participant ${placeIds[place]} as ${label(placeLabels[place])}`);
  const reply = strayReply(trace);
  const notDelivered = clientOutcome(trace)?.phrase ?? 'the request never reaches the app';
  let here: Place | null = null;
  trace.hops.forEach((hop, i) => {
    const previous = trace.hops[i - 1];
    if (reply && i === reply.index && here !== null) {
      lines.push(`  ${placeIds[here]}-->>${placeIds[reply.to]}: ${label(`reply ${addr(reply.src)} → ${addr(reply.dst)}`)}`);
      lines.push(
        `  Note over ${placeIds[reply.to]}: ${noteText(
          `${addr(reply.dst)} connected to ${addr(reply.expectedFrom)} and expects the reply from there; a reply from ${addr(reply.src)} matches no connection, so the connection never completes (time-out)`,
        )}`,
      );
      here = hop.at;
      return;
    }
    if (here !== null && hop.at !== here && previous) lines.push(`  ${placeIds[here]}->>${placeIds[hop.at]}: ${arrowLabel(previous)}`);
    here = hop.at;
    const note = previous ? noteFor(hop, previous, notDelivered) : null;
    if (note) lines.push(`  Note over ${placeIds[hop.at]}: ${noteText(note)}`);
  });
  const last = trace.hops.at(-1);
  if (trace.delivered && last && here !== null && here !== 'app-pod') lines.push(`  ${placeIds[here]}->>app: ${arrowLabel(last)}`);
  return lines.join('\n');
}

/** The kinds of rewrite a place applies, for a flowchart edge label. */
function rewritesAt(trace: Trace, place: Place): string {
  const kinds = trace.hops
    .filter((h, i) => i > 0 && h.at === place && h.kind !== 'route' && h.kind !== 'drop')
    .map((h) => hopKindNames[h.kind]);
  return [...new Set(kinds)].join(' + ');
}

/** The flowchart of a trace: the places it passes, top to bottom (readable on a phone without shrinking), each edge labelled by the rewrite made before it, and the drop if any. */
export function flowchart(trace: Trace): string {
  const path = pathOf(trace);
  const lines = ['flowchart TB', `  accTitle: ${label(flowchartTitle(trace))}`, `  accDescr: ${label(describeTrace(trace))}`];
  for (const place of path) lines.push(`  ${placeIds[place]}["${label(placeLabels[place])}"]`);
  for (let i = 1; i < path.length; i++) {
    const rewrite = rewritesAt(trace, path[i - 1]!);
    lines.push(`  ${placeIds[path[i - 1]!]} -->${rewrite ? `|"${label(rewrite)}"|` : ''} ${placeIds[path[i]!]}`);
  }
  if (!trace.delivered) {
    const at = trace.hops.at(-1)!.at;
    const reply = strayReply(trace);
    if (reply) {
      const from = trace.hops[reply.index - 1]!.at;
      lines.push(`  ${placeIds[from]} -.->|"${label(`reply from ${addr(reply.src)}`)}"| ${placeIds[reply.to]}`);
    }
    const badge = clientOutcome(trace)?.badge ?? 'not delivered';
    lines.push(`  dropped(["${label(`✕ ${badge}`)}"])`, `  ${placeIds[at]} -.-x dropped`, `  class dropped drop`);
  }
  lines.push(`  class ${path.map((p) => placeIds[p]).join(',')} onpath`);
  return lines.join('\n');
}
