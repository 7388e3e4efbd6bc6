/**
 * What the `cloud` parameter means for the load-balancer hop: a provider's catalogue record (providers.ts) read as the
 * path a request takes (listener, target, what the peer is, how X-Forwarded-For is written), and the parameters it
 * fixes (the design's rule: with a provider, `lb` follows `cloud` and `proxyProtocol`; with `generic`, `proxyProtocol`
 * follows `lb`).
 */
import type { LoadBalancerKind } from '../load-balancer.ts';
import type { ParamRecord } from '../params.ts';
import { quote } from '../text.ts';
import { type CloudProvider, cloudProviders, providers } from './providers.ts';

/** The `cloud` parameter's values: `generic` (the `lb` parameter decides), then every provider. */
export type Cloud = 'generic' | CloudProvider;

/** True for a provider's name (not `generic`). */
export function isCloudProvider(cloud: string): cloud is CloudProvider {
  return (cloudProviders as readonly string[]).includes(cloud);
}

/** `status.loadBalancer.ingress[].ipMode`. */
export type IpMode = 'VIP' | 'Proxy';

/** Where the load balancer sends the connection: a node's NodePort, a node with the load balancer IP kept, or the pod itself. */
export type LoadBalancerTarget = 'node-port' | 'node-lb-ip' | 'pod-ip';

/** How the load balancer writes X-Forwarded-For: its peer; its peer then its own forwarding-rule IP (Google); its peer with the port (Azure Application Gateway). */
export type ForwardedForStyle = 'peer' | 'peer-then-lb-ip' | 'peer-with-port';

/** The path through one load balancer, as the hop function follows it. Plain data, built from the catalogue or from `lb`. */
export interface LoadBalancerPath {
  /** The provider, or null for the generic listener. */
  provider: CloudProvider | null;
  /** The listener as the generic `lb` parameter names it (the summary a link carries). */
  kind: LoadBalancerKind;
  target: LoadBalancerTarget;
  /** True when the connection onward keeps the caller's address as its source (passthrough, or AWS client IP preservation). */
  keepsSource: boolean;
  /** True when a PROXY protocol header goes in front of the stream. */
  proxyProtocol: boolean;
  /** How X-Forwarded-For is written, for an HTTP listener; null for TCP. */
  forwardedFor: ForwardedForStyle | null;
  /**
   * True when the load balancer's status carries an IP kube-proxy can match; false when it carries only a hostname
   * (AWS), so in-cluster callers always go out to the load balancer.
   */
  statusHasIp: boolean;
  /**
   * `status.loadBalancer.ingress[].ipMode` as the provider's controller writes it (unset reads as VIP: kube-proxy's
   * default), or null where no provider is named and the reader chooses it.
   */
  ipMode: IpMode | null;
  /** The Service the load balancer sends to: a LoadBalancer Service, or the NodePort Service behind an Ingress or Gateway. */
  serviceType: 'LoadBalancer' | 'NodePort';
  /**
   * True when the provider's firewall at the load balancer checks `spec.loadBalancerSourceRanges` (or its Ingress
   * equivalent); false for the generic listener, whose controller the guide cannot know, and for providers that ignore it.
   */
  checksSourceRanges: boolean;
}

/** Whether the provider offers PROXY protocol through an annotation. */
export function offersProxyProtocol(provider: CloudProvider): boolean {
  return providers[provider].proxyProtocol !== null;
}

/** The generic listener's path: today's `lb` values, to a node's NodePort. */
export function genericPath(kind: LoadBalancerKind): LoadBalancerPath {
  return {
    provider: null,
    kind,
    target: 'node-port',
    keepsSource: kind === 'l4-passthrough',
    proxyProtocol: kind === 'l4-proxy-protocol',
    forwardedFor: kind === 'l7-http' ? 'peer' : null,
    statusHasIp: true,
    ipMode: null,
    serviceType: 'LoadBalancer',
    checksSourceRanges: false,
  };
}

/** A provider's path with PROXY protocol on or off (off where the provider offers none). */
export function providerPath(provider: CloudProvider, proxyProtocol: boolean): LoadBalancerPath {
  const facts = providers[provider];
  const withHeader = proxyProtocol && facts.proxyProtocol !== null;
  const keepsSource = facts.peer.kind === 'client';
  const kind: LoadBalancerKind =
    facts.listener === 'l7-http' ? 'l7-http' : withHeader ? 'l4-proxy-protocol' : keepsSource ? 'l4-passthrough' : 'l4-proxy';
  return {
    provider,
    kind,
    target: facts.target,
    keepsSource,
    proxyProtocol: withHeader,
    forwardedFor: facts.listener === 'l7-http' ? (facts.xff?.appends ?? 'peer') : null,
    statusHasIp: facts.statusIngress === 'ip',
    ipMode: (withHeader ? facts.ipMode.withProxyProtocol : undefined) ?? (facts.ipMode.default === 'Proxy' ? 'Proxy' : 'VIP'),
    // An HTTP load balancer in front of an Ingress or Gateway sends to a NodePort Service (or to pods): no health check node port.
    serviceType: facts.statusIngress === 'none' ? 'NodePort' : 'LoadBalancer',
    checksSourceRanges: facts.sourceRanges.atLoadBalancer,
  };
}

/** The path the scenario's `cloud`, `lb` and `proxyProtocol` describe. */
export function loadBalancerPath(p: { cloud: Cloud; lb: LoadBalancerKind; proxyProtocol: 'false' | 'true' }): LoadBalancerPath {
  return isCloudProvider(p.cloud) ? providerPath(p.cloud, p.proxyProtocol === 'true') : genericPath(p.lb);
}

/** Why `cloud` fixes a parameter, for its notice. */
function why(cloud: string, name: string): string {
  if (!isCloudProvider(cloud)) return 'with no provider named, PROXY protocol follows the listener';
  const facts = providers[cloud];
  if (name === 'proxyProtocol') return `${facts.name} offers no PROXY protocol`;
  if (name === 'ipMode') return `the controller of ${facts.name} writes that ipMode`;
  return `that is the listener of ${facts.name}`;
}

/**
 * The parameters `cloud` fixes, and a notice for each one a link gave that disagreed: with a provider, `lb` is its
 * listener and `proxyProtocol` is off where it offers none; with `generic`, `proxyProtocol` follows `lb`.
 * `given` names the parameters the link itself carried (a value filled in by default is never named).
 */
export function deriveCloudParams(params: ParamRecord, given: ReadonlySet<string>): { params: ParamRecord; notices: string[] } {
  const cloud = params.cloud ?? 'generic';
  const fixed: ParamRecord = {};
  if (isCloudProvider(cloud)) {
    const path = providerPath(cloud, params.proxyProtocol === 'true');
    fixed.proxyProtocol = String(path.proxyProtocol);
    fixed.lb = path.kind;
    if (path.ipMode) fixed.ipMode = path.ipMode;
  } else {
    fixed.proxyProtocol = String(params.lb === 'l4-proxy-protocol');
  }
  const notices: string[] = [];
  const out = { ...params };
  for (const [name, value] of Object.entries(fixed)) {
    if (out[name] === undefined || out[name] === value) continue;
    if (given.has(name))
      notices.push(`${name}=${quote(out[name])} does not fit cloud=${quote(cloud)}: ${name}=${value} is used (${why(cloud, name)}).`);
    out[name] = value;
  }
  return { params: out, notices };
}
