/**
 * What the client gets when a request never reaches the app, as the answer
 * fields and the diagrams say it. A request that is not delivered is not always
 * "dropped": nginx may answer HTTP 400, a listener may close the connection
 * without a response, or a packet may vanish and the client time out. Read from
 * the trace's drop code and the place of the drop, never computed anew.
 */
import type { Address, DropCode, Place, Trace } from '../model/index.ts';
import { placeNames } from '../model/index.ts';

/** The kind of failure a client sees (the same kinds as the lab's failure mapping in src/model/failure.ts). */
export type OutcomeKind = 'timeout' | 'empty-reply' | 'http-status';

/** What the client gets: the kind, a short phrase for labels, and a word for the diagram's end node. */
export interface ClientOutcome {
  kind: OutcomeKind;
  /** HTTP status, for kind http-status. */
  status?: number;
  /** A phrase that completes "No: …", e.g. "nginx answers HTTP 400 Bad Request". */
  phrase: string;
  /** A few words for a diagram's end node, e.g. "HTTP 400". */
  badge: string;
}

/** Who answers at a place, for "… answers HTTP 400": the ingress controller is nginx. */
function listenerAt(at: Place): string {
  return at === 'ingress-pod' ? 'nginx in the ingress controller pod' : 'the app';
}

/** The client's outcome for each drop code (facts.md §1 and §2). */
function outcomeFor(code: DropCode, at: Place): ClientOutcome {
  switch (code) {
    case 'no-local-endpoint':
      return { kind: 'timeout', phrase: 'the packet is dropped (the client times out)', badge: 'dropped: time-out' };
    case 'reply-bypasses-entry-node':
      return {
        kind: 'timeout',
        phrase: `the reply cannot return, and ${at === 'client' ? 'the client' : placeNames[at]} times out`,
        badge: 'no reply: time-out',
      };
    case 'proxy-protocol-missing':
      return { kind: 'empty-reply', phrase: 'the connection closes without a response (empty reply)', badge: 'closed: empty reply' };
    case 'proxy-protocol-unexpected':
      return { kind: 'http-status', status: 400, phrase: `${listenerAt(at)} answers HTTP 400 Bad Request`, badge: 'HTTP 400' };
  }
}

/** What the client gets for a trace that was not delivered; null when it was delivered or has no drop code. */
export function clientOutcome(trace: Trace): ClientOutcome | null {
  if (trace.delivered || !trace.dropCode) return null;
  return outcomeFor(trace.dropCode, trace.hops.at(-1)?.at ?? 'client');
}

/** A reply that goes wrong: the addresses it really has, where it goes, and the address its receiver expected it from. */
export interface StrayReply {
  /** The hop index of the drop the reply ends in. */
  index: number;
  /** The reply's source and destination: those of the packet the pod received, swapped. */
  src: Address;
  dst: Address;
  /** Where the reply arrives, and the address that place connected to, from which it expects the reply. */
  to: Place;
  expectedFrom: Address;
}

/**
 * The stray reply of a trace whose drop happens at a place the request had already left (IPVS without SNAT: the
 * pod's reply goes straight back to whoever opened the connection, from the pod's address); null otherwise.
 */
export function strayReply(trace: Trace): StrayReply | null {
  const index = trace.hops.length - 1;
  const last = trace.hops[index];
  const received = trace.hops[index - 1];
  if (!last || !received || last.kind !== 'drop') return null;
  const opened = trace.hops.slice(0, index).findLast((h) => h.at === last.at);
  if (!opened || received.at === last.at) return null;
  return { index, src: received.dst, dst: received.src, to: last.at, expectedFrom: opened.dst };
}
