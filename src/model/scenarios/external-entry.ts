/** The part NodePort, LoadBalancer and Ingress share: a request reaches a node's NodePort or the load balancer IP, and kube-proxy forwards it. */
import { type NodeName, type PodNetwork, addressOf, nodeAddress, plan } from '../addresses.ts';
import type { Flow } from '../hops.ts';
import {
  type Endpoint,
  type ExternalEntry,
  type ExternalServiceType,
  type ExternalTrafficPolicy,
  type ProxyMode,
  type TrafficSource,
  type HealthCheck,
  hasHealthCheckNodePort,
  healthCheckOn,
  kubeProxyExternal,
} from '../kube-proxy.ts';
import { fromClient, fromNode, fromPod, type SpoofedHeader } from '../senders.ts';
import type { Address } from '../roles.ts';
import { type IpMode, type LoadBalancerPath } from '../cloud/load-balancers.ts';
import { deliverToPod } from '../kube-proxy.ts';
import { loadBalancerHop, outAndBack } from '../load-balancer.ts';

/** The type of the Service each external scenario goes through: the ingress controller's Service is a LoadBalancer. */
export const serviceTypeOf = {
  nodeport: 'NodePort',
  loadbalancer: 'LoadBalancer',
  ingress: 'LoadBalancer',
  gateway: 'LoadBalancer',
} as const satisfies Record<string, ExternalServiceType>;

/** Reads the `entry` parameter as a node name. */
export function entryNode(entry: 'node-with-endpoint' | 'node-without-endpoint'): NodeName {
  return entry === 'node-with-endpoint' ? 'A' : 'B';
}

/** The health check node port's answer on the entry node, when the Service has one (type LoadBalancer with Local). */
export function healthCheckFor(entry: ExternalEntry): HealthCheck | undefined {
  return hasHealthCheckNodePort(entry.serviceType, entry.policy) ? healthCheckOn(entry.entryNode, entry.endpoint) : undefined;
}

/** A request from inside the cluster (a pod on the entry node, or the entry node itself) to `dst`. */
export function fromInside(source: 'pod' | 'node', entry: NodeName, dst: Address, spoofed: SpoofedHeader): Flow {
  return source === 'pod' ? fromPod(entry, dst, spoofed) : fromNode(entry, nodeAddress(entry, 'entry-node'), dst, spoofed);
}

/** A request to the entry node's NodePort, from the chosen source. */
export function toNodePort(entry: ExternalEntry, spoofed: SpoofedHeader): Flow {
  const dst = nodeAddress(entry.entryNode, 'node-port');
  return entry.source === 'external' ? fromClient(dst, spoofed) : fromInside(entry.source, entry.entryNode, dst, spoofed);
}

/** The load balancer's public address. */
export const lbVip: Address = addressOf(plan.lbVip, 'lb-vip');

/** kube-proxy's part, then the health check: shared by every external scenario. */
export function throughKubeProxy(flow: Flow, entry: ExternalEntry): { flow: Flow; healthCheck?: HealthCheck } {
  const healthCheck = healthCheckFor(entry);
  return { flow: kubeProxyExternal(flow, entry), ...(healthCheck ? { healthCheck } : {}) };
}

/** The parameters every path through a node's kube-proxy shares, as the scenarios declare them. */
export interface ExternalEntryParams {
  externalTrafficPolicy: ExternalTrafficPolicy;
  entry: 'node-with-endpoint' | 'node-without-endpoint';
  podNetwork: PodNetwork;
  proxyMode: ProxyMode;
  source: TrafficSource;
}

/** What kube-proxy on the entry node is told about a scenario's request: its Service type and endpoint, and the shared parameters. */
export function externalEntryOf(p: ExternalEntryParams, serviceType: ExternalServiceType, endpoint: Endpoint): ExternalEntry {
  return {
    serviceType,
    policy: p.externalTrafficPolicy,
    entryNode: entryNode(p.entry),
    podNetwork: p.podNetwork,
    proxyMode: p.proxyMode,
    source: p.source,
    endpoint,
  };
}

/** The app pod as the endpoint of a Service, on node A. */
export const appPodEndpoint: Endpoint = { address: addressOf(plan.appPod, 'app-pod'), node: 'A' };

/** Who calls the load balancer's address and what its status says: the parameters of the part in front of kube-proxy. */
export interface FrontParams extends ExternalEntryParams {
  ipMode: IpMode;
  spoofedHeader: SpoofedHeader;
}

/**
 * A request to the load balancer's address, up to kube-proxy on the node it enters: from outside, through the load
 * balancer; from inside, caught by kube-proxy on the caller's own node (kubernetes issue 66607) unless the status says
 * Proxy or carries no IP, when it goes out to the load balancer and back. `entry` is what kube-proxy is told;
 * `reachesNode` is false where the load balancer sends to the pod itself (AWS IP targets, Google's NEGs, Azure's AGIC).
 */
export function beforeKubeProxy(
  p: FrontParams,
  path: LoadBalancerPath,
  endpoint: Endpoint,
): { start: Flow; entry: ExternalEntry; reachesNode: boolean } {
  const inCluster = p.source !== 'external';
  const goesOut = inCluster && ((path.ipMode ?? p.ipMode) === 'Proxy' || !path.statusHasIp);
  // What reaches kube-proxy from a load balancer is outside traffic, whoever sent it.
  const entry = externalEntryOf({ ...p, source: inCluster && !goesOut ? p.source : 'external' }, path.serviceType, endpoint);
  const caller = inCluster
    ? fromInside(p.source as 'pod' | 'node', entry.entryNode, lbVip, p.spoofedHeader)
    : fromClient(lbVip, p.spoofedHeader);
  if (inCluster && !goesOut) return { start: caller, entry, reachesNode: true };
  const start = inCluster ? outAndBack(caller, path, entry.entryNode, endpoint) : loadBalancerHop(caller, path, entry.entryNode, endpoint);
  return { start, entry, reachesNode: path.target !== 'pod-ip' };
}

/** A request to the load balancer's address, through the front (beforeKubeProxy) and kube-proxy, to `endpoint`. */
export function throughFront(p: FrontParams, path: LoadBalancerPath, endpoint: Endpoint): { flow: Flow; healthCheck?: HealthCheck } {
  const { start, entry, reachesNode } = beforeKubeProxy(p, path, endpoint);
  return reachesNode ? throughKubeProxy(start, entry) : { flow: deliverToPod(start, endpoint) };
}
