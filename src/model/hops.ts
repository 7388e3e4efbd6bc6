/**
 * Hops: what happens to one request at one place. A scenario is a pipeline of
 * hop functions over a `Flow`; each takes the packet as the previous hop left it.
 *
 * Route, DNAT and SNAT keep the connection (the next hop starts from this hop's
 * rewritten packet); an L4 or L7 proxy opens a new connection whose source is
 * the proxy's own address; a drop ends the flow.
 */
import type { CauseId } from './cause-ids.ts';
import type { Address } from './roles.ts';

/** What a hop does to the request. */
export const hopKinds = ['route', 'dnat', 'snat', 'l4-proxy', 'l7-proxy', 'drop'] as const;

/** One of the hop kinds. */
export type HopKind = (typeof hopKinds)[number];

/** Where a hop happens. */
export type Place = 'client' | 'source-pod' | 'load-balancer' | 'node-A' | 'node-B' | 'ingress-pod' | 'gateway-pod' | 'app-pod';

/** One header line: its name and its comma-separated addresses, each with its role. */
export interface HeaderLine {
  name: string;
  values: Address[];
}

/** A request in flight: the connection's source and destination, its header lines, and the PROXY protocol header in front of the stream, if any. */
export interface Packet {
  src: Address;
  dst: Address;
  headers: HeaderLine[];
  proxyProtocol: Address | null;
}

/** One step of the path, with the packet as it leaves that step. */
export interface Hop extends Packet {
  kind: HopKind;
  at: Place;
  /** What happened, in a sentence. */
  what: string;
  /** Why the client's address is what it is from here on, recorded by the hop that decided it (keeps or loses it). */
  cause?: CauseId;
  /** The `spec.loadBalancerSourceRanges` check made here, if this place checks it: who checks and the address compared. */
  sourceRangesCheck?: SourceRangesCheck;
}

/**
 * Who compares a packet's source with `spec.loadBalancerSourceRanges`: the provider's firewall at the load balancer
 * (written by its controller), kube-proxy on a node (only for packets still addressed to the load balancer IP), or
 * Cilium's kube-proxy replacement (the same, and only for traffic from outside the cluster).
 */
export type SourceRangesChecker = 'load-balancer' | 'kube-proxy' | 'cilium';

/** One `spec.loadBalancerSourceRanges` check on the path: the checker and the source address it compares with the ranges. */
export interface SourceRangesCheck {
  by: SourceRangesChecker;
  compares: Address;
}

/**
 * Records `check` on the first hop `stage` added to `flow` (the hop at the place that checks), for a place that compares
 * the packet's source with `spec.loadBalancerSourceRanges` before it acts. A stage that added no hop is left as it is.
 */
export function checkedStage(flow: Flow, check: SourceRangesCheck | null, stage: (flow: Flow) => Flow): Flow {
  const after = stage(flow);
  const at = flow.hops.length;
  const hop = after.hops[at];
  if (!check || !hop) return after;
  return { ...after, hops: [...after.hops.slice(0, at), { ...hop, sourceRangesCheck: check }, ...after.hops.slice(at + 1)] };
}

/** A hop where a proxy opened a connection of its own (L4 or L7): what comes after it starts from the proxy's address. */
export type ProxyHop = Hop & { kind: 'l4-proxy' | 'l7-proxy' };

/** True for a hop where an L4 or L7 proxy opened its own connection onward. */
export function isProxyHop(hop: Hop): hop is ProxyHop {
  return hop.kind === 'l4-proxy' || hop.kind === 'l7-proxy';
}

/** Why a request never reached the app, as a stable code for URLs, tests and claims. */
export const dropCodes = [
  'no-local-endpoint', // Local policy, entry node without an endpoint: kube-proxy drops
  'no-local-endpoint-reject', // the same under Cilium's kube-proxy replacement: ICMP port unreachable, the connection is refused
  'reply-bypasses-entry-node', // IPVS forwarded without SNAT: the reply cannot return
  'proxy-protocol-missing', // the listener expects a PROXY header and gets plain HTTP
  'proxy-protocol-missing-reset', // the same at a listener that leaves the request unread (HAProxy's accept-proxy): a reset
  'proxy-protocol-unexpected', // the listener gets a PROXY header it does not expect: 400
  'load-balancer-loopback', // a load balancer that keeps the caller's address sends an in-cluster caller's connection back to the caller's own node
] as const;

/** One of the drop codes. */
export type DropCode = (typeof dropCodes)[number];

/** Where and why a flow ended before the app. */
export interface Drop {
  at: Place;
  code: DropCode;
  reason: string;
}

/** A request being followed: the packet now, the hops so far, and the drop that ended it, if any. */
export interface Flow {
  packet: Packet;
  hops: Hop[];
  drop: Drop | null;
}

/** Adds a hop that leaves the packet as given, with the cause it records if any, unless the flow has already ended. */
function step(flow: Flow, kind: Exclude<HopKind, 'drop'>, at: Place, packet: Packet, what: string, cause?: CauseId): Flow {
  if (flow.drop) return flow;
  return { packet, hops: [...flow.hops, { kind, at, what, ...packet, ...(cause ? { cause } : {}) }], drop: null };
}

/** Starts a flow: the sender puts the packet on the wire, and records what its address alone would tell the app. */
export function send(at: Place, packet: Packet, what: string, cause: CauseId): Flow {
  return step({ packet, hops: [], drop: null }, 'route', at, packet, what, cause);
}

/** Plain routing: source and destination unchanged. */
export function route(flow: Flow, at: Place, what: string): Flow {
  return step(flow, 'route', at, flow.packet, what);
}

/** DNAT: the destination is rewritten, the source kept. */
export function dnat(flow: Flow, at: Place, dst: Address, what: string): Flow {
  return step(flow, 'dnat', at, { ...flow.packet, dst }, what);
}

/**
 * A load balancer that passes the packet on with its source kept: the destination rewritten (or kept, when `dst` is the
 * packet's own), and a PROXY protocol header naming the source put in front of the stream where `proxyProtocol` says.
 */
export function passThrough(
  flow: Flow,
  at: Place,
  change: { dst: Address; proxyProtocol: Address | null },
  what: string,
  cause?: CauseId,
): Flow {
  const kind = change.dst.ip === flow.packet.dst.ip ? 'route' : 'dnat';
  return step(flow, kind, at, { ...flow.packet, ...change }, what, cause);
}

/** SNAT or masquerade: the source becomes an address of the forwarding host; `cause` says why, when the replaced source carried the caller. */
export function snat(flow: Flow, at: Place, src: Address, what: string, cause?: CauseId): Flow {
  return step(flow, 'snat', at, { ...flow.packet, src }, what, cause);
}

/**
 * An L4 proxy: a new TCP connection from the proxy's own address; the byte
 * stream, headers included, passes unchanged, with an optional PROXY header in front.
 */
export function l4Proxy(
  flow: Flow,
  at: Place,
  conn: { src: Address; dst: Address; proxyProtocol: Address | null },
  what: string,
  cause: CauseId,
): Flow {
  return step(flow, 'l4-proxy', at, { ...flow.packet, ...conn }, what, cause);
}

/**
 * An L7 proxy: terminates the request and sends a new one from its own address,
 * with the headers its policy derives from the headers it received.
 */
export function l7Proxy(flow: Flow, at: Place, conn: { src: Address; dst: Address }, policy: L7Policy): Flow {
  if (flow.drop) return flow;
  const { headers, what, cause } = policy.forward(flow.packet);
  return step(flow, 'l7-proxy', at, { ...conn, headers, proxyProtocol: null }, `${policy.name} ${what}`, cause);
}

/** What an L7 proxy trusts, appends and replaces: ingress-nginx and a cloud load balancer are two policies of one hop. */
export interface L7Policy {
  /** Who applies the policy, as a sentence's subject. */
  name: string;
  /** The header lines sent upstream, derived from the request received, what it did, as the rest of a sentence, and why the client is where it is. */
  forward(received: Packet): { headers: HeaderLine[]; what: string; cause?: CauseId };
}

/** Ends the flow: the request never reaches the app. */
export function drop(flow: Flow, at: Place, code: DropCode, reason: string): Flow {
  if (flow.drop) return flow;
  return { packet: flow.packet, hops: [...flow.hops, { kind: 'drop', at, what: reason, ...flow.packet }], drop: { at, code, reason } };
}

/** Applies hop functions in order; a dropped flow passes through the rest unchanged. */
export function pipe(flow: Flow, ...stages: ((flow: Flow) => Flow)[]): Flow {
  return stages.reduce((current, stage) => (current.drop ? current : stage(current)), flow);
}
