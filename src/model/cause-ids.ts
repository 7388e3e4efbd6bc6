/**
 * Why the app sees the client address it sees, as stable ids: the one list of causes. The hop that decides what
 * happens to the client's address records one of them (`Hop.cause`); a diagnosis reads that record, and
 * causes.ts holds each one's explanation and fix.
 */

/** Every cause, each with the hop that records it. */
export const causeIds = [
  'client-arrives', // the sender (or ingress-nginx's realip): the client's own address reaches the app
  'in-cluster-caller', // the sender: a pod's address, which nothing on the way translates
  'cluster-masquerade', // kube-proxy's masquerade of the client's address (externalTrafficPolicy: Cluster)
  'in-cluster-masquerade', // kube-proxy's masquerade of a pod calling a node port or the load balancer IP
  'cilium-snat-remote-backend', // Cilium's kube-proxy replacement in SNAT mode: the client's address replaced on the way to a backend on another node
  'in-cluster-caller-goes-out', // the caller's node: a pod's request to the load balancer IP leaves the cluster, masqueraded to the node
  'hairpin-or-host-caller', // the sender (a node), or kube-proxy's masquerade of a node or a pod reaching its own Service
  'l7-load-balancer-peer', // the HTTP load balancer: its own connection, the client moved to X-Forwarded-For
  'l4-proxy-without-proxy-protocol', // the TCP load balancer: its own connection, the client dropped
  'proxy-protocol-source', // the TCP load balancer: its own connection, the client in a PROXY header
  'ingress-sends-its-peer', // ingress-nginx with realip off: its TCP peer is the client it sends
  'ingress-trust-misses-peer', // ingress-nginx's realip: the TCP peer is not in proxy-real-ip-cidr
  'ingress-reads-empty-header', // ingress-nginx's realip: a trusted peer, an empty X-Forwarded-For
  'ingress-trusts-forged-header', // ingress-nginx's realip: takes an entry the client wrote
  'ingress-proxy-protocol-without-header', // ingress-nginx's realip (v1.13+): a trusted PROXY source, no X-Forwarded-For
  'gateway-sees-its-peer', // the gateway, by default: its TCP peer (the load balancer or a node) is the client it sends
  'gateway-trust-misses-peer', // the gateway: told to trust a header or PROXY source, but its TCP peer is not trusted
  'gateway-reads-empty-header', // the gateway: reads X-Forwarded-For, which nothing in front of it wrote
  'gateway-trusts-forged-header', // the gateway: takes an X-Forwarded-For entry the client wrote
  'trusts-too-few-hops-behind-google', // ingress-nginx's realip or the gateway: takes the address Google's load balancer appended after the client
  'gateway-keeps-client-to-itself', // the gateway: knows the client, but Envoy with use_remote_address off sends it in no header
  'forged-header-passed-through', // the sender: the client's own X-Forwarded-For, which no proxy of yours touches
] as const;

/** One of the cause ids. */
export type CauseId = (typeof causeIds)[number];
