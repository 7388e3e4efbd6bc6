/** Parameters that several scenarios share, declared once so their names and values cannot drift. */
import { param } from './params.ts';

/** `spec.externalTrafficPolicy`. */
export const externalTrafficPolicyParam = param('externalTrafficPolicy', 'externalTrafficPolicy', {
  Cluster: 'Every node forwards to any endpoint, masquerading external traffic.',
  Local: 'Nodes forward only to their own endpoints and keep the source address.',
});

/** Which node the traffic enters. */
export const entryParam = param('entry', 'The node the traffic enters', {
  'node-without-endpoint': 'Node B, which runs no endpoint of the Service.',
  'node-with-endpoint': 'Node A, which runs the endpoint.',
});

/** How pods attach to the node. */
export const podNetworkParam = param('podNetwork', 'Pod network attachment', {
  bridge: 'A Linux bridge (cni0) with a gateway address, as flannel or the bridge plugin.',
  routed: 'Routed veths with no host-side address, as Calico.',
});

/** Who sends the traffic. */
export const sourceParam = param('source', 'Who sends the request', {
  external: 'A client outside the cluster.',
  pod: 'A pod on the entry node.',
  node: 'The entry node itself (or a hostNetwork pod).',
});

/** kube-proxy's mode, or Cilium's kube-proxy replacement in one of its load balancer modes (src/model/cilium.ts). */
export const proxyModeParam = param('proxyMode', 'kube-proxy mode, or Cilium in its place', {
  iptables: 'iptables mode.',
  nftables: 'nftables mode: the same answers as iptables mode, from rules of its own (checked with kube-proxy v1.37.2 and v1.36.3).',
  ipvs: 'IPVS mode: with Local and no local endpoint it forwards instead of dropping.',
  'cilium-snat':
    'No kube-proxy: Cilium’s eBPF replacement, Helm loadBalancer.mode: snat (its default). A backend on another node sees the entry node; a local backend sees the client. Model-only.',
  'cilium-dsr':
    'No kube-proxy: Cilium with loadBalancer.mode: dsr. The backend sees the client and answers it directly. Per Service: annotation service.cilium.io/forwarding-mode (with bpf.lbModeAnnotation). Model-only.',
  'cilium-hybrid':
    'No kube-proxy: Cilium with loadBalancer.mode: hybrid, DSR for TCP (as these HTTP requests) and SNAT for UDP. Model-only.',
});

/** A forged X-Forwarded-For from the client. */
export const spoofedHeaderParam = param('spoofedHeader', 'Client-sent X-Forwarded-For', {
  none: 'The client sends no X-Forwarded-For.',
  present: 'The client sends "X-Forwarded-For: 203.0.113.66", an address it made up.',
});

/** The load balancer's listener. */
export const lbParam = param('lb', 'Load balancer listener', {
  'l7-http': 'HTTP listener: terminates and appends the client to X-Forwarded-For.',
  'l4-passthrough': 'TCP listener that keeps the client address (GKE, AKS, AWS NLB instance targets, Alibaba CLB layer 4).',
  'l4-proxy': 'TCP proxy: a new connection from the load balancer.',
  'l4-proxy-protocol': 'TCP proxy that sends a PROXY protocol header.',
});

/** Where the cluster runs: a provider's load balancer fixes the listener and its defaults (`generic`: the `lb` parameter decides). */
export const cloudParam = param('cloud', 'Where the cluster runs', {
  generic: 'No provider named: the load balancer listener setting decides.',
  'aws-nlb-instance':
    'AWS Network Load Balancer, instance targets (the controller’s default): to each node’s NodePort, client address kept.',
  'aws-nlb-ip':
    'AWS Network Load Balancer, IP targets: straight to the pod; client IP preservation is off by default, so the pod sees the load balancer.',
  'aws-nlb-ip-preserve':
    'AWS Network Load Balancer, IP targets with preserve_client_ip.enabled=true: straight to the pod, client address kept.',
  'aws-alb': 'AWS Application Load Balancer (Ingress), instance targets: HTTP, appends the client to X-Forwarded-For.',
  'gke-passthrough':
    'GKE external passthrough Network Load Balancer: the packet reaches a node unchanged, still addressed to the load balancer IP.',
  'gke-l7': 'GKE Ingress or Gateway with container-native load balancing: Google Front Ends send HTTP straight to the pod.',
  aks: 'AKS (Azure Load Balancer, floating IP): the packet reaches a node unchanged, still addressed to the load balancer IP.',
  'azure-appgw': 'Azure Application Gateway (AGIC): HTTP straight to the pod; X-Forwarded-For entries carry ports.',
  digitalocean:
    'DigitalOcean, the controller’s default type REGIONAL_NETWORK: passthrough to the node, load balancer IP kept as destination.',
  hetzner: 'Hetzner Cloud Load Balancer: a TCP proxy to each node’s NodePort.',
  linode: 'Linode (Akamai) NodeBalancer: a TCP proxy to each node’s NodePort.',
  metallb: 'MetalLB (layer 2 or BGP): not a proxy; a node takes the load balancer IP itself.',
  'alibaba-clb-l4': 'Alibaba Cloud CLB, a TCP listener: to each node’s NodePort, client address kept.',
  'alibaba-clb-l7': 'Alibaba Cloud CLB, an HTTP listener: appends the client to X-Forwarded-For.',
});

/** PROXY protocol on the provider's load balancer, through the provider's annotation (with `generic`, it follows the listener). */
export const proxyProtocolParam = param('proxyProtocol', 'PROXY protocol from the load balancer', {
  false: 'No PROXY protocol header (every provider’s default).',
  true: 'The load balancer writes a PROXY protocol header (the provider’s annotation); the app must expect it.',
});

/** `status.loadBalancer.ingress[].ipMode`: whether kube-proxy short-circuits in-cluster traffic to the load balancer IP. */
export const ipModeParam = param('ipMode', 'status.loadBalancer.ingress[].ipMode', {
  VIP: 'VIP (the default, also when unset): kube-proxy catches in-cluster traffic to the load balancer IP on the caller’s node.',
  Proxy: 'Proxy: in-cluster traffic to the load balancer IP goes out to the load balancer and back.',
});
