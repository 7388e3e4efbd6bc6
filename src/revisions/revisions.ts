/**
 * The guide's own revisions: every published answer the guide changed, in one place. Each entry says when, which
 * states and pages it touched, what the guide said before and says now, why, and the source that decided it. The
 * corrections page lists them (it is otherwise about the seed post); a "What changed" page will render the whole
 * file. Entries are written by hand and never removed: a link in a postmortem may point at an answer that changed.
 */
import type { ScenarioId } from '../model/index.ts';

/** One scenario state, or a family of states: parameters left out take every value. */
export interface RevisedState {
  scenario: ScenarioId;
  /** The parameters as a query string, e.g. `externalTrafficPolicy=Local&proxyMode=ipvs`. */
  params: string;
}

/** One revision of the guide's own answers. */
export interface Revision {
  /** A stable id, used as the anchor where revisions are listed. */
  id: string;
  /** The day the revision was published, `YYYY-MM-DD`. */
  date: string;
  /** One line a reader recognises the change by. */
  title: string;
  /** The states whose answer, diagram or text changed; empty when only a page's prose changed. */
  states: RevisedState[];
  /** The pages whose text changed, as site paths. */
  pages: string[];
  /** What the guide said before. */
  before: string;
  /** What it says now. */
  after: string;
  /** Why it changed: what found the error. */
  why: string;
  /** Where the corrected answer comes from: repository, path and version, or a document. */
  sources: string[];
}

/** Every revision, oldest first. */
export const revisions: readonly Revision[] = [
  {
    id: '2026-11-26-nodeport-health-check',
    date: '2026-11-26',
    title: 'A NodePort Service has no health check node port',
    states: [{ scenario: 'nodeport', params: 'externalTrafficPolicy=Local' }],
    pages: ['/scenarios/nodeport/', '/health-checks/', '/corrections/', '/troubleshooting/'],
    before:
      'The NodePort page and widget showed a health check node port answering 200 on the node with the endpoint and 503 on the node without, for a Service of type NodePort with externalTrafficPolicy: Local.',
    after:
      'A Service of type NodePort has no health check node port, Local or not; the widget says so with its own value (healthCheck = none-for-service-type). Only type LoadBalancer with Local has one, and the pages show its 200 and 503 on the LoadBalancer Service.',
    why: 'Checked against Kubernetes’ own API validation: the model had given the port to every Service with Local.',
    sources: [
      "k8s.io/kubernetes v1.37.2 pkg/apis/core/validation/validation.go, validateServiceExternalTrafficPolicy: healthCheckNodePort \"may only be set when `type` is 'LoadBalancer' and `externalTrafficPolicy` is 'Local'\"",
      'k8s.io/kubernetes v1.37.2 pkg/api/service/util.go, NeedsHealthCheck',
    ],
  },
  {
    id: '2026-11-26-ipvs-reply',
    date: '2026-11-26',
    title: 'The IPVS diagram draws the stray reply with the reply’s own addresses',
    states: [
      { scenario: 'nodeport', params: 'externalTrafficPolicy=Local&entry=node-without-endpoint&source=external&proxyMode=ipvs' },
      { scenario: 'loadbalancer', params: 'externalTrafficPolicy=Local&entry=node-without-endpoint&source=external&proxyMode=ipvs' },
    ],
    pages: ['/scenarios/nodeport/'],
    before:
      'With IPVS, Local, and a request entering the node without an endpoint, the sequence diagram’s arrow back to the client carried the request’s addresses (client → pod), and behind an HTTP load balancer the failure was placed at the client.',
    after:
      'The reply arrow goes from the pod’s address to whoever opened the connection (client, or the load balancer behind an HTTP listener), and the note says why it fails: that side connected to node B and expects the reply from there; node A never saw node B’s DNAT, so nothing rewrites the source, and the connection times out. The hop table shows the same reply.',
    why: 'A reply swaps the source and destination of the packet the pod received; the diagram had copied the request’s.',
    sources: [
      'k8s.io/kubernetes v1.37.2 pkg/proxy/ipvs/proxier.go, syncEndpoint: with externalTrafficPolicy Local and no local endpoint it uses the cluster’s endpoints (“Traffic from an external source will be routed but the reply will have the POD address and will be discarded”, kubernetes PR 97081)',
    ],
  },
  {
    id: '2026-11-26-nftables-drop-rule',
    date: '2026-11-26',
    title: 'The nftables drop names nftables’ own map and chain',
    states: [
      { scenario: 'nodeport', params: 'externalTrafficPolicy=Local&entry=node-without-endpoint&source=external&proxyMode=nftables' },
      { scenario: 'loadbalancer', params: 'externalTrafficPolicy=Local&entry=node-without-endpoint&source=external&proxyMode=nftables' },
    ],
    pages: [],
    before: 'In nftables mode, the drop on a node without a local endpoint was explained with the iptables chain KUBE-EXTERNAL-SERVICES.',
    after:
      'It names what kube-proxy’s nftables proxier writes: no DNAT for the packet, then, after NAT, the element for the NodePort in the verdict map no-endpoint-nodeports (read by the chain nodeport-endpoints-check from filter-input) with the verdict drop; for a load balancer IP, the map no-endpoint-services (chain service-endpoints-check). Which states are delivered did not change with this entry.',
    why: 'Read against kube-proxy’s own nftables code: the message had been written for iptables mode and reused.',
    sources: [
      'k8s.io/kubernetes v1.37.2 pkg/proxy/nftables/proxier.go (noEndpointNodePortsMap, nodePortEndpointsCheckChain, noEndpointServicesMap)',
    ],
  },
  {
    id: '2026-11-26-not-delivered-labels',
    date: '2026-11-26',
    title: '“Dropped” no longer labels a request nginx answers with HTTP 400, and “not delivered” is not “not sent”',
    states: [
      { scenario: 'ingress', params: 'lb=l4-proxy-protocol&useProxyProtocol=false' },
      { scenario: 'ingress', params: 'lb=l7-http&useProxyProtocol=true' },
      { scenario: 'loadbalancer', params: 'lb=l4-proxy-protocol&source=pod' },
      { scenario: 'nodeport', params: 'externalTrafficPolicy=Local&entry=node-without-endpoint' },
    ],
    pages: ['/scenarios/ingress/', '/scenarios/nodeport/'],
    before:
      'Every request that did not reach the app read “No: dropped at …”, including those nginx answers with HTTP 400 or closes without a response; and the fields of what the app sees had the same empty value as a header that was not sent, so a claim “header not sent” could not fail on a dropped request.',
    after:
      'The answer says what happened and what the client gets, by drop code: nginx answers HTTP 400 Bad Request; the connection closes without a response; the packet is dropped; the reply cannot return; and, with a load balancer in front, what it answers the client instead (an HTTP listener’s own 503 or 502, a TCP proxy’s empty reply; otherwise the client times out). The diagrams’ end node says the same. Each field of what the app sees has the value not-delivered when nothing reached the app.',
    why: 'A checked statement must be able to fail, and a time-out, an empty reply and a 400 are different incidents.',
    sources: [
      'nginx src/http/ngx_http_parse.c, ngx_http_parse_request_line: a PROXY line read as a request line is not a valid request, so nginx answers 400; src/core/ngx_proxy_protocol.c, ngx_proxy_protocol_read: a listener expecting PROXY protocol logs “broken header” and closes the connection without a response',
      'k8s.io/kubernetes v1.37.2 pkg/proxy/iptables/proxier.go, syncProxyRules: a Service with externalTrafficPolicy Local and no local endpoint gets a filter rule whose target is DROP (“has no local endpoints”), so the client gets no answer',
    ],
  },
  {
    id: '2026-11-26-envoy-trusted-hops',
    date: '2026-11-26',
    title: 'Envoy’s xff_num_trusted_hops N is not trusted-hops N+1 on short lists',
    states: [],
    pages: ['/tools/resolver/'],
    before: 'The resolver page said Envoy’s xff_num_trusted_hops: N (with use_remote_address: false) equals trusted-hops N+1.',
    after:
      'They agree only when X-Forwarded-For has at least N+1 entries. With fewer, Envoy falls back to the TCP peer, while trusted-hops answers the leftmost entry.',
    why: 'Tried against Envoy’s documented examples, its code and its own tests at v1.39.0, the Envoy that Envoy Gateway v1.9.0 runs. The same holds when the entry at that position carries a port or is not an address: Envoy then answers the peer too.',
    sources: [
      'envoyproxy/envoy v1.39.0 (8eea3285) source/common/http/conn_manager_utility.cc (mutateRequestHeaders), source/common/http/utility.cc (getLastAddressFromXFF)',
      'envoyproxy/envoy v1.39.0 test/common/http/conn_manager_utility_test.cc and test/common/http/utility_test.cc, transcribed in test/upstream/envoyproxy/envoy/',
      'envoyproxy/envoy v1.39.0 docs/root/configuration/http/http_conn_man/headers.rst (x-forwarded-for examples)',
    ],
  },
  {
    id: '2026-11-26-express-is-proxy-addr',
    date: '2026-11-26',
    title: 'trusted-cidrs and trusted-hops are not what Express does in every case',
    states: [],
    pages: ['/tools/resolver/'],
    before: 'The trusted-cidrs and trusted-hops strategies were presented as what Express does.',
    after:
      'They are generic walks. Express (proxy-addr 2.0.8) answers differently for a non-IP entry (localhost, proxy), a malformed address and an entry with a port, and refuses 0.0.0.0/0 (it throws “invalid range on address”), so the page’s own Express example with 0.0.0.0/0 throws in Express. The resolver now has an express strategy that answers exactly as Express’s req.ip does through proxy-addr 2.0.8, refusals included.',
    why: 'Tried against proxy-addr, the module Express uses, and its own test suite.',
    sources: [
      'proxy-addr 2.0.8 index.js, parseipNotation (a range of 0 throws)',
      'jshttp/proxy-addr test/test.js (v2.0.7, passing unchanged on 2.0.8), transcribed in test/upstream/jshttp/proxy-addr/',
      'expressjs/express lib/utils.js compileTrust',
    ],
  },
  {
    id: '2026-11-26-nftables-node-own-traffic',
    date: '2026-11-26',
    title: 'nftables mode does not drop a node’s own connection to a Local Service',
    states: [
      { scenario: 'nodeport', params: 'externalTrafficPolicy=Local&entry=node-without-endpoint&source=node&proxyMode=nftables' },
      { scenario: 'loadbalancer', params: 'externalTrafficPolicy=Local&entry=node-without-endpoint&source=node&proxyMode=nftables' },
    ],
    pages: ['/scenarios/nodeport/'],
    before:
      'With externalTrafficPolicy: Local and proxyMode nftables, a node without a local endpoint dropped a connection from itself to its own NodePort or to the load balancer IP (the only difference from iptables mode the guide listed).',
    after:
      'It is sent on to the endpoint on the other node and masqueraded to the entry node’s address, as in iptables mode: the app sees node B (192.0.2.12). nftables mode gives the same answers as iptables mode in every state the guide shows.',
    why: 'The old answer came from a hand-written copy of an early nftables layout. The lab now runs kube-proxy’s own proxier (k8s.io/kubernetes v1.37.2 and v1.36.3) in network namespaces: both deliver the connection. In the code, the external chain masquerades and short-circuits local traffic in nat-output, and the no-endpoint checks run in filter chains after NAT (kubernetes PR 132456, in 1.34 and cherry-picked to 1.33).',
    sources: [
      'k8s.io/kubernetes v1.37.2 pkg/proxy/nftables/proxier.go lines 397-407 (filter chains after NAT) and 1677-1698 ("masquerade local traffic", "short-circuit local traffic")',
      'kubernetes/kubernetes PR 132456 (cherry-pick PR 133969, issue 131765)',
      'lab/evidence.json: the 20 nodeport and loadbalancer cases with source=node, proxyMode=nftables, on kube-proxy v1.37.2 and v1.36.3',
    ],
  },
  {
    id: '2026-11-26-diagnose-tcp-proxy-cluster',
    date: '2026-11-26',
    title: 'Diagnose: behind a TCP proxy without PROXY protocol, the cause is the load balancer, under Cluster too',
    states: [],
    pages: ['/diagnose/'],
    before:
      'A load balancer with a TCP proxy listener and no PROXY protocol, in front of a Service with externalTrafficPolicy: Cluster (24 states: every entry node, pod network, kube-proxy mode and forged header), was grouped under “kube-proxy masquerades external traffic”, whose fix is externalTrafficPolicy: Local.',
    after:
      'These states are grouped under “a TCP load balancer proxies the connection without PROXY protocol”: the client address is already gone when the load balancer opens its own connection, and externalTrafficPolicy: Local would show the app the load balancer, not the client. The fix named is client IP preservation or PROXY protocol. What the app sees in each state did not change.',
    why: 'Each hop now records why it replaced the client address, and the diagnosis reads the last hop that did: here the load balancer’s new connection, before kube-proxy’s masquerade. The old rule matched parameters and missed this combination.',
    sources: [
      'HAProxy configuration manual, “mode tcp”: the proxy opens its own connection to the server, so the server sees the proxy’s address unless a PROXY header (send-proxy) carries the client',
      'lab/evidence.json: the loadbalancer cases with lb=l4-proxy and externalTrafficPolicy=Cluster (the app sees a node address, the load balancer’s connection masqueraded)',
    ],
  },
  {
    id: '2026-11-27-haproxy-ingress-proxy-protocol-reset',
    date: '2026-11-27',
    title: 'haproxy-ingress resets a plain connection at a PROXY-protocol listener; it does not close it cleanly',
    states: [{ scenario: 'gateway', params: 'implementation=haproxy-ingress&clientIPDetection=proxy-protocol' }],
    pages: ['/scenarios/gateway/'],
    before:
      'haproxy-ingress with use-proxy-protocol, reached by a load balancer that sends no PROXY header, was said to close the connection without a response (dropReason proxy-protocol-missing): the client got an empty reply.',
    after:
      'HAProxy resets the connection (dropReason proxy-protocol-missing-reset). Where nothing stands between the client and HAProxy (a pass-through load balancer), the client sees a reset; a TCP proxy in front still answers its client with an empty reply and an HTTP load balancer with 502, as before.',
    why: 'The lab now runs haproxy-ingress’s own test-expected configuration (bind … accept-proxy) on the real HAProxy: every plain connection was reset. HAProxy only peeks at the connection for the PROXY header and closes it with the request unread, and Linux answers that close with a reset.',
    sources: [
      'haproxy v2.6.0 src/connection.c, conn_recv_proxy (the header is peeked, consumed only once parsed)',
      'jcmoraisjr/haproxy-ingress v0.16.1 pkg/haproxy/instance_test.go, TestInstanceGlobalBind (bind :80 accept-proxy)',
      'lab/evidence.json: the gateway-haproxy-ingress cases with clientIPDetection=proxy-protocol and sender=client',
    ],
  },
];
