/** What each cause of a diagnosis means, and what to change: one sentence each, and the configuration to apply. The ids are cause-ids.ts's. */
import type { CauseId } from './cause-ids.ts';

/** A cause's explanation and fix. */
export interface CauseText {
  cause: string;
  fix: string;
  config: string;
}

const localService = `apiVersion: v1
kind: Service
metadata:
  name: app
spec:
  type: LoadBalancer        # or NodePort
  externalTrafficPolicy: Local`;

const ciliumDsr = `# Cilium Helm values: forward to remote backends with direct server return (TCP only: hybrid)
loadBalancer:
  mode: dsr            # or hybrid
  dsrDispatch: opt     # needs routingMode: native; geneve also works with tunnelling
---
# or per Service, with bpf.lbModeAnnotation: true (set it when the Service is created)
metadata:
  annotations:
    service.cilium.io/forwarding-mode: dsr`;

const ingressForwarded = `apiVersion: v1
kind: ConfigMap
metadata:
  name: ingress-nginx-controller
  namespace: ingress-nginx
data:
  use-forwarded-headers: "true"
  proxy-real-ip-cidr: "192.0.2.0/24"   # only the addresses your proxies connect from`;

const proxyProtocol = `# The Service in front (AWS shown; Alibaba: alibaba-cloud-loadbalancer-proxy-protocol: "on")
metadata:
  annotations:
    service.beta.kubernetes.io/aws-load-balancer-proxy-protocol: "*"
---
# ingress-nginx ConfigMap, or your app's listener
data:
  use-proxy-protocol: "true"`;

const realip = `# nginx in front of the app: trust only your own proxies
set_real_ip_from 192.0.2.0/24;
real_ip_header X-Forwarded-For;
real_ip_recursive on;`;

/** An Envoy Gateway ClientTrafficPolicy on the gateway `eg`, with a comment first and the given spec lines after its target. */
function clientTrafficPolicy(comment: string, specLines: string): string {
  return `# Envoy Gateway: ${comment}
apiVersion: gateway.envoyproxy.io/v1alpha1
kind: ClientTrafficPolicy
metadata:
  name: client-ip
spec:
  targetRefs:
    - group: gateway.networking.k8s.io
      kind: Gateway
      name: eg
${specLines}`;
}

const gatewayTrust = clientTrafficPolicy(
  'trust the addresses your load balancer and nodes connect from',
  `  clientIPDetection:
    xForwardedFor:
      trustedCIDRs: ["192.0.2.0/24"]   # only the addresses your proxies connect from`,
);

const gatewayProxyProtocol = clientTrafficPolicy('expect PROXY protocol from a TCP load balancer that sends it', '  proxyProtocol: {}');

/** Every cause's texts. */
export const causeTexts: Record<CauseId, CauseText> = {
  'client-arrives': { cause: 'This setup delivers the real client address.', fix: 'Nothing to fix here.', config: '' },
  'in-cluster-caller': {
    cause: 'The caller is a pod inside the cluster, and nothing on the way translated its source address.',
    fix: 'Nothing to fix: identify in-cluster callers by their pod IP.',
    config: '',
  },
  'cluster-masquerade': {
    cause:
      'The request comes from outside the cluster. With externalTrafficPolicy: Cluster, kube-proxy on the node it entered masquerades it, so the app sees an address of that node.',
    fix: 'Use externalTrafficPolicy: Local on a Service of type LoadBalancer, whose load balancer sends only to nodes with a pod (health check node port), or carry the client in a header or PROXY protocol.',
    config: localService,
  },
  'in-cluster-masquerade': {
    cause:
      'The caller is a pod in the cluster that connects to a node port or the load balancer’s address. With externalTrafficPolicy: Cluster, kube-proxy on the pod’s node masquerades it, so the app sees an address of that node, not the calling pod.',
    fix: 'From inside the cluster, call the Service by its name or ClusterIP: then the app sees the calling pod.',
    config: '',
  },
  'cilium-snat-remote-backend': {
    cause:
      'The request comes from outside the cluster, and Cilium’s kube-proxy replacement sends it to a backend on another node in SNAT mode (loadBalancer.mode: snat, its default): the source becomes the address of the node it entered. A backend on that node itself would have kept the client.',
    fix: 'Switch Cilium to direct server return (loadBalancer.mode: dsr, or hybrid for TCP), or annotate the Service with service.cilium.io/forwarding-mode: dsr, or use externalTrafficPolicy: Local.',
    config: ciliumDsr,
  },
  'in-cluster-caller-goes-out': {
    cause:
      'The caller is in the cluster, and its request to the load balancer’s address goes out to the load balancer and back (ipMode: Proxy, or a provider whose status names only a hostname). The load balancer sees the caller’s node (a pod’s packet is masqueraded on its way out), so the app gets at most that node, as remote_addr, in X-Forwarded-For or in the PROXY header (a TCP proxy without PROXY protocol passes not even that): never the calling pod.',
    fix: 'From inside the cluster, call the Service by its name or ClusterIP: then the app sees the calling pod.',
    config: '',
  },
  'hairpin-or-host-caller': {
    cause:
      'The caller is a node itself (or a hostNetwork pod), which sends from a node address, or a pod reaching its own Service, which kube-proxy masquerades to an address of its node.',
    fix: 'Expected for node and hairpin traffic; call other pods by Service name, and do not use these addresses for access control.',
    config: '',
  },
  'l7-load-balancer-peer': {
    cause: 'An HTTP load balancer opened its own connection: the client is in X-Forwarded-For, not in remote_addr.',
    fix: 'Read X-Forwarded-For from the right, past the load balancer’s address, in the app or a proxy in front of it.',
    config: realip,
  },
  'l4-proxy-without-proxy-protocol': {
    cause: 'A TCP load balancer proxies the connection without PROXY protocol, so the client address is lost.',
    fix: 'Turn on client IP preservation on the load balancer, or PROXY protocol at both ends.',
    config: proxyProtocol,
  },
  'proxy-protocol-source': {
    cause:
      'The client travels in the PROXY protocol header; remote_addr is whatever connected last: the load balancer, the node the request entered, or, behind a load balancer that keeps the client’s address, the client itself.',
    fix: 'Read the client from the PROXY header (it is already there).',
    config: '',
  },
  'ingress-sends-its-peer': {
    cause:
      'With use-forwarded-headers and use-proxy-protocol off, its defaults, ingress-nginx ignores the incoming X-Forwarded-For and sends its own TCP peer as the client.',
    fix: 'Behind an HTTP load balancer, turn on use-forwarded-headers with a narrow proxy-real-ip-cidr; behind a TCP load balancer, use PROXY protocol or externalTrafficPolicy: Local.',
    config: ingressForwarded,
  },
  'ingress-trust-misses-peer': {
    cause: 'ingress-nginx reads forwarded addresses only from trusted peers, and its TCP peer is not in proxy-real-ip-cidr.',
    fix: 'Add the addresses ingress-nginx really receives connections from (nodes, their pod-network gateways, the load balancer) to proxy-real-ip-cidr, or use externalTrafficPolicy: Local.',
    config: ingressForwarded,
  },
  'ingress-reads-empty-header': {
    cause:
      'ingress-nginx trusts its TCP peer and reads X-Forwarded-For, but nothing in front of it wrote that header, so it keeps the peer.',
    fix: 'use-forwarded-headers helps only behind an HTTP proxy that writes X-Forwarded-For. Behind a TCP load balancer, turn on PROXY protocol at both ends, or use externalTrafficPolicy: Local.',
    config: proxyProtocol,
  },
  'ingress-trusts-forged-header': {
    cause:
      'ingress-nginx believes an X-Forwarded-For entry the client wrote: proxy-real-ip-cidr trusts everything, or no proxy of yours appended to the header, or the address your proxy appended is itself trusted (a caller inside the cluster that went out to the load balancer arrives as its node, which proxy-real-ip-cidr trusts).',
    fix: 'Set proxy-real-ip-cidr to your proxies only, and turn use-forwarded-headers on only behind an HTTP proxy of yours.',
    config: ingressForwarded,
  },
  'ingress-proxy-protocol-without-header': {
    cause:
      'With PROXY protocol and use-forwarded-headers, ingress-nginx (v1.13 or later) trusts its TCP peer and the PROXY source, so it reads X-Forwarded-For instead; the client sent none, so it keeps the peer.',
    fix: 'Set proxy-real-ip-cidr to your proxies only, so the PROXY source (the client) is not trusted and wins; or turn use-forwarded-headers off.',
    config: ingressForwarded,
  },
  'gateway-sees-its-peer': {
    cause:
      'The gateway treats its TCP peer as the client, as its defaults do (and as Traefik and haproxy-ingress always do for their own logs and allowlists): behind a load balancer that proxies, or after kube-proxy’s masquerade, that is the load balancer or a node; from inside the cluster, the caller itself. Its allowlists and rate limits match that address.',
    fix: 'Behind an HTTP load balancer, trust its hop or its addresses in the gateway’s client IP settings; behind a TCP load balancer, use PROXY protocol at both ends, or a passthrough load balancer with externalTrafficPolicy: Local.',
    config: gatewayTrust,
  },
  'gateway-trust-misses-peer': {
    cause:
      'The gateway reads forwarded addresses or the PROXY source only from trusted peers, and its TCP peer is not among them (after kube-proxy’s masquerade, a node’s address or its pod-network gateway; from inside the cluster, the caller), so it keeps the peer.',
    fix: 'Trust the addresses the gateway really receives connections from, or use externalTrafficPolicy: Local so that the load balancer stays the peer.',
    config: gatewayTrust,
  },
  'gateway-reads-empty-header': {
    cause: 'The gateway reads X-Forwarded-For, but nothing in front of it wrote that header, so it keeps its TCP peer.',
    fix: 'Reading X-Forwarded-For helps only behind an HTTP proxy that writes it. Behind a TCP load balancer, turn on PROXY protocol at both ends, or use externalTrafficPolicy: Local.',
    config: gatewayProxyProtocol,
  },
  'gateway-trusts-forged-header': {
    cause:
      'The gateway believes an X-Forwarded-For entry the client wrote: it trusts every address, or it reads an entry that no proxy of yours appended.',
    fix: 'Trust only your own proxies’ addresses, and count only the hops your own proxies add.',
    config: gatewayTrust,
  },
  'trusts-too-few-hops-behind-google': {
    cause:
      'The load balancer wrote its own address after the client in X-Forwarded-For (Google’s front ends append the forwarding rule’s IP after the address they received the request from), and the proxy in front of the app trusts one entry too few: it takes that load balancer address as the client.',
    fix: 'Behind Google’s load balancer the client is second from the right: trust two hops, or trust the forwarding rule’s IP as well as the front ends’ addresses.',
    config: clientTrafficPolicy(
      'behind Google’s load balancer, the client is second from the right',
      `  clientIPDetection:
    xForwardedFor:
      numTrustedHops: 2`,
    ),
  },
  'gateway-keeps-client-to-itself': {
    cause:
      'The gateway itself sees the client, but sends it to the app in no header: with use_remote_address off, Envoy does not append its peer to X-Forwarded-For (and the XFF extension’s skip_xff_append is true when unset), and Envoy sends no X-Real-IP.',
    fix: 'Let Envoy append the client: use_remote_address: true (kgateway: useRemoteAddress with xffNumTrustedHops), or skipXFFAppend: false where the extension is used.',
    config: `# kgateway ListenerPolicy (httpSettings)
useRemoteAddress: true
xffNumTrustedHops: 1`,
  },
  'forged-header-passed-through': {
    cause: 'No HTTP proxy of yours is on the path, so the X-Forwarded-For the app received is exactly what the client sent.',
    fix: 'Ignore X-Forwarded-For here and use remote_addr.',
    config: '',
  },
};
