/**
 * A client reaches the app through a load balancer, the entry node and a Gateway API implementation's data-plane
 * pod (or haproxy-ingress), which proxies to the app pod. The gateway's own decision comes from
 * `forwardThroughGateway`, fed with the configuration each implementation would be given for the chosen
 * `clientIPDetection` intent.
 */
import { addressOf, plan } from '../addresses.ts';
import type { CauseId } from '../cause-ids.ts';
import { deriveCloudParams, genericPath, loadBalancerPath } from '../cloud/load-balancers.ts';
import {
  cloudParam,
  entryParam,
  ipModeParam,
  lbParam,
  podNetworkParam,
  proxyProtocolParam,
  sourceParam,
  spoofedHeaderParam,
} from '../common-params.ts';
import { forwardThroughGateway } from '../gateway/index.ts';
import type { GatewayImplementation, GatewayResult } from '../gateway/types.ts';
import { X_FORWARDED_FOR, X_ORIGINAL_FORWARDED_FOR, X_REAL_IP, headerValues } from '../headers.ts';
import { type DropCode, type Flow, type HeaderLine, type L7Policy, dnat, drop, l7Proxy, pipe } from '../hops.ts';
import { type Endpoint, deliverToPod } from '../kube-proxy.ts';
import { param, withDefault } from '../params.ts';
import { nodePlace } from '../places.ts';
import type { Address } from '../roles.ts';
import { defineScenario } from '../scenario.ts';
import { appPodEndpoint, beforeKubeProxy, throughFront } from './external-entry.ts';

/** The header Envoy sets to the client it detected on an edge request. */
export const X_ENVOY_EXTERNAL_ADDRESS = 'X-Envoy-External-Address';

/** The gateway's data-plane pod: the single endpoint of the gateway's Service, on node A (the ingress pod's address in the plan). */
const gatewayEndpoint: Endpoint = { address: addressOf(plan.gatewayPod, 'gateway-pod'), node: 'A' };

/** The network the load balancer and the nodes send from, as a reader would trust it. */
const lbNetwork = plan.nodeNetwork;

/** How a state whose setting has no equivalent in the chosen implementation begins its notice. */
export const NO_EQUIVALENT_NOTICE = 'No equivalent: ';

/** The client-IP intents the widget offers, each mapped to an implementation's own field (or to none). */
export type ClientIpDetection = 'default' | 'trust-lb-hops' | 'trust-lb-cidr' | 'trust-all' | 'proxy-protocol';

/** The configuration for one intent, or why the implementation has no equivalent; `readsForwarded` says whether it reads X-Forwarded-For. */
export type GatewayConfigChoice = { config: object; readsForwarded: boolean } | { none: string };

/** One implementation's mapping of every intent onto its own configuration. */
type GatewayMapping = (detection: ClientIpDetection) => GatewayConfigChoice;

const noCidr = 'has no trusted-CIDR option';

/**
 * Each implementation's own configuration for each intent. "Trust the load balancer's hop" trusts one hop; "trust the
 * load balancer's network" trusts the node network 192.0.2.0/24 (the load balancer and the nodes); "trust all" trusts
 * every address; "PROXY protocol" expects the header.
 */
export const gatewayConfigFor: Record<GatewayImplementation, GatewayMapping> = {
  // Raw Envoy: use_remote_address defaults to false, so the client is the rightmost X-Forwarded-For entry.
  envoy: (d) => {
    const cidrs = (addressPrefix: string, prefixLen: number) => ({
      originalIpDetection: { xff: { xffTrustedCidrs: { cidrs: [{ addressPrefix, prefixLen }] } } },
    });
    switch (d) {
      case 'default':
        return { config: {}, readsForwarded: true };
      case 'trust-lb-hops':
        return { config: { useRemoteAddress: true, xffNumTrustedHops: 1 }, readsForwarded: true };
      case 'trust-lb-cidr':
        return { config: cidrs('192.0.2.0', 24), readsForwarded: true };
      case 'trust-all':
        return { config: cidrs('0.0.0.0', 0), readsForwarded: true };
      case 'proxy-protocol':
        return { config: { useRemoteAddress: true, proxyProtocol: {} }, readsForwarded: false };
    }
  },
  'envoy-gateway': (d) => {
    switch (d) {
      case 'default':
        return { config: {}, readsForwarded: false };
      case 'trust-lb-hops':
        return { config: { clientIPDetection: { xForwardedFor: { numTrustedHops: 1 } } }, readsForwarded: true };
      case 'trust-lb-cidr':
        return { config: { clientIPDetection: { xForwardedFor: { trustedCIDRs: [lbNetwork] } } }, readsForwarded: true };
      case 'trust-all':
        return { config: { clientIPDetection: { xForwardedFor: { trustedCIDRs: ['0.0.0.0/0'] } } }, readsForwarded: true };
      case 'proxy-protocol':
        return { config: { proxyProtocol: {} }, readsForwarded: false };
    }
  },
  istio: (d) => {
    switch (d) {
      case 'default':
        return { config: {}, readsForwarded: false };
      case 'trust-lb-hops':
        return { config: { gatewayTopology: { numTrustedProxies: 1 } }, readsForwarded: true };
      case 'trust-lb-cidr':
      case 'trust-all':
        return { none: `Istio's gatewayTopology ${noCidr}: it trusts a number of hops (numTrustedProxies) only` };
      case 'proxy-protocol':
        return { config: { gatewayTopology: { proxyProtocol: {} } }, readsForwarded: false };
    }
  },
  cilium: (d) => {
    switch (d) {
      case 'default':
        return { config: {}, readsForwarded: false };
      case 'trust-lb-hops':
        return { config: { xffNumTrustedHops: 1 }, readsForwarded: true };
      case 'trust-lb-cidr':
      case 'trust-all':
        return { none: `Cilium's gatewayAPI Helm values ${noCidr}: they trust a number of hops (xffNumTrustedHops) only` };
      case 'proxy-protocol':
        return { config: { enableProxyProtocol: true }, readsForwarded: false };
    }
  },
  kgateway: (d) => {
    switch (d) {
      case 'default':
        return { config: {}, readsForwarded: false };
      case 'trust-lb-hops':
        return { config: { xffNumTrustedHops: 1 }, readsForwarded: true };
      case 'trust-lb-cidr':
        return { config: { useRemoteAddress: false, xffTrustedCIDRs: [lbNetwork] }, readsForwarded: true };
      case 'trust-all':
        return { config: { useRemoteAddress: false, xffTrustedCIDRs: ['0.0.0.0/0'] }, readsForwarded: true };
      case 'proxy-protocol':
        return { config: { proxyProtocol: {} }, readsForwarded: false };
    }
  },
  'nginx-gateway-fabric': (d) => {
    const realip = (mode: string, value: string) => ({ rewriteClientIP: { mode, trustedAddresses: [{ type: 'CIDR', value }] } });
    switch (d) {
      case 'default':
        return { config: {}, readsForwarded: false };
      case 'trust-lb-hops':
        return { none: 'NGINX Gateway Fabric trusts addresses (rewriteClientIP.trustedAddresses), not a number of hops' };
      case 'trust-lb-cidr':
        return { config: realip('XForwardedFor', lbNetwork), readsForwarded: true };
      case 'trust-all':
        return { config: realip('XForwardedFor', '0.0.0.0/0'), readsForwarded: true };
      case 'proxy-protocol':
        return { config: realip('ProxyProtocol', lbNetwork), readsForwarded: false };
    }
  },
  traefik: (d) => {
    switch (d) {
      case 'default':
        return { config: {}, readsForwarded: false };
      case 'trust-lb-hops':
        return { none: 'Traefik’s entry point trusts addresses (forwardedHeaders.trustedIPs), not a number of hops' };
      // Traefik keeps a trusted peer's X-Forwarded-For for the app, but its own client stays the peer (the access log's ClientAddr).
      case 'trust-lb-cidr':
        return { config: { forwardedHeaders: { trustedIPs: [lbNetwork] } }, readsForwarded: false };
      case 'trust-all':
        return { config: { forwardedHeaders: { insecure: true } }, readsForwarded: false };
      case 'proxy-protocol':
        return { config: { proxyProtocol: { trustedIPs: [lbNetwork] } }, readsForwarded: false };
    }
  },
  'haproxy-ingress': (d) => {
    switch (d) {
      case 'default':
        return { config: {}, readsForwarded: false };
      case 'trust-lb-hops':
      case 'trust-lb-cidr':
      case 'trust-all':
        return {
          none: 'haproxy-ingress has no setting that takes the client from X-Forwarded-For: its client is always HAProxy’s src (forwardfor only changes the headers it sends)',
        };
      case 'proxy-protocol':
        return { config: { 'use-proxy-protocol': 'true' }, readsForwarded: false };
    }
  },
};

/** The header names forwardThroughGateway reports, as the model's header lines spell them. */
const headerNames: Record<string, string> = {
  'x-forwarded-for': X_FORWARDED_FOR,
  'x-real-ip': X_REAL_IP,
  'x-envoy-external-address': X_ENVOY_EXTERNAL_ADDRESS,
  'x-original-forwarded-for': X_ORIGINAL_FORWARDED_FOR,
};

/** The received packet's addresses by IP, so that the gateway's answer (plain strings) keeps each address's role. */
function knownAddresses(received: Flow['packet']): Map<string, Address> {
  const known = new Map<string, Address>();
  for (const address of [
    received.src,
    ...(received.proxyProtocol ? [received.proxyProtocol] : []),
    ...received.headers.flatMap((l) => l.values),
  ]) {
    if (!known.has(address.ip)) known.set(address.ip, address);
  }
  return known;
}

/** An address the gateway wrote, with its role; the gateway can only write addresses it received. */
function addressIn(known: Map<string, Address>, ip: string): Address {
  const address = known.get(ip);
  if (!address) throw new Error(`The gateway wrote ${ip}, which it never received.`);
  return address;
}

/** The header lines the app receives from the gateway's answer (its wire form where it gives one); x-envoy-internal carries no address and is left out. */
function upstreamLines(result: GatewayResult, known: Map<string, Address>): HeaderLine[] {
  const lines = result.upstreamHeaderLines ?? Object.entries(result.upstreamHeaders);
  return lines
    .filter(([name]) => name in headerNames)
    .map(([name, value]) => ({
      name: headerNames[name]!,
      values: value
        .split(',')
        .map((entry) => entry.trim())
        .filter((entry) => entry !== '')
        .map((ip) => addressIn(known, ip)),
    }));
}

/** Why the gateway's client is the address it is: the client, a forged entry, or its peer for one of three reasons (none when an earlier hop decided). */
function gatewayCause(
  client: Address,
  readsForwarded: boolean,
  received: Flow['packet'],
  usedProxySource: boolean,
  sent: readonly HeaderLine[],
  cameBack: boolean,
): CauseId | undefined {
  if (client.role === 'client') {
    // Envoy with use_remote_address off appends nothing (the XFF extension's skip_xff_append is true when unset).
    return sent.some((line) => line.values.some((a) => a.role === 'client')) ? 'client-arrives' : 'gateway-keeps-client-to-itself';
  }
  if (client.role === 'spoofed') return 'gateway-trusts-forged-header';
  // An address the load balancer wrote into the header about itself (Google's forwarding rule), read as the client.
  if (readsForwarded && client.role === 'load-balancer' && client.ip !== received.src.ip) return 'trusts-too-few-hops-behind-google';
  // An in-cluster caller sent back by the load balancer: whatever the gateway reads, it names that caller's node at
  // best, and the load balancer's hop recorded why.
  if (cameBack) return undefined;
  if (!readsForwarded) return usedProxySource ? 'gateway-trust-misses-peer' : 'gateway-sees-its-peer';
  return (headerValues(received.headers, X_FORWARDED_FOR) ?? []).length === 0 ? 'gateway-reads-empty-header' : 'gateway-trust-misses-peer';
}

/** The drop code for a refused request: a PROXY header where none is expected (400), or none where one is required (closed). */
function rejectionCode(result: GatewayResult, received: Flow['packet']): DropCode {
  if (received.proxyProtocol !== null) return 'proxy-protocol-unexpected';
  if (result.rejected?.status === undefined)
    return result.rejected?.reset === true ? 'proxy-protocol-missing-reset' : 'proxy-protocol-missing';
  throw new Error(`The gateway refused with ${result.rejected.status}, which the scenario does not expect: ${result.rejected.reason}`);
}

/** What the gateway decided for one request: its client (null when refused), and the hop it adds. */
export interface GatewayHop {
  flow: Flow;
  clientIp: Address | null;
}

/** The gateway's data-plane pod: `forwardThroughGateway` decides the client and the headers, or refuses the request. */
export function throughGateway(
  flow: Flow,
  implementation: GatewayImplementation,
  choice: { config: object; readsForwarded: boolean },
): GatewayHop {
  if (flow.drop) return { flow, clientIp: null };
  const received = flow.packet;
  const known = knownAddresses(received);
  const forwarded = received.headers.filter((l) => l.name.toLowerCase() === X_FORWARDED_FOR.toLowerCase());
  const result = forwardThroughGateway({
    implementation,
    config: choice.config,
    peer: received.src.ip,
    ...(received.proxyProtocol ? { proxyProtocolSource: received.proxyProtocol.ip } : {}),
    headers: forwarded.length > 0 ? { 'x-forwarded-for': forwarded.map((l) => l.values.map((v) => v.ip).join(', ')) } : {},
  });
  const steps = result.steps.join(' ');
  if (result.rejected || result.clientIp === null) {
    return { flow: drop(flow, 'gateway-pod', rejectionCode(result, received), `${result.rejected?.reason ?? steps}`), clientIp: null };
  }
  const clientIp = addressIn(known, result.clientIp);
  const usedProxySource = received.proxyProtocol !== null;
  const cameBack = flow.hops.some((hop) => hop.cause === 'in-cluster-caller-goes-out');
  const policy: L7Policy = {
    name: `The gateway (${implementation})`,
    forward: () => {
      const headers = upstreamLines(result, known);
      return {
        headers,
        what: `treats ${clientIp.ip} as the client and proxies to the app from its own pod address. ${steps}`,
        cause: gatewayCause(clientIp, choice.readsForwarded, received, usedProxySource, headers, cameBack),
      };
    },
  };
  return { flow: l7Proxy(flow, 'gateway-pod', { src: gatewayEndpoint.address, dst: appPodEndpoint.address }, policy), clientIp };
}

/** Gateway: load balancer, the entry node (kube-proxy, or Cilium's TPROXY), the gateway's data plane, then pod to pod to the app. */
export const gateway = defineScenario({
  id: 'gateway',
  title: 'Gateway API',
  summary: 'A load balancer sends the client to a Gateway API implementation’s data plane, which proxies to the app pod.',
  params: [
    param('implementation', 'Gateway implementation', {
      'envoy-gateway': 'Envoy Gateway (a ClientTrafficPolicy).',
      istio: 'Istio’s ingress gateway (gatewayTopology).',
      cilium: 'Cilium’s Gateway API (its Helm gatewayAPI values; the node’s Envoy by TPROXY).',
      kgateway: 'kgateway (a ListenerPolicy).',
      'nginx-gateway-fabric': 'NGINX Gateway Fabric (NginxProxy rewriteClientIP).',
      traefik: 'Traefik (the entry point’s forwardedHeaders and proxyProtocol).',
      'haproxy-ingress': 'haproxy-ingress (ConfigMap forwardfor and use-proxy-protocol).',
      envoy: 'Envoy configured directly (its own defaults: use_remote_address false).',
    }),
    param('clientIPDetection', 'Client IP settings', {
      default: 'The implementation’s defaults.',
      'trust-lb-hops': 'Trust one hop of X-Forwarded-For (the load balancer’s).',
      'trust-lb-cidr': 'Trust X-Forwarded-For from the load balancer’s and the nodes’ network, 192.0.2.0/24.',
      'trust-all': 'Trust X-Forwarded-For from every address.',
      'proxy-protocol': 'Expect a PROXY protocol header.',
    }),
    param('externalTrafficPolicy', 'externalTrafficPolicy', {
      Local:
        'Nodes forward only to their own endpoints and keep the source address (Envoy Gateway’s and NGINX Gateway Fabric’s generated Services).',
      Cluster: 'Every node forwards to any endpoint, masquerading external traffic (Cilium keeps the source either way).',
    }),
    cloudParam,
    lbParam,
    proxyProtocolParam,
    // A load balancer in front of a Local Service sends only to nodes whose health check passes: the gateway's node.
    withDefault(entryParam, 'node-with-endpoint'),
    podNetworkParam,
    sourceParam,
    ipModeParam,
    spoofedHeaderParam,
  ] as const,
  derive: deriveCloudParams,
  run(p) {
    const implementation = p.implementation;
    const mapped = gatewayConfigFor[implementation](p.clientIPDetection);
    const notices: string[] = [];
    let choice: { config: object; readsForwarded: boolean };
    if ('none' in mapped) {
      notices.push(`${NO_EQUIVALENT_NOTICE}${mapped.none}. The state shows the implementation’s defaults.`);
      const fallback = gatewayConfigFor[implementation]('default');
      if ('none' in fallback) throw new Error(`${implementation} has no default configuration`);
      choice = fallback;
    } else {
      choice = mapped;
    }
    const front = { ...p, proxyMode: 'iptables' } as const;
    let path = loadBalancerPath({ cloud: p.cloud, lb: p.lb, proxyProtocol: p.proxyProtocol });
    if (implementation === 'cilium' && path.target === 'pod-ip') {
      // Cilium's Envoy runs on every node and no pod holds the Service's endpoint: its operator gives the Service the
      // placeholder 192.192.192.192:9999 (cilium/cilium operator/pkg/model/translation/gateway-api/translator.go,
      // desiredL7DummyEndpointSlice; its Ingress the same, Test_getEndpointForIngress), so a load balancer that sends
      // to the pods themselves has nothing to send to.
      notices.push(
        `${NO_EQUIVALENT_NOTICE}Cilium's gateway has no pod for a load balancer with pod targets to reach (its Service's endpoint is a placeholder, 192.192.192.192). The state shows the same listener sending to a node's NodePort.`,
      );
      path = genericPath(path.kind);
    }
    let flow: Flow;
    let healthCheck;
    if (implementation === 'cilium') {
      // Cilium's datapath redirects the connection to the node's own Envoy by TPROXY, keeping its source under either policy
      // (Documentation/network/servicemesh/ingress-reference.rst).
      const { start, entry } = beforeKubeProxy(front, path, gatewayEndpoint);
      flow = dnat(
        start,
        nodePlace(entry.entryNode),
        { ip: gatewayEndpoint.address.ip, role: 'ingress-pod' },
        `Cilium's datapath on the entry node hands the connection to the node's Envoy by TPROXY, keeping the source address (externalTrafficPolicy: ${p.externalTrafficPolicy}).`,
      );
    } else {
      ({ flow, healthCheck } = throughFront(front, path, gatewayEndpoint));
    }
    const at = throughGateway(flow, implementation, choice);
    const delivered = pipe(at.flow, (f) => deliverToPod(f, appPodEndpoint));
    return {
      flow: delivered,
      ...(healthCheck ? { healthCheck } : {}),
      ...(notices.length > 0 ? { notices } : {}),
      gateway: { clientIp: at.clientIp },
    };
  },
});
