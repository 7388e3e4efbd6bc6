/**
 * What happens when a request never reaches the app, as the answer fields and the diagrams say it: what the drop
 * itself is (a packet dropped, a reply that cannot return, a connection closed without a response, nginx answering
 * HTTP 400) and what the client gets, which a proxy in front may turn into its own answer. A request that is not
 * delivered is not always "dropped". The failure kinds come from the model (src/model/failure.ts); this module only
 * puts them into words.
 */
import type { DropCode, Place, Trace } from '../model/index.ts';
import { isProxyHop, placeNames } from '../model/index.ts';
import { type ClientFailure, expectedFailure, failureAtDrop } from '../model/failure.ts';
import type { Address } from '../model/index.ts';

/** What the client gets, in words: the failure, a phrase for labels, and a few words for a diagram's end node. */
export interface ClientOutcome {
  /** The failure the client sees. */
  failure: ClientFailure;
  /** A phrase that completes "No: …", e.g. "the packet is dropped (the client times out)". */
  phrase: string;
  /** A few words for a diagram's end node, e.g. "dropped → time-out" or "HTTP 400". */
  badge: string;
}

/** Who answers at a place, for "… answers HTTP 400": the ingress controller is nginx. */
function listenerAt(at: Place): string {
  if (at === 'gateway-pod') return 'the gateway';
  return at === 'ingress-pod' ? 'nginx in the ingress controller pod' : 'the app';
}

/** The drop itself, in words: the model's drop codes (src/model/failure.ts cites the upstream behaviour of each). */
function dropWords(code: DropCode, at: Place): { phrase: string; badge: string } {
  switch (code) {
    case 'no-local-endpoint':
      return { phrase: 'the packet is dropped', badge: 'dropped' };
    case 'no-local-endpoint-reject':
      return { phrase: 'the node rejects the packet with ICMP port unreachable', badge: 'rejected' };
    case 'reply-bypasses-entry-node':
      return { phrase: 'the reply cannot return', badge: 'no reply' };
    case 'proxy-protocol-missing':
      return { phrase: 'the connection closes without a response', badge: 'closed, no response' };
    case 'proxy-protocol-missing-reset':
      return { phrase: 'the connection is reset without a response', badge: 'reset, no response' };
    case 'load-balancer-loopback':
      return { phrase: 'the load balancer sends the connection back to the node it came from, which drops it', badge: 'looped back' };
    case 'proxy-protocol-unexpected':
      return { phrase: `${listenerAt(at)} answers HTTP 400 Bad Request`, badge: 'HTTP 400' };
  }
}

/** What the client gets, in words; `via` is the proxy that answers it, if one stands between it and the drop. */
function clientWords(failure: ClientFailure, via: Place | null): { phrase: string; badge: string } {
  switch (failure.kind) {
    case 'timeout':
      return { phrase: 'the client times out', badge: 'time-out' };
    case 'empty-reply':
      return {
        phrase: via ? `the client gets an empty reply from ${placeNames[via]}` : 'the client gets an empty reply',
        badge: 'empty reply',
      };
    case 'reset':
      return { phrase: 'the client’s connection is reset', badge: 'reset' };
    case 'refused':
      return { phrase: 'the client’s connection is refused', badge: 'refused' };
    case 'http-status':
      return {
        phrase: via ? `${placeNames[via]} answers the client HTTP ${failure.status}` : `the client gets HTTP ${failure.status}`,
        badge: `HTTP ${failure.status}`,
      };
  }
}

/** What the client gets for a trace that was not delivered; null when it was delivered or has no drop code. */
export function clientOutcome(trace: Trace): ClientOutcome | null {
  const failure = expectedFailure(trace);
  if (!failure || !trace.dropCode) return null;
  const drop = dropWords(trace.dropCode, trace.hops.at(-1)?.at ?? 'client');
  const atDrop = failureAtDrop(trace.dropCode).failure;
  if (failure.kind === 'http-status' && atDrop.kind === 'http-status' && failure.status === atDrop.status) {
    // The drop's own answer reaches the client unchanged (nginx's 400 through an L4 load balancer).
    return { failure, ...drop };
  }
  const via = trace.hops.find(isProxyHop)?.at ?? null;
  const client = clientWords(failure, via);
  return { failure, phrase: `${drop.phrase} (${client.phrase})`, badge: `${drop.badge} → ${client.badge}` };
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
