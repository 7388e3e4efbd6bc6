/**
 * What the client sees when a request never reaches the app: a timeout, a reset, a refusal, an HTTP status or an
 * empty reply. A claim such as "nginx answers 400" and one such as "the connection times out" are different answers,
 * so each drop code maps to one failure kind, and a proxy between the client and the drop turns that failure into
 * what the proxy itself answers (nginx's request-line and PROXY protocol parsers, kube-proxy's DROP rules, HAProxy's
 * error answers; each cited where it is used).
 */
import { type DropCode, isProxyHop } from './hops.ts';
import type { Trace } from './trace.ts';

/** The failure a client sees, as curl reports it. */
export type ClientFailure =
  /** Nothing answers: the client gives up (curl exit 28). */
  | { kind: 'timeout' }
  /** The peer resets the connection (curl exit 56, or 35 during TLS). */
  | { kind: 'reset' }
  /** The connection is refused at once (curl exit 7). */
  | { kind: 'refused' }
  /** An HTTP response whose status is not the app's. */
  | { kind: 'http-status'; status: number }
  /** The connection closes without any response (curl exit 52). */
  | { kind: 'empty-reply' };

/** The failure kinds, in a stable order. */
export const clientFailureKinds = ['timeout', 'reset', 'refused', 'http-status', 'empty-reply'] as const;

/** A failure with the reason the model gives for it. */
export interface ExplainedFailure {
  failure: ClientFailure;
  why: string;
}

/** The failure at the place of the drop, before any proxy on the way back turns it into its own answer. */
export function failureAtDrop(code: DropCode): ExplainedFailure {
  switch (code) {
    case 'no-local-endpoint':
      return {
        failure: { kind: 'timeout' },
        why: 'kube-proxy drops the packet (filter DROP, "has no local endpoints"; nftables: verdict drop): no reply of any kind, so the client waits until it times out',
      };
    case 'no-local-endpoint-reject':
      return {
        failure: { kind: 'refused' },
        why: 'Cilium finds no backend for outside traffic and, as serviceNoBackendResponse: reject (its default) has it, answers with ICMP port unreachable (bpf/lib/lb.h tail_no_service_ipv4, cilium v1.20.2): the client’s connection is refused at once',
      };
    case 'reply-bypasses-entry-node':
      return {
        failure: { kind: 'timeout' },
        why: 'the endpoint answers from its own address, which the client never connected to: the client discards that reply and its own connection gets no answer',
      };
    case 'proxy-protocol-missing':
      return {
        failure: { kind: 'empty-reply' },
        why: 'a listener that expects PROXY protocol and gets plain HTTP logs "broken header" and closes the connection without any response',
      };
    case 'proxy-protocol-missing-reset':
      return {
        failure: { kind: 'reset' },
        why: 'HAProxy only peeks at a new connection for the PROXY header (haproxy src/connection.c, conn_recv_proxy) and closes it with the plain request still unread, so the kernel answers with a reset (RST) instead of a clean close',
      };
    case 'load-balancer-loopback':
      return {
        failure: { kind: 'timeout' },
        why: 'the load balancer keeps the caller’s own address as the source and sends the connection back to the caller’s node, which drops a packet claiming to come from itself (a martian source); AWS documents such loopback connections through a Network Load Balancer with client IP preservation as timing out',
      };
    case 'proxy-protocol-unexpected':
      return {
        failure: { kind: 'http-status', status: 400 },
        why: 'a listener that does not expect PROXY protocol reads the PROXY line as a malformed request line and answers 400 Bad Request',
      };
  }
}

/**
 * What an L7 or L4 proxy in front answers its client when its own connection onward fails as `failure`. An L7 proxy
 * (HAProxy `mode http`) answers an HTTP error of its own: 503 when it cannot connect (HAProxy; AWS ALB
 * says 504), 502 when the server closes or resets without a response; a status from the server passes through. An
 * L4 proxy accepted the client's connection before it connected onward, so a failed onward connection becomes a close
 * without response; bytes from the server, a status line included, pass through.
 */
export function throughProxy(failure: ClientFailure, proxy: 'l4-proxy' | 'l7-proxy'): ClientFailure {
  if (failure.kind === 'http-status') return failure;
  if (proxy === 'l4-proxy') return { kind: 'empty-reply' };
  return { kind: 'http-status', status: failure.kind === 'timeout' || failure.kind === 'refused' ? 503 : 502 };
}

/**
 * The failure the client sees for a trace that did not reach the app, or null for a delivered trace (or one with an
 * error). The drop's own failure is passed outwards through every L4 or L7 proxy between the client and the drop.
 */
export function expectedFailure(trace: Pick<Trace, 'delivered' | 'dropCode' | 'hops'>): ClientFailure | null {
  if (trace.delivered || !trace.dropCode) return null;
  return trace.hops
    .filter(isProxyHop)
    .reduceRight((failure, hop) => throughProxy(failure, hop.kind), failureAtDrop(trace.dropCode).failure);
}

/** A failure in words, e.g. "HTTP 400" or "timeout". */
export function describeFailure(failure: ClientFailure): string {
  return failure.kind === 'http-status' ? `HTTP ${failure.status}` : failure.kind;
}
