/**
 * Every cause text is true for every state grouped under it. Each cause's sentence is read here as the claims it
 * makes, written by hand as checks on the traced state (its parameters, what the app saw, what ingress-nginx
 * received), never by calling causeOf's own rules; then every delivered state of the model is checked against the
 * claims of the cause diagnose gives it.
 */
import { describe, expect, it } from 'vitest';
import { causeTexts, scenarioStates, definitions, diagnose, trace } from '../../src/model/index.ts';
import type { CauseId, Hop, Trace } from '../../src/model/index.ts';
import { causeOf } from '../../src/model/diagnose.ts';

/** The packet ingress-nginx (or the gateway) received: the hop before its own L7 hop. */
function received(t: Trace) {
  const i = t.hops.findIndex((hop) => hop.kind === 'l7-proxy' && (hop.at === 'ingress-pod' || hop.at === 'gateway-pod'));
  return i > 0 ? t.hops[i - 1] : undefined;
}

/** proxy-real-ip-cidr is one of two values in the model: everything, or the node network 192.0.2.0/24. */
function inProxyRealIpCidr(t: Trace, ip: string | undefined): boolean {
  return ip !== undefined && (t.params.proxyRealIpCidr === '0.0.0.0/0' || ip.startsWith('192.0.2.'));
}

const nodeRoles = ['entry-node', 'entry-node-bridge', 'endpoint-node'];
const roleOf = (a: { role: string } | null | undefined) => a?.role;
/** True when any address the app receives (remote_addr, X-Real-IP, the PROXY header, X-Forwarded-For) plays `role`. */
const anyOf = (t: Trace, role: string) =>
  t.observed!.remoteAddr.role === role ||
  t.observed!.xRealIp?.role === role ||
  t.observed!.proxyProtocol?.role === role ||
  (t.observed!.xForwardedFor ?? []).some((a) => a.role === role);
const anyClient = (t: Trace) => anyOf(t, 'client');
/** The caller is a pod: pod to pod with caller=pod (or the app pod calling itself), or a pod source on the other paths. */
const callerIsPod = (t: Trace) =>
  t.id === 'pod-to-pod' ? t.params.caller === 'pod' || t.params.placement === 'self' : t.params.source === 'pod';
const callerIsNode = (t: Trace) =>
  t.id === 'pod-to-pod' ? t.params.caller === 'node' && t.params.placement !== 'self' : t.params.source === 'node';
const fromOutside = (t: Trace) => t.id !== 'pod-to-pod' && (t.id === 'ingress' || t.params.source === 'external');
/** ingress-nginx kept its TCP peer as $remote_addr: X-Real-IP is the peer. */
const ingressKeptPeer = (t: Trace) => t.observed!.xRealIp?.ip === received(t)?.src.ip;
/** And, with compute-full-forwarded-for out of play, X-Forwarded-For is the peer alone. */
const ingressSentPeerAlone = (t: Trace) =>
  ingressKeptPeer(t) && t.observed!.xForwardedFor?.length === 1 && t.observed!.xForwardedFor[0]!.ip === received(t)?.src.ip;
/** The gateway kept its TCP peer (after any PROXY header it read) as its own client. */
const gatewayKeptPeer = (t: Trace) => t.id === 'gateway' && t.observed!.clientIpAtGateway?.ip === received(t)?.src.ip;
const peerRoles = ['load-balancer', 'entry-node', 'entry-node-bridge', 'endpoint-node'];
const receivedXff = (t: Trace) => (received(t)?.headers ?? []).filter((line) => line.name === 'X-Forwarded-For').flatMap((l) => l.values);

/** Each cause text, as the claims its sentence makes, one check per claim. */
const claims: Record<CauseId, { says: string; holds: (t: Trace) => boolean }[]> = {
  'client-arrives': [{ says: 'delivers the real client address', holds: (t) => anyClient(t) }],
  'in-cluster-caller': [
    { says: 'the caller is a pod inside the cluster', holds: callerIsPod },
    { says: 'its source address arrives untranslated', holds: (t) => t.observed!.remoteAddr.role === 'source-pod' },
  ],
  'cluster-masquerade': [
    { says: 'the request comes from outside the cluster', holds: fromOutside },
    { says: 'externalTrafficPolicy: Cluster', holds: (t) => t.params.externalTrafficPolicy === 'Cluster' },
    {
      says: 'the app sees an address of the node it entered',
      holds: (t) => ['entry-node', 'entry-node-bridge'].includes(t.observed!.remoteAddr.role),
    },
    { says: 'no client address arrives', holds: (t) => !anyClient(t) },
  ],
  'in-cluster-caller-goes-out': [
    { says: 'the caller is in the cluster', holds: (t) => t.params.source !== 'external' },
    { says: 'its request goes out to the load balancer and back', holds: (t) => t.hops.some((hop) => hop.at === 'load-balancer') },
    {
      says: 'the load balancer sees the caller’s node',
      holds: (t) => {
        const at = t.hops.findIndex((hop) => hop.at === 'load-balancer');
        return at > 0 && t.hops[at - 1]!.src.role === 'entry-node';
      },
    },
    { says: 'never the calling pod', holds: (t) => !anyOf(t, 'source-pod') },
  ],
  'in-cluster-masquerade': [
    { says: 'the caller is a pod in the cluster', holds: (t) => t.id !== 'pod-to-pod' && t.params.source === 'pod' },
    { says: 'it connects to a node port or the load balancer’s address', holds: (t) => t.id === 'nodeport' || t.id === 'loadbalancer' },
    { says: 'externalTrafficPolicy: Cluster', holds: (t) => t.params.externalTrafficPolicy === 'Cluster' },
    {
      says: 'the app sees an address of that node',
      holds: (t) => ['entry-node', 'entry-node-bridge'].includes(t.observed!.remoteAddr.role),
    },
  ],
  'cilium-snat-remote-backend': [
    { says: 'the request comes from outside the cluster', holds: fromOutside },
    { says: 'Cilium’s kube-proxy replacement in SNAT mode', holds: (t) => t.params.proxyMode === 'cilium-snat' },
    { says: 'a backend on another node', holds: (t) => t.params.entry === 'node-without-endpoint' },
    { says: 'the source becomes the address of the node it entered', holds: (t) => t.observed!.remoteAddr.role === 'entry-node' },
  ],
  'hairpin-or-host-caller': [
    {
      says: 'the caller is a node itself, or a pod reaching its own Service',
      holds: (t) => callerIsNode(t) || (t.id === 'pod-to-pod' && t.params.placement === 'self' && t.params.via === 'cluster-ip'),
    },
    { says: 'the app sees a node address', holds: (t) => nodeRoles.includes(t.observed!.remoteAddr.role) },
  ],
  'l7-load-balancer-peer': [
    { says: 'an HTTP load balancer', holds: (t) => t.params.lb === 'l7-http' && fromOutside(t) },
    { says: 'the client is in X-Forwarded-For', holds: (t) => (t.observed!.xForwardedFor ?? []).some((a) => a.role === 'client') },
    { says: 'not in remote_addr', holds: (t) => t.observed!.remoteAddr.role !== 'client' },
  ],
  'l4-proxy-without-proxy-protocol': [
    { says: 'a TCP load balancer proxies without PROXY protocol', holds: (t) => t.params.lb === 'l4-proxy' && fromOutside(t) },
    { says: 'the client address is lost', holds: (t) => !anyClient(t) },
  ],
  'proxy-protocol-source': [
    { says: 'the client travels in the PROXY header', holds: (t) => roleOf(t.observed!.proxyProtocol) === 'client' },
    {
      says: 'remote_addr is the load balancer, the node the request entered, or (kept by the load balancer) the client',
      holds: (t) => ['load-balancer', 'entry-node', 'entry-node-bridge', 'client'].includes(t.observed!.remoteAddr.role),
    },
  ],
  'ingress-sends-its-peer': [
    {
      says: 'use-forwarded-headers and use-proxy-protocol off',
      holds: (t) => t.params.useForwardedHeaders === 'false' && t.params.useProxyProtocol === 'false',
    },
    { says: 'it sends its own TCP peer as the client', holds: ingressSentPeerAlone },
  ],
  'ingress-trust-misses-peer': [
    { says: 'realip is on', holds: (t) => t.params.useForwardedHeaders === 'true' || t.params.useProxyProtocol === 'true' },
    { says: 'its TCP peer is not in proxy-real-ip-cidr', holds: (t) => !inProxyRealIpCidr(t, received(t)?.src.ip) },
    { says: '(so it keeps the peer)', holds: ingressKeptPeer },
  ],
  'ingress-reads-empty-header': [
    { says: 'it reads X-Forwarded-For', holds: (t) => t.params.useForwardedHeaders === 'true' && t.params.useProxyProtocol === 'false' },
    { says: 'it trusts its TCP peer', holds: (t) => inProxyRealIpCidr(t, received(t)?.src.ip) },
    { says: 'nothing in front of it wrote that header', holds: (t) => receivedXff(t).length === 0 },
    { says: 'so it keeps the peer', holds: ingressKeptPeer },
  ],
  'ingress-trusts-forged-header': [
    { says: 'ingress-nginx believes an entry the client wrote', holds: (t) => t.observed!.xRealIp?.role === 'spoofed' },
    {
      says: 'proxy-real-ip-cidr trusts everything, or no proxy of yours appended to the header, or what it appended is trusted',
      holds: (t) => {
        const appended = t.hops.find((hop) => hop.kind === 'l7-proxy' && hop.at === 'load-balancer');
        const entry = appended?.headers.at(-1)?.values.at(-1);
        return t.params.proxyRealIpCidr === '0.0.0.0/0' || !appended || (entry !== undefined && entry.ip.startsWith('192.0.2.'));
      },
    },
  ],
  'ingress-proxy-protocol-without-header': [
    {
      says: 'PROXY protocol and use-forwarded-headers, v1.13 or later',
      holds: (t) =>
        t.params.useProxyProtocol === 'true' &&
        t.params.useForwardedHeaders === 'true' &&
        t.params.ingressNginxVersion === 'v1.13-or-later',
    },
    {
      says: 'it trusts its TCP peer and the PROXY source',
      holds: (t) => inProxyRealIpCidr(t, received(t)?.src.ip) && inProxyRealIpCidr(t, received(t)?.proxyProtocol?.ip),
    },
    { says: 'the client sent no X-Forwarded-For', holds: (t) => t.params.spoofedHeader === 'none' && receivedXff(t).length === 0 },
    { says: 'so it keeps the peer', holds: ingressKeptPeer },
  ],
  // The gateway causes, read from the implementations' documented behaviour: Envoy Gateway's ClientTrafficPolicy docs
  // (gateway.envoyproxy.io v1.9 "Client Traffic Policy"), Istio's "Configuring Gateway Network Topology", Cilium's
  // ingress reference, NGINX Gateway Fabric's "Client Settings / rewriteClientIP" docs, Traefik's entry point
  // "forwardedHeaders" docs, haproxy-ingress's "forwardfor" key: each claim below is a sentence of the cause's text.
  'gateway-sees-its-peer': [
    { says: 'the gateway treats its TCP peer as the client', holds: gatewayKeptPeer },
    {
      says: 'as its defaults do (and as Traefik and haproxy-ingress always do)',
      holds: (t) => t.params.clientIPDetection === 'default' || ['traefik', 'haproxy-ingress'].includes(t.params.implementation!),
    },
    {
      says: 'that is the load balancer or a node; from inside the cluster, the caller itself',
      holds: (t) =>
        peerRoles.includes(t.observed!.clientIpAtGateway!.role) ||
        (t.params.source !== 'external' && ['source-pod', ...nodeRoles].includes(t.observed!.clientIpAtGateway!.role)),
    },
  ],
  'gateway-trust-misses-peer': [
    {
      says: 'it reads forwarded addresses or the PROXY source only from trusted peers (the node network, 192.0.2.0/24)',
      holds: (t) => ['trust-lb-cidr', 'proxy-protocol'].includes(t.params.clientIPDetection!),
    },
    { says: 'its TCP peer is not among them', holds: (t) => !(received(t)?.src.ip ?? '').startsWith('192.0.2.') },
    { says: 'so it keeps the peer', holds: gatewayKeptPeer },
  ],
  'trusts-too-few-hops-behind-google': [
    {
      says: 'the load balancer wrote its own address after the client in X-Forwarded-For',
      holds: (t) => receivedXff(t).at(-1)?.role === 'load-balancer' && t.params.cloud === 'gke-l7',
    },
    {
      says: 'the proxy in front of the app takes that load balancer address as the client',
      holds: (t) => (t.id === 'gateway' ? t.observed!.clientIpAtGateway?.ip : t.observed!.xRealIp?.ip) === receivedXff(t).at(-1)?.ip,
    },
  ],
  'gateway-reads-empty-header': [
    {
      says: 'the gateway reads X-Forwarded-For',
      holds: (t) =>
        ['trust-lb-hops', 'trust-lb-cidr', 'trust-all'].includes(t.params.clientIPDetection!) ||
        (t.params.implementation === 'envoy' && t.params.clientIPDetection === 'default'),
    },
    { says: 'nothing in front of it wrote that header', holds: (t) => receivedXff(t).length === 0 },
    { says: 'so it keeps its TCP peer', holds: gatewayKeptPeer },
  ],
  'gateway-trusts-forged-header': [
    { says: 'the gateway believes an entry the client wrote', holds: (t) => t.observed!.clientIpAtGateway?.role === 'spoofed' },
    {
      says: 'it trusts every address, or it reads an entry that no proxy of yours appended',
      holds: (t) => t.params.clientIPDetection === 'trust-all' || t.params.lb !== 'l7-http' || t.params.source !== 'external',
    },
  ],
  'gateway-keeps-client-to-itself': [
    { says: 'the gateway itself sees the client', holds: (t) => t.observed!.clientIpAtGateway?.role === 'client' },
    { says: 'sends it to the app in no header', holds: (t) => !anyClient(t) },
    {
      // Envoy's defaults (use_remote_address false) and the XFF extension with trusted CIDRs (Envoy's xff.proto:
      // skip_xff_append defaults to true), which raw Envoy and kgateway (useRemoteAddress: false) configure here.
      says: 'with use_remote_address off (raw Envoy’s default; the XFF extension with trusted CIDRs)',
      holds: (t) =>
        (t.params.implementation === 'envoy' && t.params.clientIPDetection !== 'trust-lb-hops') ||
        (t.params.implementation === 'kgateway' && ['trust-lb-cidr', 'trust-all'].includes(t.params.clientIPDetection!)),
    },
  ],
  'forged-header-passed-through': [
    { says: 'no HTTP proxy is on the path', holds: (t) => !t.hops.some((hop) => hop.kind === 'l7-proxy') },
    {
      says: 'the X-Forwarded-For the app received is what the client sent',
      holds: (t) => (t.observed!.xForwardedFor ?? []).every((a) => a.role === 'spoofed'),
    },
  ],
};

/** Every delivered state the diagnosis lists (no notices), with its cause. */
const grouped = definitions.flatMap((d) =>
  [...scenarioStates(d)]
    .map((params) => trace(d.id, params))
    .filter((t) => t.observed && t.notices.length === 0)
    .map((t) => ({ t, cause: causeOf(t) })),
);

describe('every cause text is true for every state grouped under it', () => {
  for (const cause of Object.keys(claims) as CauseId[]) {
    it(`${cause}: “${causeTexts[cause].cause}”`, () => {
      const states = grouped.filter((g) => g.cause === cause);
      expect(states.length, 'some state has this cause').toBeGreaterThan(0);
      for (const claim of claims[cause]) {
        const broken = states.filter((g) => !claim.holds(g.t)).map((g) => `${g.t.id}?${new URLSearchParams(g.t.params)}`);
        expect(broken.slice(0, 3), `"${claim.says}" fails for ${broken.length} state(s)`).toEqual([]);
      }
    });
  }
  it('no text about traffic from outside groups a pod or node caller', () => {
    const outside = grouped.filter((g) => g.cause === 'cluster-masquerade');
    expect(outside.filter((g) => g.t.params.source === 'pod' || g.t.params.source === 'node')).toEqual([]);
  });
});

describe('the diagnosis lists a state once', () => {
  it('a state whose parameter does not apply (the app pod calling itself as a node) is not listed beside the state it stands for', () => {
    const { matches } = diagnose({ remoteAddr: 'entry-node-bridge', xForwardedFor: null });
    expect(matches.filter((m) => m.scenario === 'pod-to-pod' && m.params.placement === 'self').map((m) => m.params.caller)).toEqual([
      'pod',
    ]);
  });
});

/** Where each cause text says the client's address is decided: the hop that must record it. */
const decidedAt: Record<CauseId, { where: string; is: (hop: Hop, index: number) => boolean }> = {
  'client-arrives': {
    where: 'the client sending, or ingress-nginx',
    is: (hop, i) => (i === 0 && hop.at === 'client') || (hop.kind === 'l7-proxy' && (hop.at === 'ingress-pod' || hop.at === 'gateway-pod')),
  },
  'in-cluster-caller': { where: 'the pod sending', is: (hop, i) => i === 0 && hop.at === 'source-pod' },
  'cluster-masquerade': { where: 'a masquerade on a node', is: (hop) => hop.kind === 'snat' && hop.at.startsWith('node-') },
  'in-cluster-caller-goes-out': {
    where: 'the caller’s node on the way out, or the load balancer it went out to',
    is: (hop) => (hop.kind === 'snat' && hop.at.startsWith('node-')) || hop.at === 'load-balancer',
  },
  'in-cluster-masquerade': { where: 'a masquerade on a node', is: (hop) => hop.kind === 'snat' && hop.at.startsWith('node-') },
  'cilium-snat-remote-backend': { where: 'Cilium’s SNAT on a node', is: (hop) => hop.kind === 'snat' && hop.at.startsWith('node-') },
  'hairpin-or-host-caller': {
    where: 'a node sending, or a masquerade on a node',
    is: (hop, i) => hop.at.startsWith('node-') && (i === 0 || hop.kind === 'snat'),
  },
  'l7-load-balancer-peer': { where: 'the HTTP load balancer', is: (hop) => hop.kind === 'l7-proxy' && hop.at === 'load-balancer' },
  'l4-proxy-without-proxy-protocol': {
    where: 'the TCP load balancer, writing no PROXY header',
    is: (hop) => hop.kind === 'l4-proxy' && hop.at === 'load-balancer' && hop.proxyProtocol === null,
  },
  'proxy-protocol-source': {
    where: 'the TCP load balancer, writing a PROXY header (as a proxy, or passing the packet on with its source kept)',
    is: (hop) => ['l4-proxy', 'dnat', 'route'].includes(hop.kind) && hop.at === 'load-balancer' && hop.proxyProtocol !== null,
  },
  'ingress-sends-its-peer': { where: 'ingress-nginx', is: (hop) => hop.kind === 'l7-proxy' && hop.at === 'ingress-pod' },
  'ingress-trust-misses-peer': { where: 'ingress-nginx', is: (hop) => hop.kind === 'l7-proxy' && hop.at === 'ingress-pod' },
  'ingress-reads-empty-header': { where: 'ingress-nginx', is: (hop) => hop.kind === 'l7-proxy' && hop.at === 'ingress-pod' },
  'ingress-trusts-forged-header': { where: 'ingress-nginx', is: (hop) => hop.kind === 'l7-proxy' && hop.at === 'ingress-pod' },
  'ingress-proxy-protocol-without-header': { where: 'ingress-nginx', is: (hop) => hop.kind === 'l7-proxy' && hop.at === 'ingress-pod' },
  'gateway-sees-its-peer': { where: 'the gateway', is: (hop) => hop.kind === 'l7-proxy' && hop.at === 'gateway-pod' },
  'gateway-trust-misses-peer': { where: 'the gateway', is: (hop) => hop.kind === 'l7-proxy' && hop.at === 'gateway-pod' },
  'gateway-reads-empty-header': { where: 'the gateway', is: (hop) => hop.kind === 'l7-proxy' && hop.at === 'gateway-pod' },
  'gateway-trusts-forged-header': { where: 'the gateway', is: (hop) => hop.kind === 'l7-proxy' && hop.at === 'gateway-pod' },
  'trusts-too-few-hops-behind-google': {
    where: 'ingress-nginx or the gateway',
    is: (hop) => hop.kind === 'l7-proxy' && (hop.at === 'ingress-pod' || hop.at === 'gateway-pod'),
  },
  'gateway-keeps-client-to-itself': { where: 'the gateway', is: (hop) => hop.kind === 'l7-proxy' && hop.at === 'gateway-pod' },
  'forged-header-passed-through': { where: 'the client sending', is: (hop, i) => i === 0 && hop.at === 'client' },
};

describe('the hop that decides the client address records the cause', () => {
  it('every delivered state’s cause is the last cause its hops recorded, recorded where the cause text says', () => {
    const misplaced = grouped.filter(({ t, cause }) => {
      const index = t.hops.findLastIndex((hop) => hop.cause !== undefined);
      return index < 0 || t.hops[index]!.cause !== cause || !decidedAt[cause].is(t.hops[index]!, index);
    });
    expect(misplaced.slice(0, 3).map(({ t, cause }) => `${t.id}?${new URLSearchParams(t.params)}: ${cause}`)).toEqual([]);
  });
  it('every sender records a cause, so every hop list starts with one', () => {
    expect(grouped.filter(({ t }) => t.hops[0]?.cause === undefined)).toEqual([]);
  });
  it('behind a TCP load balancer without PROXY protocol, Cluster masquerades the load balancer’s address, not the client’s', () => {
    // The load balancer's own connection already lost the client: with Local the app would see the load balancer, so
    // the cause is the load balancer, not kube-proxy (whose fix, Local, would not bring the client back).
    const local = trace('loadbalancer', { lb: 'l4-proxy', externalTrafficPolicy: 'Local', entry: 'node-with-endpoint' });
    expect(local.observed?.remoteAddr.role).toBe('load-balancer');
    const cluster = trace('loadbalancer', { lb: 'l4-proxy', externalTrafficPolicy: 'Cluster' });
    expect(['entry-node', 'entry-node-bridge']).toContain(cluster.observed?.remoteAddr.role);
    expect(causeOf(cluster)).toBe('l4-proxy-without-proxy-protocol');
  });
});
