/**
 * Cilium's kube-proxy replacement (eBPF) as hop functions, read in github.com/cilium/cilium v1.20.2. Model-only: no
 * eBPF datapath runs in the lab. The model assumes native routing (`routingMode: native`, which the IPv4-option DSR
 * dispatch requires: Documentation/network/kubernetes/kubeproxy-free.rst, "Direct Server Return (DSR) with IPv4 option")
 * and Cilium's defaults otherwise.
 *
 * - Traffic from outside to a NodePort or a load balancer IP meets `nodeport_lb4` (bpf/lib/nodeport.h) on the entry
 *   node. A backend on that node gets the packet with only its destination rewritten, in every mode; a remote backend
 *   gets it SNATed to the entry node's address (`loadBalancer.mode: snat`, the default) or with the client kept and the
 *   service address carried along, so that the backend's node answers the client directly (`dsr`; `hybrid` for TCP).
 * - Traffic from a pod or a node to a NodePort or a load balancer IP never reaches that code: the socket load balancer
 *   (bpf/bpf_sock.c, `cil_sock4_connect`) rewrites the destination of `connect()` to a backend, so no NAT happens and the
 *   backend sees the caller's own address.
 */
import { type NodeName, addressOf, nodeAddress, plan } from './addresses.ts';
import { type Flow, dnat, drop, pipe, route, snat } from './hops.ts';
import { type ExternalEntry, deliverToPod, healthCheckSentence } from './kube-proxy.ts';
import { nodePlace, placeNames } from './places.ts';
import type { Address } from './roles.ts';

/** The `proxyMode` values that stand for Cilium's kube-proxy replacement, one per Helm `loadBalancer.mode`. */
export const ciliumModes = ['cilium-snat', 'cilium-dsr', 'cilium-hybrid'] as const;

/** One of Cilium's modes. */
export type CiliumMode = (typeof ciliumModes)[number];

/** True for a `proxyMode` that is Cilium's kube-proxy replacement rather than kube-proxy. */
export function isCiliumMode(mode: string): mode is CiliumMode {
  return (ciliumModes as readonly string[]).includes(mode);
}

/** The Helm value `loadBalancer.mode` (agent flag `--bpf-lb-mode`) a model mode stands for. */
export function helmLoadBalancerMode(mode: CiliumMode): 'snat' | 'dsr' | 'hybrid' {
  return mode === 'cilium-snat' ? 'snat' : mode === 'cilium-dsr' ? 'dsr' : 'hybrid';
}

/**
 * Whether the entry node sends a request to a remote backend with DSR: always in `dsr`, for TCP only in `hybrid`
 * (pkg/loadbalancer/hybrid_dsr_test.go, TestToSVCForwardingMode_Hybrid: "Hybrid mode with TCP should return DSR",
 * "Hybrid mode with UDP should return SNAT"), never in `snat`. The model's requests are HTTP over TCP.
 */
export function forwardsWithDsr(mode: CiliumMode, protocol: 'TCP' | 'UDP' = 'TCP'): boolean {
  return mode === 'cilium-dsr' || (mode === 'cilium-hybrid' && protocol === 'TCP');
}

/**
 * The source a node's own connection to a pod gets after the socket load balancer chose the backend: towards a pod on
 * the same node, the route Cilium installs for the node's pod CIDR via cilium_host (pkg/datapath/linux/node.go,
 * createNodeRouteSpec: "10.10.0.0/24 via 10.10.0.1 dev cilium_host src 10.10.0.1", installed when
 * enable-local-node-route is on, its default) makes it the router IP, the pods' gateway; towards a pod elsewhere, the
 * node IP. The model gives the router IP the address a bridge gateway has (198.18.x.1).
 */
export function nodeSourceTowardsPod(node: NodeName, podNode: NodeName): Address {
  return node === podNode ? addressOf(plan.nodes[node].bridgeGateway, 'entry-node-bridge') : nodeAddress(node, 'entry-node');
}

/** Why the pod network setting does not apply: Cilium attaches the pods itself. */
const ciliumAttachesPods =
  'Cilium attaches the pods itself (veth pairs routed through cilium_host), so the pod network setting does not apply.';

/**
 * A pod or a node calls a NodePort or the load balancer IP: Cilium's socket load balancer rewrites the destination at
 * `connect()` (bpf/bpf_sock.c, __sock4_xlate_fwd: `ctx->user_ip4 = backend->address`), looking the service up in its
 * internal scope (`lb4_lookup_service(&key, true)`), so every backend serves in-cluster callers even under
 * `externalTrafficPolicy: Local` (kubeproxy-free.rst, "Client Source IP Preservation": "all service endpoints are
 * available for load balancing from in-cluster side"). No packet is ever addressed to the service, and nothing is NATed.
 */
export function ciliumSocketLb(flow: Flow, entry: ExternalEntry): Flow {
  const callerNode = entry.entryNode;
  const at = entry.source === 'pod' ? 'source-pod' : nodePlace(callerNode);
  const caller = entry.source === 'pod' ? `the pod ${flow.packet.src.ip}` : `${placeNames[nodePlace(callerNode)]}`;
  const nodeSource = nodeSourceTowardsPod(callerNode, entry.endpoint.node);
  return pipe(
    flow,
    (f) =>
      dnat(
        f,
        at,
        entry.endpoint.address,
        `Cilium's socket load balancer (cgroup connect hook, bpf/bpf_sock.c) rewrites ${caller}'s connect() to ${f.packet.dst.ip} into a connection to the backend ${entry.endpoint.address.ip}${
          entry.policy === 'Local'
            ? ', chosen among all backends (in-cluster callers use the internal scope, whatever externalTrafficPolicy says)'
            : ''
        }: no packet is addressed to the service, and no NAT rule touches it. ${ciliumAttachesPods}`,
      ),
    (f) =>
      entry.source === 'node' && nodeSource.ip !== f.packet.src.ip
        ? snat(
            f,
            at,
            nodeSource,
            `Not a NAT rule: the kernel picks the source for the new destination, and the route to the node's own pod CIDR goes via cilium_host with its router IP ${nodeSource.ip} as the source.`,
            'hairpin-or-host-caller',
          )
        : f,
    (f) => deliverToPod(f, entry.endpoint),
  );
}

/**
 * Traffic from outside enters a node's NodePort or the load balancer IP: `nodeport_svc_lb4` (bpf/lib/nodeport.h) on the
 * entry node. With `Local` and no backend on this node, the external scope has none, and Cilium answers the client with
 * ICMP port unreachable (`tail_no_service_ipv4` in bpf/lib/lb.h, compiled in by `serviceNoBackendResponse: reject`,
 * the Helm default). A local backend: DNAT only, the packet goes up the stack ("if (backend_local) … return
 * CTX_ACT_OK"). A remote backend: `CILIUM_CALL_IPV4_NODEPORT_DSR` when the service uses DSR, else
 * `CILIUM_CALL_IPV4_NODEPORT_NAT_EGRESS`, which SNATs to `IPV4_DIRECT_ROUTING`, the node's address.
 */
export function ciliumNodePort(flow: Flow, entry: ExternalEntry, mode: CiliumMode): Flow {
  const place = nodePlace(entry.entryNode);
  const here = placeNames[place];
  const backendLocal = entry.entryNode === entry.endpoint.node;
  const backend = entry.endpoint.address.ip;
  const helm = `loadBalancer.mode: ${helmLoadBalancerMode(mode)}`;
  if (entry.policy === 'Local' && !backendLocal) {
    return drop(
      flow,
      place,
      'no-local-endpoint-reject',
      `${here} has no local endpoint: with externalTrafficPolicy: Local, Cilium's eBPF program on ${here} finds no backend for outside traffic and, as serviceNoBackendResponse: reject (the default) has it, answers with ICMP port unreachable, so the client's connection is refused at once.${healthCheckSentence(entry)}`,
    );
  }
  const dnatText = `Cilium's eBPF program on ${here}'s network device (nodeport_lb4, bpf/lib/nodeport.h; ${helm}) rewrites the destination to the backend ${backend}`;
  if (backendLocal) {
    return pipe(
      flow,
      (f) =>
        dnat(
          f,
          place,
          entry.endpoint.address,
          `${dnatText}. The backend is on this node, so Cilium does not SNAT, whatever loadBalancer.mode and externalTrafficPolicy say: the source ${f.packet.src.ip} is kept. ${ciliumAttachesPods}`,
        ),
      (f) => deliverToPod(f, entry.endpoint),
    );
  }
  const endpointNode = placeNames[nodePlace(entry.endpoint.node)];
  if (forwardsWithDsr(mode)) {
    return pipe(
      flow,
      (f) =>
        dnat(
          f,
          place,
          entry.endpoint.address,
          `${dnatText} on ${endpointNode}, keeping the source ${f.packet.src.ip}: direct server return${
            mode === 'cilium-hybrid' ? ' (hybrid mode: DSR for TCP, as this request is; SNAT would be used for UDP)' : ''
          }. The service address ${f.packet.dst.ip}:${plan.nodePort} travels with the first packet in an IPv4 option (loadBalancer.dsrDispatch: opt, the default; geneve puts it in a Geneve option instead, and the pod sees the same).`,
        ),
      (f) =>
        route(
          f,
          nodePlace(entry.endpoint.node),
          `${endpointNode}'s eBPF program records the service address from the option and delivers the packet into the pod ${backend} unchanged; the pod's replies leave ${endpointNode} directly to ${f.packet.src.ip}, rewritten to come from the service address, without passing ${here} again. ${ciliumAttachesPods}`,
        ),
    );
  }
  const snatTo = nodeAddress(entry.entryNode, 'entry-node');
  return pipe(
    flow,
    (f) => dnat(f, place, entry.endpoint.address, `${dnatText} on ${endpointNode}.`),
    (f) =>
      snat(
        f,
        place,
        snatTo,
        `The backend is on another node and ${helm} forwards with SNAT: Cilium rewrites the source to ${snatTo.ip}, ${here}'s address (IPV4_DIRECT_ROUTING; in tunnel mode it would be ${here}'s cilium_host router IP), so the reply comes back through ${here}. ${ciliumAttachesPods}`,
        f.packet.src.role === 'client' && f.packet.proxyProtocol === null ? 'cilium-snat-remote-backend' : undefined,
      ),
    (f) => deliverToPod(f, entry.endpoint),
  );
}

/**
 * Cilium's kube-proxy replacement on the way to a NodePort or a load balancer IP: the socket load balancer for a caller
 * inside whose connection nothing else has touched yet, the eBPF NodePort code for everything that arrives at a node
 * from the network (a client outside, or an in-cluster caller's request that went out to a load balancer and came back).
 */
export function ciliumExternal(flow: Flow, entry: ExternalEntry, mode: CiliumMode): Flow {
  const sender = flow.hops[0]?.at;
  const atConnect = entry.source !== 'external' && flow.hops.every((hop) => hop.at === sender);
  return atConnect ? ciliumSocketLb(flow, entry) : ciliumNodePort(flow, entry, mode);
}
