/**
 * kube-proxy's NAT rules as hop functions: iptables mode as pkg/proxy/iptables/proxier.go writes them, nftables mode as
 * pkg/proxy/nftables/proxier.go does (the same decisions under other rule names, checked by the lab running both
 * proxiers at k8s.io/kubernetes v1.37.2 and v1.36.3), IPVS differing in one point
 * (pkg/proxy/ipvs/proxier.go syncEndpoint: with Local and no local endpoint it uses the cluster's endpoints).
 */
import { type NodeName, type PodNetwork, nodeSourceAddress, plan } from './addresses.ts';
import type { CauseId } from './cause-ids.ts';
import { type CiliumMode, ciliumExternal, isCiliumMode } from './cilium.ts';
import {
  type Flow,
  type Packet,
  type Place,
  type SourceRangesCheck,
  checkedStage,
  dnat,
  drop,
  isProxyHop,
  pipe,
  route,
  snat,
} from './hops.ts';
import { nodePlace, placeNames } from './places.ts';
import type { Address } from './roles.ts';

/** `spec.externalTrafficPolicy` of a NodePort or LoadBalancer Service. */
export type ExternalTrafficPolicy = 'Cluster' | 'Local';

/** kube-proxy's `--proxy-mode`. */
export type KubeProxyMode = 'iptables' | 'nftables' | 'ipvs';

/** What forwards Service traffic on the nodes: kube-proxy in one of its modes, or Cilium's kube-proxy replacement (src/model/cilium.ts). */
export type ProxyMode = KubeProxyMode | CiliumMode;

/** `spec.type` of a Service that takes traffic from outside: only type LoadBalancer can have a health check node port. */
export type ExternalServiceType = 'NodePort' | 'LoadBalancer';

/** Who sends the traffic to a NodePort or load balancer IP: a client outside, a pod on the entry node, or the entry node itself. */
export type TrafficSource = 'external' | 'pod' | 'node';

/** The Service's single endpoint and where it runs. */
export interface Endpoint {
  address: Address;
  node: NodeName;
}

/** What kube-proxy on the entry node needs to know about traffic to a NodePort or load balancer IP. */
export interface ExternalEntry {
  serviceType: ExternalServiceType;
  policy: ExternalTrafficPolicy;
  /** The node the request enters. */
  entryNode: NodeName;
  podNetwork: PodNetwork;
  proxyMode: ProxyMode;
  source: TrafficSource;
  endpoint: Endpoint;
}

/** The health check node port's answer on the entry node (type LoadBalancer with Local only), as kube-proxy's service_health.go gives it. */
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

/**
 * Follows the rules of the Service's external-traffic chain in their order: KUBE-EXT-* in iptables mode
 * (pkg/proxy/iptables/proxier.go), `external-*` in nftables mode (k8s.io/kubernetes v1.37.2
 * pkg/proxy/nftables/proxier.go lines 1645-1708, comments "masquerade", "short-circuit pod traffic",
 * "masquerade local traffic", "short-circuit local traffic"). Both modes make the same decisions; only the
 * rules' names differ. IPVS is described with iptables' names, as its helper chains are.
 */
function decideExternal(policy: ExternalTrafficPolicy, source: TrafficSource, proxyMode: KubeProxyMode): ExternalDecision {
  const nft = proxyMode === 'nftables';
  if (policy === 'Cluster')
    return {
      chain: 'cluster',
      masquerade: true,
      rule: nft ? 'the external chain\'s first rule, "masquerade"' : '"masquerade traffic for … external destinations"',
    };
  switch (source) {
    case 'pod':
      return {
        chain: 'cluster',
        masquerade: false,
        rule: nft
          ? '"short-circuit pod traffic" (to the cluster-wide chain, no SNAT)'
          : '"pod traffic for … external destinations" (to the cluster-wide chain, no SNAT)',
      };
    case 'node':
      return {
        chain: 'cluster',
        masquerade: true,
        rule: nft
          ? '"masquerade local traffic", then "short-circuit local traffic" to the cluster-wide chain'
          : '"masquerade LOCAL traffic for … external destinations"',
      };
    case 'external':
      return {
        chain: 'local',
        masquerade: false,
        rule: nft
          ? "the Service's local-policy chain (node-local endpoints only, source kept)"
          : 'the KUBE-SVL-* chain (node-local endpoints only, source kept)',
      };
  }
}

/**
 * True when Kubernetes allocates `spec.healthCheckNodePort`: type LoadBalancer with `Local` only. The API refuses
 * the field on any other Service ("may only be set when `type` is 'LoadBalancer' and `externalTrafficPolicy` is
 * 'Local'": k8s.io/kubernetes v1.37.2 pkg/apis/core/validation/validation.go, validateServiceExternalTrafficPolicy,
 * lines 7272-7276, through NeedsHealthCheck in pkg/api/service/util.go, lines 88-93).
 */
export function hasHealthCheckNodePort(serviceType: ExternalServiceType, policy: ExternalTrafficPolicy): boolean {
  return serviceType === 'LoadBalancer' && policy === 'Local';
}

/** The health check node port's answer on a node, for a Service that has one. */
export function healthCheckOn(node: NodeName, endpoint: Endpoint): HealthCheck {
  const localEndpoints = node === endpoint.node ? 1 : 0;
  return { status: localEndpoints > 0 ? 200 : 503, localEndpoints };
}

/**
 * Which kube-proxy rule drops external traffic to a `Local` Service on a node without a local endpoint, and what the
 * client gets (nothing: it times out). iptables: pkg/proxy/iptables/proxier.go writes a DROP rule per Service
 * port into the filter chain KUBE-EXTERNAL-SERVICES, commented "<namespace>/<name>:<port> has no local endpoints".
 * nftables (k8s.io/kubernetes v1.37.2 pkg/proxy/nftables/proxier.go): the external-traffic chain sends the packet
 * nowhere (no DNAT), and in the filter hooks, after NAT, the element for the NodePort in the verdict map
 * `no-endpoint-nodeports` ("vmap to drop or reject packets to service nodeports with no endpoints", read by the chain
 * `nodeport-endpoints-check` from `filter-input`) or for the load balancer IP in `no-endpoint-services` (read by
 * `service-endpoints-check` from `filter-input`, `filter-forward` and `filter-output`) has the verdict `drop`.
 */
export function noLocalEndpointDrop(proxyMode: Exclude<KubeProxyMode, 'ipvs'>, dst: Address): string {
  const outcome = 'nothing answers, and the client times out.';
  if (proxyMode === 'iptables') {
    return `kube-proxy's filter rule in KUBE-EXTERNAL-SERVICES ("… has no local endpoints") drops the packet; ${outcome}`;
  }
  const element =
    dst.role === 'lb-vip'
      ? `the verdict map no-endpoint-services (chain service-endpoints-check) maps "${dst.ip} . tcp . <port>" to drop`
      : `the verdict map no-endpoint-nodeports (chain nodeport-endpoints-check, from filter-input) maps "tcp . ${plan.nodePort}" to drop`;
  return `kube-proxy's nftables rules do not DNAT the packet, and after NAT ${element}, so the packet is dropped; ${outcome}`;
}

/**
 * Who opened the TCP connection that reaches kube-proxy, from which address, and to which address: the last L4 or
 * L7 proxy on the way, else the sender. A reply that bypasses the entry node goes back to it.
 */
function connectionOpener(flow: Flow): { place: Place; from: Address; to: Address } {
  const opened = flow.hops.findLast(isProxyHop) ?? flow.hops[0];
  if (!opened) return { place: 'client', from: flow.packet.src, to: flow.packet.dst };
  return { place: opened.at, from: opened.src, to: opened.dst };
}

/** The sentence about the entry node's health check node port, or nothing: a NodePort Service has no such port. */
export function healthCheckSentence(entry: ExternalEntry): string {
  if (!hasHealthCheckNodePort(entry.serviceType, entry.policy)) {
    // A NodePort Service has no health check node port; the answer's health check field says so.
    return '';
  }
  const check = healthCheckOn(entry.entryNode, entry.endpoint);
  return ` Its health check node port answers ${check.status}${check.status === 503 ? ', so a load balancer that checks it stops sending here' : ''}.`;
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
 * Why the app loses the caller when kube-proxy masquerades traffic to a NodePort or load balancer IP, by whose address
 * the masquerade replaces: the client's, a pod's, or a node's. None when a proxy opened the connection: the masquerade
 * replaces the proxy's address, and the proxy's hop has already recorded what became of the client. None either when a
 * PROXY protocol header rides in front of the stream: it keeps the client, as the load balancer's hop recorded.
 */
function externalMasqueradeCause(packet: Packet): CauseId | undefined {
  if (packet.proxyProtocol !== null) return undefined;
  switch (packet.src.role) {
    case 'client':
      return 'cluster-masquerade';
    case 'source-pod':
      return 'in-cluster-masquerade';
    case 'entry-node':
    case 'entry-node-bridge':
    case 'endpoint-node':
      return 'hairpin-or-host-caller';
    default:
      return undefined;
  }
}

/**
 * kube-proxy on the entry node handles traffic to a NodePort or a load balancer
 * IP: KUBE-NODEPORTS or the load balancer IP rule, then KUBE-EXT-*, then
 * KUBE-SVC-* or KUBE-SVL-*, KUBE-SEP-* (DNAT), and KUBE-POSTROUTING (masquerade of mark 0x4000).
 */
export function kubeProxyExternal(flow: Flow, entry: ExternalEntry): Flow {
  return checkedStage(flow, sourceRangesCheckAtNode(flow, entry), (f) =>
    // Without kube-proxy, Cilium's eBPF programs make these decisions, by rules of their own.
    isCiliumMode(entry.proxyMode) ? ciliumExternal(f, entry, entry.proxyMode) : kubeProxyRules(f, entry, entry.proxyMode),
  );
}

/**
 * The node's `spec.loadBalancerSourceRanges` check, when there is one. kube-proxy (iptables, nftables, IPVS) checks only
 * packets still addressed to the load balancer IP, whoever sent them, never a NodePort: "For loadbalancers which direct
 * traffic to service NodePort, the firewall rules will not apply" (k8s.io/kubernetes v1.37.2
 * pkg/proxy/iptables/proxier.go, the firewall chain's comment). Cilium's replacement checks the same packets but
 * "when accessing the service from inside a cluster ... will ignore the field" (cilium v1.20.2
 * Documentation/network/kubernetes/kubeproxy-free.rst, "LoadBalancer Source Ranges Checks").
 */
function sourceRangesCheckAtNode(flow: Flow, entry: ExternalEntry): SourceRangesCheck | null {
  if (flow.packet.dst.role !== 'lb-vip') return null;
  if (!isCiliumMode(entry.proxyMode)) return { by: 'kube-proxy', compares: flow.packet.src };
  return entry.source === 'external' ? { by: 'cilium', compares: flow.packet.src } : null;
}

/** kube-proxy's own rules for traffic to a NodePort or a load balancer IP, from the rule that catches it to the pod. */
function kubeProxyRules(flow: Flow, entry: ExternalEntry, proxyMode: KubeProxyMode): Flow {
  const place = nodePlace(entry.entryNode);
  const here = placeNames[place];
  const decision = decideExternal(entry.policy, entry.source, proxyMode);
  const hasLocalEndpoint = entry.entryNode === entry.endpoint.node;
  const toEndpoint = (f: Flow, what: string): Flow => dnat(f, place, entry.endpoint.address, what);
  if (decision.chain === 'local' && !hasLocalEndpoint) {
    if (proxyMode === 'ipvs') {
      // IPVS has no "no local endpoints" drop: it forwards anyway, without SNAT.
      return pipe(
        flow,
        (f) => toEndpoint(f, `IPVS on ${here} has no local endpoint but forwards to ${entry.endpoint.address.ip} anyway, without SNAT.`),
        (f) => deliverToPod(f, entry.endpoint),
        (f) => {
          const opener = connectionOpener(flow);
          const who = opener.from.ip;
          return drop(
            f,
            opener.place,
            'reply-bypasses-entry-node',
            `${here} forwarded without SNAT, so the pod's reply leaves ${placeNames[nodePlace(entry.endpoint.node)]} directly, from ${entry.endpoint.address.ip} to ${who}, not from ${opener.to.ip}, the address ${who} connected to; no connection of ${who}'s matches it (nothing on ${placeNames[nodePlace(entry.endpoint.node)]} undoes ${here}'s DNAT), so the connection never completes and ${who} times out.${healthCheckSentence(entry)}`,
          );
        },
      );
    }
    return drop(
      flow,
      place,
      'no-local-endpoint',
      `${here} has no local endpoint: ${noLocalEndpointDrop(proxyMode, flow.packet.dst)}${healthCheckSentence(entry)}`,
    );
  }
  const masqueradeTo = nodeSourceAddress(entry.entryNode, entry.endpoint.node, entry.podNetwork);
  return pipe(
    flow,
    (f) =>
      toEndpoint(
        f,
        `kube-proxy on ${here} (${proxyMode}) rewrites the destination to the endpoint ${entry.endpoint.address.ip}; rule: ${decision.rule}.`,
      ),
    (f) =>
      decision.masquerade
        ? snat(
            f,
            place,
            masqueradeTo,
            proxyMode === 'nftables'
              ? `The rule set the masquerade mark (0x4000), so the nat-postrouting chain "masquerading" masquerades it (fully random) to ${masqueradeTo.ip}, ${here}'s address towards the pod.`
              : `KUBE-MARK-MASQ marked the packet (0x4000), so KUBE-POSTROUTING masquerades it to ${masqueradeTo.ip}, ${here}'s address towards the pod.`,
            externalMasqueradeCause(f.packet),
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
  const place = nodePlace(entry.node);
  const here = placeNames[place];
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
        place,
        entry.endpoint.address,
        `kube-proxy on ${here} rewrites the ClusterIP ${f.packet.dst.ip} to the endpoint ${entry.endpoint.address.ip}.`,
      ),
    (f) => (hairpin || !entry.callerInClusterCidr ? snat(f, place, masqueradeTo, `On ${here} ${why}.`, 'hairpin-or-host-caller') : f),
    (f) => deliverToPod(f, entry.endpoint),
  );
}
