/**
 * kube-proxy's NAT rules as hop functions (iptables mode, as written by
 * pkg/proxy/iptables/proxier.go; nftables has the same semantics, IPVS differs
 * in one point). See facts.md §2.
 */
import { type NodeName, type PodNetwork, nodeSourceAddress } from './addresses.ts';
import { type Flow, dnat, drop, pipe, route, snat } from './hops.ts';
import { nodePlace, placeNames } from './places.ts';
import type { Address } from './roles.ts';

/** `spec.externalTrafficPolicy` of a NodePort or LoadBalancer Service. */
export type ExternalTrafficPolicy = 'Cluster' | 'Local';

/** kube-proxy's `--proxy-mode`. */
export type ProxyMode = 'iptables' | 'nftables' | 'ipvs';

/** Who sends the traffic to a NodePort or load balancer IP: a client outside, a pod on the entry node, or the entry node itself. */
export type TrafficSource = 'external' | 'pod' | 'node';

/** The Service's single endpoint and where it runs. */
export interface Endpoint {
  address: Address;
  node: NodeName;
}

/** What kube-proxy on the entry node needs to know about traffic to a NodePort or load balancer IP. */
export interface ExternalEntry {
  policy: ExternalTrafficPolicy;
  entry: NodeName;
  podNetwork: PodNetwork;
  proxyMode: ProxyMode;
  source: TrafficSource;
  endpoint: Endpoint;
}

/** The health check node port's answer on the entry node (Local only), as kube-proxy's service_health.go gives it. */
export interface HealthCheck {
  status: 200 | 503;
  localEndpoints: number;
}

/** Which chain the KUBE-EXT rules send the packet to, and whether they mark it for masquerade, with the rule that decided. */
interface ExternalDecision {
  chain: 'cluster' | 'local';
  masquerade: boolean;
  rule: string;
}

/** Follows the KUBE-EXT-* chain's rules in their order. */
function decideExternal(policy: ExternalTrafficPolicy, source: TrafficSource): ExternalDecision {
  if (policy === 'Cluster') return { chain: 'cluster', masquerade: true, rule: '"masquerade traffic for … external destinations"' };
  switch (source) {
    case 'pod':
      return {
        chain: 'cluster',
        masquerade: false,
        rule: '"pod traffic for … external destinations" (to the cluster-wide chain, no SNAT)',
      };
    case 'node':
      return { chain: 'cluster', masquerade: true, rule: '"masquerade LOCAL traffic for … external destinations"' };
    case 'external':
      return { chain: 'local', masquerade: false, rule: 'the KUBE-SVL-* chain (node-local endpoints only, source kept)' };
  }
}

/** The health check node port's answer on a node, for a Service with `Local`. */
export function healthCheckOn(node: NodeName, endpoint: Endpoint): HealthCheck {
  const localEndpoints = node === endpoint.node ? 1 : 0;
  return { status: localEndpoints > 0 ? 200 : 503, localEndpoints };
}

/** Delivers the packet from the endpoint's node into the endpoint pod. */
export function deliverToPod(flow: Flow, endpoint: Endpoint): Flow {
  return route(
    flow,
    nodePlace(endpoint.node),
    `${placeNames[nodePlace(endpoint.node)]} delivers the packet into the pod ${endpoint.address.ip}.`,
  );
}

/**
 * kube-proxy on the entry node handles traffic to a NodePort or a load balancer
 * IP: KUBE-NODEPORTS or the load balancer IP rule, then KUBE-EXT-*, then
 * KUBE-SVC-* or KUBE-SVL-*, KUBE-SEP-* (DNAT), and KUBE-POSTROUTING (masquerade of mark 0x4000).
 */
export function kubeProxyExternal(flow: Flow, entry: ExternalEntry): Flow {
  const at = nodePlace(entry.entry);
  const here = placeNames[at];
  const decision = decideExternal(entry.policy, entry.source);
  const hasLocalEndpoint = entry.entry === entry.endpoint.node;
  if (entry.proxyMode === 'nftables' && entry.policy === 'Local' && entry.source === 'node' && !hasLocalEndpoint) {
    // nftables mode checks its no-endpoint maps in filter chains that run before NAT, output included
    // (pkg/proxy/nftables/proxier.go: filter-output at dstnat-10 jumps to the endpoints check), so the node's own
    // connection is dropped before the short-circuit rule that iptables mode applies to it.
    return drop(
      flow,
      at,
      'no-local-endpoint',
      `${here} has no local endpoint, and in nftables mode kube-proxy's "no endpoint" check runs before NAT for the node's own connections too, so it drops this one instead of sending it to another node as iptables mode would.`,
    );
  }
  if (decision.chain === 'local' && !hasLocalEndpoint) {
    if (entry.proxyMode === 'ipvs') {
      // IPVS has no "no local endpoints" drop: it forwards anyway, without SNAT.
      return pipe(
        flow,
        (f) =>
          dnat(
            f,
            at,
            entry.endpoint.address,
            `IPVS on ${here} has no local endpoint but forwards to ${entry.endpoint.address.ip} anyway, without SNAT.`,
          ),
        (f) => deliverToPod(f, entry.endpoint),
        (f) =>
          drop(
            f,
            'client',
            'reply-bypasses-entry-node',
            `${here} forwarded without SNAT, so the pod's reply leaves ${placeNames[nodePlace(entry.endpoint.node)]} directly, from an address the client never connected to; the client discards it and the connection never completes. The health check answers 503.`,
          ),
      );
    }
    return drop(
      flow,
      at,
      'no-local-endpoint',
      `${here} has no local endpoint: kube-proxy's filter rule in KUBE-EXTERNAL-SERVICES ("… has no local endpoints") drops the packet. Its health check node port answers 503, so a load balancer that checks it stops sending here.`,
    );
  }
  const masqueradeTo = nodeSourceAddress(entry.entry, entry.endpoint.node, entry.podNetwork);
  return pipe(
    flow,
    (f) =>
      dnat(
        f,
        at,
        entry.endpoint.address,
        `kube-proxy on ${here} (${entry.proxyMode}) rewrites the destination to the endpoint ${entry.endpoint.address.ip}; rule: ${decision.rule}.`,
      ),
    (f) =>
      decision.masquerade
        ? snat(
            f,
            at,
            masqueradeTo,
            `KUBE-MARK-MASQ marked the packet (0x4000), so KUBE-POSTROUTING masquerades it to ${masqueradeTo.ip}, ${here}'s address towards the pod.`,
          )
        : f,
    (f) => deliverToPod(f, entry.endpoint),
  );
}

/** What kube-proxy on the caller's node needs to know about traffic to a ClusterIP. */
export interface ClusterIpEntry {
  node: NodeName;
  podNetwork: PodNetwork;
  callerInClusterCidr: boolean;
  endpoint: Endpoint;
}

/**
 * kube-proxy handles traffic to a ClusterIP on the caller's node: DNAT to the
 * endpoint, with no SNAT, except for hairpin traffic (the endpoint reaching
 * itself: the KUBE-SEP-* rule `-s <endpoint IP> -j KUBE-MARK-MASQ`) and traffic
 * from outside the cluster CIDR (the node itself, a hostNetwork pod).
 */
export function kubeProxyClusterIp(flow: Flow, entry: ClusterIpEntry): Flow {
  const at = nodePlace(entry.node);
  const here = placeNames[at];
  const hairpin = flow.packet.src.ip === entry.endpoint.address.ip;
  const masqueradeTo = nodeSourceAddress(entry.node, entry.endpoint.node, entry.podNetwork);
  const why = hairpin
    ? `the KUBE-SEP rule for the endpoint's own address (hairpin) marks the packet, so KUBE-POSTROUTING masquerades it to ${masqueradeTo.ip}`
    : `the source is outside the cluster CIDR, so the KUBE-SVC rule marks the packet and KUBE-POSTROUTING masquerades it to ${masqueradeTo.ip}`;
  return pipe(
    flow,
    (f) =>
      dnat(
        f,
        at,
        entry.endpoint.address,
        `kube-proxy on ${here} rewrites the ClusterIP ${f.packet.dst.ip} to the endpoint ${entry.endpoint.address.ip}.`,
      ),
    (f) => (hairpin || !entry.callerInClusterCidr ? snat(f, at, masqueradeTo, `On ${here} ${why}.`) : f),
    (f) => deliverToPod(f, entry.endpoint),
  );
}
